/* summary_network.c: who holds whom to account, by norm and stance
 * (praxis/summary.h), from the in-memory counters. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include "summary_int.h"

static int net_cmp(const void *a, const void *b)
{
	uint64_t x = ((const summary_net_row *)a)->key, y = ((const summary_net_row *)b)->key;

	return (x > y) - (x < y);
}

int summary_network(px_summary *s, summary_net_row **rows, size_t *n, px_err *e)
{
	const smap *m = &s->net_cod;
	summary_net_row *v;
	size_t k = 0;
	int rc;

	*rows = NULL;
	*n = 0;
	if ((rc = summary_sync(s, e)))
		return rc;
	v = xcalloc(m->n ? m->n : 1, sizeof(*v));
	for (size_t i = 0; i < m->cap; i++) {
		uint64_t key;
		if (!m->s[i].x)
			continue;
		key = (uint64_t)SM_OWNER(m->s[i].x);
		v[k] = (summary_net_row){
			.holder = (int64_t)(key >> 43), .held = (int64_t)((key >> 23) & 0xfffffu),
			.accountability = (int64_t)((key >> 3) & 0xfffffu),
			.stance = (int)(key & 7u), .codings = m->s[i].v, .key = key,
		};
		k++;
	}
	summary_fill_dates(&s->net_date, v, k, sizeof(*v), offsetof(summary_net_row, key),
			   offsetof(summary_net_row, first_seen), offsetof(summary_net_row, last_seen));
	qsort(v, k, sizeof(*v), net_cmp);
	*rows = v;
	*n = k;
	return PX_OK;
}
