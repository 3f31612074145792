/* fixture.h: what unit tests share: scratch databases, corpora from
 * strings, and running the built praxis binary. Include after cmocka.h. */
#ifndef PRAXIS_TEST_FIXTURE_H
#define PRAXIS_TEST_FIXTURE_H

#include <stddef.h>
#include <stdint.h>
#include "praxis/db.h"

/* A fresh path in the scratch directory ($PRAXIS_SCRATCH or /tmp),
 * unique per call; caller frees. */
char *fx_path(const char *suffix);
/* A new database with the default codebook; fails the test on error. */
px_db *fx_db(void);
/* Imports corpus YAML text into db as coder "tester"; returns the status
 * and leaves the message in msg (may be NULL). */
int fx_import(px_db *db, const char *yaml, char *msg, size_t msglen);
/* fx_db with yaml imported; fails the test on an import error. */
px_db *fx_db_with(const char *yaml);
/* The path of a new project file holding yaml (closed again); caller frees. */
char *fx_project_with(const char *yaml);
/* A small corpus every test may use (2 participants, 2 vignettes,
 * a few codings) -- see fixture.c for its exact text. */
extern const char fx_small_corpus[];
/* Two coders (a, b) who agree and disagree on three vignettes (team
 * coding: agree, negotiate) -- see fixture.c. */
extern const char fx_two_coder_corpus[];
/* fx_small_corpus's vignettes with fixed coding uuids (…0a on v1's
 * SR/tools, …0b on v2's JE coding by other) and no memos yet: the memo
 * tests append a `memos:` section. */
extern const char fx_memo_corpus[];
/* A memo on every kind of target (project, vignette, code with a
 * description, participant, coding besides its memo field, community,
 * repertoire and accountability entries), a coding with mode, register
 * entry, interpretation and speaker, one with stance and held_by, and a
 * whole-vignette coding: what the REFI-QDA exchange must carry. */
extern const char fx_refi_memo_corpus[];
/* Two field conflicts as a sync leaves them (issue 20): participant p01's
 * role (ours charge nurse, theirs ward nurse), conflict 1, and vignette
 * v1's title (ours The board, theirs The whiteboard), conflict 2. */
extern const char fx_field_conflict_corpus[];
/* A new scratch file (fx_path(suffix)) holding text; caller frees. */
char *fx_file_with(const char *suffix, const char *text);
/* The row id for a corpus id, failing the test if absent. */
int64_t fx_vignette(px_db *db, const char *ext_id);
int64_t fx_participant(px_db *db, const char *ext_id);
int64_t fx_code(px_db *db, const char *path);
int64_t fx_coder(px_db *db, const char *ext_id);

/* Runs the praxis binary ($PRAXIS_BIN, else ./praxis) with the argument
 * string through /bin/sh; captures stdout and stderr (caller frees).
 * Returns the exit status. */
int fx_run(const char *args, char **out, char **err);
/* The whole project as corpus YAML (corpus_export): what "unchanged" and
 * "the same" mean in tests; caller frees. */
char *fx_corpus_text(px_db *db);
/* pandoc reads the Markdown file without a warning; its HTML (caller
 * frees). Fails the test when pandoc is missing (make deps). */
char *fx_pandoc_html(const char *md_path);
/* The same for Markdown text. */
char *fx_pandoc_of(const char *md);
/* The standard output of `praxis --db DB ARGS`, failing the test on a
 * non-zero exit; caller frees. */
char *fx_cli_out(const char *db, const char *args);
/* Reads a whole file; caller frees. NULL if unreadable. */
char *fx_read_file(const char *path, size_t *len);
/* The first byte sequence a terminal would act on in s, or NULL: C0
 * controls but newline, DEL, C1 (UTF-8) and bidi embeddings, overrides and
 * isolates. */
const char *fx_live_control(const char *s);
/* The project's top directory ($PRAXIS_TOP, else "."). */
const char *fx_top(void);

#endif
