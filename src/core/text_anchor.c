/* text_anchor.c: where a quote sits among its repeats, for many spans of
 * one text at once; see text_anchors in praxis/text.h. */
#include <stdlib.h>
#include <string.h>
#include "praxis/text.h"
#include "praxis/util.h"

/* A byte offset every TEXT_MARK_EVERY code points: a code point's byte
 * offset is then a lookup and at most that many decodes, not a walk from
 * the start of the text for every span. */
#define TEXT_MARK_EVERY 64

struct anchor_key {
	const char *quote;
	size_t qlen;
	size_t b0;               /* where this span's quote starts */
	size_t i;                /* index into the caller's spans */
};

static size_t *cp_marks(const char *s, size_t len, size_t *n)
{
	size_t cap = len / TEXT_MARK_EVERY + 2, count = 0, i = 0, cps = 0;
	size_t *marks = xcalloc(cap, sizeof(*marks));
	uint32_t cp;

	while (i < len) {
		if (cps % TEXT_MARK_EVERY == 0)
			marks[count++] = i;
		i += text_decode(s + i, len - i, &cp);
		cps++;
	}
	if (cps % TEXT_MARK_EVERY == 0)
		marks[count++] = i;
	*n = count;
	return marks;
}

static size_t cp_byte(const char *s, size_t len, const size_t *marks, size_t nmarks,
		      size_t cp)
{
	size_t m = cp / TEXT_MARK_EVERY, i, left;
	uint32_t c;

	if (m >= nmarks)
		m = nmarks - 1;
	i = marks[m];
	left = cp - m * TEXT_MARK_EVERY;
	while (left > 0 && i < len) {
		i += text_decode(s + i, len - i, &c);
		left--;
	}
	return i;
}

static int key_cmp(const void *pa, const void *pb)
{
	const struct anchor_key *a = pa, *b = pb;
	size_t n = a->qlen < b->qlen ? a->qlen : b->qlen;
	int d = memcmp(a->quote, b->quote, n);

	if (d)
		return d;
	if (a->qlen != b->qlen)
		return a->qlen < b->qlen ? -1 : 1;
	return a->b0 < b->b0 ? -1 : a->b0 > b->b0;
}

static const char *find_from(const char *s, size_t len, size_t from, const char *q,
			     size_t qlen)
{
	while (from + qlen <= len) {
		const char *p = memchr(s + from, (unsigned char)q[0], len - qlen + 1 - from);
		if (!p)
			return NULL;
		if (memcmp(p, q, qlen) == 0)
			return p;
		from = (size_t)(p - s) + 1;
	}
	return NULL;
}

/* One pass over s for the spans of keys[0..n), which share one quote. */
static void anchor_group(const char *s, size_t len, const struct anchor_key *keys, size_t n,
			 struct text_anchor *out)
{
	size_t from = 0, j = 0;
	int64_t count = 0;
	const char *p;

	while ((p = find_from(s, len, from, keys[0].quote, keys[0].qlen))) {
		size_t at = (size_t)(p - s);
		count++;
		for (; j < n && keys[j].b0 <= at; j++)
			out[keys[j].i].nth = keys[j].b0 == at ? count : 0;
		from = at + 1;
	}
	for (size_t k = 0; k < n; k++)
		out[keys[k].i].count = count;
}

void text_anchors(const char *s, const struct text_span *spans, size_t n,
		  struct text_anchor *out)
{
	size_t len = s ? strlen(s) : 0, nmarks, nkeys = 0;
	size_t *marks;
	struct anchor_key *keys;

	memset(out, 0, n * sizeof(*out));
	if (!s || !n)
		return;
	marks = cp_marks(s, len, &nmarks);
	keys = xcalloc(n, sizeof(*keys));
	for (size_t i = 0; i < n; i++) {
		size_t b0, b1;
		if (spans[i].start < 0 || spans[i].end <= spans[i].start)
			continue;
		b0 = cp_byte(s, len, marks, nmarks, (size_t)spans[i].start);
		b1 = cp_byte(s, len, marks, nmarks, (size_t)spans[i].end);
		out[i].byte_start = b0;
		out[i].byte_end = b1;
		/* a quote starting with a continuation byte (only in invalid
		 * UTF-8) could match inside a character: no anchor, offsets */
		if (b1 == b0 || ((unsigned char)s[b0] & 0xC0) == 0x80)
			continue;
		keys[nkeys].quote = s + b0;
		keys[nkeys].qlen = b1 - b0;
		keys[nkeys].b0 = b0;
		keys[nkeys].i = i;
		nkeys++;
	}
	qsort(keys, nkeys, sizeof(*keys), key_cmp);
	for (size_t g = 0, h; g < nkeys; g = h) {
		for (h = g + 1; h < nkeys && keys[h].qlen == keys[g].qlen &&
				memcmp(keys[h].quote, keys[g].quote, keys[g].qlen) == 0; h++)
			;
		anchor_group(s, len, keys + g, h - g, out);
	}
	free(keys);
	free(marks);
}
