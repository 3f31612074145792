/* analysis_cooccurrence.c: which codes go together -- pairs of codes (as
 * coded) in the same vignette, and how many of their codings' spans
 * overlap (praxis/analysis.h). */
#include <stdlib.h>
#include <string.h>
#include "praxis/names.h"
#include "analysis_int.h"

/* A pair in one vignette: code a < code b (row ids) in the key, the
 * overlapping coding pairs in the low bits of the record. */
#define PKEY(a, b) ((uint64_t)(a) << 32 | (uint64_t)(b))

struct prec {
	uint64_t key;
	int64_t overlaps;
	uint32_t vig;
};

static int prec_cmp(const void *a, const void *b)
{
	const struct prec *x = a, *y = b;

	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return (x->vig > y->vig) - (x->vig < y->vig);
}

/* Every pair of codings with different codes in every passing vignette,
 * one record per (pair of codes, vignette). */
static int collect(px_summary *s, struct prec **out, size_t *nout, px_err *e)
{
	const struct scoding **vc = NULL;
	size_t cap = 0, capv = 0;
	int rc;

	*out = NULL;
	*nout = 0;
	if ((rc = an_begin(s, e)))
		return rc;
	for (uint32_t v = 1; v < s->nvig; v++) {
		size_t k = 0, start = *nout;
		if (!s->vig[v].live)
			continue;
		for (uint32_t id = s->vig[v].head; id; id = s->cod[id].next)
			if (summary_coding_passes(s, &s->cod[id])) {
				vc = summary_grow(vc, k, &capv, sizeof(const struct scoding *));
				vc[k++] = &s->cod[id];
			}
		for (size_t i = 0; i < k; i++)
			for (size_t j = i + 1; j < k; j++) {
				uint32_t a = vc[i]->code, b = vc[j]->code;
				if (a == b)
					continue;
				*out = summary_grow(*out, *nout, &cap, sizeof(**out));
				(*out)[(*nout)++] = (struct prec){ a < b ? PKEY(a, b) : PKEY(b, a),
								   an_overlap(vc[i], vc[j]), v };
			}
		/* one record per pair of codes in this vignette */
		if (*nout - start > 1)
			qsort(*out + start, *nout - start, sizeof(**out), prec_cmp);
		size_t w = start;
		for (size_t i = start; i < *nout; i++) {
			if (w > start && (*out)[w - 1].key == (*out)[i].key)
				(*out)[w - 1].overlaps += (*out)[i].overlaps;
			else
				(*out)[w++] = (*out)[i];
		}
		*nout = w;
	}
	free(vc);
	return PX_OK;
}

struct path_sort {
	an_cooc_row row;
	const char *pa, *pb;
};

static int path_cmp(const void *a, const void *b)
{
	const struct path_sort *x = a, *y = b;
	int c = strcmp(x->pa, y->pa);

	return c ? c : strcmp(x->pb, y->pb);
}

int analysis_cooccurrence(px_summary *s, an_cooc_row **rows, size_t *n, px_err *e)
{
	struct prec *p;
	struct path_sort *ps;
	px_names nm = { 0 };
	size_t np, k = 0;
	int rc;

	*rows = NULL;
	*n = 0;
	if ((rc = collect(s, &p, &np, e)))
		return rc;
	if (np > 1)
		qsort(p, np, sizeof(*p), prec_cmp);
	if ((rc = names_load_kinds(s->db, &nm, 0, e))) {
		free(p);
		return rc;
	}
	ps = xcalloc(np ? np : 1, sizeof(*ps));
	for (size_t i = 0; i < np; i++) {
		/* co-occurrence: the vignettes where both codes were applied,
		 * and the overlapping pairs of their codings */
		if (k && PKEY(ps[k - 1].row.code_a, ps[k - 1].row.code_b) == p[i].key) {
			ps[k - 1].row.vignettes++;
			ps[k - 1].row.overlaps += p[i].overlaps;
			continue;
		}
		ps[k].row = (an_cooc_row){ (int64_t)(p[i].key >> 32),
					   (int64_t)(p[i].key & 0xffffffffu), 1, p[i].overlaps };
		k++;
	}
	for (size_t i = 0; i < k; i++) {
		ps[i].pa = names_get(&nm, NAMES_CODE, ps[i].row.code_a);
		ps[i].pb = names_get(&nm, NAMES_CODE, ps[i].row.code_b);
		if (strcmp(ps[i].pa, ps[i].pb) > 0) {
			const char *t = ps[i].pa;
			int64_t c = ps[i].row.code_a;
			ps[i].pa = ps[i].pb;
			ps[i].pb = t;
			ps[i].row.code_a = ps[i].row.code_b;
			ps[i].row.code_b = c;
		}
	}
	if (k > 1)
		qsort(ps, k, sizeof(*ps), path_cmp);
	*rows = xcalloc(k ? k : 1, sizeof(**rows));
	for (size_t i = 0; i < k; i++)
		(*rows)[i] = ps[i].row;
	*n = k;
	free(ps);
	free(p);
	names_free(&nm);
	return PX_OK;
}

int analysis_cooccurrence_vignettes(px_summary *s, int64_t code_a, int64_t code_b,
				    idlist *out, px_err *e)
{
	struct prec *p;
	size_t np;
	uint64_t key = code_a < code_b ? PKEY(code_a, code_b) : PKEY(code_b, code_a);
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = collect(s, &p, &np, e)))
		return rc;
	/* records come vignette by vignette: already ascending */
	for (size_t i = 0; i < np; i++)
		if (p[i].key == key)
			idl_push(out, p[i].vig);
	free(p);
	return PX_OK;
}
