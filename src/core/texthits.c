/* texthits.c: where a full-text search's words occur in a text, for the
 * reader's highlighting and auto-coding; see praxis/text.h. */
#include <stdlib.h>
#include <string.h>
#include <wctype.h>
#include "praxis/text.h"
#include "praxis/util.h"

/* The code points of s, lowercased; *n of them (caller frees). */
static uint32_t *lower_cps(const char *s, size_t *n)
{
	size_t len = strlen(s), cap = len + 1;
	uint32_t *out = xmalloc(cap * sizeof(*out));

	*n = 0;
	while (len) {
		uint32_t cp;
		size_t k = text_decode(s, len, &cp);
		out[(*n)++] = (uint32_t)towlower((wint_t)cp);
		s += k;
		len -= k;
	}
	return out;
}

static int word_cp(uint32_t cp)
{
	return iswalnum((wint_t)cp) || cp == '_';
}

/* The words of q as [start, end) pairs into cps. */
static size_t words_of(const uint32_t *cps, size_t n, size_t **at)
{
	size_t nw = 0;

	*at = xmalloc((n + 1) * sizeof(**at));
	for (size_t i = 0; i < n;) {
		size_t j = i;
		while (j < n && word_cp(cps[j]))
			j++;
		if (j > i) {
			(*at)[nw++] = i;
			(*at)[nw++] = j;
		}
		i = j > i ? j : i + 1;
	}
	return nw / 2;
}

size_t text_word_hits(const char *text, const char *query, int64_t **starts, int64_t **ends)
{
	size_t nt, nq, *tw, *qw, ntw, nqw, nh = 0;
	uint32_t *t = lower_cps(text, &nt), *q = lower_cps(query ? query : "", &nq);

	ntw = words_of(t, nt, &tw);
	nqw = words_of(q, nq, &qw);
	*starts = xmalloc((ntw + 1) * sizeof(**starts));
	*ends = xmalloc((ntw + 1) * sizeof(**ends));
	for (size_t i = 0; i < ntw; i++) {
		size_t a = tw[2 * i], b = tw[2 * i + 1];
		for (size_t k = 0; k < nqw; k++) {
			size_t qa = qw[2 * k], qb = qw[2 * k + 1];
			if (qb - qa == b - a && memcmp(q + qa, t + a, (b - a) * sizeof(*t)) == 0) {
				(*starts)[nh] = (int64_t)a;
				(*ends)[nh++] = (int64_t)b;
				break;
			}
		}
	}
	free(t);
	free(q);
	free(tw);
	free(qw);
	return nh;
}
