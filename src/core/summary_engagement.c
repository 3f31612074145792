/* summary_engagement.c: the engagement ties with their qualities, the
 * pair matrix, per-participant and per-role counts (praxis/summary.h). */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include "summary_int.h"

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

static void pair_out(void *ud, uint32_t a, uint32_t b, int32_t v)
{
	summary_engagement *g = ud;

	g->pairs[g->npairs++] = (summary_pair_count){ a, b, v };
}

static void engagement_pairs(const px_summary *s, summary_engagement *g)
{
	g->pairs = xcalloc(s->pairs.n ? s->pairs.n : 1, sizeof(*g->pairs));
	pc_each(&s->pairs, pair_out, g);
	/* the dense matrix lists them in order already (a sort of half a
	 * million pairs would double the time and memory of this call) */
	for (size_t i = 1; i < g->npairs; i++)
		if (pair_cmp(&g->pairs[i - 1], &g->pairs[i]) > 0) {
			qsort(g->pairs, g->npairs, sizeof(*g->pairs), pair_cmp);
			break;
		}
}

static int tie_cmp(const void *a, const void *b)
{
	uint64_t x = ((const summary_tie *)a)->key, y = ((const summary_tie *)b)->key;

	return (x > y) - (x < y);
}

/* The ties from the (tie, ...) maps; the key orders them by a, b, quality. */
static void engagement_ties(const px_summary *s, summary_engagement *g)
{
	const smap *m = &s->tie_cod;

	g->ties = xcalloc(m->n ? m->n : 1, sizeof(*g->ties));
	for (size_t i = 0; i < m->cap; i++) {
		uint64_t k;
		summary_tie *t;
		if (!m->s[i].x)
			continue;
		k = (uint64_t)SM_OWNER(m->s[i].x);
		t = &g->ties[g->nties++];
		t->key = k;
		t->a = SUM_TIE_A(k);
		t->b = SUM_TIE_B(k);
		t->quality = SUM_TIE_Q(k);
		t->codings = m->s[i].v;
		t->vignettes = smap_get(&s->tie_vig, SM_KEY(k), 0);
	}
	summary_fill_dates(&s->tie_date, g->ties, g->nties, sizeof(*g->ties),
			   offsetof(summary_tie, key), offsetof(summary_tie, first_seen),
			   offsetof(summary_tie, last_seen));
	qsort(g->ties, g->nties, sizeof(*g->ties), tie_cmp);
}

static void engagement_people(const px_summary *s, summary_engagement *g)
{
	g->people = xcalloc(s->npart ? s->npart : 1, sizeof(*g->people));
	for (size_t p = 1; p < s->npart; p++) {
		const struct sperson *q = &s->per[p];
		summary_person *r;
		if (!s->plive[p])
			continue;
		r = &g->people[g->npeople++];
		r->id = (int64_t)p;
		for (int d = 1; d <= 3; d++) {
			r->dims[d] = q->dims[d];
			r->dims[0] += r->dims[d];
		}
		r->complementary = q->comp;
		r->overlapping = q->over;
		r->conflict = q->conflict;
		r->support = q->support;
	}
}

static void engagement_roles(const px_summary *s, summary_engagement *g)
{
	g->roles = xcalloc(s->roles.n + 1, sizeof(*g->roles));
	for (size_t role = 0; role <= s->roles.n; role++) {
		int64_t dims[4] = { 0 };
		for (int d = 1; d <= 3; d++) {
			dims[d] = s->roledim[role][d];
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
	summary_engagement_build(s);
	engagement_pairs(s, g);
	engagement_ties(s, g);
	engagement_people(s, g);
	engagement_roles(s, g);
	g->complementary = s->comp;
	g->overlapping = s->over;
	g->conflict = s->conflict;
	g->support = s->support;
	return PX_OK;
}

void summary_engagement_free(summary_engagement *g)
{
	for (size_t i = 0; i < g->nroles; i++)
		free(g->roles[i].role);
	free(g->roles);
	free(g->pairs);
	free(g->ties);
	free(g->people);
	memset(g, 0, sizeof(*g));
}
