/* test_textseg.c: words, sentences and paragraphs (textseg.h): the text
 * objects the reader's selection is built on (iw aw is as ip ap), and the
 * moves to the next, previous and end of each. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "praxis/text.h"
#include "praxis/textseg.h"
#include "praxis/util.h"

struct cps {
	uint32_t *v;
	size_t n;
};

static struct cps decode(const char *s)
{
	size_t len = strlen(s), i = 0;
	struct cps c = { xcalloc(len + 1, sizeof(uint32_t)), 0 };

	while (i < len)
		i += text_decode(s + i, len - i, &c.v[c.n++]);
	return c;
}

/* The object at code point at, as text. */
static char *object(const char *text, size_t at, enum textseg_unit unit, int around)
{
	struct cps c = decode(text);
	size_t s, e;

	assert_int_equal(textseg_object(c.v, c.n, at, unit, around, &s, &e), 0);
	free(c.v);
	return text_cp_substr(text, s, e);
}

static void expect_object(const char *text, size_t at, enum textseg_unit unit, int around,
			  const char *want)
{
	char *got = object(text, at, unit, around);

	assert_string_equal(got, want);
	free(got);
}

static const char pile[] = "Annie put the claim on the Q pile. Bo asked why.";

static void test_words(void **state)
{
	const char *knife = "The knife was sharp, she said.";

	(void)state;
	expect_object(knife, 14, TEXTSEG_WORD, 0, "sharp");      /* v iw on "sharp" */
	expect_object(knife, 18, TEXTSEG_WORD, 0, "sharp");
	expect_object(knife, 19, TEXTSEG_WORD, 0, ",");
	expect_object(knife, 4, TEXTSEG_WORD, 1, "knife ");
	expect_object(knife, 14, TEXTSEG_WORD, 1, " sharp");     /* no space after it */
	expect_object(knife, 3, TEXTSEG_WORD, 0, " ");
	expect_object("Annie's pile of 3.5 claims", 2, TEXTSEG_WORD, 0, "Annie's");
	expect_object("Annie's pile of 3.5 claims", 17, TEXTSEG_WORD, 0, "3.5");
	/* CJK: by word or run, never the whole line */
	{
		char *w = object("\u6211\u4eec\u4eca\u5929\u53bb\u5b66\u6821\u3002", 0,
				 TEXTSEG_WORD, 0);
		assert_true(strlen(w) > 0 && strlen(w) < strlen("\u6211\u4eec\u4eca\u5929"
								"\u53bb\u5b66\u6821"));
		free(w);
		w = object("\u3072\u3089\u304c\u306a\u30ab\u30bf\u30ab\u30ca", 5, TEXTSEG_WORD, 0);
		assert_string_equal(w, "\u30ab\u30bf\u30ab\u30ca");  /* the katakana run */
		free(w);
	}
}

static void test_word_moves(void **state)
{
	struct cps c = decode(pile);

	(void)state;
	assert_int_equal(textseg_next(c.v, c.n, 0, TEXTSEG_WORD), 6);
	assert_int_equal(textseg_next(c.v, c.n, 5, TEXTSEG_WORD), 6);
	assert_int_equal(textseg_next(c.v, c.n, 29, TEXTSEG_WORD), 35);   /* past "." */
	assert_int_equal(textseg_next(c.v, c.n, 45, TEXTSEG_WORD), c.n);
	assert_int_equal(textseg_prev(c.v, c.n, 8, TEXTSEG_WORD), 6);
	assert_int_equal(textseg_prev(c.v, c.n, 6, TEXTSEG_WORD), 0);
	assert_int_equal(textseg_prev(c.v, c.n, 35, TEXTSEG_WORD), 29);
	assert_int_equal(textseg_prev(c.v, c.n, 0, TEXTSEG_WORD), 0);
	/* the ends: where a selection stops to hold whole words */
	assert_int_equal(textseg_end(c.v, c.n, 0, TEXTSEG_WORD), 4);
	assert_int_equal(textseg_end(c.v, c.n, 4, TEXTSEG_WORD), 8);
	assert_int_equal(textseg_end(c.v, c.n, 29, TEXTSEG_WORD), 32);
	assert_int_equal(textseg_end(c.v, c.n, 46, TEXTSEG_WORD), c.n);
	assert_int_equal(textseg_prev_end(c.v, c.n, 8, TEXTSEG_WORD), 4);
	assert_int_equal(textseg_prev_end(c.v, c.n, 35, TEXTSEG_WORD), 32);
	assert_int_equal(textseg_prev_end(c.v, c.n, 3, TEXTSEG_WORD), 0);
	free(c.v);
}

static void test_sentences(void **state)
{
	struct cps c = decode(pile);

	(void)state;
	/* v is at the start: the first sentence, to its full stop, no more */
	expect_object(pile, 0, TEXTSEG_SENTENCE, 0, "Annie put the claim on the Q pile.");
	expect_object(pile, 0, TEXTSEG_SENTENCE, 1, "Annie put the claim on the Q pile. ");
	expect_object(pile, 40, TEXTSEG_SENTENCE, 0, "Bo asked why.");
	expect_object(pile, 40, TEXTSEG_SENTENCE, 1, " Bo asked why.");
	expect_object("He said \"Go.\" Then he left!  Why?", 2, TEXTSEG_SENTENCE, 0,
		      "He said \"Go.\"");
	expect_object("He said \"Go.\" Then he left!  Why?", 15, TEXTSEG_SENTENCE, 0,
		      "Then he left!");
	expect_object("A heading\n\nThe text. More.", 3, TEXTSEG_SENTENCE, 0, "A heading");
	assert_int_equal(textseg_next(c.v, c.n, 0, TEXTSEG_SENTENCE), 35);
	assert_int_equal(textseg_next(c.v, c.n, 35, TEXTSEG_SENTENCE), c.n);
	assert_int_equal(textseg_prev(c.v, c.n, 40, TEXTSEG_SENTENCE), 35);
	assert_int_equal(textseg_prev(c.v, c.n, 35, TEXTSEG_SENTENCE), 0);
	assert_int_equal(textseg_end(c.v, c.n, 0, TEXTSEG_SENTENCE), 33);
	assert_int_equal(textseg_end(c.v, c.n, 33, TEXTSEG_SENTENCE), 47);
	free(c.v);
}

static void test_paragraphs(void **state)
{
	const char *text = "One line.\nTwo.\n\n  \nThree here.\n";
	struct cps c = decode(text);

	(void)state;
	expect_object(text, 3, TEXTSEG_PARAGRAPH, 0, "One line.\nTwo.");
	expect_object(text, 3, TEXTSEG_PARAGRAPH, 1, "One line.\nTwo.\n\n  \n");
	expect_object(text, 22, TEXTSEG_PARAGRAPH, 0, "Three here.");
	assert_int_equal(textseg_next(c.v, c.n, 0, TEXTSEG_PARAGRAPH), 19);
	assert_int_equal(textseg_end(c.v, c.n, 0, TEXTSEG_PARAGRAPH), 13);
	assert_int_equal(textseg_prev(c.v, c.n, 25, TEXTSEG_PARAGRAPH), 19);
	free(c.v);
	assert_int_equal(textseg_object(NULL, 0, 0, TEXTSEG_WORD, 0, &(size_t){ 0 },
					&(size_t){ 0 }), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_words),
		cmocka_unit_test(test_word_moves),
		cmocka_unit_test(test_sentences),
		cmocka_unit_test(test_paragraphs),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
