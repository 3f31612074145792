/* test_tui_select.c: the reader's selection extended by words, sentences
 * and paragraphs holds whole units, driven headless (--script): `v w`
 * once selected "Annie p" and `v )` ran into the next sentence's first
 * letter, so exported quotes carried a stray letter. */
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

/* Codes the selection the keys make in v1 ("Annie put the claim on the Q
 * pile. Bo asked why.") with key 3 (SR) and checks the new coding's span. */
static void expect_span(const char *keys, int64_t start, int64_t end)
{
	char *db = fx_screen_db(fx_small_corpus), *script, *s;

	script = xasprintf(":open v1\n%s3\n", keys);
	s = fx_screen_run(db, script, 80, 24, NULL);
	if (!strstr(s, "coded SR"))
		fail_msg("%s: not coded:\n%s", keys, s);
	free(s);
	free(script);
	if (fx_scalar(db, "SELECT start FROM coding WHERE id = 4") != start ||
	    fx_scalar(db, "SELECT end FROM coding WHERE id = 4") != end)
		fail_msg("%s: coded %lld-%lld, want %lld-%lld", keys,
			 (long long)fx_scalar(db, "SELECT start FROM coding WHERE id = 4"),
			 (long long)fx_scalar(db, "SELECT end FROM coding WHERE id = 4"),
			 (long long)start, (long long)end);
	free(db);
}

static void test_select_by_words(void **state)
{
	(void)state;
	expect_span("vw", 0, 5);                /* "Annie" */
	expect_span("vww", 0, 9);               /* "Annie put" */
	expect_span("vwwb", 0, 5);              /* back to "Annie" */
	expect_span("wvw", 6, 9);               /* "put" */
	expect_span("wvww", 6, 13);             /* "put the" */
	expect_span("wwllvbb", 6, 13);          /* backwards from the "e" of "the" */
}

static void test_select_by_sentences(void **state)
{
	(void)state;
	expect_span("v)", 0, 34);               /* "Annie put the claim on the Q pile." */
	expect_span(")v)", 35, 48);             /* "Bo asked why." */
	expect_span("v))", 0, 48);
	expect_span("v))(", 0, 34);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_select_by_words),
		cmocka_unit_test(test_select_by_sentences),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
