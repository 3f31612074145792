/* analysis_boundary.c: boundary objects -- repertoire entries used in two
 * or more communities, with each community's moments, people and members'
 * readings (praxis/analysis.h). */
#include <stdint.h>
#include <stdlib.h>
#include "analysis_int.h"

/* One linked coding: entry, community, vignette and span, the people
 * named, the member's reading (0: none or an analyst's gloss). */
struct buse {
	uint32_t rep, com, vig, interp;
	int32_t start, end;      /* whole vignette: 0, INT32_MAX */
	const struct scoding *c;
};

static int use_cmp(const void *a, const void *b)
{
	const struct buse *x = a, *y = b;

	if (x->rep != y->rep)
		return x->rep < y->rep ? -1 : 1;
	if (x->com != y->com)
		return x->com < y->com ? -1 : 1;
	if (x->vig != y->vig)
		return x->vig < y->vig ? -1 : 1;
	return (x->start > y->start) - (x->start < y->start);
}

/* Distinct non-zero values among v[0..n) (sorted in place). */
static int64_t distinct(uint64_t *v, size_t n)
{
	int64_t k = 0;

	if (n > 1)
		qsort(v, n, sizeof(*v), an_cmp_u64);
	for (size_t i = 0; i < n; i++)
		k += v[i] && (!i || v[i] != v[i - 1]);
	return k;
}

/* One (entry, community) group u[0..m): moments, people, readings. */
static void count_group(const px_summary *s, const struct buse *u, size_t m,
		       an_boundary_row *r)
{
	uint64_t *people = NULL, *readings = xcalloc(m, sizeof(*readings));
	size_t np = 0, cap = 0;
	int32_t end = 0;

	for (size_t i = 0; i < m; i++) {
		const struct scoding *c = u[i].c;
		/* occurrences count moments: a link overlapping the one before
		 * it in the same vignette is the same moment */
		if (!i || u[i].vig != u[i - 1].vig || u[i].start >= end) {
			r->occurrences++;
			end = u[i].end;
		} else if (u[i].end > end) {
			end = u[i].end;
		}
		for (size_t k = 0; k < c->np; k++) {
			people = summary_grow(people, np, &cap, sizeof(*people));
			people[np++] = s->pool[c->poff + k];
		}
		readings[i] = u[i].interp;
	}
	r->participants = distinct(people, np);
	/* ambiguity: the distinct members' readings in this community */
	r->interpretations = distinct(readings, m);
	free(people);
	free(readings);
}

int analysis_boundary(px_summary *s, an_boundary_row **rows, size_t *n, px_err *e)
{
	struct buse *u = NULL;
	size_t nu = 0, capu = 0, cap = 0;
	int rc;

	*rows = NULL;
	*n = 0;
	if ((rc = an_begin(s, e)))
		return rc;
	AN_EACH_CODING(s, v, id) {
		const struct scoding *c = &s->cod[id];
		const struct sext *x = summary_ext(s, c);
		if (!x->rep || !s->vig[v].com)
			continue;
		u = summary_grow(u, nu, &capu, sizeof(*u));
		u[nu++] = (struct buse){ x->rep, s->vig[v].com, v, x->speaker ? x->interp : 0,
					 c->start < 0 ? 0 : c->start,
					 c->start < 0 ? INT32_MAX : c->end, c };
	}
	if (nu > 1)
		qsort(u, nu, sizeof(*u), use_cmp);
	for (size_t i = 0, j; i < nu; i = j) {
		size_t ncom = 0;
		/* a boundary object: the same element in more than one community */
		for (j = i; j < nu && u[j].rep == u[i].rep; j++)
			ncom += j == i || u[j].com != u[j - 1].com;
		if (ncom < 2)
			continue;
		for (size_t k = i, l; k < j; k = l) {
			an_boundary_row *r;
			for (l = k; l < j && u[l].com == u[k].com; l++)
				;
			*rows = summary_grow(*rows, *n, &cap, sizeof(**rows));
			r = &(*rows)[(*n)++];
			*r = (an_boundary_row){ .repertoire = u[k].rep, .community = u[k].com };
			count_group(s, u + k, l - k, r);
		}
	}
	free(u);
	return PX_OK;
}
