/* textseg.c: words, sentences, paragraphs; see praxis/textseg.h.
 *
 * Every call cuts the whole text into segments (each a unit or not) and
 * answers from that list: one pass of ICU's break iterator over a UTF-16
 * copy, cheap for a vignette, and no state to keep between keystrokes. */
#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/utf16.h>
#include "praxis/textseg.h"
#include "praxis/util.h"

struct seg {
	size_t s, e;             /* [s, e) in code points */
	int unit;                /* a word, a sentence, a paragraph */
};

struct segs {
	struct seg *v;
	size_t n, cap;
};

static void push(struct segs *l, size_t s, size_t e, int unit)
{
	if (e <= s)
		return;
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 64;
		l->v = xrealloc(l->v, l->cap * sizeof(*l->v));
	}
	l->v[l->n++] = (struct seg){ s, e, unit };
}

static int is_space(uint32_t c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xA0 || c == 0x3000 ||
	       c == 0x2028 || c == 0x2029 || (c >= 0x2000 && c <= 0x200A);
}

/* [s, e) pushed as white space before, the unit, white space after. */
static void push_trimmed(struct segs *l, const uint32_t *cp, size_t s, size_t e)
{
	size_t a = s, b = e;

	while (a < b && is_space(cp[a]))
		a++;
	while (b > a && is_space(cp[b - 1]))
		b--;
	push(l, s, a, 0);
	push(l, a, b, 1);
	push(l, b, e, 0);
}

/* ICU's segments of cp as words (unit: letters, numbers, kana, ideographs)
 * or sentences (unit: the sentence without the white space around it). */
static void icu_segments(const uint32_t *cp, size_t n, UBreakIteratorType type,
			 struct segs *l)
{
	UChar *u = xmalloc((2 * n + 1) * sizeof(*u));
	size_t *cp_of = xmalloc((2 * n + 1) * sizeof(*cp_of));
	UErrorCode status = U_ZERO_ERROR;
	UBreakIterator *bi;
	int32_t len = 0, s, e;

	for (size_t i = 0; i < n; i++) {
		uint32_t c = cp[i] > 0x10FFFF || (cp[i] >= 0xD800 && cp[i] <= 0xDFFF) ? 0xFFFD
			: cp[i];
		cp_of[len] = i;
		if (c > 0xFFFF) {
			u[len++] = (UChar)U16_LEAD(c);
			cp_of[len] = i;
			u[len++] = (UChar)U16_TRAIL(c);
		} else {
			u[len++] = (UChar)c;
		}
	}
	cp_of[len] = n;
	bi = ubrk_open(type, "", u, len, &status);
	if (U_FAILURE(status) || !bi) {
		/* no break data: the whole text is one segment */
		if (type == UBRK_SENTENCE)
			push_trimmed(l, cp, 0, n);
		else
			push(l, 0, n, 1);
	} else {
		for (s = ubrk_first(bi); (e = ubrk_next(bi)) != UBRK_DONE; s = e) {
			if (type == UBRK_SENTENCE)
				push_trimmed(l, cp, cp_of[s], cp_of[e]);
			else
				push(l, cp_of[s], cp_of[e],
				     ubrk_getRuleStatus(bi) >= UBRK_WORD_NONE_LIMIT);
		}
		ubrk_close(bi);
	}
	free(u);
	free(cp_of);
}

/* Paragraphs: runs of lines with text, split at blank lines. */
static void paragraph_segments(const uint32_t *cp, size_t n, struct segs *l)
{
	size_t i = 0, start = 0;

	while (i < n) {
		size_t j = i;
		/* a blank line: a newline, spaces, a newline */
		if (cp[i] == '\n') {
			j = i + 1;
			while (j < n && is_space(cp[j]) && cp[j] != '\n')
				j++;
		}
		if (cp[i] == '\n' && j < n && cp[j] == '\n') {
			while (j < n && is_space(cp[j]))
				j++;
			push_trimmed(l, cp, start, i);
			push(l, i, j, 0);
			start = i = j;
		} else {
			i++;
		}
	}
	push_trimmed(l, cp, start, n);
}

static void segments(const uint32_t *cp, size_t n, enum textseg_unit unit, struct segs *l)
{
	memset(l, 0, sizeof(*l));
	if (unit == TEXTSEG_PARAGRAPH)
		paragraph_segments(cp, n, l);
	else
		icu_segments(cp, n, unit == TEXTSEG_WORD ? UBRK_WORD : UBRK_SENTENCE, l);
}

static int all_space(const uint32_t *cp, const struct seg *g)
{
	for (size_t i = g->s; i < g->e; i++)
		if (!is_space(cp[i]))
			return 0;
	return 1;
}

int textseg_object(const uint32_t *cp, size_t n, size_t at, enum textseg_unit unit,
		   int around, size_t *start, size_t *end)
{
	struct segs l;
	size_t k = 0;

	if (!n)
		return -1;
	if (at >= n)
		at = n - 1;
	segments(cp, n, unit, &l);
	while (k + 1 < l.n && l.v[k].e <= at)
		k++;
	*start = l.v[k].s;
	*end = l.v[k].e;
	if (around && l.v[k].unit) {
		if (k + 1 < l.n && all_space(cp, &l.v[k + 1]))
			*end = l.v[k + 1].e;
		else if (k > 0 && all_space(cp, &l.v[k - 1]))
			*start = l.v[k - 1].s;
	}
	free(l.v);
	return 0;
}

/* A unit's first code point, or with ends its last. */
static size_t unit_edge(const struct seg *g, int ends)
{
	return ends ? g->e - 1 : g->s;
}

/* The edge of the first unit whose edge lies after at (n if none). */
static size_t first_after(const uint32_t *cp, size_t n, size_t at, enum textseg_unit unit,
			  int ends)
{
	struct segs l;
	size_t out = n;

	segments(cp, n, unit, &l);
	for (size_t k = 0; k < l.n; k++)
		if (l.v[k].unit && unit_edge(&l.v[k], ends) > at) {
			out = unit_edge(&l.v[k], ends);
			break;
		}
	free(l.v);
	return out;
}

/* The edge of the last unit whose edge lies before at (0 if none). */
static size_t last_before(const uint32_t *cp, size_t n, size_t at, enum textseg_unit unit,
			  int ends)
{
	struct segs l;
	size_t out = 0;

	segments(cp, n, unit, &l);
	for (size_t k = 0; k < l.n && unit_edge(&l.v[k], ends) < at; k++)
		if (l.v[k].unit)
			out = unit_edge(&l.v[k], ends);
	free(l.v);
	return out;
}

size_t textseg_next(const uint32_t *cp, size_t n, size_t at, enum textseg_unit unit)
{
	return first_after(cp, n, at, unit, 0);
}

size_t textseg_prev(const uint32_t *cp, size_t n, size_t at, enum textseg_unit unit)
{
	return last_before(cp, n, at, unit, 0);
}

size_t textseg_end(const uint32_t *cp, size_t n, size_t at, enum textseg_unit unit)
{
	return first_after(cp, n, at, unit, 1);
}

size_t textseg_prev_end(const uint32_t *cp, size_t n, size_t at, enum textseg_unit unit)
{
	return last_before(cp, n, at, unit, 1);
}
