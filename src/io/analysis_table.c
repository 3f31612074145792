/* analysis_table.c: the analyses as named rows (praxis/analysis_table.h). */
#include <stdlib.h>
#include <string.h>
#include "praxis/analysis_table.h"
#include "praxis/coding.h"

static void head(tabular *t, const char *const *names, unsigned ints)
{
	for (unsigned i = 0; names[i]; i++)
		tab_col(t, names[i], ints >> i & 1u ? TAB_INT : TAB_TEXT);
}

static void cell_ids(tabular *t, const px_names *nm, enum names_kind k, const idlist *ids)
{
	char *s = names_join(nm, k, ids, ";");

	tab_cell(t, s);
	free(s);
}

/* How a participant is named: by pseudonym in the exports. */
static enum names_kind person(const struct analysis_args *a)
{
	return a && a->pseudonyms ? NAMES_PSEUDONYM : NAMES_PARTICIPANT;
}

/* Text from the notes, through the exports' alias replacement if any. */
static void cell_text(tabular *t, const struct analysis_args *a, const char *s)
{
	char *r;

	if (!s || !a || !a->text) {
		tab_cell(t, s);
		return;
	}
	r = a->text(a->text_ud, s);
	tab_cell(t, r);
	free(r);
}

static int trajectory(px_summary *s, const px_names *nm, const struct analysis_args *a,
		      tabular *t, px_err *e)
{
	static const char *const cols[] = { "participant", "period", "role", "me", "je", "sr",
					    "holder", "held", "first_uses", NULL };
	an_traj_row *r;
	size_t n;
	int rc;

	head(t, cols, 0xf8u);
	if ((rc = analysis_trajectory(s, &r, &n, e)))
		return rc;
	for (size_t i = 0; i < n; i++) {
		char m[16];
		summary_format_month(r[i].month, m);
		tab_cell(t, names_get(nm, person(a), r[i].participant));
		tab_cell(t, m);
		tab_cell(t, r[i].role);
		for (int d = 1; d <= 3; d++)
			tab_cell_int(t, r[i].dims[d]);
		tab_cell_int(t, r[i].holder);
		tab_cell_int(t, r[i].held);
		cell_ids(t, nm, NAMES_REPERTOIRE, &r[i].first_uses);
	}
	analysis_trajectory_free(r, n);
	return PX_OK;
}

static int history(px_summary *s, const px_names *nm, const struct analysis_args *a,
		   tabular *t, px_err *e)
{
	static const char *const cols[] = { "repertoire", "date", "vignette", "community",
					    "coder", "speaker", "interpretation", "mode", NULL };
	an_hist_row *r;
	size_t n;
	int rc;

	head(t, cols, 0);
	if ((rc = analysis_history(s, a ? a->repertoire : 0, &r, &n, e)))
		return rc;
	for (size_t i = 0; i < n; i++) {
		char d[16];
		summary_format_date(r[i].date, d);
		tab_cell(t, names_get(nm, NAMES_REPERTOIRE, r[i].repertoire));
		tab_cell(t, d);
		tab_cell(t, names_get(nm, NAMES_VIGNETTE, r[i].vignette));
		tab_cell(t, r[i].community ? names_get(nm, NAMES_COMMUNITY, r[i].community) : NULL);
		tab_cell(t, names_get(nm, NAMES_CODER, r[i].coder));
		tab_cell(t, r[i].speaker ? names_get(nm, person(a), r[i].speaker) : NULL);
		cell_text(t, a, r[i].interpretation);
		tab_cell(t, r[i].mode ? coding_mode_name(r[i].mode) : NULL);
	}
	free(r);
	return PX_OK;
}

static int boundary(px_summary *s, const px_names *nm, const struct analysis_args *a,
		    tabular *t, px_err *e)
{
	static const char *const cols[] = { "repertoire", "community", "occurrences",
					    "participants", "interpretations", NULL };
	an_boundary_row *r;
	size_t n;
	int rc;

	(void)a;
	head(t, cols, 0x1cu);
	if ((rc = analysis_boundary(s, &r, &n, e)))
		return rc;
	for (size_t i = 0; i < n; i++) {
		tab_cell(t, names_get(nm, NAMES_REPERTOIRE, r[i].repertoire));
		tab_cell(t, names_get(nm, NAMES_COMMUNITY, r[i].community));
		tab_cell_int(t, r[i].occurrences);
		tab_cell_int(t, r[i].participants);
		tab_cell_int(t, r[i].interpretations);
	}
	free(r);
	return PX_OK;
}

static int brokers(px_summary *s, const px_names *nm, const struct analysis_args *a,
		   tabular *t, px_err *e)
{
	static const char *const cols[] = { "participant", "communities", "vignettes", NULL };
	an_broker_row *r;
	size_t n;
	int rc;

	head(t, cols, 0x4u);
	if ((rc = analysis_brokers(s, &r, &n, e)))
		return rc;
	for (size_t i = 0; i < n; i++) {
		tab_cell(t, names_get(nm, person(a), r[i].participant));
		cell_ids(t, nm, NAMES_COMMUNITY, &r[i].communities);
		tab_cell_int(t, r[i].vignettes);
	}
	analysis_brokers_free(r, n);
	return PX_OK;
}

static int cooccurrence(px_summary *s, const px_names *nm, const struct analysis_args *a,
			tabular *t, px_err *e)
{
	static const char *const cols[] = { "code_a", "code_b", "vignettes", "overlaps", NULL };
	an_cooc_row *r;
	size_t n;
	int rc;

	(void)a;
	head(t, cols, 0xcu);
	if ((rc = analysis_cooccurrence(s, &r, &n, e)))
		return rc;
	for (size_t i = 0; i < n; i++) {
		tab_cell(t, names_get(nm, NAMES_CODE, r[i].code_a));
		tab_cell(t, names_get(nm, NAMES_CODE, r[i].code_b));
		tab_cell_int(t, r[i].vignettes);
		tab_cell_int(t, r[i].overlaps);
	}
	free(r);
	return PX_OK;
}

static int matrix(px_summary *s, const px_names *nm, const struct analysis_args *a,
		  tabular *t, px_err *e)
{
	static const char *const cols[] = { "code", "value", "codings", "vignettes", NULL };
	an_matrix_row *r;
	size_t n;
	int rc;

	head(t, cols, 0xcu);
	if ((rc = analysis_matrix(s, a ? a->by : NULL, &r, &n, e)))
		return rc;
	for (size_t i = 0; i < n; i++) {
		tab_cell(t, names_get(nm, NAMES_CODE, r[i].code));
		tab_cell(t, r[i].value);
		tab_cell_int(t, r[i].codings);
		tab_cell_int(t, r[i].vignettes);
	}
	analysis_matrix_free(r, n);
	return PX_OK;
}

int analysis_table(px_summary *s, const px_names *nm, int kind, const struct analysis_args *a,
		   tabular *t, px_err *e)
{
	static int (*const fn[AN_COUNT])(px_summary *, const px_names *,
					 const struct analysis_args *, tabular *, px_err *) = {
		trajectory, history, boundary, brokers, cooccurrence, matrix,
	};

	if (kind < 0 || kind >= AN_COUNT)
		return px_fail(e, PX_EUSAGE, "no analysis kind %d", kind);
	return fn[kind](s, nm, a, t, e);
}
