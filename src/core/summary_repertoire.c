/* summary_repertoire.c: the repertoire register rows (praxis/summary.h),
 * read from the in-memory counters; only the small register table is
 * read from the store, for names. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include "praxis/codebook.h"
#include "praxis/entity.h"
#include "summary_int.h"

struct rep_ctx {
	px_summary *s;
	summary_rep_row *rows;
	size_t n, cap;
};

char *summary_community_ext(const px_summary *s, int64_t community_id)
{
	px_entity c;
	char *ext;

	if (!community_id || entity_get(s->db, ENT_COMMUNITY, community_id, &c, NULL))
		return NULL;
	ext = c.ext_id;
	c.ext_id = NULL;
	entity_free(&c);
	return ext;
}

static int rep_entry(const px_entity *ent, void *ud)
{
	struct rep_ctx *ctx = ud;
	summary_rep_row *r;

	ctx->rows = summary_grow(ctx->rows, ctx->n, &ctx->cap, sizeof(*ctx->rows));
	r = &ctx->rows[ctx->n++];
	memset(r, 0, sizeof(*r));
	r->id = ent->id;
	r->ext_id = xstrdup(ent->ext_id);
	r->name = xstrdup(ent->name);
	r->description = xstrdup(ent->description);
	r->community = summary_community_ext(ctx->s, ent->community_id);
	r->kind = xstrdup(ent->kind);
	r->reified = ent->reified;
	if (ent->id > 0 && (size_t)ent->id < ctx->s->nrep) {
		const struct srep *c = &ctx->s->rep[ent->id];
		r->occurrences = c->occ;
		r->participation = c->part;
		r->reification = c->reif;
		r->participants = c->participants;
		r->vignettes = c->vignettes;
	}
	return 0;
}

static const size_t rep_interp_off[4] = {
	offsetof(summary_rep_row, interp), offsetof(summary_rep_row, ninterp),
	offsetof(summary_rep_row, gloss), offsetof(summary_rep_row, nglosses),
};

/* First/last dates and interpretations: one pass over each small map. */
static void rep_details(px_summary *s, summary_rep_row *rows, size_t n)
{
	struct summary_idx *ix = xcalloc(n ? n : 1, sizeof(*ix));

	summary_fill_dates(&s->rep_date, rows, n, sizeof(*rows),
			   offsetof(summary_rep_row, id), offsetof(summary_rep_row, first_seen),
			   offsetof(summary_rep_row, last_seen));
	for (size_t i = 0; i < n; i++)
		ix[i] = (struct summary_idx){ rows[i].id, i };
	summary_idx_sort(ix, n);
	summary_fill_interps(s, 0, ix, rows, n, sizeof(*rows), rep_interp_off);
	free(ix);
}

int summary_repertoire(px_summary *s, summary_rep_row **rows, size_t *n, px_err *e)
{
	struct rep_ctx ctx = { s, NULL, 0, 0 };
	int rc;

	*rows = NULL;
	*n = 0;
	if ((rc = summary_sync(s, e)))
		return rc;
	if ((rc = entity_each(s->db, ENT_REPERTOIRE, rep_entry, &ctx, e))) {
		summary_repertoire_free(ctx.rows, ctx.n);
		return rc;
	}
	rep_details(s, ctx.rows, ctx.n);
	*rows = ctx.rows;
	*n = ctx.n;
	return PX_OK;
}

void summary_repertoire_free(summary_rep_row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(rows[i].ext_id);
		free(rows[i].name);
		free(rows[i].description);
		free(rows[i].community);
		free(rows[i].kind);
		summary_free_interps(&rows[i], rep_interp_off);
	}
	free(rows);
}

/* Derived from the codings rather than kept: a scan of the compact array. */
/* Unlinked shared-repertoire codings under the filter: their ids, or
 * (vignettes) the distinct vignettes they are in, ascending. */
static int unlinked(px_summary *s, idlist *ids, int vignettes, px_err *e)
{
	int rc;

	memset(ids, 0, sizeof(*ids));
	if ((rc = summary_sync(s, e)))
		return rc;
	for (size_t id = 1; id < s->ncod; id++) {
		const struct scoding *c = &s->cod[id];
		if (!c->live || s->code[c->code].dim != CODE_SR || summary_ext(s, c)->rep ||
		    !summary_coding_passes(s, c))
			continue;
		idl_push(ids, vignettes ? (int64_t)c->vig : (int64_t)id);
	}
	if (vignettes && ids->n) {
		size_t keep = 1;
		idl_sort(ids);
		for (size_t i = 1; i < ids->n; i++)
			if (ids->v[i] != ids->v[keep - 1])
				ids->v[keep++] = ids->v[i];
		ids->n = keep;
	}
	return PX_OK;
}

int summary_unlinked(px_summary *s, idlist *ids, px_err *e)
{
	return unlinked(s, ids, 0, e);
}

int summary_unlinked_vignettes(px_summary *s, idlist *vignette_ids, px_err *e)
{
	return unlinked(s, vignette_ids, 1, e);
}
