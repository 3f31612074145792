/* test_stmt_cache.c: the statement caches. SQL built at run time goes
 * through a small cache that evicts (db_stmt_dynamic), so cycling
 * through filter combinations neither fills the fixed table nor grows;
 * the fixed table refuses a text past its bound instead of spinning. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <sqlite3.h>
#include "praxis/util.h"
#include "fixture.h"
#include "screen.h"

/* Prepared statements alive on the connection. */
static int live_statements(px_db *db)
{
	int n = 0;

	for (sqlite3_stmt *st = sqlite3_next_stmt(db_sqlite(db), NULL); st;
	     st = sqlite3_next_stmt(db_sqlite(db), st))
		n++;
	return n;
}

static void test_dynamic_statements_stay_bounded(void **state)
{
	px_db *db = fx_db();
	px_err e = { 0 };
	int before = live_statements(db);

	(void)state;
	for (int round = 0; round < 2; round++) {
		for (int i = 0; i < 1000; i++) {
			char sql[64];
			sqlite3_stmt *st;
			snprintf(sql, sizeof(sql), "SELECT %d + ?1", i);
			st = db_stmt_dynamic(db, sql, &e);
			assert_non_null(st);
			sqlite3_bind_int(st, 1, round);
			assert_int_equal(sqlite3_step(st), SQLITE_ROW);
			assert_int_equal(sqlite3_column_int(st, 0), i + round);
			sqlite3_reset(st);
		}
	}
	/* the same text again is the same statement, reset and unbound */
	sqlite3_stmt *a = db_stmt_dynamic(db, "SELECT 7 + ?1", &e);
	sqlite3_bind_int(a, 1, 1);
	assert_ptr_equal(db_stmt_dynamic(db, "SELECT 7 + ?1", &e), a);
	assert_int_equal(sqlite3_step(a), SQLITE_ROW);
	assert_int_equal(sqlite3_column_type(a, 0), SQLITE_NULL);
	sqlite3_reset(a);
	assert_true(live_statements(db) - before <= 16);
	db_close(db);
}

static void test_fixed_table_refuses_instead_of_spinning(void **state)
{
	px_db *db = fx_db();
	px_err e = { 0 };
	int i;

	(void)state;
	for (i = 0; i < 1000; i++) {
		char sql[64];
		snprintf(sql, sizeof(sql), "SELECT %d", i);
		if (!db_stmt(db, sql, &e))
			break;
	}
	/* the table holds more than praxis's fixed SQL but stops short of full */
	assert_in_range(i, 100, 255);
	assert_int_equal(e.code, PX_EIO);
	assert_non_null(strstr(e.msg, "db_stmt_dynamic"));
	/* texts already there still come back */
	assert_non_null(db_stmt(db, "SELECT 0", &e));
	db_close(db);
}

/* The interface's filters: every subset of participant, community, code,
 * coder, from, to and search, set one by one and cleared between, is a
 * few hundred distinct queries. The run used to spin forever once the
 * fixed table filled; under timeout(1) a hang fails the test. */
static void test_every_filter_combination_finishes(void **state)
{
	static const char *const set[] = {
		":filter participant ann\n", ":filter community desk\n", ":filter code ME\n",
		":filter coder tester\n", ":filter from 2020-01-01\n", ":filter to 2030-12-31\n",
		":filter search pile\n",
	};
	const char *bin = getenv("PRAXIS_BIN");
	char *db = fx_screen_db(NULL), *timed, *saved = xstrdup(bin ? bin : "./praxis"), *screen;
	strbuf keys;

	(void)state;
	sb_init(&keys);
	for (int mask = 0; mask < 128; mask++) {
		for (int k = 0; k < 7; k++)
			if (mask & (1 << k))
				sb_add(&keys, set[k]);
		sb_add(&keys, ":filter clear\n");
	}
	/* the last combination, left standing: all seven at once */
	for (int k = 0; k < 7; k++)
		sb_add(&keys, set[k]);
	timed = xasprintf("timeout 120 '%s'", saved);
	setenv("PRAXIS_BIN", timed, 1);
	screen = fx_screen_run(db, sb_str(&keys), 120, 30, NULL);
	setenv("PRAXIS_BIN", saved, 1);
	/* v1 is the one vignette that passes all seven */
	fx_assert_has(screen, "Vignettes 1/1");
	fx_assert_has(screen, "The pile");
	fx_assert_lacks(screen, "error");
	free(screen);
	free(timed);
	free(saved);
	sb_free(&keys);
	free(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dynamic_statements_stay_bounded),
		cmocka_unit_test(test_fixed_table_refuses_instead_of_spinning),
		cmocka_unit_test(test_every_filter_combination_finishes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
