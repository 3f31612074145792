/* summary_accountability.c: the accountability register rows
 * (praxis/summary.h): stances, who held whom, dates and the monthly
 * timeline, from the in-memory counters. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include "praxis/entity.h"
#include "summary_int.h"

#define PAIR_MASK ((1ull << 28) - 1)

struct acc_ctx {
	px_summary *s;
	summary_acc_row *rows;
	size_t n, cap;
};

static int acc_entry(const px_entity *ent, void *ud)
{
	struct acc_ctx *ctx = ud;
	summary_acc_row *r;

	ctx->rows = summary_grow(ctx->rows, ctx->n, &ctx->cap, sizeof(*ctx->rows));
	r = &ctx->rows[ctx->n++];
	memset(r, 0, sizeof(*r));
	r->id = ent->id;
	r->ext_id = xstrdup(ent->ext_id);
	r->name = xstrdup(ent->name);
	r->description = xstrdup(ent->description);
	r->community = summary_community_ext(ctx->s, ent->community_id);
	r->reified = ent->reified;
	if (ent->id >= 0 && (size_t)ent->id < ctx->s->nacc) {
		const struct sacc *c = &ctx->s->acc[ent->id];
		r->occurrences = c->occ;
		r->participation = c->part;
		r->reification = c->reif;
		for (int k = 0; k < STANCE_COUNT; k++)
			r->stance[k] = c->stance[k];
	}
	return 0;
}

static int held_cmp(const void *a, const void *b)
{
	const summary_pair_count *x = a, *y = b;

	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	if (x->a != y->a)
		return x->a < y->a ? -1 : 1;
	return (x->b > y->b) - (x->b < y->b);
}

static int month_cmp(const void *a, const void *b)
{
	const summary_month_count *x = a, *y = b;

	return (x->month > y->month) - (x->month < y->month);
}

static void acc_timeline(summary_acc_row *rows, size_t n, const struct summary_idx *ix,
			 const smap *m)
{
	for (size_t i = 0; i < m->cap; i++) {
		size_t row = m->s[i].x ? summary_idx_find(ix, n, SM_OWNER(m->s[i].x)) : (size_t)-1;
		summary_acc_row *r;
		if (row == (size_t)-1)
			continue;
		r = &rows[row];
		r->timeline = xrealloc(r->timeline, (r->ntimeline + 1) * sizeof(*r->timeline));
		r->timeline[r->ntimeline++] = (summary_month_count){ (int)m->s[i].y, m->s[i].v };
	}
}

static void acc_held(summary_acc_row *rows, size_t n, const struct summary_idx *ix,
		     const smap *m)
{
	for (size_t i = 0; i < m->cap; i++) {
		uint64_t owner = m->s[i].x ? (uint64_t)SM_OWNER(m->s[i].x) : 0;
		size_t row = owner ? summary_idx_find(ix, n, (int64_t)(owner >> 28)) : (size_t)-1;
		summary_acc_row *r;
		if (row == (size_t)-1)
			continue;
		r = &rows[row];
		r->held = xrealloc(r->held, (r->nheld + 1) * sizeof(*r->held));
		r->held[r->nheld++] = (summary_pair_count){ (int64_t)(owner & PAIR_MASK),
							    m->s[i].y, m->s[i].v };
	}
}

static const size_t acc_interp_off[4] = {
	offsetof(summary_acc_row, interp), offsetof(summary_acc_row, ninterp),
	offsetof(summary_acc_row, gloss), offsetof(summary_acc_row, nglosses),
};

int summary_accountability(px_summary *s, summary_acc_row **rows, size_t *n, px_err *e)
{
	struct acc_ctx ctx = { s, NULL, 0, 0 };
	struct summary_idx *ix;
	int rc;

	*rows = NULL;
	*n = 0;
	if ((rc = summary_sync(s, e)))
		return rc;
	if ((rc = entity_each(s->db, ENT_ACCOUNTABILITY, acc_entry, &ctx, e))) {
		summary_accountability_free(ctx.rows, ctx.n);
		return rc;
	}
	if (s->nacc && s->acc[0].occ) {
		/* JE/mutual accountability moments that name no norm */
		px_entity unnamed = { .ext_id = (char *)SUMMARY_UNNAMED,
				      .name = (char *)SUMMARY_UNNAMED, .reified = -1 };
		acc_entry(&unnamed, &ctx);
	}
	ix = xcalloc(ctx.n ? ctx.n : 1, sizeof(*ix));
	for (size_t i = 0; i < ctx.n; i++)
		ix[i] = (struct summary_idx){ ctx.rows[i].id, i };
	summary_idx_sort(ix, ctx.n);
	summary_fill_dates(&s->acc_date, ctx.rows, ctx.n, sizeof(*ctx.rows),
			   offsetof(summary_acc_row, id), offsetof(summary_acc_row, first_seen),
			   offsetof(summary_acc_row, last_seen));
	acc_timeline(ctx.rows, ctx.n, ix, &s->acc_month);
	acc_held(ctx.rows, ctx.n, ix, &s->acc_held);
	summary_fill_interps(s, SUM_ACC_OWNER, ix, ctx.rows, ctx.n, sizeof(*ctx.rows),
			     acc_interp_off);
	free(ix);
	for (size_t i = 0; i < ctx.n; i++) {
		summary_acc_row *r = &ctx.rows[i];
		if (r->ntimeline > 1)
			qsort(r->timeline, r->ntimeline, sizeof(*r->timeline), month_cmp);
		if (r->nheld > 1)
			qsort(r->held, r->nheld, sizeof(*r->held), held_cmp);
	}
	*rows = ctx.rows;
	*n = ctx.n;
	return PX_OK;
}

void summary_accountability_free(summary_acc_row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(rows[i].ext_id);
		free(rows[i].name);
		free(rows[i].description);
		free(rows[i].community);
		free(rows[i].held);
		free(rows[i].timeline);
		summary_free_interps(&rows[i], acc_interp_off);
	}
	free(rows);
}
