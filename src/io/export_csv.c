/* export_csv.c: codings (or participants, vignettes, codes, memos) as RFC 4180
 * CSV for R and Python, through tabular.h (which neutralizes formulas). */
#include <stdlib.h>
#include <string.h>
#include "praxis/codebook.h"
#include "praxis/entity.h"
#include "praxis/export_ctx.h"
#include "praxis/memo_table.h"
#include "praxis/participant.h"
#include "praxis/tabular.h"
#include "praxis/util.h"

static void cell_ids(export_ctx *x, tabular *t, const idlist *ids, enum names_kind k)
{
	char *joined = names_join(&x->nm, k, ids, ";");

	tab_cell(t, joined);
	free(joined);
}

/* The roles the participants held on date (roles change), in their
 * order, joined by ';' ("" for one without a role). */
static void cell_roles(export_ctx *x, tabular *t, const idlist *ids, const char *date)
{
	strbuf b;

	sb_init(&b);
	sb_add(&b, "");
	for (size_t i = 0; i < ids->n; i++) {
		char *role = participant_role_on(x->db, ids->v[i], date);
		sb_printf(&b, "%s%s", i ? ";" : "", role ? role : "");
		free(role);
	}
	tab_cell(t, sb_str(&b));
	sb_free(&b);
}

/* Rows leave in batches of about this many cells (tab_flush_csv). */
#define CSV_BATCH 4096

struct csv_ctx {
	tabular *t;
	FILE *out;
};

static int csv_flush(export_ctx *x, struct csv_ctx *cc, size_t at_least)
{
	if (cc->t->cells.n < at_least)
		return PX_OK;
	if (tab_flush_csv(cc->t, cc->out) != 0)
		return px_fail(x->e, PX_EIO, "writing CSV failed");
	return PX_OK;
}

static int coding_rows(export_ctx *x, struct export_vignette *ev, void *ud)
{
	struct csv_ctx *cc = ud;
	tabular *t = cc->t;

	for (size_t k = 0; k < ev->ncodings; k++) {
		const struct export_coding *ec = &ev->codings[k];
		const px_coding *c = &ec->c;
		tab_cell(t, ev->v.ext_id);
		tab_cell(t, ev->v.date);
		tab_cell(t, names_get(&x->nm, NAMES_COMMUNITY, ev->v.community_id));
		cell_ids(x, t, &c->participants, NAMES_PARTICIPANT);
		tab_cell(t, names_get(&x->nm, NAMES_CODE, c->code_id));
		tab_cell(t, codebook_root_short(names_code_dimension(&x->nm, c->code_id)));
		if (c->start >= 0) {
			tab_cell_int(t, c->start);
			tab_cell_int(t, c->end);
		} else {
			tab_cell(t, NULL);
			tab_cell(t, NULL);
		}
		tab_cell(t, ec->quote);
		tab_cell(t, names_get(&x->nm, NAMES_CODER, c->coder_id));
		tab_cell(t, coding_mode_name(c->mode));
		tab_cell(t, ec->memo);
		tab_cell(t, names_get(&x->nm, NAMES_REPERTOIRE, c->repertoire_id));
		tab_cell(t, ec->interpretation);
		tab_cell(t, names_get(&x->nm, NAMES_ACCOUNTABILITY, c->accountability_id));
		tab_cell(t, coding_stance_name(c->stance));
		cell_ids(x, t, &c->held_by, NAMES_PARTICIPANT);
		tab_cell(t, names_get(&x->nm, NAMES_PARTICIPANT, c->speaker_id));
		tab_cell_int(t, c->needs_review);
		cell_roles(x, t, &c->participants, ev->v.date);
	}
	return csv_flush(x, cc, CSV_BATCH);
}

static int codings_table(export_ctx *x, struct csv_ctx *cc)
{
	static const char *const cols[] = {
		"vignette_id", "date", "community", "participants", "code", "dimension",
		"start", "end", "quote", "coder", "mode", "memo", "repertoire",
		"interpretation", "accountability", "stance", "held_by", "speaker",
		"needs_review", "roles", NULL
	};

	/* needs_review 1 with start = end: a coding whose text an edit deleted */
	for (int i = 0; cols[i]; i++)
		tab_col(cc->t, cols[i], (i == 6 || i == 7 || i == 18) ? TAB_INT : TAB_TEXT);
	return export_each_vignette(x, 0, coding_rows, cc);
}

static int vignette_row(export_ctx *x, struct export_vignette *ev, void *ud)
{
	struct csv_ctx *cc = ud;
	tabular *t = cc->t;
	const px_vignette *v = &ev->v;

	tab_cell(t, v->ext_id);
	tab_cell(t, v->title);
	tab_cell(t, v->date);
	tab_cell(t, names_get(&x->nm, NAMES_COMMUNITY, v->community_id));
	tab_cell(t, names_get(&x->nm, NAMES_CODER, v->observer_id));
	cell_ids(x, t, &v->participants, NAMES_PARTICIPANT);
	tab_cell_int(t, v->length);
	tab_cell_int(t, (long long)ev->ncodings);
	tab_cell(t, v->text);
	return csv_flush(x, cc, CSV_BATCH);
}

static int vignettes_table(export_ctx *x, struct csv_ctx *cc)
{
	static const char *const cols[] = {
		"vignette_id", "title", "date", "community", "observer", "participants",
		"length", "codings", "text", NULL
	};

	for (int i = 0; cols[i]; i++)
		tab_col(cc->t, cols[i], (i == 6 || i == 7) ? TAB_INT : TAB_TEXT);
	return export_each_vignette(x, 0, vignette_row, cc);
}

struct part_ctx {
	export_ctx *x;
	tabular *t;
};

static int participant_row(const px_participant *p, void *ud)
{
	struct part_ctx *pc = ud;
	export_ctx *x = pc->x;
	int64_t nv = 0, nc = 0;
	strbuf b;

	sb_init(&b);
	sb_add(&b, "");
	for (size_t i = 0; i < p->nattrs; i++) {
		char *v = export_text(x, p->attrs[i].value);
		sb_printf(&b, "%s%s=%s", i ? ";" : "", p->attrs[i].key, v);
		free(v);
	}
	participant_usage(x->db, p->id, &nv, &nc);
	tab_cell(pc->t, p->ext_id);
	tab_cell(pc->t, p->pseudonym);
	tab_cell(pc->t, p->role);
	tab_cell(pc->t, sb_str(&b));
	tab_cell_int(pc->t, nv);
	tab_cell_int(pc->t, nc);
	if (x->o->keep_names) {
		sb_reset(&b);
		sb_add(&b, "");
		for (size_t i = 0; i < p->aliases.n; i++)
			sb_printf(&b, "%s%s", i ? ";" : "", p->aliases.v[i]);
		tab_cell(pc->t, sb_str(&b));
	}
	sb_free(&b);
	return 0;
}

static int participants_table(export_ctx *x, tabular *t)
{
	struct part_ctx pc = { x, t };

	tab_col(t, "participant_id", TAB_TEXT);
	tab_col(t, "pseudonym", TAB_TEXT);
	tab_col(t, "role", TAB_TEXT);
	tab_col(t, "attributes", TAB_TEXT);
	tab_col(t, "vignettes", TAB_INT);
	tab_col(t, "codings", TAB_INT);
	if (x->o->keep_names)
		tab_col(t, "aliases", TAB_TEXT);
	return participant_each(x->db, participant_row, &pc, x->e);
}

struct code_ctx {
	export_ctx *x;
	tabular *t;
	int64_t *counts, ncounts;
};

static int code_row(const px_code *c, void *ud)
{
	struct code_ctx *cc = ud;
	char *desc = export_text(cc->x, c->description);

	tab_cell(cc->t, names_get(&cc->x->nm, NAMES_CODE, c->id));
	tab_cell(cc->t, c->name);
	tab_cell(cc->t, codebook_root_short(c->dimension));
	tab_cell_int(cc->t, c->depth);
	tab_cell(cc->t, c->color);
	tab_cell(cc->t, desc);
	tab_cell_int(cc->t, c->id < cc->ncounts ? cc->counts[c->id] : 0);
	free(desc);
	return 0;
}

static int codes_table(export_ctx *x, tabular *t)
{
	struct code_ctx cc = { x, t, NULL, 0 };
	int rc;

	tab_col(t, "code", TAB_TEXT);
	tab_col(t, "name", TAB_TEXT);
	tab_col(t, "dimension", TAB_TEXT);
	tab_col(t, "depth", TAB_INT);
	tab_col(t, "color", TAB_TEXT);
	tab_col(t, "description", TAB_TEXT);
	tab_col(t, "codings", TAB_INT);
	if ((rc = export_code_counts(x, &cc.counts, &cc.ncounts)))
		return rc;
	rc = codebook_each(x->db, code_row, &cc, x->e);
	free(cc.counts);
	return rc;
}

static char *memo_export_text(const void *x, const char *s)
{
	return export_text(x, s);
}

static int memos_table(export_ctx *x, tabular *t)
{
	memo_filter f;

	export_memo_filter(x, &f);
	return memo_tabulate(x->db, &x->nm, &f, t, memo_export_text, x, x->e);
}

int export_csv(export_ctx *x, FILE *out)
{
	tabular t;
	struct csv_ctx cc = { &t, out };
	int rc = PX_OK;

	tab_init(&t);
	switch (x->o->table) {
	case EXP_TABLE_PARTICIPANTS: rc = participants_table(x, &t); break;
	case EXP_TABLE_VIGNETTES: rc = vignettes_table(x, &cc); break;
	case EXP_TABLE_CODES: rc = codes_table(x, &t); break;
	case EXP_TABLE_MEMOS: rc = memos_table(x, &t); break;
	default: rc = codings_table(x, &cc); break;
	}
	if (!rc)
		rc = csv_flush(x, &cc, 0);
	tab_free(&t);
	return rc;
}
