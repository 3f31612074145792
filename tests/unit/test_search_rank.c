/* test_search_rank.c: a search lists its hits by relevance (bm25, a title
 * hit above a text hit, memo-only hits last) unless date order is asked
 * for: the listing and its paging, `praxis search`, the toggle in the
 * interface and the snippets' highlighted words. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "praxis/browse.h"
#include "praxis/util.h"
#include "fixture.h"
#include "screen.h"

/* "ledger" in the body of the oldest, in the title of the newest, in a
 * memo alone of the middle one; "other" matches nothing of it. */
static const char corpus[] =
	"praxis: 1\n"
	"vignettes:\n"
	"  - id: body\n    title: Morning shift\n    date: 2026-01-05\n"
	"    text: Ann wrote the totals into the ledger before lunch and left.\n"
	"  - id: memo\n    title: Afternoon\n    date: 2026-02-05\n"
	"    text: Bo counted the returns twice.\n"
	"    memos:\n      - text: the ledger again\n"
	"  - id: title\n    title: The ledger\n    date: 2026-03-05\n"
	"    text: Cy closed the shop early.\n"
	"  - id: other\n    title: Nothing\n    date: 2026-04-05\n"
	"    text: Nobody came.\n";

static char *ids_of(const browse_row *rows, size_t n)
{
	strbuf b;

	sb_init(&b);
	sb_add(&b, "");
	for (size_t i = 0; i < n; i++)
		sb_printf(&b, "%s%s", i ? " " : "", rows[i].ext_id);
	return sb_steal(&b);
}

static char *listing(px_db *db, int order)
{
	browse_filter f = { .search = (char *)"ledger", .order = order };
	browse_row *rows = NULL;
	size_t n = 0;
	px_err e = { 0 };
	char *ids;

	assert_int_equal(browse_vignettes(db, &f, NULL, 0, 1, 10, &rows, &n, &e), PX_OK);
	ids = ids_of(rows, n);
	browse_rows_free(rows, n);
	return ids;
}

static void test_title_hit_ranks_above_body_hit(void **state)
{
	px_db *db = fx_db_with(corpus);
	char *ids;

	(void)state;
	ids = listing(db, BROWSE_ORDER_RANK);
	assert_string_equal(ids, "title body memo");
	free(ids);
	ids = listing(db, BROWSE_ORDER_DATE);
	assert_string_equal(ids, "body memo title");
	free(ids);
	db_close(db);
}

/* Paging by key in rank order walks the same list as one page, both
 * ways; a row's rank is its place; a vignette that is not a hit opens the
 * list at its start. */
static void test_rank_paging(void **state)
{
	px_db *db = fx_db();
	browse_filter f = { .search = (char *)"ledger", .order = BROWSE_ORDER_RANK };
	browse_row *all = NULL, *page = NULL;
	size_t nall = 0, n = 0;
	px_err e = { 0 };
	char msg[256];
	strbuf y;

	(void)state;
	sb_init(&y);
	sb_add(&y, "praxis: 1\nvignettes:\n");
	for (int i = 0; i < 30; i++)
		/* the more often "ledger", the better the rank: not date order */
		sb_printf(&y, "  - id: v%02d\n    title: T%d\n    date: 2026-01-%02d\n"
			  "    text: %s ledger%s and more words here\n", i, i, 1 + i % 28,
			  i % 3 ? "a" : "ledger ledger", i % 5 ? "" : " ledger");
	sb_add(&y, "  - id: none\n    title: None\n    date: 2026-02-01\n    text: nothing\n");
	assert_int_equal(fx_import(db, sb_str(&y), msg, sizeof(msg)), PX_OK);
	sb_free(&y);
	assert_int_equal(browse_vignettes(db, &f, NULL, 0, 1, 100, &all, &nall, &e), PX_OK);
	assert_int_equal(nall, 30);
	for (size_t at = 0; at < nall; at += n) {
		const browse_row *last = at ? &all[at - 1] : NULL;
		browse_rows_free(page, n);
		assert_int_equal(browse_vignettes(db, &f, last ? last->date : NULL,
						  last ? last->id : 0, 1, 7, &page, &n, &e), PX_OK);
		assert_true(n > 0);
		for (size_t k = 0; k < n; k++) {
			int64_t rank = -1;
			assert_int_equal(page[k].id, all[at + k].id);
			assert_int_equal(browse_vignette_rank(db, &f, page[k].date, page[k].id,
							      &rank, &e), PX_OK);
			assert_int_equal(rank, (int64_t)(at + k));
		}
	}
	browse_rows_free(page, n);
	/* before the 10th: the 7 before it, in list order */
	assert_int_equal(browse_vignettes(db, &f, all[9].date, all[9].id, -1, 7, &page, &n, &e),
			 PX_OK);
	assert_int_equal(n, 7);
	for (size_t k = 0; k < n; k++)
		assert_int_equal(page[k].id, all[2 + k].id);
	browse_rows_free(page, n);
	/* from a vignette that is no hit: the list from its start */
	assert_int_equal(browse_vignettes(db, &f, "2026-02-01", fx_vignette(db, "none"), 2, 3,
					  &page, &n, &e), PX_OK);
	assert_int_equal(n, 3);
	assert_int_equal(page[0].id, all[0].id);
	browse_rows_free(page, n);
	/* the best hits say "ledger" three times */
	assert_non_null(strstr(all[0].snippet, "\x01ledger\x02 \x01ledger\x02"));
	browse_rows_free(all, nall);
	db_close(db);
}

static void expect(const char *db, const char *args, int status, const char *want)
{
	char *cmd = xasprintf("--db '%s' %s", db, args), *out, *err;
	int rc = fx_run(cmd, &out, &err);

	if (rc != status || strcmp(out, want) != 0)
		fail_msg("praxis %s: status %d, out \"%s\", err \"%s\"", args, rc, out, err);
	free(out);
	free(err);
	free(cmd);
}

static void test_cli_search(void **state)
{
	char *db = fx_project_with(corpus);

	(void)state;
	expect(db, "search ledger --format csv", 0,
	       "rank,vignette,date,title,snippet\r\n"
	       "1,title,2026-03-05,The ledger,The [ledger]\r\n"
	       "2,body,2026-01-05,Morning shift,Ann wrote the totals into the [ledger] before "
	       "lunch and\xe2\x80\xa6\r\n"
	       "3,memo,2026-02-05,Afternoon,\r\n");
	expect(db, "search ledger --order date --limit 2", 0,
	       "3 vignettes match, by date (the first shown)\n"
	       "rank  vignette  date        title          snippet\n"
	       "1     body      2026-01-05  Morning shift  Ann wrote the totals into the [ledger] "
	       "before lunch and\xe2\x80\xa6\n"
	       "2     memo      2026-02-05  Afternoon      \n");
	expect(db, "search nothinglikethis", 0, "0 vignettes match, by relevance\n");
	expect(db, "search ledger --order size", 1, "");
	expect(db, "search", 1, "");
	free(db);
}

/* The interface: relevance first, o and :order switch, the title says
 * which, and the snippet's matched word is highlighted. The cursor stays
 * on the vignette open before the search (body), now second. */
static void test_toggle_and_highlight(void **state)
{
	char *db = fx_screen_db(corpus), *s;

	(void)state;
	s = fx_screen_run(db, "/ledger<Enter>\nz\n", 100, 12, "--dump-attrs");
	fx_assert_line(s, 0, " Vignettes 2/3 (filtered) by relevance");
	/* the title's snippet dim, its matched word highlighted */
	fx_assert_line(s, 2, "2026-03-05 The ledger  The ledger                                   "
		       "                           0 0 0");
	fx_assert_line(s, 3, "  @0-9 dim");
	fx_assert_line(s, 4, "  @23-26 dim");
	fx_assert_line(s, 5, "  @27-32 match+underline");
	fx_assert_has(s, "\n2026-01-05 Morning shift  Ann wrote the totals into the ledger before"
		      " lunch and\xe2\x80\xa6               0 0 0\n");
	fx_assert_has(s, "\n2026-02-05 Afternoon                                                "
		      "                           0 0 0\n");
	free(s);
	s = fx_screen_run(db, "/ledger<Enter>\nzo\n", 100, 12, NULL);
	fx_assert_line(s, 0, " Vignettes 1/3 (filtered) by date");
	fx_assert_line(s, 1, "2026-01-05 Morning shift  Ann wrote the totals into the ledger before"
		       " lunch and\xe2\x80\xa6               0 0 0");
	fx_assert_line(s, 2, "2026-02-05 Afternoon                                                "
		       "                           0 0 0");
	fx_assert_line(s, 3, "2026-03-05 The ledger  The ledger                                   "
		       "                           0 0 0");
	fx_assert_has(s, "search hits by date");
	free(s);
	s = fx_screen_run(db, "/ledger<Enter>\nzo\n:order rank\n", 100, 12, NULL);
	fx_assert_line(s, 0, " Vignettes 2/3 (filtered) by relevance");
	fx_assert_line(s, 1, "2026-03-05 The ledger  The ledger                                   "
		       "                           0 0 0");
	free(s);
	/* clearing the filters keeps the order: it is a preference */
	s = fx_screen_run(db, "/ledger<Enter>\nzoF/ledger<Enter>\n", 100, 12, NULL);
	fx_assert_line(s, 0, " Vignettes 1/3 (filtered) by date");
	free(s);
	s = fx_screen_run(db, ":order size\n", 100, 12, NULL);
	fx_assert_has(s, ":order size: use rank (by relevance) or date");
	free(s);
	free(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_title_hit_ranks_above_body_hit),
		cmocka_unit_test(test_rank_paging),
		cmocka_unit_test(test_cli_search),
		cmocka_unit_test(test_toggle_and_highlight),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
