/* test_tui_search.c: a full-text search's hits are highlighted in the
 * reader, n and N step through them, and :autocode codes every hit with
 * one code after a confirmation that counts them, as one undo step. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "praxis/util.h"
#include "fixture.h"
#include "screen.h"

/* "pile" twice in v1 (once inside the coded "the Q pile"), "pile" and
 * "PILE" in v3 ("piles" is another word), none in v2. */
static const char corpus[] =
	"praxis: 1\n"
	"coders:\n"
	"  - id: tester\n"
	"vignettes:\n"
	"  - id: v1\n"
	"    title: The pile\n"
	"    date: 2026-03-02\n"
	"    text: \"Annie put the claim on the Q pile. Bo asked why, and the pile grew.\"\n"
	"    codings:\n"
	"      - code: SR/tools\n"
	"        quote: the Q pile\n"
	"  - id: v2\n"
	"    title: Quota talk\n"
	"    date: 2026-04-10\n"
	"    text: Ann said the quota can wait.\n"
	"  - id: v3\n"
	"    title: Piles\n"
	"    date: 2026-04-12\n"
	"    text: \"No pile today; PILE tomorrow, piles later.\"\n";

static void test_hits_highlighted(void **state)
{
	char *db = fx_screen_db(corpus), *s;

	(void)state;
	s = fx_screen_run(db, "/pile<Enter>\n<Enter>\n", 80, 24, "--dump-attrs");
	/* the second reader line: "pile" in the match role after the SR span */
	fx_assert_has(s, "04-12 Piles        0 0 0│  S Q pile. Bo asked why, and   │"
		      "    enabling engage 0\n"
		      "  @0-4 dim\n  @19-19 dim\n  @21-21 dim\n  @23-23 dim\n  @24-24 border\n"
		      "  @27-27 code.SR\n  @29-30 code.SR\n  @31-34 match+underline\n");
	fx_assert_has(s, "                        │    the pile grew.              │"
		      "    community maint 0\n"
		      "  @24-24 border\n  @33-36 match+underline\n");
	free(s);
	/* without a search nothing is marked */
	s = fx_screen_run(db, "<Enter>\n", 80, 24, "--dump-attrs");
	fx_assert_lacks(s, "match");
	free(s);
	free(db);
}

static void test_n_and_N_step_through_hits(void **state)
{
	char *db = fx_screen_db(corpus), *s;

	(void)state;
	s = fx_screen_run(db, "/pile<Enter>\n<Enter>\nn\n", 80, 24, NULL);
	fx_assert_has(s, "│ 2026-03-02  The pile  @29      │");
	fx_assert_line(s, 23, "hit 1/2");
	free(s);
	s = fx_screen_run(db, "/pile<Enter>\n<Enter>\nnn\n", 80, 24, NULL);
	fx_assert_has(s, "│ 2026-03-02  The pile  @57      │");
	fx_assert_line(s, 23, "hit 2/2");
	free(s);
	/* round the end, and back */
	s = fx_screen_run(db, "/pile<Enter>\n<Enter>\nnnn\n", 80, 24, NULL);
	fx_assert_line(s, 23, "hit 1/2");
	free(s);
	s = fx_screen_run(db, "/pile<Enter>\n<Enter>\nN\n", 80, 24, NULL);
	fx_assert_has(s, "│ 2026-03-02  The pile  @57      │");
	fx_assert_line(s, 23, "hit 2/2");
	free(s);
	s = fx_screen_run(db, "<Enter>\nn\n", 80, 24, NULL);
	fx_assert_line(s, 23, "no search: / searches, then n and N step through the hits");
	free(s);
	free(db);
}

static void test_autocode_confirms_counts_and_undoes_in_one_step(void **state)
{
	char *db = fx_screen_db(corpus), *s;

	(void)state;
	s = fx_screen_run(db, "/pile<Enter>\n:autocode SR/tools\n", 80, 24, NULL);
	fx_assert_has(s, "code 4 hits of \"pile\" in 2 vignettes with SR/tools? (y/n)");
	free(s);
	assert_int_equal(fx_scalar(db, "SELECT count(*) FROM coding"), 1);
	s = fx_screen_run(db, "/pile<Enter>\n:autocode SR/tools\nn\n", 80, 24, NULL);
	fx_assert_line(s, 23, "nothing coded");
	free(s);
	assert_int_equal(fx_scalar(db, "SELECT count(*) FROM coding"), 1);
	s = fx_screen_run(db, "/pile<Enter>\n:autocode SR/tools\ny\n", 80, 24, NULL);
	fx_assert_line(s, 23, "coded 4 hits in 2 vignettes with SR/tools (u undoes)");
	free(s);
	assert_int_equal(fx_scalar(db, "SELECT count(*) FROM coding"), 5);
	assert_int_equal(fx_scalar(db, "SELECT count(*) FROM coding c JOIN vignette v ON"
				   " v.id = c.vignette_id WHERE v.ext_id = 'v3' AND"
				   " substr(v.text, c.start + 1, c.end - c.start) = 'PILE'"), 1);
	/* the same again: every hit is coded already */
	s = fx_screen_run(db, "/pile<Enter>\n:autocode SR/tools\n", 80, 24, NULL);
	fx_assert_line(s, 23, "autocode: no uncoded hits of \"pile\"");
	free(s);
	free(db);
	/* one u takes back all of them */
	db = fx_screen_db(corpus);
	s = fx_screen_run(db, "/pile<Enter>\n:autocode SR/tools\ny\nu\n", 80, 24, NULL);
	free(s);
	assert_int_equal(fx_scalar(db, "SELECT count(*) FROM coding"), 1);
	free(db);
}

static void test_autocode_needs_search_and_code(void **state)
{
	char *db = fx_screen_db(corpus), *s;

	(void)state;
	s = fx_screen_run(db, ":autocode SR/tools\n", 80, 24, NULL);
	fx_assert_line(s, 23, "autocode: search first (/ or :search WORDS), then :autocode CODE");
	free(s);
	s = fx_screen_run(db, "/pile<Enter>\n:autocode\n", 80, 24, NULL);
	fx_assert_line(s, 23, "autocode: name a code, e.g. :autocode SR/tools");
	free(s);
	assert_int_equal(fx_scalar(db, "SELECT count(*) FROM coding"), 1);
	free(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hits_highlighted),
		cmocka_unit_test(test_n_and_N_step_through_hits),
		cmocka_unit_test(test_autocode_confirms_counts_and_undoes_in_one_step),
		cmocka_unit_test(test_autocode_needs_search_and_code),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
