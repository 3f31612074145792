/* test_merge.c: `praxis merge`: ids and paths matched, idempotence,
 * conflicting vignettes held back, and errors that leave the database
 * as it was. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "praxis/codebook.h"
#include "praxis/coding.h"
#include "praxis/corpus.h"
#include "praxis/entity.h"
#include "praxis/memo.h"
#include "praxis/merge.h"
#include "praxis/participant.h"
#include "praxis/vignette.h"
#include "praxis/project.h"
#include "fixture.h"

/* A copy of db as another coder would start from (same uuids). */
static char *copy_of(px_db *db)
{
	char *path = fx_path(".db"), *sql = xasprintf("VACUUM INTO '%s'", path);
	px_err e = { 0 };

	assert_int_equal(db_exec(db, sql, &e), PX_OK);
	free(sql);
	return path;
}

static px_db *open_path(const char *path)
{
	px_db *db = NULL;
	px_err e = { 0 };

	if (project_open(path, 0, &db, &e))
		fail_msg("open %s: %s", path, e.msg);
	return db;
}

static px_db *small_db(void)
{
	px_db *db = fx_db();
	char msg[1024];

	if (fx_import(db, fx_small_corpus, msg, sizeof(msg)))
		fail_msg("import: %s", msg);
	return db;
}

static int64_t add_coder(px_db *db, const char *id)
{
	px_entity ent = { 0 };
	px_err e = { 0 };
	int64_t row;

	ent.ext_id = xstrdup(id);
	ent.reified = -1;
	assert_int_equal(entity_add(db, ENT_CODER, &ent, &e), PX_OK);
	row = ent.id;
	entity_free(&ent);
	return row;
}

static void add_coding(px_db *db, int64_t vid, int64_t code, int64_t coder, int64_t s,
		       int64_t end)
{
	px_coding c;
	px_err e = { 0 };

	memset(&c, 0, sizeof(c));
	c.vignette_id = vid;
	c.code_id = code;
	c.coder_id = coder;
	c.start = s;
	c.end = end;
	if (coding_add(db, &c, &e))
		fail_msg("coding_add: %s", e.msg);
	coding_free(&c);
}

/* In the copy: coder bo-coder adds a coding on v1 under a new code with a
 * description, a new participant and a new vignette v3 with a memo. */
static void work_in_copy(px_db *other)
{
	px_vignette v;
	px_participant p;
	px_memo m = { 0 };
	int64_t bob = add_coder(other, "bob"), code;
	px_err e = { 0 };

	assert_int_equal(codebook_resolve(other, "SR/tools/trays", 1, &code, NULL, &e), PX_OK);
	assert_int_equal(codebook_set_description(other, code, "in and out trays", &e), PX_OK);
	add_coding(other, fx_vignette(other, "v1"), code, bob, 0, 5);
	memset(&p, 0, sizeof(p));
	p.ext_id = xstrdup("cy");
	p.pseudonym = xstrdup("Cy");
	participant_attr_add(&p, "shift", "night");
	assert_int_equal(participant_add(other, &p, &e), PX_OK);
	memset(&v, 0, sizeof(v));
	v.ext_id = xstrdup("v3");
	v.title = xstrdup("Night desk");
	v.date = xstrdup("2026-05-01");
	v.text = xstrdup("Cy stacked the trays.");
	v.observer_id = bob;
	idl_push(&v.participants, p.id);
	assert_int_equal(vignette_add(other, &v, &e), PX_OK);
	add_coding(other, v.id, code, bob, 0, 2);
	m.target = MEMO_VIGNETTE;
	m.target_id = v.id;
	m.coder_id = bob;
	m.text = xstrdup("first night visit");
	assert_int_equal(memo_add(other, &m, &e), PX_OK);
	memo_free(&m);
	vignette_free(&v);
	participant_free(&p);
}

static void test_merge_brings_work_and_is_idempotent(void **state)
{
	px_db *db = small_db(), *other;
	char *path = copy_of(db), *once, *twice;
	merge_report r;
	px_err e = { 0 };
	px_code code;

	(void)state;
	other = open_path(path);
	work_in_copy(other);
	db_close(other);

	assert_int_equal(merge_from(db, path, &r, &e), PX_OK);
	assert_int_equal(r.added[MERGE_CODERS], 1);
	assert_int_equal(r.skipped[MERGE_CODERS], 2);
	assert_int_equal(r.added[MERGE_CODES], 1);
	assert_int_equal(r.added[MERGE_PARTICIPANTS], 1);
	assert_int_equal(r.skipped[MERGE_PARTICIPANTS], 2);
	assert_int_equal(r.added[MERGE_VIGNETTES], 1);
	assert_int_equal(r.skipped[MERGE_VIGNETTES], 2);
	assert_int_equal(r.added[MERGE_MEMOS], 1);
	assert_int_equal(r.added[MERGE_CODINGS], 2);
	assert_int_equal(r.skipped[MERGE_CODINGS], 3);   /* same uuids */
	assert_int_equal(r.conflicts[MERGE_VIGNETTES], 0);
	merge_report_free(&r);

	/* paths and ids matched: the new code sits under SR/tools with its
	 * description, the coding on v1 names coder bob */
	int64_t trays = fx_code(db, "SR/tools/trays");
	assert_int_equal(codebook_get(db, trays, &code, &e), PX_OK);
	assert_string_equal(code.description, "in and out trays");
	codebook_free(&code);
	assert_int_equal(codebook_coding_count(db, trays, 0), 2);
	px_participant p;
	assert_int_equal(participant_get(db, fx_participant(db, "cy"), &p, &e), PX_OK);
	assert_int_equal(p.nattrs, 1);
	assert_string_equal(p.attrs[0].value, "night");
	participant_free(&p);
	assert_int_equal(coding_count(db), 5);

	once = fx_corpus_text(db);
	assert_int_equal(merge_from(db, path, &r, &e), PX_OK);
	for (int k = 0; k < MERGE_KIND_COUNT; k++)
		assert_int_equal(r.added[k], 0);
	assert_int_equal(r.skipped[MERGE_CODINGS], 5);
	merge_report_free(&r);
	twice = fx_corpus_text(db);
	assert_string_equal(once, twice);
	free(once);
	free(twice);
	free(path);
	db_close(db);
}

/* Two coders who each imported the same corpus: every coding has a
 * different uuid but the same vignette, code, coder and span. */
static void test_identical_codings_with_other_uuids(void **state)
{
	px_db *db = small_db(), *other = small_db();
	char *path = xstrdup(db_path(other)), *before = fx_corpus_text(db), *after;
	merge_report r;
	px_err e = { 0 };

	(void)state;
	add_coding(other, fx_vignette(other, "v2"), CODE_SR, fx_coder(other, "other"), 0, 3);
	db_close(other);
	assert_int_equal(merge_from(db, path, &r, &e), PX_OK);
	assert_int_equal(r.skipped[MERGE_CODINGS], 3);
	assert_int_equal(r.added[MERGE_CODINGS], 1);
	merge_report_free(&r);
	assert_int_equal(coding_count(db), 4);
	after = fx_corpus_text(db);
	assert_string_not_equal(before, after);
	free(before);
	free(after);
	free(path);
	db_close(db);
}

static void test_conflicting_text_holds_codings(void **state)
{
	px_db *db = small_db(), *other;
	char *path = copy_of(db);
	px_vignette v;
	merge_report r;
	px_err e = { 0 };

	(void)state;
	other = open_path(path);
	int64_t bob = add_coder(other, "bob");
	assert_int_equal(vignette_get(other, fx_vignette(other, "v1"), &v, &e), PX_OK);
	free(v.text);
	v.text = xstrdup("Annie put the claim on the Q pile. Bo asked why, twice.");
	assert_int_equal(vignette_update(other, &v, NULL, &e), PX_OK);
	vignette_free(&v);
	add_coding(other, fx_vignette(other, "v1"), CODE_ME, bob, 0, 5);
	add_coding(other, fx_vignette(other, "v2"), CODE_JE, bob, 0, 3);
	db_close(other);

	assert_int_equal(merge_from(db, path, &r, &e), PX_OK);
	assert_int_equal(r.conflicts[MERGE_VIGNETTES], 1);
	assert_int_equal(r.conflict_ids.n, 1);
	assert_string_equal(r.conflict_ids.v[0], "v1");
	/* v1's codings there: its two old ones and bob's new one */
	assert_int_equal(r.codings_held, 3);
	assert_int_equal(r.added[MERGE_CODINGS], 1);
	merge_report_free(&r);
	assert_int_equal(coding_count_in(db, fx_vignette(db, "v1")), 2);
	assert_int_equal(coding_count_in(db, fx_vignette(db, "v2")), 2);
	free(path);
	db_close(db);
}

static void assert_merge_fails(px_db *db, const char *path, const char *needle)
{
	char *before = fx_corpus_text(db), *after;
	merge_report r;
	px_err e = { 0 };

	assert_int_not_equal(merge_from(db, path, &r, &e), PX_OK);
	if (!strstr(e.msg, needle))
		fail_msg("message '%s' lacks '%s'", e.msg, needle);
	after = fx_corpus_text(db);
	assert_string_equal(before, after);
	free(before);
	free(after);
}

static void test_errors_leave_db_unchanged(void **state)
{
	px_db *db = small_db(), *other;
	char *missing = fx_path(".db"), *junk = fx_path(".db"), *newer = copy_of(db);
	char *bad = copy_of(db);
	FILE *fp = fopen(junk, "w");
	px_err e = { 0 };

	(void)state;
	assert_merge_fails(db, missing, "no such database");
	assert_non_null(fp);
	fputs("these are field notes, not a database\n", fp);
	fclose(fp);
	assert_merge_fails(db, junk, junk);
	other = open_path(newer);
	assert_int_equal(db_exec(other, "PRAGMA user_version = 99", &e), PX_OK);
	db_close(other);
	assert_merge_fails(db, newer, "newer");
	/* a failure midway (a new coder is written first, then a code with a
	 * malformed color) rolls everything back */
	other = open_path(bad);
	add_coder(other, "bob");
	assert_int_equal(db_exec(other, "INSERT INTO code(parent_id, dimension, name, color,"
				 " uuid, ord) VALUES (3, 3, 'odd', 'not-a-color', 'u', 99)", &e),
			 PX_OK);
	db_close(other);
	assert_merge_fails(db, bad, "color");
	assert_int_equal(entity_count(db, ENT_CODER), 2);
	free(missing);
	free(junk);
	free(newer);
	free(bad);
	db_close(db);
}

static void test_cli_merge(void **state)
{
	px_db *db = small_db(), *other;
	char *path = copy_of(db), *target = xstrdup(db_path(db)), *args, *out = NULL, *err = NULL;

	(void)state;
	other = open_path(path);
	add_coding(other, fx_vignette(other, "v2"), CODE_SR, add_coder(other, "bob"), 0, 3);
	db_close(other);
	db_close(db);
	args = xasprintf("--db '%s' merge '%s'", target, path);
	assert_int_equal(fx_run(args, &out, &err), 0);
	assert_non_null(strstr(out, "codings                1        3         0"));
	assert_non_null(strstr(out, "coders                 1        2         0"));
	free(out);
	free(err);
	free(args);
	args = xasprintf("--db '%s' merge '%s.missing'", target, path);
	assert_int_equal(fx_run(args, &out, &err), 2);
	assert_non_null(strstr(err, "no such database"));
	free(out);
	free(err);
	free(args);
	args = xasprintf("--db '%s' merge", target);
	assert_int_equal(fx_run(args, NULL, NULL), 1);
	free(args);
	free(path);
	free(target);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_merge_brings_work_and_is_idempotent),
		cmocka_unit_test(test_identical_codings_with_other_uuids),
		cmocka_unit_test(test_conflicting_text_holds_codings),
		cmocka_unit_test(test_errors_leave_db_unchanged),
		cmocka_unit_test(test_cli_merge),
	};
	return cmocka_run_group_tests_name("merge", tests, NULL, NULL);
}
