/* test_text.c: UTF-8 validation, code point offsets, widths, sanitizing,
 * fitting and matching in src/core/text.c. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include "praxis/text.h"

/* Test strings, spelled in bytes so the tests do not depend on the
 * encoding the compiler assumes for the source file. */
#define E_ACUTE_COMB "e\xcc\x81"                 /* e + U+0301 */
#define WANG_FANG "\xe7\x8e\x8b\xe8\x8a\xb3"     /* 王芳 */
#define WANG "\xe7\x8e\x8b"                      /* 王 */
#define GRIN "\xf0\x9f\x98\x80"                  /* U+1F600 */
#define ZWJ "\xe2\x80\x8d"                       /* U+200D */
/* man ZWJ woman ZWJ girl: one glyph on screen, five code points. */
#define FAMILY "\xf0\x9f\x91\xa8" ZWJ "\xf0\x9f\x91\xa9" ZWJ "\xf0\x9f\x91\xa7"
#define RLO "\xe2\x80\xae"                       /* U+202E */
#define FFFD "\xef\xbf\xbd"

static int valid(const char *s, size_t *bad_at)
{
	return text_utf8_valid(s, strlen(s), bad_at);
}

static void assert_sanitized(const char *in, int keep_newlines,
		const char *want)
{
	char *got = text_sanitize(in, keep_newlines);

	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

static int fuzzy_score(const char *hay, const char *needle)
{
	int score = -12345;

	assert_int_equal(text_fuzzy_match(hay, needle, &score), 1);
	return score;
}

/* ---- validation ---------------------------------------------------------- */

static void test_valid_good(void **state)
{
	size_t bad = 99;

	(void)state;
	assert_int_equal(valid("field notes", &bad), 1);
	assert_int_equal(valid(E_ACUTE_COMB WANG_FANG GRIN FAMILY, &bad), 1);
	assert_int_equal(valid("\xed\x9f\xbf", &bad), 1);      /* U+D7FF */
	assert_int_equal(valid("\xee\x80\x80", &bad), 1);      /* U+E000 */
	assert_int_equal(valid("\xf4\x8f\xbf\xbf", &bad), 1);  /* U+10FFFF */
	assert_int_equal(valid("\xc2\x80", &bad), 1);          /* U+0080 */
	assert_int_equal(valid(FFFD, &bad), 1);
	assert_int_equal(text_utf8_valid("a\0b", 3, &bad), 1);
	assert_int_equal(text_utf8_valid("", 0, NULL), 1);
	/* Valid input leaves bad_at alone. */
	assert_int_equal(bad, 99);
}

static void test_valid_overlong(void **state)
{
	size_t bad = 99;

	(void)state;
	assert_int_equal(valid("\xc0\x80", &bad), 0);
	assert_int_equal(bad, 0);
	assert_int_equal(valid("ab\xc1\xbf", &bad), 0);
	assert_int_equal(bad, 2);
	assert_int_equal(valid("x\xe0\x80\xaf", &bad), 0);     /* 3-byte '/' */
	assert_int_equal(bad, 1);
	assert_int_equal(valid("\xf0\x8f\xbf\xbf", &bad), 0);  /* 4-byte FFFF */
	assert_int_equal(bad, 0);
	assert_int_equal(valid("\xc0\x80", NULL), 0);
}

static void test_valid_surrogate(void **state)
{
	size_t bad = 99;

	(void)state;
	assert_int_equal(valid("\xed\xa0\x80", &bad), 0);      /* U+D800 */
	assert_int_equal(bad, 0);
	assert_int_equal(valid(WANG "\xed\xbf\xbf", &bad), 0); /* U+DFFF */
	assert_int_equal(bad, 3);
}

static void test_valid_truncated(void **state)
{
	size_t bad = 99;

	(void)state;
	assert_int_equal(valid("\xe7\x8e", &bad), 0);
	assert_int_equal(bad, 0);
	assert_int_equal(valid("ok\xf0\x9f\x98", &bad), 0);
	assert_int_equal(bad, 2);
	/* A lead byte followed by a non-continuation byte. */
	assert_int_equal(valid("\xc3(", &bad), 0);
	assert_int_equal(bad, 0);
	/* A lone continuation byte. */
	assert_int_equal(valid("a\x80", &bad), 0);
	assert_int_equal(bad, 1);
	/* len cuts a sequence that the NUL-terminated string holds whole. */
	assert_int_equal(text_utf8_valid(WANG, 2, &bad), 0);
	assert_int_equal(bad, 0);
}

static void test_valid_too_big(void **state)
{
	size_t bad = 99;

	(void)state;
	assert_int_equal(valid("\xf4\x90\x80\x80", &bad), 0);  /* U+110000 */
	assert_int_equal(bad, 0);
	assert_int_equal(valid("a\xf5\x80\x80\x80", &bad), 0);
	assert_int_equal(bad, 1);
	assert_int_equal(valid("\xff", &bad), 0);
	assert_int_equal(bad, 0);
}

static void test_decode_encode(void **state)
{
	static const uint32_t cps[] = {
		0x41, 0x7F, 0x80, 0x7FF, 0x800, 0x301, 0x738B, 0xD7FF, 0xE000,
		0xFFFD, 0x10000, 0x1F600, 0x10FFFF
	};
	static const size_t lens[] = {1, 1, 2, 2, 3, 2, 3, 3, 3, 3, 4, 4, 4};
	char buf[4];
	uint32_t cp = 0;

	(void)state;
	for (size_t i = 0; i < sizeof(cps) / sizeof(cps[0]); i++) {
		size_t n = text_encode(cps[i], buf);

		assert_int_equal(n, lens[i]);
		assert_int_equal(text_utf8_valid(buf, n, NULL), 1);
		assert_int_equal(text_decode(buf, n, &cp), n);
		assert_int_equal(cp, cps[i]);
	}
	/* Unencodable values come out as U+FFFD rather than bad UTF-8. */
	assert_int_equal(text_encode(0xD800, buf), 3);
	assert_memory_equal(buf, FFFD, 3);
	assert_int_equal(text_encode(0x110000, buf), 3);
	assert_memory_equal(buf, FFFD, 3);
	/* Invalid input decodes as U+FFFD, one byte at a time. */
	assert_int_equal(text_decode("\xed\xa0\x80", 3, &cp), 1);
	assert_int_equal(cp, 0xFFFD);
	assert_int_equal(text_decode("\xc0\x80", 2, &cp), 1);
	assert_int_equal(cp, 0xFFFD);
	assert_int_equal(text_decode(WANG, 2, &cp), 1);
	assert_int_equal(cp, 0xFFFD);
}

/* ---- code points and columns --------------------------------------------- */

static void test_combining(void **state)
{
	const char *s = "caf" E_ACUTE_COMB "!";

	(void)state;
	assert_int_equal(text_cp_len(E_ACUTE_COMB), 2);
	assert_int_equal(text_width(E_ACUTE_COMB), 1);
	assert_int_equal(text_cp_width(0x301), 0);
	assert_int_equal(text_cp_len(s), 6);
	assert_int_equal(text_width(s), 5);
	assert_int_equal(text_cp_to_byte(s, 3), 3);  /* the e */
	assert_int_equal(text_cp_to_byte(s, 4), 4);  /* its U+0301 */
	assert_int_equal(text_cp_to_byte(s, 5), 6);  /* the ! */
	assert_int_equal(text_byte_to_cp(s, 5), 4);  /* inside U+0301 */
	assert_int_equal(text_byte_to_cp(s, 6), 5);
}

static void test_cjk(void **state)
{
	(void)state;
	assert_int_equal(strlen(WANG_FANG), 6);
	assert_int_equal(text_cp_len(WANG_FANG), 2);
	assert_int_equal(text_width(WANG_FANG), 4);
	assert_int_equal(text_cp_to_byte(WANG_FANG, 1), 3);
	assert_int_equal(text_byte_to_cp(WANG_FANG, 4), 1);
	assert_int_equal(text_byte_to_cp(WANG_FANG, 2), 0);
	assert_int_equal(text_cp_len_n(WANG_FANG, 3), 1);
	assert_int_equal(text_width_n(WANG_FANG, 3), 2);
}

static void test_decomposed_hangul(void **state)
{
	/* U+1112 U+1161 U+11AB: the syllable han as macOS stores it. */
	const char *han = "\xe1\x84\x92\xe1\x85\xa1\xe1\x86\xab";

	(void)state;
	assert_int_equal(text_cp_len(han), 3);
	assert_int_equal(text_width(han), 2);
	assert_int_equal(text_fit(han, strlen(han), 2, NULL), 9);
	assert_int_equal(text_fit(han, strlen(han), 1, NULL), 0);
}

static void test_emoji(void **state)
{
	(void)state;
	assert_int_equal(text_cp_len(GRIN), 1);
	assert_int_equal(text_width(GRIN), 2);
	assert_int_equal(text_cp_width(0x1F600), 2);
	/* A ZWJ sequence is several code points; the joiners take no room. */
	assert_int_equal(strlen(FAMILY), 18);
	assert_int_equal(text_cp_len(FAMILY), 5);
	assert_int_equal(text_cp_width(0x200D), 0);
	assert_int_equal(text_width(FAMILY), 6);
	assert_int_equal(text_cp_to_byte(FAMILY, 1), 4);
	assert_int_equal(text_cp_to_byte(FAMILY, 2), 7);
}

static void test_cp_width_table(void **state)
{
	(void)state;
	assert_int_equal(text_cp_width('A'), 1);
	assert_int_equal(text_cp_width(0xE9), 1);
	assert_int_equal(text_cp_width(0xA0), 1);
	assert_int_equal(text_cp_width(0x00), -1);
	assert_int_equal(text_cp_width(0x1B), -1);
	assert_int_equal(text_cp_width(0x1F), -1);
	assert_int_equal(text_cp_width(0x7F), -1);
	assert_int_equal(text_cp_width(0x80), -1);
	assert_int_equal(text_cp_width(0x9B), -1);
	assert_int_equal(text_cp_width(0x9F), -1);
	assert_int_equal(text_cp_width(0x0300), 0);
	assert_int_equal(text_cp_width(0x036F), 0);
	assert_int_equal(text_cp_width(0x0370), 1);
	assert_int_equal(text_cp_width(0x0591), 0);
	assert_int_equal(text_cp_width(0x200B), 0);
	assert_int_equal(text_cp_width(0x2060), 0);
	assert_int_equal(text_cp_width(0xFE0F), 0);
	assert_int_equal(text_cp_width(0xE0100), 0);
	assert_int_equal(text_cp_width(0x3099), 0);  /* mark in a wide block */
	assert_int_equal(text_cp_width(0x1100), 2);
	assert_int_equal(text_cp_width(0x115F), 2);
	assert_int_equal(text_cp_width(0x1160), 0);  /* joins the 1100 cell */
	assert_int_equal(text_cp_width(0x11FF), 0);
	assert_int_equal(text_cp_width(0x1200), 1);
	assert_int_equal(text_cp_width(0x4DC0), 2);  /* Yijing hexagram */
	assert_int_equal(text_cp_width(0x061C), 0);  /* Arabic letter mark */
	assert_int_equal(text_cp_width(0xE0067), 0); /* tag in a flag */
	assert_int_equal(text_cp_width(0x4E00), 2);
	assert_int_equal(text_cp_width(0xAC00), 2);
	assert_int_equal(text_cp_width(0xD7A3), 2);
	assert_int_equal(text_cp_width(0xD7A4), 1);
	assert_int_equal(text_cp_width(0xFF01), 2);
	assert_int_equal(text_cp_width(0xFF61), 1);  /* halfwidth katakana */
	assert_int_equal(text_cp_width(0x20000), 2);
	assert_int_equal(text_cp_width(0x2615), 2);  /* hot beverage */
	assert_int_equal(text_cp_width(0x1F9D0), 2);
	assert_int_equal(text_cp_width(0x10FFFF), 1);
}

/* "a" e+U+0301 王 U+1F600 "b" ZWJ U+00E9 plus a stray byte. */
static const char mixed[] = "a" E_ACUTE_COMB WANG GRIN "b" ZWJ "\xc3\xa9\xff";
#define MIXED_CPS 9

static void test_offsets_round_trip(void **state)
{
	size_t len = strlen(mixed);

	(void)state;
	assert_int_equal(text_cp_len(mixed), MIXED_CPS);
	assert_int_equal(text_cp_len_n(mixed, len), MIXED_CPS);
	for (size_t cp = 0; cp <= MIXED_CPS; cp++) {
		size_t b = text_cp_to_byte(mixed, cp);

		assert_in_range(b, 0, len);
		assert_int_equal(text_byte_to_cp(mixed, b), cp);
	}
	/* A byte inside a sequence maps back to the start of its code point. */
	for (size_t b = 0; b <= len; b++) {
		size_t cp = text_byte_to_cp(mixed, b);
		size_t start = text_cp_to_byte(mixed, cp);

		assert_true(start <= b);
		assert_true(b - start < 4);
	}
	assert_int_equal(text_cp_to_byte(mixed, 100), len);
	assert_int_equal(text_byte_to_cp(mixed, 100), MIXED_CPS);
	assert_int_equal(text_cp_to_byte("", 3), 0);
	assert_int_equal(text_byte_to_cp("", 3), 0);
}

/* ---- find and substring -------------------------------------------------- */

static void test_find_nth_overlapping(void **state)
{
	int count = -1;

	(void)state;
	assert_int_equal(text_find_nth("aaaa", "aaa", 1, &count), 0);
	assert_int_equal(count, 2);
	assert_int_equal(text_find_nth("aaaa", "aaa", 2, &count), 1);
	assert_int_equal(text_find_nth("aaaa", "aaa", 3, &count), -1);
	assert_int_equal(count, 2);
	assert_int_equal(text_find_nth("aaaa", "aaa", 0, &count), -1);
	assert_int_equal(count, 2);
	assert_int_equal(text_find_nth("aaaa", "aaa", 1, NULL), 0);
}

static void test_find_nth_edges(void **state)
{
	int count = -1;

	(void)state;
	assert_int_equal(text_find_nth("abc", "", 1, &count), -1);
	assert_int_equal(count, 0);
	count = -1;
	assert_int_equal(text_find_nth("abc", "x", 1, &count), -1);
	assert_int_equal(count, 0);
	assert_int_equal(text_find_nth("ab", "abc", 1, &count), -1);
	assert_int_equal(count, 0);
	assert_int_equal(text_find_nth("abc", "abc", 1, &count), 0);
	assert_int_equal(count, 1);
}

static void test_find_nth_multibyte(void **state)
{
	const char *hay = E_ACUTE_COMB GRIN "x" WANG "x";
	int count = -1;

	(void)state;
	/* Offsets count code points, not bytes (the second x is byte 11). */
	assert_int_equal(text_find_nth(hay, "x", 1, &count), 3);
	assert_int_equal(count, 2);
	assert_int_equal(text_find_nth(hay, "x", 2, &count), 5);
	assert_int_equal(text_find_nth(WANG_FANG WANG, WANG, 2, &count), 2);
	assert_int_equal(count, 2);
	assert_int_equal(text_find_nth(hay, GRIN "x", 1, &count), 2);
	assert_int_equal(count, 1);
}

static void test_substr(void **state)
{
	const char *s = "a" WANG GRIN E_ACUTE_COMB "b";
	char *sub;

	(void)state;
	sub = text_cp_substr(s, 1, 3);
	assert_string_equal(sub, WANG GRIN);
	free(sub);
	sub = text_cp_substr(s, 3, 5);
	assert_string_equal(sub, E_ACUTE_COMB);
	free(sub);
	sub = text_cp_substr(s, 4, 100);
	assert_string_equal(sub, "\xcc\x81" "b");
	free(sub);
	sub = text_cp_substr(s, 0, 6);
	assert_string_equal(sub, s);
	free(sub);
	sub = text_cp_substr(s, 5, 2);
	assert_string_equal(sub, "");
	free(sub);
	sub = text_cp_substr(s, 100, 200);
	assert_string_equal(sub, "");
	free(sub);
}

/* ---- sanitizing ---------------------------------------------------------- */

static void test_sanitize_escape_sequences(void **state)
{
	(void)state;
	assert_sanitized("\x1b[31mred\x1b[0m", 0, "^[[31mred^[[0m");
	assert_sanitized("\x1b]0;x\x07", 0, "^[]0;x^G");
	assert_sanitized("\x1b]0;x\x1b\\", 0, "^[]0;x^[\\");
	assert_sanitized("\x1b" "c", 0, "^[c");
	assert_sanitized("\x1b", 0, "^[");
}

static void test_sanitize_controls(void **state)
{
	(void)state;
	assert_sanitized("a\xc2\x9b" "31m", 0, "a\\x9b31m");
	assert_sanitized("\xc2\x80\xc2\x9f", 0, "\\x80\\x9f");
	assert_sanitized("del\x7f", 0, "del^?");
	assert_sanitized("a\rb", 0, "a^Mb");
	assert_sanitized("a\tb", 0, "a b");
	assert_sanitized("\x01\x1f\x7f", 0, "^A^_^?");
	assert_sanitized("a\nb", 1, "a\nb");
	assert_sanitized("a\nb", 0, "a b");
	assert_sanitized("a\r\nb", 1, "a^M\nb");
}

static void test_sanitize_invalid_and_bidi(void **state)
{
	(void)state;
	assert_sanitized("a\xff" "b", 0, "a" FFFD "b");
	assert_sanitized("\xed\xa0\x80", 0, FFFD FFFD FFFD);
	assert_sanitized("x" RLO "y", 0, "x<U+202E>y");
	assert_sanitized("\xe2\x80\xaa\xe2\x81\xa6\xe2\x81\xa9", 0,
		"<U+202A><U+2066><U+2069>");
	/* Printable text, marks, CJK and emoji pass through untouched. */
	assert_sanitized(E_ACUTE_COMB WANG_FANG FAMILY " ok", 0,
		E_ACUTE_COMB WANG_FANG FAMILY " ok");
	assert_sanitized("", 0, "");
	assert_null(text_sanitize(NULL, 0));
}

static void test_sanitize_output_is_safe(void **state)
{
	const char *nasty = "\x1b[2J\xc2\x9b" "0m\x07\xff" RLO "\t\r\n"
		WANG "\xc0\x80";
	char *once = text_sanitize(nasty, 0);
	char *twice = text_sanitize(once, 0);

	(void)state;
	assert_int_equal(text_utf8_valid(once, strlen(once), NULL), 1);
	for (const unsigned char *p = (const unsigned char *)once; *p; p++) {
		assert_true(*p >= 0x20 && *p != 0x7F);
		/* No C1 control survives in its UTF-8 form. */
		assert_false(p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F);
	}
	assert_null(strstr(once, RLO));
	/* Sanitizing is idempotent and the width is that of what is shown. */
	assert_string_equal(twice, once);
	assert_int_equal(text_width(nasty), text_width(once));
	/* ^[ [2J \x9b 0m ^G U+FFFD <U+202E> ' ' ^M ' ' 王 U+FFFD U+FFFD */
	assert_int_equal(text_width(nasty), 30);
	free(once);
	free(twice);
}

static void test_width_counts_escapes(void **state)
{
	(void)state;
	assert_int_equal(text_width("\x1b[31m"), 6);
	assert_int_equal(text_width("a\xc2\x9b"), 5);
	assert_int_equal(text_width(RLO), 8);
	assert_int_equal(text_width("\t"), 1);
	assert_int_equal(text_width("\xff"), 1);
	assert_int_equal(text_width_n("a\0b", 3), 4);
	assert_int_equal(text_width(""), 0);
}

/* ---- fitting ------------------------------------------------------------- */

static void test_fit_wide(void **state)
{
	const char *s = "ab" WANG "c";
	size_t cols = 99;

	(void)state;
	assert_int_equal(text_fit(s, strlen(s), 3, &cols), 2);
	assert_int_equal(cols, 2);
	assert_int_equal(text_fit(s, strlen(s), 4, &cols), 5);
	assert_int_equal(cols, 4);
	assert_int_equal(text_fit(s, strlen(s), 0, &cols), 0);
	assert_int_equal(cols, 0);
	assert_int_equal(text_fit(s, strlen(s), 100, &cols), 6);
	assert_int_equal(cols, 5);
	assert_int_equal(text_fit(GRIN, 4, 1, &cols), 0);
	assert_int_equal(cols, 0);
	assert_int_equal(text_fit(s, strlen(s), 1, NULL), 1);
}

static void test_fit_combining(void **state)
{
	const char *s = "a" E_ACUTE_COMB "\xcc\xa7x";  /* a e U+0301 U+0327 x */
	size_t cols = 99;

	(void)state;
	/* The marks ride with the e that fits... */
	assert_int_equal(text_fit(s, strlen(s), 2, &cols), 6);
	assert_int_equal(cols, 2);
	/* ...and are not left dangling when the e does not. */
	assert_int_equal(text_fit(s, strlen(s), 1, &cols), 1);
	assert_int_equal(cols, 1);
	assert_int_equal(text_fit(s, strlen(s), 3, &cols), 7);
	assert_int_equal(cols, 3);
}

static void test_fit_never_splits(void **state)
{
	size_t len = strlen(mixed);
	size_t total = text_width(mixed);

	(void)state;
	for (size_t max = 0; max <= total + 1; max++) {
		size_t cols = 99;
		size_t b = text_fit(mixed, len, max, &cols);

		assert_true(cols <= max);
		assert_int_equal(cols, text_width_n(mixed, b));
		assert_int_equal(text_cp_to_byte(mixed,
			text_byte_to_cp(mixed, b)), b);
	}
}

/* ---- fuzzy matching ------------------------------------------------------ */

static void test_fuzzy_matches(void **state)
{
	int score = -1;

	(void)state;
	assert_int_equal(text_fuzzy_match("praxis", "prx", &score), 1);
	assert_true(score > 0);
	assert_int_equal(text_fuzzy_match("Interview Notes", "INTno", &score),
		1);
	assert_true(score > 0);
	assert_int_equal(text_fuzzy_match("kinship/" WANG_FANG, WANG, &score),
		1);
	assert_true(score > 0);
	assert_int_equal(text_fuzzy_match("caf\xc3\xa9", "\xc3\xa9", &score),
		1);
	assert_int_equal(text_fuzzy_match("praxis", "", &score), 1);
	assert_int_equal(score, 0);
	assert_int_equal(text_fuzzy_match("praxis", "prx", NULL), 1);
}

static void test_fuzzy_non_matches(void **state)
{
	int score = -1;

	(void)state;
	assert_int_equal(text_fuzzy_match("praxis", "xp", &score), 0);
	assert_int_equal(score, 0);
	score = -1;
	assert_int_equal(text_fuzzy_match("pra", "prax", &score), 0);
	assert_int_equal(score, 0);
	/* Only ASCII folds case: E-acute does not match e-acute. */
	assert_int_equal(text_fuzzy_match("\xc3\x89mile", "\xc3\xa9", &score),
		0);
	assert_int_equal(text_fuzzy_match("", "a", &score), 0);
}

static void test_fuzzy_ranking(void **state)
{
	(void)state;
	/* An exact substring beats a scattered match... */
	assert_true(fuzzy_score("xviewx", "view") >
		fuzzy_score("v-i-e-w", "view"));
	/* ...even late, mid-word, against word starts at the front. */
	assert_true(fuzzy_score("xxxxxxxxxxxxxxxxxxfbx", "fb") >
		fuzzy_score("foo bar", "fb"));
	/* The best alignment is found, not the first: "ab" at the end. */
	assert_true(fuzzy_score("a_b ab", "ab") > fuzzy_score("a_b", "ab"));
	/* Consecutive beats gapped. */
	assert_true(fuzzy_score("abxx", "ab") > fuzzy_score("axbx", "ab"));
	/* Word starts count. */
	assert_true(fuzzy_score("x notes", "n") > fuzzy_score("xxnotes", "n"));
	assert_true(fuzzy_score("x/notes", "n") > fuzzy_score("xxnotes", "n"));
	/* Earlier is better. */
	assert_true(fuzzy_score("xnx", "n") > fuzzy_score("xxxnx", "n"));
	/* Tighter is better. */
	assert_true(fuzzy_score("axbx", "ab") > fuzzy_score("axxxbx", "ab"));
	/* The whole string beats a longer one that starts the same. */
	assert_true(fuzzy_score("code", "code") >
		fuzzy_score("codebook", "code"));
	/* Case does not change the score. */
	assert_int_equal(fuzzy_score("Field Notes", "fn"),
		fuzzy_score("field notes", "FN"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid_good),
		cmocka_unit_test(test_valid_overlong),
		cmocka_unit_test(test_valid_surrogate),
		cmocka_unit_test(test_valid_truncated),
		cmocka_unit_test(test_valid_too_big),
		cmocka_unit_test(test_decode_encode),
		cmocka_unit_test(test_combining),
		cmocka_unit_test(test_cjk),
		cmocka_unit_test(test_decomposed_hangul),
		cmocka_unit_test(test_emoji),
		cmocka_unit_test(test_cp_width_table),
		cmocka_unit_test(test_offsets_round_trip),
		cmocka_unit_test(test_find_nth_overlapping),
		cmocka_unit_test(test_find_nth_edges),
		cmocka_unit_test(test_find_nth_multibyte),
		cmocka_unit_test(test_substr),
		cmocka_unit_test(test_sanitize_escape_sequences),
		cmocka_unit_test(test_sanitize_controls),
		cmocka_unit_test(test_sanitize_invalid_and_bidi),
		cmocka_unit_test(test_sanitize_output_is_safe),
		cmocka_unit_test(test_width_counts_escapes),
		cmocka_unit_test(test_fit_wide),
		cmocka_unit_test(test_fit_combining),
		cmocka_unit_test(test_fit_never_splits),
		cmocka_unit_test(test_fuzzy_matches),
		cmocka_unit_test(test_fuzzy_non_matches),
		cmocka_unit_test(test_fuzzy_ranking),
	};

	return cmocka_run_group_tests_name("text", tests, NULL, NULL);
}
