/* cmd_summary.c: `praxis summary --kind K`: the live summaries of
 * praxis/summary.h as a table, CSV or JSON with stable column names. */
#include <stdlib.h>
#include <string.h>
#include "praxis/analysis_table.h"
#include "praxis/codebook.h"
#include "praxis/entity.h"
#include "praxis/names.h"
#include "praxis/participant.h"
#include "praxis/regcols.h"
#include "praxis/summary.h"
#include "praxis/summary_table.h"
#include "praxis/tabular.h"
#include "praxis/project.h"
#include "commands.h"

struct summary_args {
	const char *kind, *format, *participant, *community, *coder, *code, *from, *to;
	const char *repertoire, *by;
};

static void cell_reified(tabular *t, int reified)
{
	tab_cell(t, reified < 0 ? NULL : reified ? "yes" : "no");
}

/* A register's columns from praxis/regcols.h, in their CLI order. */
static void out_register(tabular *t, const struct regcols *rc, const void *rows, size_t n)
{
	for (size_t c = 0; c < rc->n; c++)
		if (rc->cols[c].cli)
			tab_col(t, rc->cols[c].cli, rc->cols[c].kind == RC_INT ||
				rc->cols[c].kind == RC_INTERP ? TAB_INT : TAB_TEXT);
	for (size_t i = 0; i < n; i++) {
		const void *row = regcols_row(rc, rows, i);
		for (size_t c = 0; c < rc->n; c++) {
			const struct regcol *col = &rc->cols[c];
			if (!col->cli)
				continue;
			switch (col->kind) {
			case RC_TEXT: tab_cell(t, col->text(row)); break;
			case RC_DATE: summary_table_date(t, (int)col->num(row)); break;
			case RC_REIFIED: cell_reified(t, (int)col->num(row)); break;
			default: tab_cell_int(t, (long long)col->num(row)); break;
			}
		}
	}
}

static int out_repertoire(px_summary *s, const px_names *nm, tabular *t, px_err *e)
{
	summary_rep_row *rows;
	size_t n;
	int rc;

	(void)nm;
	if ((rc = summary_repertoire(s, &rows, &n, e)))
		return rc;
	out_register(t, &regcols_repertoire, rows, n);
	summary_repertoire_free(rows, n);
	return PX_OK;
}

static int out_accountability(px_summary *s, const px_names *nm, tabular *t, px_err *e)
{
	summary_acc_row *rows;
	size_t n;
	int rc;

	(void)nm;
	if ((rc = summary_accountability(s, &rows, &n, e)))
		return rc;
	out_register(t, &regcols_accountability, rows, n);
	summary_accountability_free(rows, n);
	return PX_OK;
}

static int out_engagement(px_summary *s, const px_names *nm, tabular *t, px_err *e)
{
	return summary_table_engagement(s, nm, NAMES_PARTICIPANT, t, e);
}

static int out_network(px_summary *s, const px_names *nm, tabular *t, px_err *e)
{
	return summary_table_network(s, nm, NAMES_PARTICIPANT, t, e);
}

static int out_coverage(px_summary *s, const px_names *nm, tabular *t, px_err *e)
{
	summary_coverage cv;
	int rc;

	tab_col(t, "dimension", TAB_TEXT);
	tab_col(t, "code", TAB_TEXT);
	tab_col(t, "codings", TAB_INT);
	tab_col(t, "vignettes", TAB_INT);
	tab_col(t, "participants", TAB_INT);
	if ((rc = summary_coverage_get(s, &cv, e)))
		return rc;
	for (size_t i = 0; i < cv.ncodes; i++) {
		tab_cell(t, codebook_root_short(cv.codes[i].dimension));
		tab_cell(t, names_get(nm, NAMES_CODE, cv.codes[i].code_id));
		tab_cell_int(t, cv.codes[i].codings);
		tab_cell_int(t, cv.codes[i].vignettes);
		tab_cell_int(t, cv.codes[i].participants);
	}
	summary_coverage_free(&cv);
	return PX_OK;
}

static const struct {
	const char *kind;
	int (*out)(px_summary *s, const px_names *nm, tabular *t, px_err *e);
} kinds[] = {
	{ "repertoire", out_repertoire },
	{ "accountability", out_accountability },
	{ "engagement", out_engagement },
	{ "network", out_network },
	{ "coverage", out_coverage },
};

/* An unknown id is a data error (exit 2) naming the option. */
static int not_found(px_err *e, const char *option)
{
	px_wrap(e, "--%s", option);
	e->code = PX_EDATA;
	return PX_EDATA;
}

/* Corpus ids to row ids, dates to yyyymmdd. */
static int build_filter(px_db *db, const struct summary_args *a, summary_filter *f, px_err *e)
{
	memset(f, 0, sizeof(*f));
	if (a->from && summary_parse_date(a->from, &f->from, e))
		return px_wrap(e, "--from");
	if (a->to && summary_parse_date(a->to, &f->to, e))
		return px_wrap(e, "--to");
	if (a->participant && participant_find(db, a->participant, &f->participant, e))
		return not_found(e, "participant");
	if (a->community && entity_find(db, ENT_COMMUNITY, a->community, &f->community, e))
		return not_found(e, "community");
	if (a->coder && entity_find(db, ENT_CODER, a->coder, &f->coder, e))
		return not_found(e, "coder");
	if (a->code && codebook_resolve(db, a->code, 0, &f->code, NULL, e))
		return not_found(e, "code");
	return PX_OK;
}

static int run_summary(struct cli *c)
{
	struct summary_args a = { 0 };
	const struct cli_opt opts[] = {
		{ "kind", 1, &a.kind, NULL },
		{ "format", 1, &a.format, NULL },
		{ "participant", 1, &a.participant, NULL },
		{ "community", 1, &a.community, NULL },
		{ "code", 1, &a.code, NULL },
		{ "from", 1, &a.from, NULL },
		{ "to", 1, &a.to, NULL },
		{ "repertoire", 1, &a.repertoire, NULL },
		{ "by", 1, &a.by, NULL },
		{ NULL, 0, NULL, NULL },
	};
	px_db *db = NULL;
	px_summary *s = NULL;
	px_names nm = { 0 };
	summary_filter f;
	tabular t;
	char **pos;
	int npos, fmt, rc, which = -1, an = -1;
	struct analysis_args aa = { 0 };
	px_err e = { 0 };

	a.format = "table";
	/* --coder is a global option; as a filter only when typed, not from
	 * $PRAXIS_CODER */
	if (c->coder_given)
		a.coder = c->coder;
	if ((rc = cli_parse(c, &cmd_summary, opts, &pos, &npos)))
		return rc == 2 ? 0 : rc;
	if (npos)
		return cli_usage_error(c, &cmd_summary, "unexpected argument '%s'", pos[0]);
	for (size_t i = 0; a.kind && i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (strcmp(a.kind, kinds[i].kind) == 0)
			which = (int)i;
	if (which < 0 && (an = analysis_kind_parse(a.kind)) < 0)
		return cli_usage_error(c, &cmd_summary, "--kind '%s': use repertoire, "
				       "accountability, engagement, network, coverage, trajectory, "
				       "history, boundary, brokers, cooccurrence or matrix",
				       a.kind ? a.kind : "");
	if (a.repertoire && an != AN_HISTORY)
		return cli_usage_error(c, &cmd_summary, "--repertoire goes with --kind history");
	if (a.by && an != AN_MATRIX)
		return cli_usage_error(c, &cmd_summary, "--by goes with --kind matrix");
	if (an == AN_MATRIX && !a.by)
		return cli_usage_error(c, &cmd_summary, "--kind matrix needs --by role, community, "
				       "coder or attribute:NAME");
	aa.by = a.by;
	if ((fmt = tab_format_parse(a.format)) < 0)
		return cli_usage_error(c, &cmd_summary, "--format '%s': use table, csv or json",
				       a.format);
	if ((rc = cli_open_db(c, PROJECT_READONLY, &db, &e)))
		return cli_report(c, &e);
	tab_init(&t);
	if ((rc = build_filter(db, &a, &f, &e)) || (rc = summary_open(db, &s, &e)) ||
	    (rc = summary_set_filter(s, &f, &e)) || (rc = names_load(db, &nm, &e)))
		goto out;
	if (a.repertoire && entity_find(db, ENT_REPERTOIRE, a.repertoire, &aa.repertoire, &e)) {
		rc = not_found(&e, "repertoire");
		goto out;
	}
	if ((rc = which >= 0 ? kinds[which].out(s, &nm, &t, &e) :
		  analysis_table(s, &nm, an, &aa, &t, &e)))
		goto out;
	if (tab_write(&t, c->out, (enum tab_format)fmt) != 0)
		rc = px_fail(&e, PX_EIO, "writing the summary failed");
out:
	names_free(&nm);
	tab_free(&t);
	summary_close(s);
	db_close(db);
	return rc ? cli_report(c, &e) : 0;
}

const struct cli_command cmd_summary = {
	"summary", run_summary, "the registers, engagement, network, coverage and the analyses "
	"(trajectory, history, boundary, brokers, cooccurrence, matrix)",
	"usage: praxis summary --kind repertoire|accountability|engagement|network|coverage\n"
	"       praxis summary --kind trajectory|boundary|brokers|cooccurrence\n"
	"       praxis summary --kind history [--repertoire ID]\n"
	"       praxis summary --kind matrix --by role|community|coder|attribute:NAME\n"
	"                      [--format table|csv|json] [--participant ID]\n"
	"                      [--community ID] [--coder ID] [--code PATH]\n"
	"                      [--from DATE] [--to DATE]\n"
	"\n"
	"Prints one of the summaries the interface keeps live, one row each:\n"
	"  repertoire      per repertoire register entry: id, name, kind, reified,\n"
	"                  occurrences (moments: overlapping links count once),\n"
	"                  participants (distinct, named), vignettes, first_seen,\n"
	"                  last_seen, interpretations (distinct members' readings),\n"
	"                  glosses (distinct analyst's glosses), participation,\n"
	"                  reification (codings showing each)\n"
	"  accountability  per accountability register entry: id, name, reified,\n"
	"                  occurrences (moments), upheld, breached, negotiated,\n"
	"                  contested, first_seen, last_seen, interpretations\n"
	"                  (members' readings), participation, reification; id\n"
	"                  (unnamed): JE/mutual accountability naming no entry\n"
	"  network         who holds whom: holder (held_by), held (participants),\n"
	"                  accountability (entry or (unnamed)), stance, codings,\n"
	"                  first_seen, last_seen\n"
	"  engagement      per tie and quality: participant_a, participant_b (a\n"
	"                  before b by row id), quality (all: every ME coding naming\n"
	"                  both; or the path of an ME code under which a coding\n"
	"                  names both), codings, vignettes (distinct), first_seen,\n"
	"                  last_seen. Two people are engaged when one ME coding\n"
	"                  names them both; being present is not enough.\n"
	"  coverage        per code in codebook order: dimension, code, codings,\n"
	"                  vignettes, participants (each with the sub-codes; the\n"
	"                  root rows are the dimension totals)\n"
	"\n"
	"The analyses (same filters; the role is always the one in effect then):\n"
	"  trajectory      how each participant moves toward (or away from) full\n"
	"                  participation: per participant and month, participant,\n"
	"                  period (YYYY-MM), role (on the month's first day), me, je,\n"
	"                  sr (codings naming them as participant, holder or\n"
	"                  speaker, per dimension), holder, held (JE/mutual\n"
	"                  accountability codings where they hold others / are held\n"
	"                  to account), first_uses (repertoire entries first linked\n"
	"                  to them that month, ids joined by ;)\n"
	"  history         how an element's meaning travels: one row per coding\n"
	"                  linked to a repertoire entry, in date order: repertoire,\n"
	"                  date, vignette, community, coder, speaker, interpretation,\n"
	"                  mode (--repertoire ID: that entry only)\n"
	"  boundary        boundary objects: entries used in two or more\n"
	"                  communities, per entry and community: repertoire,\n"
	"                  community, occurrences (moments), participants (named),\n"
	"                  interpretations (distinct members' readings there)\n"
	"  brokers         people present at vignettes of two or more communities:\n"
	"                  participant, communities (ids joined by ;), vignettes\n"
	"  cooccurrence    which codes go together: code_a, code_b (paths, a before\n"
	"                  b), vignettes (holding both), overlaps (pairs of their\n"
	"                  codings whose spans overlap; a whole-vignette coding\n"
	"                  overlaps every span)\n"
	"  matrix          codes against a case variable (--by): code, value,\n"
	"                  codings, vignettes; each code with its sub-codes; role\n"
	"                  and attribute:NAME are those of the participants a coding\n"
	"                  names, community of its vignette, coder who made it\n"
	"\n"
	"Filters (combined):\n"
	"  --participant ID  codings naming the participant (participants or\n"
	"                    held_by) or on a vignette they are present at\n"
	"  --community ID    codings on the community's vignettes\n"
	"  --coder ID        codings by that coder\n"
	"  --code PATH       codings with that code or one of its sub-codes\n"
	"  --from DATE       vignettes dated on or after DATE (YYYY-MM-DD)\n"
	"  --to DATE         vignettes dated on or before DATE\n"
	"\n"
	"  --format F    table (default, aligned), csv (RFC 4180) or json (array of\n"
	"                objects with the same fields)\n"
	"\n"
	"Ids are the corpus ids, dates ISO 8601 (YYYY-MM-DD), counts plain integers,\n"
	"reified yes, no or empty. A bad date or an empty range (--from after --to)\n"
	"exits 1; an unknown participant, community, coder or code exits 2.\n",
};
