/* fixture.c: shared test scaffolding; see fixture.h. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include <cmocka.h>
#include "praxis/codebook.h"
#include "praxis/corpus.h"
#include "praxis/entity.h"
#include "praxis/participant.h"
#include "praxis/util.h"
#include "praxis/vignette.h"
#include "praxis/project.h"
#include "fixture.h"

const char fx_small_corpus[] =
	"praxis: 1\n"
	"project: Fixture\n"
	"coders:\n"
	"  - id: tester\n"
	"    name: Test Coder\n"
	"  - id: other\n"
	"communities:\n"
	"  - id: desk\n"
	"    name: The desk\n"
	"repertoire:\n"
	"  - id: pile\n"
	"    name: the Q pile\n"
	"    kind: tool\n"
	"    reified: true\n"
	"accountability:\n"
	"  - id: quota\n"
	"    name: meet the daily quota\n"
	"    reified: true\n"
	"participants:\n"
	"  - id: ann\n"
	"    pseudonym: Ann\n"
	"    role: old-timer\n"
	"    aliases: [Annie]\n"
	"  - id: bo\n"
	"    pseudonym: Bo\n"
	"    role: newcomer\n"
	"vignettes:\n"
	"  - id: v1\n"
	"    title: The pile\n"
	"    date: 2026-03-02\n"
	"    community: desk\n"
	"    observer: tester\n"
	"    participants: [ann, bo]\n"
	"    text: Annie put the claim on the Q pile. Bo asked why.\n"
	"    codings:\n"
	"      - code: SR/tools\n"
	"        quote: the Q pile\n"
	"        participants: [ann]\n"
	"        repertoire: pile\n"
	"        interpretation: a place to park doubt\n"
	"      - code: ME\n"
	"  - id: v2\n"
	"    title: Quota talk\n"
	"    date: 2026-04-10T09:30\n"
	"    community: desk\n"
	"    participants: [ann]\n"
	"    text: Ann said the quota can wait.\n"
	"    codings:\n"
	"      - code: JE/mutual accountability\n"
	"        start: 4\n"
	"        end: 27\n"
	"        accountability: quota\n"
	"        stance: negotiated\n"
	"        held_by: [ann]\n"
	"        coder: other\n";

const char fx_memo_corpus[] =
	"praxis: 1\n"
	"coders:\n  - id: tester\n  - id: other\n"
	"communities:\n  - id: desk\n"
	"repertoire:\n  - id: pile\n    name: the Q pile\n"
	"accountability:\n  - id: quota\n"
	"participants:\n  - id: ann\n    pseudonym: Ann\n  - id: bo\n    pseudonym: Bo\n"
	"vignettes:\n"
	"  - id: v1\n    title: The pile\n    date: 2026-03-02\n    community: desk\n"
	"    participants: [ann, bo]\n"
	"    text: Annie put the claim on the Q pile. Bo asked why.\n"
	"    codings:\n"
	"      - code: SR/tools\n        quote: the Q pile\n        participants: [ann]\n"
	"        repertoire: pile\n        uuid: 00000000-0000-4000-8000-00000000000a\n"
	"  - id: v2\n    title: Quota talk\n    date: 2026-04-10T09:30\n    community: desk\n"
	"    participants: [ann]\n    text: Ann said the quota can wait.\n"
	"    codings:\n"
	"      - code: JE/mutual accountability\n        start: 4\n        end: 27\n"
	"        accountability: quota\n        held_by: [ann]\n        coder: other\n"
	"        uuid: 00000000-0000-4000-8000-00000000000b\n";

const char fx_refi_memo_corpus[] =
	"praxis: 1\n"
	"project: Memos everywhere\n"
	"coders:\n  - id: tester\n    name: Test Coder\n  - id: other\n"
	"communities:\n  - id: desk\n    name: The desk\n"
	"repertoire:\n  - id: pile\n    name: the Q pile\n    description: where doubtful"
	" claims wait\n    community: desk\n"
	"accountability:\n  - id: quota\n    name: the daily quota\n"
	"codebook:\n  - code: SR/tools\n    description: things people work with\n"
	"    color: \"#c0504d\"\n"
	"participants:\n  - id: ann\n    pseudonym: Ann\n    role: old-timer\n"
	"  - id: bo\n    pseudonym: Bo\n"
	"vignettes:\n"
	"  - id: v1\n    title: The pile\n    date: 2026-03-02\n    community: desk\n"
	"    observer: tester\n    participants: [ann, bo]\n"
	"    text: Ann put the claim on the Q pile. Bo asked why.\n"
	"    codings:\n"
	"      - code: SR/tools\n        quote: the Q pile\n        participants: [ann]\n"
	"        coder: tester\n        mode: reification\n        memo: parked doubt\n"
	"        repertoire: pile\n        interpretation: a waiting room\n"
	"        speaker: ann\n"
	"        uuid: 00000000-0000-4000-8000-00000000000a\n"
	"      - code: ME\n        coder: other\n"
	"        uuid: 00000000-0000-4000-8000-00000000000c\n"
	"  - id: v2\n    title: Quota talk\n    date: 2026-04-10T09:30\n    community: desk\n"
	"    participants: [ann, bo]\n    text: Ann said the quota can wait.\n"
	"    codings:\n"
	"      - code: JE/mutual accountability\n        start: 4\n        end: 27\n"
	"        accountability: quota\n        stance: negotiated\n        held_by: [bo]\n"
	"        coder: other\n        uuid: 00000000-0000-4000-8000-00000000000b\n"
	"memos:\n"
	"  - on: [project]\n    title: Where this goes\n    text: The project memo.\n"
	"  - on: ['vignette:v1']\n    text: The vignette memo.\n"
	"  - on: ['code:SR/tools']\n    text: The code memo.\n"
	"  - on: ['participant:ann']\n    text: The participant memo.\n"
	"  - on: ['coding:00000000-0000-4000-8000-00000000000a']\n    text: The coding memo.\n"
	"  - on: ['community:desk']\n    text: The community memo.\n"
	"  - on: ['repertoire:pile']\n    text: The repertoire memo.\n"
	"  - on: ['accountability:quota']\n    text: The accountability memo.\n";

/* Coders a and b on v1 (48 code points) and v2 (28); v3 by a alone.
 * They disagree on SR/tools in v1 (a 23-33, b 27-33) and JE/rhythms in v1
 * (b alone, 0-5); they agree on ME (whole v1) and SR/words (v2, 0-3). */
const char fx_two_coder_corpus[] =
	"praxis: 1\n"
	"coders:\n"
	"  - id: a\n"
	"  - id: b\n"
	"vignettes:\n"
	"  - id: v1\n"
	"    title: The pile\n"
	"    date: 2026-03-02\n"
	"    text: Annie put the claim on the Q pile. Bo asked why.\n"
	"    codings:\n"
	"      - {code: ME, coder: a}\n"
	"      - {code: ME, coder: b}\n"
	"      - {code: JE/rhythms, coder: b, start: 0, end: 5}\n"
	"      - {code: SR/tools, coder: a, start: 23, end: 33, memo: the pile itself}\n"
	"      - {code: SR/tools, coder: b, start: 27, end: 33}\n"
	"  - id: v2\n"
	"    title: Quota talk\n"
	"    date: 2026-04-10\n"
	"    text: Ann said the quota can wait.\n"
	"    codings:\n"
	"      - {code: SR/words, coder: a, start: 0, end: 3}\n"
	"      - {code: SR/words, coder: b, start: 0, end: 3}\n"
	"  - id: v3\n"
	"    title: Alone\n"
	"    date: 2026-04-11\n"
	"    text: Nobody else read this.\n"
	"    codings:\n"
	"      - {code: SR/tools, coder: a}\n";

static int path_counter;

char *fx_path(const char *suffix)
{
	const char *dir = getenv("PRAXIS_SCRATCH");

	return xasprintf("%s/fx-%ld-%d%s", dir && *dir ? dir : "/tmp", (long)getpid(),
			 ++path_counter, suffix ? suffix : "");
}

px_db *fx_db(void)
{
	char *path = fx_path(".db");
	px_db *db = NULL;
	px_err e = { 0 };
	int rc = project_open(path, PROJECT_CREATE, &db, &e);

	if (rc)
		fail_msg("fx_db: %s", e.msg);
	free(path);
	return db;
}

int fx_import(px_db *db, const char *yaml, char *msg, size_t msglen)
{
	px_err e = { 0 };
	int64_t coder = 0;
	int rc;

	if (entity_find(db, ENT_CODER, "tester", &coder, NULL) != PX_OK) {
		px_entity ent = { 0 };
		ent.ext_id = xstrdup("tester");
		ent.reified = -1;
		if (entity_add(db, ENT_CODER, &ent, &e))
			fail_msg("fx_import: %s", e.msg);
		coder = ent.id;
		entity_free(&ent);
	}
	rc = corpus_import_buffer(db, "fixture.yaml", yaml, strlen(yaml), coder, NULL, &e);
	if (msg)
		snprintf(msg, msglen, "%s", rc ? e.msg : "");
	return rc;
}

px_db *fx_db_with(const char *yaml)
{
	px_db *db = fx_db();
	char msg[1024];

	if (fx_import(db, yaml, msg, sizeof(msg)))
		fail_msg("fx_db_with: %s", msg);
	return db;
}

char *fx_project_with(const char *yaml)
{
	px_db *db = fx_db_with(yaml);
	char *path = xstrdup(db_path(db));

	db_close(db);
	return path;
}

int64_t fx_vignette(px_db *db, const char *ext_id)
{
	int64_t id = 0;

	if (vignette_find(db, ext_id, &id, NULL))
		fail_msg("no vignette %s", ext_id);
	return id;
}

int64_t fx_participant(px_db *db, const char *ext_id)
{
	int64_t id = 0;

	if (participant_find(db, ext_id, &id, NULL))
		fail_msg("no participant %s", ext_id);
	return id;
}

int64_t fx_code(px_db *db, const char *path)
{
	int64_t id = 0;
	px_err e = { 0 };

	if (codebook_resolve(db, path, 0, &id, NULL, &e))
		fail_msg("no code %s: %s", path, e.msg);
	return id;
}

int64_t fx_coder(px_db *db, const char *ext_id)
{
	int64_t id = 0;

	if (entity_find(db, ENT_CODER, ext_id, &id, NULL))
		fail_msg("no coder %s", ext_id);
	return id;
}

char *fx_read_file(const char *path, size_t *len)
{
	return util_read_file(path, len);
}

const char *fx_top(void)
{
	const char *top = getenv("PRAXIS_TOP");

	return top && *top ? top : ".";
}

int fx_run(const char *args, char **out, char **err)
{
	const char *bin = getenv("PRAXIS_BIN");
	char *out_path = fx_path(".out"), *err_path = fx_path(".err");
	char *cmd = xasprintf("%s %s >'%s' 2>'%s' </dev/null", bin && *bin ? bin : "./praxis",
			      args, out_path, err_path);
	int status = system(cmd);

	if (out)
		*out = fx_read_file(out_path, NULL);
	if (err)
		*err = fx_read_file(err_path, NULL);
	unlink(out_path);
	unlink(err_path);
	free(out_path);
	free(err_path);
	free(cmd);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

/* The first byte sequence a terminal would act on, or NULL: C0 controls
 * other than newline, DEL, C1 controls (as UTF-8) and bidi embeddings,
 * overrides and isolates. */
const char *fx_live_control(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p < 0x20 && *p != '\n') || *p == 0x7f)
			return (const char *)p;
		if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f)
			return (const char *)p;
		if (p[0] == 0xe2 && p[1] == 0x80 && p[2] >= 0xaa && p[2] <= 0xae)
			return (const char *)p;
		if (p[0] == 0xe2 && p[1] == 0x81 && p[2] >= 0xa6 && p[2] <= 0xa9)
			return (const char *)p;
	}
	return NULL;
}

char *fx_corpus_text(px_db *db)
{
	char *path = fx_path(".yaml"), *text;
	FILE *fp = fopen(path, "w");
	px_err e = { 0 };

	assert_non_null(fp);
	assert_int_equal(corpus_export(db, fp, &e), PX_OK);
	fclose(fp);
	text = fx_read_file(path, NULL);
	remove(path);
	free(path);
	assert_non_null(text);
	return text;
}

char *fx_cli_out(const char *db, const char *args)
{
	char *cmd = xasprintf("--db '%s' %s", db, args), *out, *err;
	int st = fx_run(cmd, &out, &err);

	if (st != 0)
		fail_msg("%s: exit %d: %s", args, st, err);
	free(cmd);
	free(err);
	return out;
}

char *fx_pandoc_of(const char *md)
{
	char *in = fx_path(".md"), *html;
	FILE *f = fopen(in, "w");

	assert_non_null(f);
	fputs(md, f);
	fclose(f);
	html = fx_pandoc_html(in);
	unlink(in);
	free(in);
	return html;
}

char *fx_pandoc_html(const char *md_path)
{
	char *out = fx_path(".html"), *cmd, *html;

	if (system("command -v pandoc >/dev/null 2>&1") != 0)
		fail_msg("pandoc is not installed: run `make deps` (the Markdown export is checked"
			 " with it)");
	cmd = xasprintf("pandoc -f markdown -t html --wrap=none --fail-if-warnings '%s' -o '%s' 2>&1",
			md_path, out);
	assert_int_equal(system(cmd), 0);
	html = fx_read_file(out, NULL);
	assert_non_null(html);
	unlink(out);
	free(out);
	free(cmd);
	return html;
}

const char fx_field_conflict_corpus[] =
	"praxis: 1\n"
	"coders: [{id: a}]\n"
	"participants: [{id: p01, pseudonym: Rosa, role: charge nurse}]\n"
	"vignettes:\n"
	"  - {id: v1, title: The board, date: 2026-03-02, text: Rosa wipes.}\n"
	"conflicts:\n"
	"  - kind: field\n"
	"    ours: \"participants\\n=p01\\nrole\"\n"
	"    theirs_text: \"role: ward nurse\"\n"
	"    description: role changed on both sides\n"
	"  - kind: field\n"
	"    vignette: v1\n"
	"    ours: \"vignettes\\n=v1\\ntitle\"\n"
	"    theirs_text: \"title: The whiteboard\"\n"
	"    description: title changed on both sides\n";

char *fx_file_with(const char *suffix, const char *text)
{
	char *path = fx_path(suffix);
	FILE *fp = fopen(path, "w");

	assert_non_null(fp);
	fputs(text, fp);
	assert_int_equal(fclose(fp), 0);
	return path;
}
