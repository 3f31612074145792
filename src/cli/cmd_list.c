/* cmd_list.c: `praxis list participants|vignettes|codes|codings`. */
#include <stdlib.h>
#include <string.h>
#include "praxis/codebook.h"
#include "praxis/coding.h"
#include "praxis/names.h"
#include "praxis/participant.h"
#include "praxis/tabular.h"
#include "praxis/vignette.h"
#include "praxis/project.h"
#include "commands.h"

struct list_ctx {
	px_db *db;
	px_names nm;
	tabular t;
	px_err *e;               /* for reads made inside a row callback */
};

static int participant_row(const px_participant *p, void *ud)
{
	struct list_ctx *ctx = ud;
	int64_t nv, nc;

	participant_usage(ctx->db, p->id, &nv, &nc);
	tab_cell(&ctx->t, p->ext_id);
	tab_cell(&ctx->t, p->pseudonym);
	tab_cell(&ctx->t, p->role);
	tab_cell_int(&ctx->t, nv);
	tab_cell_int(&ctx->t, nc);
	return 0;
}

static int list_participants(struct list_ctx *ctx, px_err *e)
{
	tab_col(&ctx->t, "id", TAB_TEXT);
	tab_col(&ctx->t, "pseudonym", TAB_TEXT);
	tab_col(&ctx->t, "role", TAB_TEXT);
	tab_col(&ctx->t, "vignettes", TAB_INT);
	tab_col(&ctx->t, "codings", TAB_INT);
	return participant_each(ctx->db, participant_row, ctx, e);
}

static void add_id_list(struct list_ctx *ctx, const idlist *ids, enum names_kind k)
{
	strbuf b;

	sb_init(&b);
	for (size_t i = 0; i < ids->n; i++) {
		if (i)
			sb_addc(&b, ',');
		sb_add(&b, names_get(&ctx->nm, k, ids->v[i]));
	}
	tab_cell(&ctx->t, sb_str(&b));
	sb_free(&b);
}

static int vignette_row(const px_vignette *v, void *ud)
{
	struct list_ctx *ctx = ud;
	int64_t counts[4];
	int rc;

	if ((rc = vignette_dimension_counts(ctx->db, v->id, counts, ctx->e)))
		return rc;
	tab_cell(&ctx->t, v->ext_id);
	tab_cell(&ctx->t, v->date);
	tab_cell(&ctx->t, v->title);
	tab_cell(&ctx->t, names_get(&ctx->nm, NAMES_COMMUNITY, v->community_id));
	tab_cell(&ctx->t, names_get(&ctx->nm, NAMES_CODER, v->observer_id));
	add_id_list(ctx, &v->participants, NAMES_PARTICIPANT);
	tab_cell_int(&ctx->t, v->length);
	for (int i = 0; i < 4; i++)
		tab_cell_int(&ctx->t, counts[i]);
	return 0;
}

static int list_vignettes(struct list_ctx *ctx, px_err *e)
{
	static const char *const cols[] = {
		"id", "date", "title", "community", "observer", "participants"
	};
	for (size_t i = 0; i < sizeof(cols) / sizeof(cols[0]); i++)
		tab_col(&ctx->t, cols[i], TAB_TEXT);
	tab_col(&ctx->t, "length", TAB_INT);
	tab_col(&ctx->t, "codings", TAB_INT);
	tab_col(&ctx->t, "me", TAB_INT);
	tab_col(&ctx->t, "je", TAB_INT);
	tab_col(&ctx->t, "sr", TAB_INT);
	return vignette_each(ctx->db, 0, vignette_row, ctx, e);
}

static int code_row(const px_code *c, void *ud)
{
	struct list_ctx *ctx = ud;

	tab_cell(&ctx->t, names_get(&ctx->nm, NAMES_CODE, c->id));
	tab_cell_int(&ctx->t, c->depth);
	tab_cell_int(&ctx->t, codebook_coding_count(ctx->db, c->id, 0));
	tab_cell_int(&ctx->t, codebook_coding_count(ctx->db, c->id, 1));
	tab_cell(&ctx->t, c->color);
	tab_cell(&ctx->t, c->description);
	return 0;
}

static int list_codes(struct list_ctx *ctx, px_err *e)
{
	tab_col(&ctx->t, "path", TAB_TEXT);
	tab_col(&ctx->t, "depth", TAB_INT);
	tab_col(&ctx->t, "codings", TAB_INT);
	tab_col(&ctx->t, "with_subcodes", TAB_INT);
	tab_col(&ctx->t, "color", TAB_TEXT);
	tab_col(&ctx->t, "description", TAB_TEXT);
	return codebook_each(ctx->db, code_row, ctx, e);
}

static int coding_row(const px_coding *c, void *ud)
{
	struct list_ctx *ctx = ud;

	tab_cell_int(&ctx->t, c->id);
	tab_cell(&ctx->t, names_get(&ctx->nm, NAMES_VIGNETTE, c->vignette_id));
	tab_cell(&ctx->t, names_get(&ctx->nm, NAMES_CODE, c->code_id));
	if (c->start < 0) {
		tab_cell(&ctx->t, NULL);
		tab_cell(&ctx->t, NULL);
	} else {
		tab_cell_int(&ctx->t, c->start);
		tab_cell_int(&ctx->t, c->end);
	}
	tab_cell(&ctx->t, names_get(&ctx->nm, NAMES_CODER, c->coder_id));
	add_id_list(ctx, &c->participants, NAMES_PARTICIPANT);
	tab_cell(&ctx->t, coding_mode_name(c->mode));
	tab_cell(&ctx->t, c->memo);
	tab_cell(&ctx->t, c->repertoire_id ? names_get(&ctx->nm, NAMES_REPERTOIRE,
						       c->repertoire_id) : NULL);
	tab_cell(&ctx->t, c->interpretation);
	tab_cell(&ctx->t, c->accountability_id ? names_get(&ctx->nm, NAMES_ACCOUNTABILITY,
							   c->accountability_id) : NULL);
	tab_cell(&ctx->t, coding_stance_name(c->stance));
	add_id_list(ctx, &c->held_by, NAMES_PARTICIPANT);
	tab_cell_int(&ctx->t, c->needs_review);
	tab_cell(&ctx->t, c->speaker_id ? names_get(&ctx->nm, NAMES_PARTICIPANT, c->speaker_id)
					: NULL);
	tab_cell(&ctx->t, c->uuid);
	return 0;
}

static int list_codings(struct list_ctx *ctx, px_err *e)
{
	static const struct { const char *name; enum tab_type type; } cols[] = {
		{ "id", TAB_INT }, { "vignette", TAB_TEXT }, { "code", TAB_TEXT },
		{ "start", TAB_INT }, { "end", TAB_INT }, { "coder", TAB_TEXT },
		{ "participants", TAB_TEXT }, { "mode", TAB_TEXT }, { "memo", TAB_TEXT },
		{ "repertoire", TAB_TEXT }, { "interpretation", TAB_TEXT },
		{ "accountability", TAB_TEXT }, { "stance", TAB_TEXT },
		{ "held_by", TAB_TEXT }, { "needs_review", TAB_INT },
		{ "speaker", TAB_TEXT }, { "uuid", TAB_TEXT },
	};
	coding_query q = CODING_QUERY_ALL;

	for (size_t i = 0; i < sizeof(cols) / sizeof(cols[0]); i++)
		tab_col(&ctx->t, cols[i].name, cols[i].type);
	return coding_each(ctx->db, &q, coding_row, ctx, e);
}

static const struct {
	const char *what;
	int (*fill)(struct list_ctx *ctx, px_err *e);
} listings[] = {
	{ "participants", list_participants },
	{ "vignettes", list_vignettes },
	{ "codes", list_codes },
	{ "codings", list_codings },
};

static int run_list(struct cli *c)
{
	const char *format = "table";
	const struct cli_opt opts[] = {
		{ "format", 1, &format, NULL },
		{ NULL, 0, NULL, NULL },
	};
	struct list_ctx ctx = { 0 };
	char **pos;
	int npos, fmt, rc, which = -1;
	px_err e = { 0 };

	if ((rc = cli_parse(c, &cmd_list, opts, &pos, &npos)))
		return rc == 2 ? 0 : rc;
	if (npos != 1)
		return cli_usage_error(c, &cmd_list, "name one of participants, vignettes, codes, "
				       "codings");
	for (size_t i = 0; i < sizeof(listings) / sizeof(listings[0]); i++)
		if (strcmp(pos[0], listings[i].what) == 0)
			which = (int)i;
	if (which < 0)
		return cli_usage_error(c, &cmd_list, "cannot list '%s' (participants, vignettes, "
				       "codes or codings)", pos[0]);
	if ((fmt = tab_format_parse(format)) < 0)
		return cli_usage_error(c, &cmd_list, "--format '%s': use table, csv or json", format);
	if ((rc = cli_open_db(c, PROJECT_READONLY, &ctx.db, &e)))
		return cli_report(c, &e);
	tab_init(&ctx.t);
	ctx.e = &e;
	if (!(rc = names_load(ctx.db, &ctx.nm, &e))) {
		rc = listings[which].fill(&ctx, &e);
		names_free(&ctx.nm);
	}
	if (!rc && tab_write(&ctx.t, c->out, (enum tab_format)fmt) != 0)
		rc = px_fail(&e, PX_EIO, "writing the listing failed");
	tab_free(&ctx.t);
	db_close(ctx.db);
	return rc ? cli_report(c, &e) : 0;
}

const struct cli_command cmd_list = {
	"list", run_list, "list participants, vignettes, codes or codings",
	"usage: praxis list participants|vignettes|codes|codings [--format table|csv|json]\n"
	"\n"
	"Lists what the project holds, one row each:\n"
	"  participants  id, pseudonym, role, vignettes, codings\n"
	"  vignettes     id, date, title, community, observer, participants, length,\n"
	"                codings, me, je, sr (codings per dimension)\n"
	"  codes         path, depth, codings, with_subcodes, color, description\n"
	"  codings       id, vignette, code, start, end, coder, participants, mode,\n"
	"                memo, repertoire, interpretation, accountability, stance,\n"
	"                held_by, needs_review, uuid (start/end empty: the whole\n"
	"                vignette; uuid: the coding's identity, kept by merges and\n"
	"                corpus round trips)\n"
	"\n"
	"  --format F    table (default, aligned), csv (RFC 4180) or json (array of\n"
	"                objects with the same fields)\n",
};
