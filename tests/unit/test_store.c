/* test_store.c: the SQLite store: schema, migrations, transactions, and
 * each model module through its public API. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <unistd.h>
#include <sys/stat.h>
#include <cmocka.h>
#include <sqlite3.h>
#include "praxis/codebook.h"
#include "praxis/coding.h"
#include "praxis/entity.h"
#include "praxis/participant.h"
#include "praxis/util.h"
#include "praxis/vignette.h"
#include "praxis/project.h"
#include "fixture.h"
#include "../../src/core/schema.h"

static void test_new_db_is_private_and_seeded(void **state)
{
	char *path = fx_path(".db");
	px_db *db = NULL;
	px_err e = { 0 };
	struct stat sb;

	(void)state;
	assert_int_equal(project_open(path, PROJECT_CREATE, &db, &e), PX_OK);
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	assert_int_equal(codebook_count(db), 3 + 26);
	db_close(db);
	free(path);
}

static void test_small_corpus_imports(void **state)
{
	px_db *db = fx_db();
	char msg[1024];
	px_coding c;
	px_err e = { 0 };

	(void)state;
	assert_int_equal(fx_import(db, fx_small_corpus, msg, sizeof(msg)), PX_OK);
	assert_int_equal(vignette_count(db), 2);
	assert_int_equal(coding_count(db), 3);
	assert_int_equal(coding_get(db, 1, &c, &e), PX_OK);
	/* "Annie put the claim on " is 23 code points */
	assert_int_equal(c.start, 23);
	assert_int_equal(c.end, 33);
	assert_int_equal(c.code_id, fx_code(db, "SR/tools"));
	coding_free(&c);
	db_close(db);
}

/* Runs sql on path with plain SQLite, outside praxis. */
static void raw_exec(const char *path, const char *sql)
{
	sqlite3 *h = NULL;

	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	if (sqlite3_exec(h, sql, NULL, NULL, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(h));
	sqlite3_close(h);
}

static void test_newer_schema_refused(void **state)
{
	char *path = fx_path(".db"), want[1024], pragma[64];
	int newer = schema_version_count + 1;
	px_db *db = NULL;
	px_err e = { 0 };

	(void)state;
	assert_int_equal(project_open(path, PROJECT_CREATE, &db, &e), PX_OK);
	db_close(db);
	snprintf(pragma, sizeof(pragma), "PRAGMA user_version = %d", newer);
	raw_exec(path, pragma);
	assert_int_equal(project_open(path, 0, &db, &e), PX_EDATA);
	assert_null(db);
	snprintf(want, sizeof(want), "%s: the database has schema version %d, newer than this "
		 "praxis supports (%d); upgrade praxis to open it", path, newer,
		 schema_version_count);
	assert_string_equal(e.msg, want);
	/* and it was not touched: still the newer version */
	raw_exec(path, "CREATE TABLE probe(x)");
	free(path);
}

static void test_foreign_sqlite_refused(void **state)
{
	char *path = fx_path(".db"), want[1024];
	px_db *db = NULL;
	px_err e = { 0 };

	(void)state;
	raw_exec(path, "CREATE TABLE invoices(id INTEGER PRIMARY KEY, total REAL)");
	assert_int_equal(project_open(path, PROJECT_CREATE, &db, &e), PX_EDATA);
	snprintf(want, sizeof(want), "%s: not a praxis database (an SQLite file of another "
		 "program)", path);
	assert_string_equal(e.msg, want);
	free(path);
}

static void test_not_sqlite_refused(void **state)
{
	char *path = fx_path(".db");
	FILE *fp = fopen(path, "w");
	px_db *db = NULL;
	px_err e = { 0 };

	(void)state;
	fputs("praxis: 1\nthis is a corpus, not a database, and it is long enough to "
	      "fill a header that SQLite would read as a page of its own.\n", fp);
	fclose(fp);
	assert_int_not_equal(project_open(path, 0, &db, &e), PX_OK);
	assert_null(db);
	assert_non_null(strstr(e.msg, path));
	assert_non_null(strstr(e.msg, "not a database"));
	free(path);
}

static void test_missing_db_without_create(void **state)
{
	char *path = fx_path(".db"), want[1024];
	px_db *db = NULL;
	px_err e = { 0 };

	(void)state;
	assert_int_equal(project_open(path, 0, &db, &e), PX_EIO);
	snprintf(want, sizeof(want), "%s: no such database (create one with 'praxis init' or "
		 "'praxis import FILE.yaml')", path);
	assert_string_equal(e.msg, want);
	assert_int_equal(access(path, F_OK), -1);
	free(path);
}

static void test_pragmas(void **state)
{
	px_db *db = fx_db();
	sqlite3_stmt *st;
	char *wal;
	struct stat sb;
	px_err e = { 0 };

	(void)state;
	assert_int_equal(db_scalar(db, "PRAGMA foreign_keys"), 1);
	assert_int_equal(db_scalar(db, "PRAGMA user_version"), schema_version_count);
	assert_int_equal(sqlite3_prepare_v2(db_sqlite(db), "PRAGMA journal_mode", -1, &st, NULL),
			 SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(st, 0), "wal");
	sqlite3_finalize(st);
	/* a foreign key violation is refused by the store itself */
	assert_int_not_equal(db_exec(db, "INSERT INTO vignette_participant(vignette_id,"
				     " participant_id, ord) VALUES (999, 999, 0)", &e), PX_OK);
	/* the write-ahead log inherits the private mode */
	assert_int_equal(db_meta_set(db, "probe", "x", &e), PX_OK);
	wal = xasprintf("%s-wal", db_path(db));
	assert_int_equal(stat(wal, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	free(wal);
	db_close(db);
}

static int rollbacks;

static void count_rollback(void *ud, int event, const struct px_coding *before,
			   const struct px_coding *after)
{
	(void)ud;
	(void)before;
	(void)after;
	if (event == DB_EV_ROLLBACK)
		rollbacks++;
}

static void test_nested_rollback(void **state)
{
	px_db *db = fx_db();
	int64_t id;
	px_err e = { 0 };
	int64_t before = codebook_count(db);

	(void)state;
	rollbacks = 0;
	db_listen(db, count_rollback, NULL);
	assert_int_equal(db_begin(db, &e), PX_OK);
	assert_int_equal(codebook_add(db, CODE_ME, "outer", &id, &e), PX_OK);
	assert_int_equal(db_begin(db, &e), PX_OK);
	assert_int_equal(codebook_add(db, CODE_ME, "inner", &id, &e), PX_OK);
	db_rollback(db);                  /* the inner level fails */
	assert_true(db_in_transaction(db));
	assert_int_equal(rollbacks, 0);
	assert_int_equal(db_commit(db, &e), PX_EIO);
	assert_string_equal(e.msg, "the transaction was rolled back");
	assert_false(db_in_transaction(db));
	assert_int_equal(rollbacks, 1);
	/* both the inner and the outer write are gone */
	assert_int_equal(codebook_count(db), before);
	assert_int_equal(codebook_resolve(db, "ME/outer", 0, &id, NULL, &e), PX_ENOTFOUND);
	/* and the connection works normally afterwards */
	assert_int_equal(db_begin(db, &e), PX_OK);
	assert_int_equal(codebook_add(db, CODE_ME, "later", &id, &e), PX_OK);
	assert_int_equal(db_commit(db, &e), PX_OK);
	assert_int_equal(codebook_count(db), before + 1);
	db_unlisten(db, count_rollback, NULL);
	db_close(db);
}

static void assert_path(px_db *db, int64_t id, const char *want)
{
	char *path = NULL;
	px_err e = { 0 };

	assert_int_equal(codebook_path(db, id, &path, &e), PX_OK);
	assert_string_equal(path, want);
	free(path);
}

static void test_codebook_paths(void **state)
{
	px_db *db = fx_db();
	int64_t slash, back, got, deep;
	int created = -1;
	px_err e = { 0 };

	(void)state;
	assert_int_equal(codebook_add(db, CODE_ME, "and/or", &slash, &e), PX_OK);
	assert_path(db, slash, "ME/and\\/or");
	assert_int_equal(codebook_resolve(db, "ME/and\\/or", 0, &got, NULL, &e), PX_OK);
	assert_int_equal(got, slash);
	/* full root name, any case, blanks around segments */
	assert_int_equal(codebook_resolve(db, "Mutual Engagement / and\\/or", 0, &got, NULL, &e),
			 PX_OK);
	assert_int_equal(got, slash);
	assert_int_equal(codebook_resolve(db, "ME/and/or", 0, &got, NULL, &e), PX_ENOTFOUND);
	assert_string_equal(e.msg, "code path 'ME/and/or': no code 'and'");
	/* a backslash in a name survives the round trip through the path */
	assert_int_equal(codebook_add(db, CODE_SR, "c:\\temp", &back, &e), PX_OK);
	assert_path(db, back, "SR/c:\\\\temp");
	assert_int_equal(codebook_resolve(db, "shared repertoire/c:\\\\temp", 0, &got, NULL,
					  &e), PX_OK);
	assert_int_equal(got, back);
	/* create makes every missing segment */
	assert_int_equal(codebook_resolve(db, "joint enterprise/x\\/y/z", 1, &deep, &created, &e),
			 PX_OK);
	assert_int_equal(created, 2);
	assert_path(db, deep, "JE/x\\/y/z");
	assert_int_equal(codebook_resolve(db, "JE/x\\/y/z", 1, &got, &created, &e), PX_OK);
	assert_int_equal(created, 0);
	assert_int_equal(got, deep);
	/* errors name the path and the segment */
	assert_int_equal(codebook_resolve(db, "ME//x", 1, &got, NULL, &e), PX_EDATA);
	assert_string_equal(e.msg, "code path 'ME//x': segment 2 is empty");
	assert_int_equal(codebook_resolve(db, "ME/x/", 1, &got, NULL, &e), PX_EDATA);
	assert_string_equal(e.msg, "code path 'ME/x/': segment 3 is empty");
	assert_int_equal(codebook_resolve(db, "XX/foo", 1, &got, NULL, &e), PX_EDATA);
	assert_non_null(strstr(e.msg, "'XX' is not a dimension"));
	assert_int_equal(codebook_resolve(db, "", 1, &got, NULL, &e), PX_EDATA);
	assert_string_equal(e.msg, "empty code path");
	db_close(db);
}

static int64_t add_coding(px_db *db, int64_t vid, int64_t code, int64_t start, int64_t end)
{
	px_coding c = { 0 };
	px_err e = { 0 };
	int64_t id;

	c.vignette_id = vid;
	c.code_id = code;
	c.coder_id = fx_coder(db, "tester");
	c.start = start;
	c.end = end;
	if (coding_add(db, &c, &e))
		fail_msg("coding_add: %s", e.msg);
	id = c.id;
	coding_free(&c);
	return id;
}

static int64_t code_of(px_db *db, int64_t coding)
{
	px_coding c;
	px_err e = { 0 };
	int64_t code;

	assert_int_equal(coding_get(db, coding, &c, &e), PX_OK);
	code = c.code_id;
	coding_free(&c);
	return code;
}

static px_db *fixture_db(void)
{
	px_db *db = fx_db();
	char msg[1024];

	if (fx_import(db, fx_small_corpus, msg, sizeof(msg)))
		fail_msg("fixture: %s", msg);
	return db;
}

static void test_codebook_rename_move(void **state)
{
	px_db *db = fixture_db();
	int64_t a, b, kid;
	px_code c;
	px_err e = { 0 };

	(void)state;
	assert_int_equal(codebook_rename(db, CODE_ME, "engagement", &e), PX_EDATA);
	assert_string_equal(e.msg, "the three dimensions cannot be renamed");
	assert_int_equal(codebook_resolve(db, "ME/alpha/kid", 1, &kid, NULL, &e), PX_OK);
	a = fx_code(db, "ME/alpha");
	assert_int_equal(codebook_add(db, CODE_ME, "beta", &b, &e), PX_OK);
	assert_int_equal(codebook_rename(db, b, "alpha", &e), PX_EDATA);
	assert_string_equal(e.msg, "a sibling code is already named 'alpha'");
	assert_int_equal(codebook_rename(db, b, "gamma", &e), PX_OK);
	assert_path(db, b, "ME/gamma");
	/* moving under itself or a descendant is refused */
	assert_int_equal(codebook_move(db, a, kid, &e), PX_EDATA);
	assert_int_equal(codebook_move(db, a, a, &e), PX_EDATA);
	assert_int_equal(codebook_move(db, CODE_JE, CODE_ME, &e), PX_EDATA);
	/* moving to another dimension carries the subtree's dimension along */
	assert_int_equal(codebook_move(db, a, CODE_SR, &e), PX_OK);
	assert_path(db, kid, "SR/alpha/kid");
	assert_int_equal(codebook_get(db, kid, &c, &e), PX_OK);
	assert_int_equal(c.dimension, CODE_SR);
	assert_int_equal(c.parent_id, a);
	codebook_free(&c);
	db_close(db);
}

static void test_codebook_merge(void **state)
{
	px_db *db = fixture_db();
	int64_t vid = fx_vignette(db, "v1"), from, into, c1, c2, c3, twin_from, twin_into, only;
	px_err e = { 0 };
	int64_t total = coding_count(db);

	(void)state;
	assert_int_equal(codebook_resolve(db, "ME/from/shared", 1, &twin_from, NULL, &e), PX_OK);
	assert_int_equal(codebook_resolve(db, "ME/from/only", 1, &only, NULL, &e), PX_OK);
	assert_int_equal(codebook_resolve(db, "ME/into/shared", 1, &twin_into, NULL, &e), PX_OK);
	from = fx_code(db, "ME/from");
	into = fx_code(db, "ME/into");
	c1 = add_coding(db, vid, from, 0, 5);
	c2 = add_coding(db, vid, twin_from, 5, 10);
	c3 = add_coding(db, vid, only, 10, 15);
	assert_int_equal(codebook_merge(db, from, twin_from, &e), PX_EDATA);
	assert_int_equal(codebook_merge(db, CODE_ME, into, &e), PX_EDATA);
	assert_int_equal(codebook_merge(db, from, into, &e), PX_OK);
	/* codings follow: from's to into, the twin child's to into's twin */
	assert_int_equal(code_of(db, c1), into);
	assert_int_equal(code_of(db, c2), twin_into);
	assert_int_equal(code_of(db, c3), only);
	assert_path(db, only, "ME/into/only");
	assert_int_equal(codebook_resolve(db, "ME/from", 0, &from, NULL, &e), PX_ENOTFOUND);
	assert_int_equal(codebook_get(db, twin_from, &(px_code){ 0 }, &e), PX_ENOTFOUND);
	assert_int_equal(coding_count(db), total + 3);
	assert_int_equal(codebook_coding_count(db, into, 1), 3);
	db_close(db);
}

static void test_codebook_delete(void **state)
{
	px_db *db = fixture_db();
	int64_t vid = fx_vignette(db, "v2"), top, kid, n = -1, codes;
	px_err e = { 0 };
	int64_t total = coding_count(db);

	(void)state;
	assert_int_equal(codebook_resolve(db, "JE/top/kid", 1, &kid, NULL, &e), PX_OK);
	top = fx_code(db, "JE/top");
	add_coding(db, vid, top, 0, 3);
	add_coding(db, vid, kid, 4, 8);
	add_coding(db, vid, kid, -1, -1);
	codes = codebook_count(db);
	assert_int_equal(codebook_delete(db, CODE_JE, &n, &e), PX_EDATA);
	assert_int_equal(codebook_delete(db, top, &n, &e), PX_OK);
	assert_int_equal(n, 3);
	assert_int_equal(coding_count(db), total);
	assert_int_equal(codebook_count(db), codes - 2);
	assert_int_equal(codebook_resolve(db, "JE/top", 0, &top, NULL, &e), PX_ENOTFOUND);
	db_close(db);
}

static const char reanchor_corpus[] =
	"praxis: 1\n"
	"vignettes:\n"
	"  - id: r1\n"
	"    title: Re-anchoring\n"
	"    date: 2026-05-01\n"
	"    text: one two three four five\n"
	"    codings:\n"
	"      - code: ME\n"
	"        quote: one\n"
	"      - code: JE\n"
	"        quote: three\n"
	"      - code: SR\n"
	"        quote: five\n"
	"      - code: ME\n";

struct span { int64_t start, end; int review; };

static void spans_of(px_db *db, struct span out[4])
{
	px_coding c;
	px_err e = { 0 };

	for (int i = 0; i < 4; i++) {
		assert_int_equal(coding_get(db, i + 1, &c, &e), PX_OK);
		out[i].start = c.start;
		out[i].end = c.end;
		out[i].review = c.needs_review;
		coding_free(&c);
	}
}

static int set_text(px_db *db, int64_t vid, const char *text)
{
	px_vignette v;
	px_err e = { 0 };
	int flagged = -1;

	assert_int_equal(vignette_get(db, vid, &v, &e), PX_OK);
	free(v.text);
	v.text = xstrdup(text);
	if (vignette_update(db, &v, &flagged, &e))
		fail_msg("vignette_update: %s", e.msg);
	vignette_free(&v);
	return flagged;
}

static void test_vignette_update_reanchors(void **state)
{
	px_db *db = fx_db();
	char msg[1024];
	struct span s[4];
	int64_t vid;

	(void)state;
	if (fx_import(db, reanchor_corpus, msg, sizeof(msg)))
		fail_msg("%s", msg);
	vid = fx_vignette(db, "r1");
	spans_of(db, s);
	assert_int_equal(s[0].start, 0);   /* whole-vignette codings sort first, */
	assert_int_equal(s[1].start, 8);   /* but ids follow the file */
	assert_int_equal(s[2].start, 19);
	assert_int_equal(s[3].start, -1);

	/* an edit before "three" and "five" shifts them; "one" stays */
	assert_int_equal(set_text(db, vid, "one two and a half three four five"), 0);
	spans_of(db, s);
	assert_true(s[0].start == 0 && s[0].end == 3 && !s[0].review);
	assert_true(s[1].start == 19 && s[1].end == 24 && !s[1].review);
	assert_true(s[2].start == 30 && s[2].end == 34 && !s[2].review);
	assert_true(s[3].start == -1 && s[3].end == -1 && !s[3].review);

	/* cutting into "three": kept, clipped, flagged */
	assert_int_equal(set_text(db, vid, "one two and a half thr four five"), 1);
	spans_of(db, s);
	assert_true(s[1].start == 19 && s[1].end == 22 && s[1].review);
	assert_true(s[2].start == 28 && s[2].end == 32 && !s[2].review);
	assert_int_equal(coding_count(db), 4);

	/* deleting a coded span entirely: kept, empty where it was, flagged */
	assert_int_equal(set_text(db, vid, "one two and a half thr four "), 1);
	spans_of(db, s);
	assert_true(s[2].review);
	assert_true(s[2].start == 28 && s[2].end == 28);
	assert_int_equal(coding_count(db), 4);

	/* an empty text: every span becomes the whole vignette, flagged */
	set_text(db, vid, "");
	spans_of(db, s);
	for (int i = 0; i < 3; i++)
		assert_true(s[i].start == -1 && s[i].end == -1 && s[i].review);
	assert_int_equal(coding_count(db), 4);
	db_close(db);
}

static void test_participant_delete_refused(void **state)
{
	px_db *db = fixture_db();
	px_participant p = { 0 };
	px_coding c;
	int64_t ann = fx_participant(db, "ann"), bo = fx_participant(db, "bo"), cy;
	px_err e = { 0 };

	(void)state;
	/* ann: in both vignettes, one coding's participants, one held_by */
	assert_int_equal(participant_delete(db, ann, 0, &e), PX_EDATA);
	assert_string_equal(e.msg, "the participant is still named 4 times in vignettes or codings");
	assert_int_equal(participant_count(db), 2);
	/* cy: named only in a coding's held_by (regression: was deleted silently) */
	p.ext_id = xstrdup("cy");
	p.pseudonym = xstrdup("Cy");
	assert_int_equal(participant_add(db, &p, &e), PX_OK);
	cy = p.id;
	participant_free(&p);
	assert_int_equal(coding_get(db, 3, &c, &e), PX_OK);
	idl_push(&c.held_by, cy);
	assert_int_equal(coding_update(db, &c, &e), PX_OK);
	coding_free(&c);
	assert_int_equal(participant_delete(db, cy, 0, &e), PX_EDATA);
	assert_string_equal(e.msg, "the participant is still named 1 time in vignettes or codings");
	assert_int_equal(participant_count(db), 3);
	/* forced, they go and every link with them */
	assert_int_equal(participant_delete(db, cy, 1, &e), PX_OK);
	assert_int_equal(coding_get(db, 3, &c, &e), PX_OK);
	assert_int_equal(c.held_by.n, 1);
	assert_int_equal(c.held_by.v[0], ann);
	coding_free(&c);
	assert_int_equal(participant_delete(db, bo, 1, &e), PX_OK);
	assert_int_equal(participant_count(db), 1);
	db_close(db);
}

static void assert_invalid(px_db *db, const px_coding *c, const char *want)
{
	px_err e = { 0 };
	int64_t before = coding_count(db);
	px_coding copy;

	coding_copy(&copy, c);
	assert_int_equal(coding_add(db, &copy, &e), PX_EDATA);
	assert_string_equal(e.msg, want);
	assert_int_equal(coding_count(db), before);
	coding_free(&copy);
}

static void test_coding_validation(void **state)
{
	px_db *db = fixture_db();
	px_coding c = { 0 }, bad;
	int64_t v2 = fx_vignette(db, "v2");

	(void)state;
	c.vignette_id = v2;        /* "Ann said the quota can wait." 28 code points */
	c.code_id = CODE_JE;
	c.coder_id = fx_coder(db, "tester");
	c.start = 0;
	c.end = 28;

	coding_copy(&bad, &c);
	bad.end = 29;
	assert_invalid(db, &bad, "span 0-29 lies outside the text (28 characters)");
	bad.start = 5;
	bad.end = 5;
	assert_invalid(db, &bad, "span 5-5 is empty: a coding needs at least one character");
	{
		px_err ok = { 0 };
		bad.needs_review = 1;    /* what an edit that deleted the text leaves */
		assert_int_equal(coding_validate(db, &bad, &ok), PX_OK);
		bad.needs_review = 0;
	}
	bad.start = 6;
	bad.end = 2;
	assert_invalid(db, &bad, "span 6-2 is reversed");
	bad.start = -1;
	bad.end = 4;
	assert_invalid(db, &bad, "span -1-4 is reversed");
	coding_free(&bad);

	coding_copy(&bad, &c);
	bad.stance = STANCE_BREACHED;
	assert_invalid(db, &bad, "a stance needs an accountability entry");
	bad.stance = STANCE_COUNT;
	assert_invalid(db, &bad, "bad stance 5");
	coding_free(&bad);

	coding_copy(&bad, &c);
	bad.interpretation = xstrdup("a reading");
	assert_invalid(db, &bad, "an interpretation needs a repertoire or accountability entry");
	coding_free(&bad);

	/* a speaker needs an interpretation, and must be present */
	coding_copy(&bad, &c);
	bad.speaker_id = fx_participant(db, "ann");
	assert_invalid(db, &bad, "a speaker needs an interpretation");
	coding_free(&bad);

	coding_copy(&bad, &c);
	idl_push(&bad.held_by, fx_participant(db, "ann"));
	assert_invalid(db, &bad, "held_by needs an accountability entry or a code under "
		       "JE/mutual accountability");
	coding_free(&bad);

	coding_copy(&bad, &c);
	bad.mode = 7;
	assert_invalid(db, &bad, "bad mode 7");
	bad.mode = MODE_NONE;
	bad.code_id = 9999;
	assert_invalid(db, &bad, "no code with row id 9999");
	bad.code_id = CODE_JE;
	bad.vignette_id = 9999;
	assert_invalid(db, &bad, "no vignette with row id 9999");
	bad.vignette_id = v2;
	bad.coder_id = 9999;
	assert_invalid(db, &bad, "no coder with row id 9999");
	bad.coder_id = c.coder_id;
	bad.repertoire_id = 9999;
	assert_invalid(db, &bad, "no repertoire entry with row id 9999");
	bad.repertoire_id = 0;
	idl_push(&bad.participants, 9999);
	assert_invalid(db, &bad, "participants: no participant with row id 9999");
	coding_free(&bad);

	/* the valid one goes in */
	{
		px_err e = { 0 };
		assert_int_equal(coding_add(db, &c, &e), PX_OK);
		assert_true(c.id > 0);
	}
	coding_free(&c);
	db_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_new_db_is_private_and_seeded),
		cmocka_unit_test(test_small_corpus_imports),
		cmocka_unit_test(test_newer_schema_refused),
		cmocka_unit_test(test_foreign_sqlite_refused),
		cmocka_unit_test(test_not_sqlite_refused),
		cmocka_unit_test(test_missing_db_without_create),
		cmocka_unit_test(test_pragmas),
		cmocka_unit_test(test_nested_rollback),
		cmocka_unit_test(test_codebook_paths),
		cmocka_unit_test(test_codebook_rename_move),
		cmocka_unit_test(test_codebook_merge),
		cmocka_unit_test(test_codebook_delete),
		cmocka_unit_test(test_vignette_update_reanchors),
		cmocka_unit_test(test_participant_delete_refused),
		cmocka_unit_test(test_coding_validation),
	};
	return cmocka_run_group_tests_name("store", tests, NULL, NULL);
}
