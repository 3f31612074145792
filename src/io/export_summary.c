/* export_summary.c: what the writers print from the summaries (the
 * px_summary export_load opened under the export's filter, for the
 * formats that print counts: md, html and the csv codes table), pseudonymized
 * where it holds text from the notes. The numbers themselves are never
 * recomputed here: an export and `praxis summary` share one definition. */
#include <stdlib.h>
#include <string.h>
#include "praxis/analysis_table.h"
#include "praxis/export_ctx.h"
#include "praxis/regcols.h"
#include "praxis/summary_table.h"
#include "praxis/util.h"

int export_code_counts(const export_ctx *x, int64_t **counts, int64_t *n)
{
	summary_coverage cov;
	int64_t max = 0;
	int rc;

	*counts = NULL;
	*n = 0;
	if ((rc = summary_coverage_get(x->sum, &cov, x->e)))
		return rc;
	for (size_t i = 0; i < cov.ncodes; i++)
		if (cov.codes[i].code_id > max)
			max = cov.codes[i].code_id;
	*counts = xcalloc((size_t)max + 1, sizeof(**counts));
	for (size_t i = 0; i < cov.ncodes; i++)
		if (cov.codes[i].code_id > 0)
			(*counts)[cov.codes[i].code_id] = cov.codes[i].codings;
	*n = max + 1;
	summary_coverage_free(&cov);
	return PX_OK;
}

/* Alias replacement can make two noted interpretations one: each shows
 * once, in the summary's order (most frequent first). */
/* Appends the texts of v not yet in seen (pseudonymized), with a suffix. */
static void add_texts(const export_ctx *x, const summary_text_count *v, size_t n,
		      const char *suffix, strlist *seen, strbuf *b)
{
	for (size_t i = 0; i < n; i++) {
		char *t = export_text(x, v[i].text), *key = xasprintf("%s%s", t, suffix);
		int dup = 0;
		for (size_t k = 0; k < seen->n && !dup; k++)
			dup = strcmp(seen->v[k], key) == 0;
		if (!dup) {
			sb_printf(b, "%s%s", seen->n ? "; " : "", key);
			sl_push(seen, key);
		}
		free(key);
		free(t);
	}
}

char *export_interpretations(const export_ctx *x, const summary_rep_row *r)
{
	strlist seen = { 0 };
	strbuf b;

	sb_init(&b);
	sb_add(&b, "");
	/* members' readings, then the analyst's glosses, marked */
	add_texts(x, r->interp, r->ninterp, "", &seen, &b);
	add_texts(x, r->gloss, r->nglosses, " (gloss)", &seen, &b);
	sl_free(&seen);
	return sb_steal(&b);
}

int export_registers(const export_ctx *x, const struct export_register_writer *w, void *ud)
{
	summary_rep_row *rep;
	summary_acc_row *acc;
	size_t n;
	int rc;

	if ((rc = summary_repertoire(x->sum, &rep, &n, x->e)))
		return rc;
	for (size_t i = 0; i < n; i++)
		if (!rep[i].name)
			rep[i].name = xstrdup(rep[i].ext_id);
	if (n)
		w->repertoire(ud, rep, n);
	summary_repertoire_free(rep, n);
	if ((rc = summary_accountability(x->sum, &acc, &n, x->e)))
		return rc;
	for (size_t i = 0; i < n; i++)
		if (!acc[i].name)
			acc[i].name = xstrdup(acc[i].ext_id);
	if (n)
		w->accountability(ud, acc, n);
	summary_accountability_free(acc, n);
	return PX_OK;
}

char *export_register_cell(const export_ctx *x, const struct regcol *col, const void *row)
{
	int64_t v = col->num ? col->num(row) : 0;
	char d[16];

	switch (col->kind) {
	case RC_TEXT:
		return xstrdup(col->text(row) ? col->text(row) : "");
	case RC_DATE:
		summary_format_date((int)v, d);
		return xstrdup(d);
	case RC_REIFIED:
		return xstrdup(v < 0 ? "" : v ? "yes" : "no");
	case RC_INTERP:
		return export_interpretations(x, row);
	default:
		return xasprintf("%lld", (long long)v);
	}
}

/* Interpretations in the analyses' tables: pseudonymized as everywhere. */
static char *analysis_text(const void *ud, const char *s)
{
	return export_text(ud, s);
}

int export_summary_tables(const export_ctx *x, export_table_fn fn, void *ud)
{
	static const struct {
		const char *title;
		int (*rows)(px_summary *s, const px_names *nm, enum names_kind person,
			    tabular *t, px_err *e);
		int section;
		int analysis;            /* enum analysis_kind when rows is NULL */
	} tables[] = {
		{ "Engagement ties", summary_table_engagement, EXP_SEC_ENGAGEMENT, 0 },
		{ "Accountability network", summary_table_network, EXP_SEC_NETWORK, 0 },
		{ "Trajectories", NULL, EXP_SEC_TRAJECTORY, AN_TRAJECTORY },
		{ "Histories of the repertoire", NULL, EXP_SEC_HISTORY, AN_HISTORY },
		{ "Boundary objects", NULL, EXP_SEC_BOUNDARY, AN_BOUNDARY },
		{ "Brokers", NULL, EXP_SEC_BROKERS, AN_BROKERS },
		{ "Co-occurrence", NULL, EXP_SEC_COOCCURRENCE, AN_COOCCURRENCE },
	};
	struct analysis_args a = { 0, NULL, 1, analysis_text, x };

	for (size_t i = 0; i < sizeof(tables) / sizeof(tables[0]); i++) {
		tabular t;
		int rc;

		tab_init(&t);
		/* the same rows as `praxis summary`, people by pseudonym */
		rc = tables[i].rows ? tables[i].rows(x->sum, &x->nm, NAMES_PSEUDONYM, &t, x->e)
				    : analysis_table(x->sum, &x->nm, tables[i].analysis, &a, &t, x->e);
		if (rc) {
			tab_free(&t);
			return rc;
		}
		if (tab_rows(&t))
			fn(ud, tables[i].section, tables[i].title, &t);
		tab_free(&t);
	}
	return PX_OK;
}
