/* test_audit.c: the audit trail: each codebook change, negotiation
 * decision and text edit leaves one entry under the acting coder; a change
 * that fails leaves none; imports make none; merges copy entries once;
 * `praxis log` lists them; a file made before the trail is migrated. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "praxis/audit.h"
#include "praxis/project.h"
#include "praxis/codebook.h"
#include "praxis/merge.h"
#include "praxis/negotiate.h"
#include "praxis/util.h"
#include "praxis/vignette.h"
#include "../../src/core/schema.h"
#include "fixture.h"

static int collect(const px_audit *a, void *ud)
{
	strbuf *b = ud;

	sb_printf(b, "%s|%lld|%s\n", a->action, (long long)a->coder_id, a->description);
	return 0;
}

/* The trail as "action|coder id|description" lines. */
static char *trail(px_db *db, const char *since)
{
	strbuf b;
	px_err e = { 0 };

	sb_init(&b);
	if (audit_each(db, since, collect, &b, &e))
		fail_msg("audit_each: %s", e.msg);
	return sb_steal(&b);
}

static void must(int rc, const px_err *e, const char *what)
{
	if (rc)
		fail_msg("%s: %s", what, e->msg);
}

static void test_codebook_changes(void **state)
{
	px_db *db = fx_db_with(fx_small_corpus);
	int64_t me = fx_coder(db, "tester"), x, y;
	px_err e = { 0 };
	char *got, *want;

	(void)state;
	assert_int_equal(audit_count(db), 0);   /* the import made none */
	db_set_actor(db, me);
	must(codebook_add(db, CODE_ME, "breaks", &x, &e), &e, "add");
	must(codebook_rename(db, x, "covering breaks", &e), &e, "rename");
	must(codebook_set_description(db, x, "someone takes the phone", &e), &e, "describe");
	must(codebook_move(db, x, fx_code(db, "SR/tools"), &e), &e, "move");
	must(codebook_add(db, CODE_JE, "target", &y, &e), &e, "add");
	must(codebook_merge(db, x, y, &e), &e, "merge");
	must(codebook_delete(db, y, NULL, &e), &e, "delete");
	got = trail(db, NULL);
	want = xasprintf("code-add|%1$lld|added ME/breaks\n"
			 "code-rename|%1$lld|renamed ME/breaks to ME/covering breaks\n"
			 "code-describe|%1$lld|described ME/covering breaks: someone takes the phone\n"
			 "code-move|%1$lld|moved ME/covering breaks to SR/tools/covering breaks\n"
			 "code-add|%1$lld|added JE/target\n"
			 "code-merge|%1$lld|merged SR/tools/covering breaks into JE/target\n"
			 "code-delete|%1$lld|deleted JE/target with its sub-codes (0 codings)\n",
			 (long long)me);
	assert_string_equal(got, want);
	free(got);
	free(want);
	db_close(db);
}

/* A change refused (a sibling has the name) is not in the trail. */
static void test_failed_change_leaves_no_entry(void **state)
{
	px_db *db = fx_db_with(fx_small_corpus);
	px_err e = { 0 };

	(void)state;
	assert_int_not_equal(codebook_rename(db, fx_code(db, "SR/tools"), "words", &e), PX_OK);
	assert_int_not_equal(codebook_move(db, fx_code(db, "SR"), CODE_ME, &e), PX_OK);
	assert_int_equal(audit_count(db), 0);
	db_close(db);
}

static void test_text_edit_and_decision(void **state)
{
	px_db *db = fx_db_with(fx_two_coder_corpus);
	int64_t a = fx_coder(db, "a"), b = fx_coder(db, "b");
	px_vignette v = { 0 };
	px_err e = { 0 };
	char *got;

	(void)state;
	db_set_actor(db, a);
	must(vignette_get(db, fx_vignette(db, "v2"), &v, &e), &e, "get");
	free(v.text);
	v.text = xstrdup("New text entirely.");
	must(vignette_update(db, &v, NULL, &e), &e, "update");
	vignette_free(&v);
	must(negotiate_resolve(db, a, b, fx_vignette(db, "v1"), fx_code(db, "SR/tools"),
			       NEG_KEEP_A, "a's span is the pile", &e), &e, "resolve");
	got = trail(db, NULL);
	assert_non_null(strstr(got, "text-edit|"));
	assert_non_null(strstr(got, "edited the text of v2 ("));
	assert_non_null(strstr(got, "flagged for review)\nnegotiate|"));
	assert_non_null(strstr(got, "negotiated SR/tools (a vs b): "));
	assert_non_null(strstr(got, "-- a's span is the pile (vignette v1)\n"));
	free(got);
	/* an update that leaves the text as it was is no text edit */
	must(vignette_get(db, fx_vignette(db, "v3"), &v, &e), &e, "get");
	free(v.title);
	v.title = xstrdup("Retitled");
	must(vignette_update(db, &v, NULL, &e), &e, "retitle");
	vignette_free(&v);
	assert_int_equal(audit_count(db), 2);
	db_close(db);
}

/* --since keeps the entries at or after the date. */
static void test_since(void **state)
{
	px_db *db = fx_db_with(fx_small_corpus);
	px_err e = { 0 };
	int64_t id;
	char *got;

	(void)state;
	must(codebook_add(db, CODE_ME, "now", &id, &e), &e, "add");
	must(db_exec(db, "INSERT INTO audit_log(time, action, description, uuid) VALUES"
		     " ('2020-01-02T03:04:05Z', 'code-add', 'long ago', 'u-old')", &e), &e, "old");
	got = trail(db, NULL);
	assert_true(strstr(got, "long ago") < strstr(got, "added ME/now"));  /* time order */
	free(got);
	got = trail(db, "2021-01-01");
	assert_null(strstr(got, "long ago"));
	assert_non_null(strstr(got, "added ME/now"));
	free(got);
	db_close(db);
}

/* Merging another copy brings its entries (under our coder ids), once. */
static void test_merge_copies_once(void **state)
{
	char *path = fx_path(".db"), *got;
	px_db *other, *db = fx_db_with(fx_small_corpus);
	merge_report r;
	px_err e = { 0 };
	int64_t id;

	(void)state;
	must(project_open(path, PROJECT_CREATE, &other, &e), &e, "open");
	{
		char msg[512];
		if (fx_import(other, fx_small_corpus, msg, sizeof(msg)))
			fail_msg("import: %s", msg);
	}
	db_set_actor(other, fx_coder(other, "other"));
	must(codebook_add(other, CODE_SR, "stamps", &id, &e), &e, "add");
	db_close(other);
	must(merge_from(db, path, &r, &e), &e, "merge");
	merge_report_free(&r);
	must(merge_from(db, path, &r, &e), &e, "merge again");
	merge_report_free(&r);
	got = trail(db, NULL);
	{
		char *want = xasprintf("code-add|%lld|added SR/stamps\n",
				       (long long)fx_coder(db, "other"));
		assert_string_equal(got, want);
		free(want);
	}
	free(got);
	db_close(db);
	free(path);
}

/* A file made before the trail existed (schema 1) gains it on opening. */
static void test_migration_adds_trail(void **state)
{
	const char *v1[2] = { NULL, schema_migrations[1] };
	char *path = fx_path(".db");
	px_db *db;
	px_err e = { 0 };
	int64_t id;

	(void)state;
	schema_active = v1;
	schema_active_count = 1;
	must(project_open(path, PROJECT_CREATE, &db, &e), &e, "create v1");
	schema_active = schema_migrations;
	schema_active_count = schema_version_count;
	assert_int_equal(db_scalar(db, "PRAGMA user_version"), 1);
	db_close(db);
	must(project_open(path, 0, &db, &e), &e, "open");
	assert_int_equal(db_scalar(db, "PRAGMA user_version"), schema_version_count);
	must(codebook_add(db, CODE_ME, "after", &id, &e), &e, "add");
	assert_int_equal(audit_count(db), 1);
	db_close(db);
	free(path);
}

static void test_cli_log(void **state)
{
	px_db *db = fx_db_with(fx_small_corpus);
	char *path = xstrdup(db_path(db)), *out, *err, *args;
	px_err e = { 0 };
	int64_t id;

	(void)state;
	db_set_actor(db, fx_coder(db, "tester"));
	must(codebook_add(db, CODE_ME, "a, \"quoted\" code", &id, &e), &e, "add");
	db_close(db);
	args = xasprintf("--db '%s' log --format csv", path);
	assert_int_equal(fx_run(args, &out, &err), 0);
	assert_true(strncmp(out, "time,coder,action,description,uuid\r\n", 36) == 0);
	assert_non_null(strstr(out, ",tester,code-add,\"added ME/a, \"\"quoted\"\" code\","));
	free(out);
	free(err);
	free(args);
	args = xasprintf("--db '%s' log --format json --since 2999-01-01", path);
	assert_int_equal(fx_run(args, &out, &err), 0);
	assert_string_equal(out, "[]\n");
	free(out);
	free(err);
	free(args);
	args = xasprintf("--db '%s' log --since yesterday", path);
	assert_int_not_equal(fx_run(args, &out, &err), 0);
	assert_non_null(strstr(err, "--since 'yesterday': use YYYY-MM-DD"));
	free(out);
	free(err);
	free(args);
	free(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_codebook_changes),
		cmocka_unit_test(test_failed_change_leaves_no_entry),
		cmocka_unit_test(test_text_edit_and_decision),
		cmocka_unit_test(test_since),
		cmocka_unit_test(test_merge_copies_once),
		cmocka_unit_test(test_migration_adds_trail),
		cmocka_unit_test(test_cli_log),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
