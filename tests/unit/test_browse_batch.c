/* test_browse_batch.c: the batched lookups the interface uses instead of
 * a query per row: the coding badges of a page of vignettes, and large
 * drill-down sets kept in a temp table. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "praxis/browse.h"
#include "praxis/codebook.h"
#include "praxis/coding.h"
#include "praxis/vignette.h"
#include "fixture.h"

/* Enough codings for the counts to be more than a handful. */
#define MANY 5000

static void add_codings(px_db *db, int64_t v1, int64_t v2, int64_t coder, idlist *ids)
{
	px_err e = { 0 };

	assert_int_equal(db_begin(db, &e), PX_OK);
	for (int i = 0; i < MANY; i++) {
		px_coding c = { 0 };
		c.vignette_id = i % 3 ? v1 : v2;
		c.code_id = i % 2 ? CODE_ME : CODE_SR;
		c.coder_id = coder;
		c.start = c.end = -1;
		assert_int_equal(coding_add(db, &c, &e), PX_OK);
		idl_push(ids, c.id);
		coding_free(&c);
	}
	assert_int_equal(db_commit(db, &e), PX_OK);
}

static void test_page_badges_match_one_by_one(void **state)
{
	px_db *db = fx_db_with(fx_small_corpus);
	int64_t v1 = fx_vignette(db, "v1"), v2 = fx_vignette(db, "v2");
	browse_filter f = { 0 };
	browse_row *rows = NULL;
	idlist ids = { 0 };
	size_t n = 0;
	px_err e = { 0 };

	(void)state;
	add_codings(db, v1, v2, fx_coder(db, "tester"), &ids);
	assert_int_equal(browse_vignettes(db, &f, NULL, 0, 1, 10, &rows, &n, &e), PX_OK);
	assert_int_equal(n, 2);
	for (size_t i = 0; i < n; i++) {
		int64_t want[4];
		assert_int_equal(vignette_dimension_counts(db, rows[i].id, want, &e), PX_OK);
		for (int d = 0; d < 4; d++)
			assert_int_equal(rows[i].counts[d], want[d]);
	}
	/* v1: the SR/tools and ME codings of the corpus, then 2 of every 3
	 * added, half of all ME */
	assert_int_equal(rows[0].id, v1);
	assert_true(rows[0].counts[0] > MANY / 2);
	assert_int_equal(rows[0].counts[0], rows[0].counts[1] + rows[0].counts[2] + rows[0].counts[3]);
	browse_rows_free(rows, n);
	idl_free(&ids);
	db_close(db);
}

/* A page without its badges is the same rows with none read (counted 0);
 * counting a part of it gives that part what a counted page has. */
static void test_uncounted_page_then_counted(void **state)
{
	px_db *db = fx_db_with(fx_small_corpus);
	int64_t v1 = fx_vignette(db, "v1"), v2 = fx_vignette(db, "v2");
	browse_filter f = { 0 };
	browse_row *want = NULL, *rows = NULL;
	idlist ids = { 0 };
	size_t nw = 0, n = 0;
	px_err e = { 0 };

	(void)state;
	add_codings(db, v1, v2, fx_coder(db, "tester"), &ids);
	assert_int_equal(browse_vignettes(db, &f, NULL, 0, 1, 10, &want, &nw, &e), PX_OK);
	assert_int_equal(browse_vignettes_uncounted(db, &f, NULL, 0, 1, 10, &rows, &n, &e), PX_OK);
	assert_int_equal(n, nw);
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(rows[i].id, want[i].id);
		assert_int_equal(want[i].counted, 1);
		assert_int_equal(rows[i].counted, 0);
		assert_int_equal(rows[i].counts[0], 0);
	}
	assert_int_equal(browse_count_rows(db, rows + 1, n - 1, &e), PX_OK);
	assert_int_equal(rows[0].counted, 0);
	for (size_t i = 1; i < n; i++) {
		assert_int_equal(rows[i].counted, 1);
		assert_memory_equal(rows[i].counts, want[i].counts, sizeof(want[i].counts));
	}
	assert_int_equal(browse_count_rows(db, rows, 0, &e), PX_OK);
	browse_rows_free(rows, n);
	browse_rows_free(want, nw);
	idl_free(&ids);
	db_close(db);
}

/* A large drill-down set goes through a temp table: the same rows,
 * count and rank as a small one, and a changed set is picked up. */
static void test_large_drill_set(void **state)
{
	px_db *db = fx_db_with(fx_small_corpus);
	int64_t v1 = fx_vignette(db, "v1"), v2 = fx_vignette(db, "v2"), count = 0, rank = 0;
	browse_filter f = { 0 };
	browse_row *rows = NULL;
	size_t n = 0;
	px_err e = { 0 };

	(void)state;
	f.drill = 1;
	for (int64_t id = 1000; id < 1400; id++)   /* no such vignettes */
		idl_push(&f.drill_ids, id);
	idl_push(&f.drill_ids, v2);
	assert_int_equal(browse_vignettes(db, &f, NULL, 0, 1, 10, &rows, &n, &e), PX_OK);
	assert_int_equal(n, 1);
	assert_int_equal(rows[0].id, v2);
	browse_rows_free(rows, n);
	assert_int_equal(browse_vignette_count(db, &f, &count, &e), PX_OK);
	assert_int_equal(count, 1);
	/* the set changes: v1 joins */
	idl_push(&f.drill_ids, v1);
	assert_int_equal(browse_vignette_count(db, &f, &count, &e), PX_OK);
	assert_int_equal(count, 2);
	assert_int_equal(browse_vignette_rank(db, &f, "2026-04-10T09:30", v2, &rank, &e), PX_OK);
	assert_int_equal(rank, 1);
	assert_int_equal(browse_vignettes(db, &f, "2026-03-02", v1, 1, 10, &rows, &n, &e), PX_OK);
	assert_int_equal(n, 1);
	assert_int_equal(rows[0].id, v2);
	browse_rows_free(rows, n);
	/* back to a small set: the JSON path, same answer */
	f.drill_ids.n = 0;
	idl_push(&f.drill_ids, v1);
	assert_int_equal(browse_vignette_count(db, &f, &count, &e), PX_OK);
	assert_int_equal(count, 1);
	browse_filter_free(&f);
	db_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_page_badges_match_one_by_one),
		cmocka_unit_test(test_uncounted_page_then_counted),
		cmocka_unit_test(test_large_drill_set),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
