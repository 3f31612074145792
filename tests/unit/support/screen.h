/* screen.h: helpers for headless interface tests (--script,
 * --dump-screen): a scratch database with a corpus, a key script run at a
 * size, and assertions on the dumped screen. Include after cmocka.h. */
#ifndef PRAXIS_TEST_SCREEN_H
#define PRAXIS_TEST_SCREEN_H

#include <stdint.h>

/* A scratch database with yaml (fx_small_corpus if NULL) imported as
 * coder tester; caller frees the path. */
char *sc_make_db(const char *yaml);
/* Runs keys on db at cols x rows with extra global options (may be NULL;
 * "--coder tester" unless opts names a --coder); returns the dumped
 * screen (caller frees). */
char *sc_run(const char *db, const char *keys, int cols, int rows, const char *opts);
/* The n-th line (0-based) of a screen; caller frees. */
char *sc_line(const char *screen, int n);
void sc_assert_has(const char *screen, const char *want);
void sc_assert_lacks(const char *screen, const char *want);
/* One integer from SQL on the database at path. */
int64_t sc_scalar(const char *db, const char *sql);
/* Writes text to a fresh scratch file made executable; caller frees. */
char *sc_script_file(const char *text);

#endif
