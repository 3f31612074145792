/* test_tui_select.c: the reader's selection extended by words, sentences
 * and paragraphs holds whole units, driven headless (--script): `v w`
 * once selected "Annie p" and `v )` ran into the next sentence's first
 * letter, so exported quotes carried a stray letter. vi's text objects
 * (v i w, v a s, ...), e and o select exactly too. */
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

/* v1: "Annie put the claim on the Q pile. Bo asked why." */
static void test_select_text_objects(void **state)
{
	(void)state;
	expect_span("wwvliw", 10, 13);          /* "the", from its middle */
	expect_span("wwvaw", 10, 14);           /* "the " */
	expect_span("vis", 0, 34);              /* the first sentence, to its full stop */
	expect_span("lllvis", 0, 34);
	expect_span(")vis", 35, 48);            /* "Bo asked why." */
	expect_span("vas", 0, 35);              /* with the space after it */
	expect_span(")vas", 34, 48);            /* none after: the space before */
	expect_span("vip", 0, 48);
}

static void test_word_end_and_other_end(void **state)
{
	(void)state;
	expect_span("ve", 0, 5);                /* "Annie" */
	expect_span("vee", 0, 9);               /* "Annie put" */
	expect_span("wve", 6, 9);               /* "put" */
	expect_span("eve", 4, 9);               /* from the "e" of "Annie" on */
	expect_span("wwvwob", 6, 13);           /* o: b now moves the start */
}

/* The issue's own words: v i w on "sharp" is "sharp", v i s at the
 * start of a vignette its first sentence, to the full stop. */
static void test_text_objects_on_a_vignette(void **state)
{
	static const char yaml[] =
		"praxis: 1\nproject: Sharp\ncoders:\n  - id: tester\nvignettes:\n"
		"  - id: s1\n    title: Sharp\n    date: 2026-05-01\n"
		"    text: The nurse gave a sharp reply. Then she left.\n";
	char *db = fx_screen_db(yaml), *s;

	(void)state;
	s = fx_screen_run(db, ":open s1\nwwwwlviw3\n", 80, 24, NULL);
	fx_assert_has(s, "coded SR");
	free(s);
	assert_int_equal(fx_scalar(db, "SELECT start FROM coding"), 17);
	assert_int_equal(fx_scalar(db, "SELECT end FROM coding"), 22);     /* "sharp" */
	s = fx_screen_run(db, ":open s1\nvis3\n", 80, 24, NULL);
	fx_assert_has(s, "coded SR");
	free(s);
	assert_int_equal(fx_scalar(db, "SELECT end FROM coding WHERE start = 0"), 29);
	free(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_select_by_words),
		cmocka_unit_test(test_select_by_sentences),
		cmocka_unit_test(test_select_text_objects),
		cmocka_unit_test(test_word_end_and_other_end),
		cmocka_unit_test(test_text_objects_on_a_vignette),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
