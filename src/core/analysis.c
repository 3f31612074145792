/* analysis.c: what the analyses share (praxis/analysis.h). */
#include <stdlib.h>
#include <string.h>
#include "analysis_int.h"

static const char *const kind_names[AN_COUNT] = {
	"trajectory", "history", "boundary", "brokers", "cooccurrence", "matrix"
};

const char *analysis_kind_name(int kind)
{
	return kind >= 0 && kind < AN_COUNT ? kind_names[kind] : "";
}

int analysis_kind_parse(const char *name)
{
	for (int k = 0; name && k < AN_COUNT; k++)
		if (strcmp(name, kind_names[k]) == 0)
			return k;
	return -1;
}

int an_has(const uint32_t *v, size_t n, uint32_t p)
{
	for (size_t i = 0; i < n; i++)
		if (v[i] == p)
			return 1;
	return 0;
}

size_t an_people(const px_summary *s, const struct scoding *c, uint32_t *out)
{
	const struct sext *x = summary_ext(s, c);
	size_t n = 0;

	for (size_t i = 0; i < c->np; i++)
		if (!an_has(out, n, s->pool[c->poff + i]))
			out[n++] = s->pool[c->poff + i];
	for (size_t i = 0; i < x->nh; i++)
		if (!an_has(out, n, s->pool[x->hoff + i]))
			out[n++] = s->pool[x->hoff + i];
	if (x->speaker && !an_has(out, n, x->speaker))
		out[n++] = x->speaker;
	return n;
}

int an_overlap(const struct scoding *a, const struct scoding *b)
{
	if (a->start < 0 || b->start < 0)
		return 1;
	/* an empty span (its text deleted) is a point: inside the other */
	if (a->start == a->end)
		return b->start <= a->start && (a->start < b->end || b->start == b->end);
	if (b->start == b->end)
		return a->start <= b->start && b->start < a->end;
	return a->start < b->end && b->start < a->end;
}

int an_begin(px_summary *s, px_err *e)
{
	return summary_sync(s, e);
}

int an_cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x > y) - (x < y);
}

int an_cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}
