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
	if (k->id > 0 && (size_t)k->id < ctx->s->ncode) {
		const struct scode_agg *a = &ctx->s->cagg[k->id];
		r->codings = a->codings;
		r->vignettes = a->vignettes;
		r->participants = a->participants;
	}
	return 0;
}

/* Rows for the keys 0..nkeys-1 with any count, in index order; keys[k]
 * is the key reported for index k (NULL: k itself). */
static summary_dim_count *fold(const int32_t (*dims)[4], size_t nkeys, const int64_t *keys,
			       size_t *n)
{
	summary_dim_count *rows = xcalloc(nkeys ? nkeys : 1, sizeof(*rows));

	*n = 0;
	for (size_t k = 0; k < nkeys; k++) {
		summary_dim_count *r = &rows[*n];
		if (!dims[k][1] && !dims[k][2] && !dims[k][3])
			continue;
		r->key = keys ? keys[k] : (int64_t)k;
		for (int d = 1; d <= 3; d++) {
			r->dims[d] = dims[k][d];
			r->dims[0] += dims[k][d];
		}
		(*n)++;
	}
	return rows;
}

static void by_participant(const px_summary *s, summary_coverage *c)
{
	int32_t (*dims)[4] = xcalloc(s->npart ? s->npart : 1, sizeof(*dims));

	for (size_t p = 0; p < s->npart; p++)
		memcpy(dims[p], s->per[p].dims, sizeof(dims[p]));
	c->by_participant = fold((const int32_t (*)[4])dims, s->npart, NULL, &c->nparticipant);
	free(dims);
}

/* Summed from the vignette x dimension counts at query time. */
static void by_community(const px_summary *s, summary_coverage *c)
{
	size_t ncom = 1;
	int32_t (*dims)[4];

	for (size_t v = 1; v < s->nvig; v++)
		if (s->vig[v].live && s->vig[v].com >= ncom)
			ncom = (size_t)s->vig[v].com + 1;
	dims = xcalloc(ncom, sizeof(*dims));
	for (size_t v = 1; v < s->nvig; v++) {
		if (!s->vig[v].live)
			continue;
		for (int d = 1; d <= 3; d++)
			dims[s->vig[v].com][d] += s->vdim[v][d];
	}
	c->by_community = fold((const int32_t (*)[4])dims, ncom, NULL, &c->ncommunity);
	free(dims);
}

/* yyyymm -> months since year 0 (0 for no date stays 0 in the caller). */
static int month_seq(int month)
{
	return (month / 100) * 12 + month % 100 - 1;
}

/* Months as consecutive indexes from the earliest; index 0: no date. */
static void by_month(const px_summary *s, summary_coverage *c)
{
	int lo = -1, hi = -1;
	size_t nidx;
	int32_t (*dims)[4];
	int64_t *keys;

	for (size_t v = 1; v < s->nvig; v++) {
		int m = s->vig[v].date / 100;
		if (!s->vig[v].live || !m)
			continue;
		m = month_seq(m);
		if (lo < 0 || m < lo)
			lo = m;
		if (m > hi)
			hi = m;
	}
	nidx = (size_t)(hi - lo) + 2;
	dims = xcalloc(nidx, sizeof(*dims));
	keys = xcalloc(nidx, sizeof(*keys));
	for (size_t k = 1; k < nidx; k++) {
		int m = lo + (int)k - 1;
		keys[k] = (m / 12) * 100 + m % 12 + 1;
	}
	for (size_t v = 1; v < s->nvig; v++) {
		int m = s->vig[v].date / 100;
		size_t k = m ? (size_t)(month_seq(m) - lo) + 1 : 0;
		if (!s->vig[v].live)
			continue;
		for (int d = 1; d <= 3; d++)
			dims[k][d] += s->vdim[v][d];
	}
	c->by_month = fold((const int32_t (*)[4])dims, nidx, keys, &c->nmonth);
	free(dims);
	free(keys);
}

static void thin_vignettes(const px_summary *s, summary_coverage *c)
{
	for (size_t v = 1; v < s->nvig; v++) {
		int dims = 0;
		if (!s->vig[v].live || !summary_vig_passes(s, (uint32_t)v))
			continue;
		for (int d = 1; d <= 3; d++)
			dims += s->vdim[v][d] > 0;
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
	by_participant(s, c);
	by_community(s, c);
	by_month(s, c);
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
