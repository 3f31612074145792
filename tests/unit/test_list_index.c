/* test_list_index.c: migration 13 keeps the vignette list's page and its
 * coding badges index-only (no read of the table rows: those reads were
 * the keystroke p99 at 100k vignettes), on a new file and on a file of
 * schema 12, with the same rows and counts as before. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include "praxis/browse.h"
#include "praxis/project.h"
#include "praxis/vignette.h"
#include "../../src/core/schema.h"
#include "fixture.h"

/* The EXPLAIN QUERY PLAN details of sql, one per line; caller frees. */
static char *plan_of(px_db *db, const char *sql)
{
	sqlite3_stmt *st = NULL;
	strbuf b;
	char *q = NULL;

	sb_init(&b);
	sb_printf(&b, "EXPLAIN QUERY PLAN %s", sql);
	q = sb_steal(&b);
	assert_int_equal(sqlite3_prepare_v2(db_sqlite(db), q, -1, &st, NULL), SQLITE_OK);
	sb_init(&b);
	while (sqlite3_step(st) == SQLITE_ROW)
		sb_printf(&b, "%s\n", (const char *)sqlite3_column_text(st, 3));
	sqlite3_finalize(st);
	free(q);
	return sb_steal(&b);
}

/* Every form of the unfiltered list's page (from the start, after, from
 * and before a key) reads vignette_list alone, and the page's badges read
 * coding_by_vignette alone. */
static void assert_list_index_only(px_db *db)
{
	browse_filter f = { 0 };
	int forms[][2] = { { 0, 1 }, { 0, -1 }, { 1, 1 }, { 1, 2 }, { 1, -1 } };

	for (size_t i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
		char *sql = browse_page_sql(&f, forms[i][0], forms[i][1]);
		char *plan = plan_of(db, sql);
		if (!strstr(plan, "USING COVERING INDEX vignette_list") || strstr(plan, "TEMP B-TREE"))
			fail_msg("not index-only in list order:\n%s\nplan:\n%s", sql, plan);
		free(plan);
		free(sql);
	}
	char *plan = plan_of(db, browse_page_counts_sql);
	if (!strstr(plan, "c USING COVERING INDEX coding_by_vignette"))
		fail_msg("badges not index-only:\n%s", plan);
	free(plan);
}

/* The rows and badges of the first page match the vignettes' own counts. */
static void assert_page_right(px_db *db)
{
	browse_filter f = { 0 };
	browse_row *rows = NULL;
	size_t n = 0;
	px_err e = { 0 };

	assert_int_equal(browse_vignettes(db, &f, NULL, 0, 1, 64, &rows, &n, &e), PX_OK);
	assert_int_equal((int64_t)n, db_scalar(db, "SELECT count(*) FROM vignette"));
	for (size_t i = 0; i < n; i++) {
		int64_t want[4];
		assert_int_equal(vignette_dimension_counts(db, rows[i].id, want, &e), PX_OK);
		for (int d = 0; d < 4; d++)
			assert_int_equal(rows[i].counts[d], want[d]);
		assert_non_null(rows[i].title);
		assert_non_null(rows[i].ext_id);
	}
	assert_true(rows[0].counts[0] > 0);
	browse_rows_free(rows, n);
}

static void test_new_file(void **state)
{
	px_db *db = fx_db_with(fx_small_corpus);

	(void)state;
	assert_list_index_only(db);
	assert_page_right(db);
	db_close(db);
}

/* A file of schema 12 gains the index and the wider coding_by_vignette;
 * nothing else moves. */
static void test_migration_from_12(void **state)
{
	char *path = fx_path(".db");
	px_db *db = NULL;
	px_err e = { 0 };
	char msg[256];

	(void)state;
	schema_active_count = 12;
	assert_int_equal(project_open(path, PROJECT_CREATE, &db, &e), PX_OK);
	schema_active_count = schema_version_count;
	assert_int_equal(fx_import(db, fx_small_corpus, msg, sizeof(msg)), PX_OK);
	assert_int_equal(db_scalar(db, "SELECT count(*) FROM sqlite_master WHERE name ="
				   " 'vignette_list'"), 0);
	int64_t codings = db_scalar(db, "SELECT count(*) FROM coding");
	db_close(db);

	assert_int_equal(project_open(path, 0, &db, &e), PX_OK);
	assert_int_equal(db_scalar(db, "PRAGMA user_version"), schema_version_count);
	assert_int_equal(db_scalar(db, "SELECT count(*) FROM coding"), codings);
	assert_int_equal(db_scalar(db, "SELECT count(*) FROM pragma_index_info("
				   "'coding_by_vignette')"), 4);
	assert_int_equal(db_scalar(db, "SELECT count(*) FROM pragma_integrity_check"
				   " WHERE integrity_check <> 'ok'"), 0);
	assert_list_index_only(db);
	assert_page_right(db);
	db_close(db);
	unlink(path);
	free(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_new_file),
		cmocka_unit_test(test_migration_from_12),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
