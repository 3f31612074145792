/* analysis_brokers.c: brokers -- participants present at vignettes of two
 * or more communities (praxis/analysis.h). */
#include <stdlib.h>
#include "analysis_int.h"

/* With a coder or code filter, a vignette counts when it holds a coding
 * passing the whole filter; else the vignette-level parts decide. */
static int vig_counts(const px_summary *s, uint32_t v)
{
	const summary_filter *f = summary_get_filter(s);

	if (!s->vig[v].live || !s->vig[v].com || !summary_vig_passes(s, v))
		return 0;
	if (!f->coder && !f->code)
		return 1;
	for (uint32_t id = s->vig[v].head; id; id = s->cod[id].next)
		if (summary_coding_passes(s, &s->cod[id]))
			return 1;
	return 0;
}

int analysis_brokers(px_summary *s, an_broker_row **rows, size_t *n, px_err *e)
{
	uint64_t *pc = NULL;     /* participant << 32 | community, per vignette */
	size_t npc = 0, cap = 0, capr = 0;
	int rc;

	*rows = NULL;
	*n = 0;
	if ((rc = an_begin(s, e)))
		return rc;
	for (uint32_t v = 1; v < s->nvig; v++) {
		if (!vig_counts(s, v))
			continue;
		for (size_t i = 0; i < s->vig[v].np; i++) {
			pc = summary_grow(pc, npc, &cap, sizeof(*pc));
			pc[npc++] = (uint64_t)s->pool[s->vig[v].poff + i] << 32 | s->vig[v].com;
		}
	}
	if (npc > 1)
		qsort(pc, npc, sizeof(*pc), an_cmp_u64);
	for (size_t i = 0, j; i < npc; i = j) {
		an_broker_row r = { .participant = (int64_t)(pc[i] >> 32) };
		for (j = i; j < npc && pc[j] >> 32 == pc[i] >> 32; j++) {
			if (j == i || pc[j] != pc[j - 1])
				idl_push(&r.communities, (int64_t)(pc[j] & 0xffffffffu));
			r.vignettes++;
		}
		/* a broker: taking part in more than one community of practice */
		if (r.communities.n < 2) {
			idl_free(&r.communities);
			continue;
		}
		*rows = summary_grow(*rows, *n, &capr, sizeof(**rows));
		(*rows)[(*n)++] = r;
	}
	free(pc);
	return PX_OK;
}

void analysis_brokers_free(an_broker_row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++)
		idl_free(&rows[i].communities);
	free(rows);
}
