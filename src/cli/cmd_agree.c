/* cmd_agree.c: `praxis agree --coders A,B`: inter-coder agreement. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "praxis/agree.h"
#include "praxis/codebook.h"
#include "praxis/entity.h"
#include "praxis/tabular.h"
#include "praxis/project.h"
#include "commands.h"

static void stat_cell(tabular *t, double v)
{
	if (isnan(v))
		tab_cell(t, NULL);
	else
		tab_cellf(t, "%.4f", v);
}

static void agree_row_cells(tabular *t, const char *code, int unit, const agree_table *a)
{
	tab_cell(t, code);
	tab_cell(t, agree_unit_name(unit));
	tab_cell_int(t, a->both);
	tab_cell_int(t, a->a_only);
	tab_cell_int(t, a->b_only);
	tab_cell_int(t, a->neither);
	stat_cell(t, agree_observed(a));
	stat_cell(t, agree_kappa(a));
	stat_cell(t, agree_alpha(a));
}

static int fill_table(px_db *db, const agree_result *r, tabular *t, px_err *e)
{
	static const char *const cols[] = {
		"code", "unit", "both", "a_only", "b_only", "neither", "observed", "kappa", "alpha"
	};
	for (size_t i = 0; i < sizeof(cols) / sizeof(cols[0]); i++)
		tab_col(t, cols[i], i < 2 ? TAB_TEXT : i < 6 ? TAB_INT : TAB_REAL);
	for (size_t i = 0; i < r->nrows; i++) {
		char *path = NULL;
		int rc = codebook_path(db, r->rows[i].code_id, &path, e);
		if (rc)
			return rc;
		agree_row_cells(t, path, r->unit, &r->rows[i].t);
		free(path);
	}
	agree_row_cells(t, "(overall)", r->unit, &r->overall);
	return PX_OK;
}

/* "A,B" -> two coder row ids. */
static int parse_coders(px_db *db, const char *spec, int64_t ids[2], px_err *e)
{
	const char *comma = spec ? strchr(spec, ',') : NULL;
	char *names[2];
	int rc = PX_OK;

	if (!comma || strchr(comma + 1, ','))
		return px_fail(e, PX_EUSAGE, "--coders '%s': give two coder ids, A,B",
			       spec ? spec : "");
	names[0] = xstrndup(spec, (size_t)(comma - spec));
	names[1] = xstrdup(comma + 1);
	for (int i = 0; i < 2 && !rc; i++) {
		if ((rc = entity_find(db, ENT_CODER, names[i], &ids[i], e)))
			rc = px_wrap(e, "--coders");
	}
	if (!rc && ids[0] == ids[1])
		rc = px_fail(e, PX_EUSAGE, "--coders '%s': name two different coders", spec);
	free(names[0]);
	free(names[1]);
	return rc;
}

static int run_agree(struct cli *c)
{
	const char *coders = NULL, *code = NULL, *unit_s = "vignette", *format = "table";
	const struct cli_opt opts[] = {
		{ "coders", 1, &coders, NULL },
		{ "code", 1, &code, NULL },
		{ "unit", 1, &unit_s, NULL },
		{ "format", 1, &format, NULL },
		{ NULL, 0, NULL, NULL },
	};
	char **pos;
	int npos, rc, fmt, unit;
	int64_t ids[2] = { 0, 0 }, code_id = 0;
	agree_result r = { 0 };
	tabular t;
	px_db *db;
	px_err e = { 0 };

	if ((rc = cli_parse(c, &cmd_agree, opts, &pos, &npos)))
		return rc == 2 ? 0 : rc;
	if (npos)
		return cli_usage_error(c, &cmd_agree, "unexpected argument '%s'", pos[0]);
	if (!coders)
		return cli_usage_error(c, &cmd_agree, "--coders A,B is required");
	if ((unit = agree_unit_parse(unit_s)) < 0)
		return cli_usage_error(c, &cmd_agree, "--unit '%s': use vignette or segment", unit_s);
	if ((fmt = tab_format_parse(format)) < 0)
		return cli_usage_error(c, &cmd_agree, "--format '%s': use table, csv or json", format);
	if ((rc = cli_open_db(c, PROJECT_READONLY, &db, &e)))
		return cli_report(c, &e);
	tab_init(&t);
	if ((rc = parse_coders(db, coders, ids, &e)))
		goto done;
	if (code && (rc = codebook_resolve(db, code, 0, &code_id, NULL, &e))) {
		px_wrap(&e, "--code");
		goto done;
	}
	if ((rc = agree_compute(db, ids[0], ids[1], code_id, unit, &r, &e)) ||
	    (rc = fill_table(db, &r, &t, &e)))
		goto done;
	if (tab_write(&t, c->out, (enum tab_format)fmt) != 0)
		rc = px_fail(&e, PX_EIO, "writing the table failed");
done:
	agree_result_free(&r);
	tab_free(&t);
	db_close(db);
	return rc ? cli_report(c, &e) : 0;
}

const struct cli_command cmd_agree = {
	"agree", run_agree, "inter-coder agreement of two coders",
	"usage: praxis agree --coders A,B [--code PATH] [--unit vignette|segment]\n"
	"                    [--format table|csv|json]\n"
	"\n"
	"Compares two coders, per code and overall. Units come only from the\n"
	"vignettes both coders coded at least once (a vignette one of them never\n"
	"reached says nothing about agreement).\n"
	"\n"
	"  --coders A,B   the two coder ids (required)\n"
	"  --code PATH    only this code (listed even if neither coder used it);\n"
	"                 default: every code either coder used on those vignettes\n"
	"  --unit U       vignette (default): does the coder apply the code -- that\n"
	"                 exact code, not a sub-code -- to the vignette at all?\n"
	"                 segment: each code point of those vignettes, covered by a\n"
	"                 span of the code or not (a whole-vignette coding covers all)\n"
	"  --format F     table (default), csv or json\n"
	"\n"
	"Columns: code, unit, both, a_only, b_only, neither (the 2x2 table of units:\n"
	"both coders, only A, only B, neither), observed (share of units agreed on),\n"
	"kappa (Cohen's), alpha (Krippendorff's, nominal). The last row, (overall),\n"
	"sums the tables of the codes above and computes the figures on the sum.\n"
	"\n"
	"kappa and alpha are empty (null in JSON) when undefined: when every unit\n"
	"fell in one category for both coders (e.g. a code neither used: observed\n"
	"1, nothing to compare). A coder who never applies a code the other does\n"
	"gets kappa 0 and a negative or zero alpha, as the formulas give.\n",
};
