/* summary_engagement.c: co-engagement matrix, per-participant and per-role
 * counts, complementary/overlapping, conflict/support (praxis/summary.h). */
#include <stdlib.h>
#include <string.h>
#include "summary_int.h"

#define PAIR_MASK ((1ull << 28) - 1)

static int pair_cmp(const void *a, const void *b)
{
	const summary_pair_count *x = a, *y = b;

	if (x->a != y->a)
		return x->a < y->a ? -1 : 1;
	return (x->b > y->b) - (x->b < y->b);
}

static int role_cmp(const void *a, const void *b)
{
	return strcmp(((const summary_role *)a)->role, ((const summary_role *)b)->role);
}

static void engagement_pairs(const px_summary *s, summary_engagement *g)
{
	const smap *m = &s->m[NS_PAIR_N];

	g->pairs = xcalloc(m->n ? m->n : 1, sizeof(*g->pairs));
	for (size_t i = 0; i < m->cap; i++) {
		uint64_t owner;
		if (!m->s[i].x)
			continue;
		owner = (uint64_t)SM_OWNER(m->s[i].x);
		g->pairs[g->npairs++] = (summary_pair_count){ (int64_t)(owner >> 28),
							      (int64_t)(owner & PAIR_MASK),
							      m->s[i].v };
	}
	qsort(g->pairs, g->npairs, sizeof(*g->pairs), pair_cmp);
}

static void engagement_people(const px_summary *s, summary_engagement *g)
{
	g->people = xcalloc(s->npart ? s->npart : 1, sizeof(*g->people));
	for (size_t p = 1; p < s->npart; p++) {
		summary_person *r;
		if (!s->plive[p])
			continue;
		r = &g->people[g->npeople++];
		r->id = (int64_t)p;
		for (int d = 1; d <= 3; d++) {
			r->dims[d] = summary_get(s, NS_PDIM, p, (uint32_t)d);
			r->dims[0] += r->dims[d];
		}
		r->complementary = summary_get(s, NS_COMP, p, 0);
		r->overlapping = summary_get(s, NS_OVER, p, 0);
		r->conflict = summary_get(s, NS_CONFLICT, p, 0);
		r->support = summary_get(s, NS_SUPPORT, p, 0);
	}
}

static void engagement_roles(const px_summary *s, summary_engagement *g)
{
	g->roles = xcalloc(s->roles.n + 1, sizeof(*g->roles));
	for (size_t role = 0; role <= s->roles.n; role++) {
		int64_t dims[4] = { 0 };
		for (int d = 1; d <= 3; d++) {
			dims[d] = summary_get(s, NS_ROLEDIM, role, (uint32_t)d);
			dims[0] += dims[d];
		}
		if (!dims[0])
			continue;
		g->roles[g->nroles].role = xstrdup(role ? s->roles.v[role - 1] : "");
		memcpy(g->roles[g->nroles].dims, dims, sizeof(dims));
		g->nroles++;
	}
	qsort(g->roles, g->nroles, sizeof(*g->roles), role_cmp);
}

int summary_engagement_get(px_summary *s, summary_engagement *g, px_err *e)
{
	int rc;

	memset(g, 0, sizeof(*g));
	if ((rc = summary_sync(s, e)))
		return rc;
	engagement_pairs(s, g);
	engagement_people(s, g);
	engagement_roles(s, g);
	g->complementary = summary_get(s, NS_COMP, 0, 0);
	g->overlapping = summary_get(s, NS_OVER, 0, 0);
	g->conflict = summary_get(s, NS_CONFLICT, 0, 0);
	g->support = summary_get(s, NS_SUPPORT, 0, 0);
	return PX_OK;
}

void summary_engagement_free(summary_engagement *g)
{
	for (size_t i = 0; i < g->nroles; i++)
		free(g->roles[i].role);
	free(g->roles);
	free(g->pairs);
	free(g->people);
	memset(g, 0, sizeof(*g));
}
