/* summary_coverage.c: codings per dimension and code, by participant,
 * community and month, and the thin vignettes (praxis/summary.h). */
#include <stdlib.h>
#include <string.h>
#include "praxis/codebook.h"
#include "summary_int.h"

struct cov_ctx {
	px_summary *s;
	summary_coverage *c;
	size_t cap;
};

static int code_row(const px_code *k, void *ud)
{
	struct cov_ctx *ctx = ud;
	summary_code_row *r;

	ctx->c->codes = summary_grow(ctx->c->codes, ctx->c->ncodes, &ctx->cap,
				     sizeof(*ctx->c->codes));
	r = &ctx->c->codes[ctx->c->ncodes++];
	r->code_id = k->id;
	r->dimension = k->dimension;
	r->depth = k->depth;
	r->name = xstrdup(k->name);
	r->codings = summary_get(ctx->s, NS_CODE, (uint64_t)k->id, 0);
	r->vignettes = summary_get(ctx->s, NS_CODE_VIG_N, (uint64_t)k->id, 0);
	r->participants = summary_get(ctx->s, NS_CODE_PART_N, (uint64_t)k->id, 0);
	return 0;
}

static int dim_cmp(const void *a, const void *b)
{
	int64_t x = ((const summary_dim_count *)a)->key, y = ((const summary_dim_count *)b)->key;

	return (x > y) - (x < y);
}

/* Folds a (key, dimension) -> count map into rows by key. */
static summary_dim_count *by_key(const smap *m, size_t *n)
{
	summary_dim_count *rows = xcalloc(m->n ? m->n : 1, sizeof(*rows));
	size_t k = 0;

	for (size_t i = 0; i < m->cap; i++)
		if (m->s[i].x && m->s[i].y >= 1 && m->s[i].y <= 3) {
			rows[k].key = SM_OWNER(m->s[i].x);
			rows[k].dims[m->s[i].y] = m->s[i].v;
			k++;
		}
	qsort(rows, k, sizeof(*rows), dim_cmp);
	*n = 0;
	for (size_t i = 0; i < k; i++) {
		if (*n && rows[*n - 1].key == rows[i].key) {
			for (int d = 1; d <= 3; d++)
				rows[*n - 1].dims[d] += rows[i].dims[d];
		} else {
			rows[(*n)++] = rows[i];
		}
	}
	for (size_t i = 0; i < *n; i++)
		rows[i].dims[0] = rows[i].dims[1] + rows[i].dims[2] + rows[i].dims[3];
	return rows;
}

static void thin_vignettes(const px_summary *s, summary_coverage *c)
{
	for (size_t v = 1; v < s->nvig; v++) {
		int dims = 0;
		if (!s->vig[v].live || !summary_vig_passes(s, (uint32_t)v))
			continue;
		for (int d = 1; d <= 3; d++)
			dims += summary_get(s, NS_VDIM, v, (uint32_t)d) > 0;
		if (dims == 0)
			idl_push(&c->uncoded, (int64_t)v);
		else if (dims == 1)
			idl_push(&c->single, (int64_t)v);
	}
}

int summary_coverage_get(px_summary *s, summary_coverage *c, px_err *e)
{
	struct cov_ctx ctx;
	int rc;

	memset(c, 0, sizeof(*c));
	ctx = (struct cov_ctx){ s, c, 0 };
	if ((rc = summary_sync(s, e)))
		return rc;
	if ((rc = codebook_each(s->db, code_row, &ctx, e))) {
		summary_coverage_free(c);
		return rc;
	}
	c->by_participant = by_key(&s->m[NS_PDIM], &c->nparticipant);
	c->by_community = by_key(&s->m[NS_COMDIM], &c->ncommunity);
	c->by_month = by_key(&s->m[NS_MONTHDIM], &c->nmonth);
	thin_vignettes(s, c);
	return PX_OK;
}

void summary_coverage_free(summary_coverage *c)
{
	for (size_t i = 0; i < c->ncodes; i++)
		free(c->codes[i].name);
	free(c->codes);
	free(c->by_participant);
	free(c->by_community);
	free(c->by_month);
	idl_free(&c->uncoded);
	idl_free(&c->single);
	memset(c, 0, sizeof(*c));
}
