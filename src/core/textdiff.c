/* textdiff.c: Myers diff over code points and span re-anchoring; see
 * praxis/textdiff.h. */
#include <stdlib.h>
#include <string.h>
#include "praxis/textdiff.h"
#include "praxis/text.h"
#include "praxis/util.h"

/* Past this many edits in one region, the region counts as one change:
 * the search is O(D^2) in time, and a text rewritten that much has no
 * spans worth keeping exactly anyway. */
#define DIFF_MAX_D 10000
/* Equal runs shorter than this between two changes join the change. */
#define DIFF_MIN_RUN 3

struct run {
	int64_t a, b, len;       /* old_text[a..a+len) == new_text[b..b+len) */
};

struct diff {
	const uint32_t *a, *b;
	struct run *runs;
	size_t n, cap;
	int64_t *v1, *v2;        /* forward and reverse furthest x per diagonal */
};

static uint32_t *decode_all(const char *s, int64_t *n)
{
	size_t len = strlen(s), i = 0;
	uint32_t *cp = xmalloc((len + 1) * sizeof(*cp));

	*n = 0;
	while (i < len)
		i += text_decode(s + i, len - i, &cp[(*n)++]);
	return cp;
}

static void add_run(struct diff *d, int64_t a, int64_t b, int64_t len)
{
	if (len <= 0)
		return;
	if (d->n && d->runs[d->n - 1].a + d->runs[d->n - 1].len == a &&
	    d->runs[d->n - 1].b + d->runs[d->n - 1].len == b) {
		d->runs[d->n - 1].len += len;
		return;
	}
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 16;
		d->runs = xrealloc(d->runs, d->cap * sizeof(*d->runs));
	}
	d->runs[d->n++] = (struct run){ a, b, len };
}

struct snake {
	int64_t x0, y0, x1, y1;  /* the equal run (x0,y0)..(x1,y1) */
};

/* Myers' middle snake of a[ao..ao+n) and b[bo..bo+m); 0 if found within
 * DIFF_MAX_D edits. */
static int middle_snake(struct diff *d, int64_t ao, int64_t n, int64_t bo, int64_t m,
			struct snake *sn)
{
	const uint32_t *a = d->a + ao, *b = d->b + bo;
	int64_t delta = n - m, max = (n + m + 1) / 2, off;
	int odd = (int)(delta & 1);
	int64_t *v1 = d->v1, *v2 = d->v2;

	if (max > DIFF_MAX_D)
		max = DIFF_MAX_D;
	off = max + 1;
	v1[off + 1] = 0;
	v2[off + 1] = 0;
	for (int64_t k0 = 0; k0 <= max; k0++) {
		for (int64_t k = -k0; k <= k0; k += 2) {
			int64_t x = (k == -k0 || (k != k0 && v1[off + k - 1] < v1[off + k + 1]))
				? v1[off + k + 1] : v1[off + k - 1] + 1;
			int64_t y = x - k, x0 = x, y0 = y, c = delta - k;
			while (x < n && y < m && a[x] == b[y])
				x++, y++;
			v1[off + k] = x;
			if (odd && c >= -(k0 - 1) && c <= k0 - 1 && x + v2[off + c] >= n) {
				*sn = (struct snake){ x0, y0, x, y };
				return 0;
			}
		}
		for (int64_t k = -k0; k <= k0; k += 2) {
			int64_t x = (k == -k0 || (k != k0 && v2[off + k - 1] < v2[off + k + 1]))
				? v2[off + k + 1] : v2[off + k - 1] + 1;
			int64_t y = x - k, x0 = x, y0 = y, c = delta - k;
			while (x < n && y < m && a[n - 1 - x] == b[m - 1 - y])
				x++, y++;
			v2[off + k] = x;
			if (!odd && c >= -k0 && c <= k0 && x + v1[off + c] >= n) {
				*sn = (struct snake){ n - x, m - y, n - x0, m - y0 };
				return 0;
			}
		}
	}
	return -1;
}

static void diff_region(struct diff *d, int64_t ao, int64_t n, int64_t bo, int64_t m)
{
	int64_t p = 0, s = 0;
	struct snake sn;

	while (p < n && p < m && d->a[ao + p] == d->b[bo + p])
		p++;
	add_run(d, ao, bo, p);
	while (s < n - p && s < m - p && d->a[ao + n - 1 - s] == d->b[bo + m - 1 - s])
		s++;
	ao += p;
	bo += p;
	n -= p + s;
	m -= p + s;
	/* (a snake at a corner would leave one half as big as the whole) */
	if (n > 0 && m > 0 && middle_snake(d, ao, n, bo, m, &sn) == 0 &&
	    !(sn.x0 == n && sn.y0 == m) && !(sn.x1 == 0 && sn.y1 == 0)) {
		diff_region(d, ao, sn.x0, bo, sn.y0);
		add_run(d, ao + sn.x0, bo + sn.y0, sn.x1 - sn.x0);
		diff_region(d, ao + sn.x1, n - sn.x1, bo + sn.y1, m - sn.y1);
	}
	add_run(d, ao + n, bo + m, s);
}

static void push_hunk(textdiff *out, size_t *cap, int64_t oa, int64_t oe, int64_t na,
		      int64_t ne)
{
	if (oa == oe && na == ne)
		return;
	if (out->n && out->h[out->n - 1].old_end == oa && out->h[out->n - 1].new_end == na) {
		out->h[out->n - 1].old_end = oe;
		out->h[out->n - 1].new_end = ne;
		return;
	}
	if (out->n == *cap) {
		*cap = *cap ? *cap * 2 : 8;
		out->h = xrealloc(out->h, *cap * sizeof(*out->h));
	}
	out->h[out->n++] = (textdiff_hunk){ oa, oe, na, ne };
}

/* The gaps between equal runs, short runs between two gaps folded in. */
static void runs_to_hunks(const struct diff *d, int64_t n, int64_t m, textdiff *out)
{
	int64_t pa = 0, pb = 0;
	size_t cap = 0;

	for (size_t i = 0; i <= d->n; i++) {
		struct run r = i < d->n ? d->runs[i] : (struct run){ n, m, 0 };
		int changed_before = r.a > pa || r.b > pb;
		int changed_after = i + 1 < d->n ||
			(i < d->n && (r.a + r.len < n || r.b + r.len < m));
		if (i < d->n && r.len < DIFF_MIN_RUN && changed_before && changed_after &&
		    r.a > 0 && r.a + r.len < n)
			continue;       /* too short to trust: part of the change */
		push_hunk(out, &cap, pa, r.a, pb, r.b);
		pa = r.a + r.len;
		pb = r.b + r.len;
	}
}

static int word_char(int64_t c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       c >= 0x80;
}

/* How good a place the boundary between x and y is for a change to start
 * or end (-1: the edge of the text): line breaks, then spaces, then
 * punctuation. */
static int edge_score(int64_t x, int64_t y)
{
	if (x < 0 || y < 0)
		return 6;
	if (x == '\n' || y == '\n')
		return 4;
	if (x == ' ' || y == ' ' || x == '\t' || y == '\t')
		return 3;
	if (!word_char(x) || !word_char(y))
		return 2;
	return 0;
}

static int64_t at_or_edge(const uint32_t *s, int64_t len, int64_t i)
{
	return i < 0 || i >= len ? -1 : (int64_t)s[i];
}

/* A pure insertion or deletion can often sit in several places ("A" +
 * "new text.\n\nA" or "A new text.\n\n" + "A"); slides it to the one
 * with the best edges, so it lands between words and lines, not inside
 * one. */
static void slide_hunk(textdiff *out, size_t i, const uint32_t *a, int64_t n,
		       const uint32_t *b, int64_t m)
{
	textdiff_hunk *h = &out->h[i];
	int ins = h->old_start == h->old_end;
	const uint32_t *seq = ins ? b : a;
	int64_t slen = ins ? m : n, s = ins ? h->new_start : h->old_start;
	int64_t len = ins ? h->new_end - h->new_start : h->old_end - h->old_start;
	int64_t lim_lo = i ? (ins ? h[-1].new_end : h[-1].old_end) : 0;
	int64_t lim_hi = i + 1 < out->n ? (ins ? h[1].new_start : h[1].old_start) : slen;
	int64_t lo = s, hi = s, best = s;
	int best_score = -1;

	if (h->new_start != h->new_end && h->old_start != h->old_end)
		return;
	while (lo > lim_lo && seq[lo - 1] == seq[lo - 1 + len])
		lo--;
	while (hi + len < lim_hi && seq[hi] == seq[hi + len])
		hi++;
	/* where the diff put it wins a tie */
	for (int64_t k = lo - 1; k <= hi; k++) {
		int64_t p = k < lo ? s : k;
		int score = edge_score(at_or_edge(seq, slen, p - 1), at_or_edge(seq, slen, p)) +
			edge_score(at_or_edge(seq, slen, p + len - 1), at_or_edge(seq, slen, p + len));
		if (score > best_score) {
			best_score = score;
			best = p;
		}
	}
	h->old_start += best - s;
	h->old_end += best - s;
	h->new_start += best - s;
	h->new_end += best - s;
}

void textdiff_compute(const char *old_text, const char *new_text, textdiff *out)
{
	struct diff d = { 0 };
	int64_t n, m, room;

	memset(out, 0, sizeof(*out));
	d.a = decode_all(old_text, &n);
	d.b = decode_all(new_text, &m);
	room = (n + m + 1) / 2;
	if (room > DIFF_MAX_D)
		room = DIFF_MAX_D;
	d.v1 = xcalloc((size_t)(2 * room + 4), sizeof(*d.v1));
	d.v2 = xcalloc((size_t)(2 * room + 4), sizeof(*d.v2));
	diff_region(&d, 0, n, 0, m);
	runs_to_hunks(&d, n, m, out);
	for (size_t i = 0; i < out->n; i++)
		slide_hunk(out, i, d.a, n, d.b, m);
	free(d.v1);
	free(d.v2);
	free(d.runs);
	free((void *)d.a);
	free((void *)d.b);
}

void textdiff_free(textdiff *d)
{
	free(d->h);
	memset(d, 0, sizeof(*d));
}

int textdiff_map_span(const textdiff *d, int64_t new_len, int64_t *start, int64_t *end)
{
	int64_t a = *start, b = *end, shift = 0, na = -1, nb = -1;
	int cut = 0;

	for (size_t i = 0; i < d->n; i++) {
		const textdiff_hunk *h = &d->h[i];
		int64_t grow = (h->new_end - h->new_start) - (h->old_end - h->old_start);
		if (h->old_end <= a) {
			shift += grow;          /* wholly before the span */
			continue;
		}
		if (h->old_start >= b)
			break;                  /* this and the rest lie after it */
		if (!cut)
			na = h->old_start <= a ? h->new_start : a + shift;
		cut = 1;
		nb = h->old_end >= b ? h->new_end : -1;
		shift += grow;
	}
	if (!cut) {
		*start = a + shift;
		*end = b + shift;
		return TEXTDIFF_KEPT;
	}
	if (nb < 0)
		nb = b + shift;
	*start = na;
	*end = nb;
	if (nb > na)
		return TEXTDIFF_CUT;    /* what survived, or the words put in its place */
	/* nothing survived and nothing took its place: an empty span where
	 * the text was */
	if (na > new_len)
		na = new_len;
	*start = *end = na;
	return TEXTDIFF_GONE;
}

/* Bytes of trailing "\n" / "\r\n" at the end of s[0..len). */
static size_t trailing_newlines(const char *s, size_t len)
{
	size_t k = len;

	while (k > 0 && (s[k - 1] == '\n' || s[k - 1] == '\r'))
		k--;
	return len - k;
}

char *textdiff_normalize(const char *old_text, const char *new_text)
{
	size_t olen = strlen(old_text), nlen = strlen(new_text), otail, ntail;
	int keep_cr = strstr(old_text, "\r\n") != NULL;
	strbuf b;

	sb_init(&b);
	sb_add(&b, "");
	otail = trailing_newlines(old_text, olen);
	ntail = trailing_newlines(new_text, nlen);
	for (size_t i = 0; i < nlen - ntail; i++) {
		if (!keep_cr && new_text[i] == '\r' && new_text[i + 1] == '\n')
			continue;
		sb_addc(&b, new_text[i]);
	}
	sb_addn(&b, old_text + olen - otail, otail);
	return sb_steal(&b);
}
