/* refi_units.c: reading REFI-QDA positions under each producer's unit and
 * choosing the one that fits; see praxis/refi_units.h. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unicode/uchar.h>
#include "praxis/refi_units.h"
#include "praxis/text.h"
#include "praxis/util.h"

static const char *const unit_names[REFI_UNIT_COUNT] = { "codepoints", "utf16", "crlf1" };
static const char *const unit_labels[REFI_UNIT_COUNT] = {
	"code points", "UTF-16 units", "code points with CR LF as one"
};

const char *refi_unit_name(int unit)
{
	return unit >= 0 && unit < REFI_UNIT_COUNT ? unit_names[unit] : "auto";
}

const char *refi_unit_label(int unit)
{
	return unit >= 0 && unit < REFI_UNIT_COUNT ? unit_labels[unit] : "auto";
}

int refi_unit_parse(const char *s)
{
	for (int u = 0; s && u < REFI_UNIT_COUNT; u++)
		if (strcmp(s, unit_names[u]) == 0)
			return u;
	return -1;
}

static int has_word(const char *hay, const char *word)
{
	size_t n = strlen(word);

	for (const char *p = hay; *p; p++)
		if (strncasecmp(p, word, n) == 0)
			return 1;
	return 0;
}

int refi_unit_of_origin(const char *origin)
{
	if (!origin)
		return REFI_UNIT_AUTO;
	if (has_word(origin, "nvivo"))
		return REFI_UNIT_UTF16;
	if (has_word(origin, "atlas.ti") || has_word(origin, "maxqda"))
		return REFI_UNIT_CRLF1;
	return REFI_UNIT_AUTO;
}

/* Width of original code point i (of ocp, with next the one after) in
 * each unit. */
static int unit_width(int unit, uint32_t c, uint32_t prev)
{
	if (unit == REFI_UNIT_UTF16)
		return c > 0xFFFF ? 2 : 1;
	if (unit == REFI_UNIT_CRLF1)
		return c == '\n' && prev == '\r' ? 0 : 1;
	return 1;
}

void refi_text_init(refi_text *t, char *s)
{
	size_t total = strlen(s), i = 0, w = 0, nocp = 0;
	uint32_t *ocp = xmalloc((total + 1) * sizeof(*ocp));
	int64_t *onew = xmalloc((total + 1) * sizeof(*onew)), ncp = 0;

	memset(t, 0, sizeof(*t));
	/* tools read the file through a decoder that eats the BOM: positions
	 * do not count it */
	if (strncmp(s, "\xef\xbb\xbf", 3) == 0) {
		i = 3;
		t->changed = 1;
	}
	while (i < total) {
		uint32_t c;
		size_t k = text_decode(s + i, total - i, &c);
		ocp[nocp] = c;
		onew[nocp++] = ncp;
		if (c == '\r') {
			t->changed = 1;
			i += k;
			if (s[i] == '\n')
				continue;         /* the LF that follows carries the line end */
			s[w++] = '\n';
			ncp++;
			continue;
		}
		/* the bytes from i on are untouched (w <= i) */
		memmove(s + w, s + i, k);
		w += k;
		i += k;
		ncp++;
	}
	s[w] = '\0';
	t->text = s;
	t->cp = xmalloc(((size_t)ncp + 1) * sizeof(*t->cp));
	t->n = 0;
	for (size_t b = 0; b < w; t->n++)
		b += text_decode(s + b, w - b, &t->cp[t->n]);
	for (int u = 0; u < REFI_UNIT_COUNT; u++) {
		int64_t *m, p = 0;
		size_t size = 1;
		for (size_t j = 0; j < nocp; j++)
			size += (size_t)unit_width(u, ocp[j], j ? ocp[j - 1] : 0);
		m = xmalloc(size * sizeof(*m));
		for (size_t j = 0; j < nocp; j++) {
			int wd = unit_width(u, ocp[j], j ? ocp[j - 1] : 0);
			if (wd > 0)
				m[p++] = onew[j];
			for (int k = 1; k < wd; k++)
				m[p++] = -1;       /* inside a surrogate pair */
		}
		m[p] = ncp;
		t->map[u] = m;
		t->len[u] = p;
	}
	free(ocp);
	free(onew);
}

void refi_text_free(refi_text *t)
{
	free(t->text);
	free(t->cp);
	for (int u = 0; u < REFI_UNIT_COUNT; u++)
		free(t->map[u]);
	memset(t, 0, sizeof(*t));
}

int64_t refi_text_pos(const refi_text *t, int unit, int64_t pos)
{
	if (unit < 0 || unit >= REFI_UNIT_COUNT || pos < 0 || pos > t->len[unit])
		return -1;
	return t->map[unit][pos];
}

int refi_text_same(const refi_text *t, int unit, int other)
{
	return t->len[unit] == t->len[other] &&
	       memcmp(t->map[unit], t->map[other],
		      ((size_t)t->len[unit] + 1) * sizeof(*t->map[unit])) == 0;
}

/* s with white space runs as one space, trimmed, and a trailing ellipsis
 * (a name cut short) dropped. */
static char *squeeze(const char *s)
{
	strbuf b;
	int space = 0;

	sb_init(&b);
	for (const char *p = s; *p; p++) {
		if (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r') {
			space = b.len > 0;
			continue;
		}
		if (space)
			sb_addc(&b, ' ');
		space = 0;
		sb_addc(&b, *p);
	}
	if (b.len >= 3 && (strcmp(b.s + b.len - 3, "...") == 0 ||
			   strcmp(b.s + b.len - 3, "\xe2\x80\xa6") == 0))
		b.len -= 3;
	while (b.len && b.s[b.len - 1] == ' ')
		b.len--;
	if (b.s)
		b.s[b.len] = '\0';
	return sb_steal(&b);
}

static int is_space(uint32_t c)
{
	return c == ' ' || c == '\n' || c == '\t' || c == '\r';
}

/* 1 if name is the text of [a, b) or its start, white space runs counting
 * as one space; walks no further than the name is long. */
static int name_fits(const refi_text *t, const char *name, int64_t a, int64_t b)
{
	char *sn = squeeze(name);
	size_t len = strlen(sn), i = 0;
	int64_t p = a;
	int fit = len > 0;

	while (p < b && is_space(t->cp[p]))
		p++;
	while (fit && i < len) {
		uint32_t c;
		i += text_decode(sn + i, len - i, &c);
		if (c == ' ') {
			fit = p < b && is_space(t->cp[p]);
			while (p < b && is_space(t->cp[p]))
				p++;
		} else {
			fit = p < b && t->cp[p] == c;
			p++;
		}
	}
	free(sn);
	return fit;
}

static int is_word(uint32_t c)
{
	return c < 0x80 ? ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || (c >= '0' && c <= '9')
			: u_isalnum((UChar32)c) != 0;
}

static int boundary(const refi_text *t, int64_t p)
{
	return p <= 0 || (size_t)p >= t->n || !(is_word(t->cp[p - 1]) && is_word(t->cp[p]));
}

/* One selection under one reading: -1 outside the text, else 2 for a
 * fitting name plus 1 for word boundaries. */
static int sel_score(const refi_text *t, int u, const refi_sel *s, int *name_fit)
{
	int64_t a = refi_text_pos(t, u, s->start), b = refi_text_pos(t, u, s->end);

	*name_fit = 0;
	if (a < 0 || b < 0 || a > b || s->start > s->end)
		return -1;
	*name_fit = s->name && *s->name && name_fits(t, s->name, a, b);
	return 2 * *name_fit + (boundary(t, a) && boundary(t, b));
}

/* 1 if reading u beats reading v on the counts (0 on a tie). */
static int better(const refi_choice *c, int u, int v)
{
	if (c->bad[u] != c->bad[v])
		return c->bad[u] < c->bad[v];
	if (c->names_fit[u] != c->names_fit[v])
		return c->names_fit[u] > c->names_fit[v];
	return c->words_fit[u] > c->words_fit[v];
}

void refi_units_choose(const refi_text *t, const refi_sel *sels, size_t n, int forced,
		       int prior, refi_choice *out, unsigned char *doubtful)
{
	int rep[REFI_UNIT_COUNT], *score = xcalloc(n * REFI_UNIT_COUNT + 1, sizeof(int));
	int best = -1, tie_prior = 0;

	memset(out, 0, sizeof(*out));
	memset(doubtful, 0, n);
	for (int u = 0; u < REFI_UNIT_COUNT; u++) {
		rep[u] = 1;
		for (int v = 0; v < u && rep[u]; v++)
			rep[u] = !(rep[v] && refi_text_same(t, u, v));
		out->distinct += rep[u];
	}
	for (size_t i = 0; i < n; i++) {
		out->names += sels[i].name && *sels[i].name;
		for (int u = 0; u < REFI_UNIT_COUNT; u++) {
			int fit, sc = sel_score(t, u, &sels[i], &fit);
			score[i * REFI_UNIT_COUNT + (size_t)u] = sc;
			out->bad[u] += sc < 0;
			out->names_fit[u] += fit;
			out->words_fit[u] += sc == 1 || sc == 3;
		}
	}
	for (int u = 0; u < REFI_UNIT_COUNT; u++) {
		if (!rep[u])
			continue;
		if (best < 0 || better(out, u, best)) {
			best = u;
			tie_prior = 0;
		} else if (!better(out, best, u) && u == prior) {
			best = u;              /* the evidence ties: the producer decides */
			tie_prior = 1;
		}
	}
	out->by_origin = tie_prior;
	out->unit = forced >= 0 && forced < REFI_UNIT_COUNT ? forced : best;
	if (forced < 0 || forced >= REFI_UNIT_COUNT)
		for (size_t i = 0; i < n; i++)
			for (int u = 0; u < REFI_UNIT_COUNT; u++)
				if (rep[u] && score[i * REFI_UNIT_COUNT + (size_t)u] >
					      score[i * REFI_UNIT_COUNT + (size_t)out->unit])
					doubtful[i] = 1;
	for (size_t i = 0; i < n; i++)
		out->doubtful += doubtful[i];
	free(score);
}
