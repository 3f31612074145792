/* summary_table.c: the engagement ties and the accountability network as
 * rows; see praxis/summary_table.h. The figures come from the summaries
 * (summary_engagement_get, summary_network) and are never recomputed. */
#include <stdlib.h>
#include "praxis/summary_table.h"

void summary_table_date(tabular *t, int date)
{
	char buf[16];

	summary_format_date(date, buf);
	tab_cell(t, date ? buf : NULL);
}

/* Columns named in order; bit i of ints set: column i holds integers. */
static void head(tabular *t, const char *const *names, unsigned ints)
{
	for (unsigned i = 0; names[i]; i++)
		tab_col(t, names[i], ints >> i & 1u ? TAB_INT : TAB_TEXT);
}

int summary_table_engagement(px_summary *s, const px_names *nm, enum names_kind person,
			     tabular *t, px_err *e)
{
	static const char *const cols[] = { "participant_a", "participant_b", "quality",
					    "codings", "vignettes", "first_seen", "last_seen",
					    NULL };
	summary_engagement g;
	int rc;

	head(t, cols, 1u << 3 | 1u << 4);
	/* mutual engagement as ties: ME codings naming both people, per
	 * quality (ME sub-code), not co-presence */
	if ((rc = summary_engagement_get(s, &g, e)))
		return rc;
	for (size_t i = 0; i < g.nties; i++) {
		const summary_tie *k = &g.ties[i];
		tab_cell(t, names_get(nm, person, k->a));
		tab_cell(t, names_get(nm, person, k->b));
		tab_cell(t, k->quality ? names_get(nm, NAMES_CODE, k->quality) : "all");
		tab_cell_int(t, k->codings);
		tab_cell_int(t, k->vignettes);
		summary_table_date(t, k->first_seen);
		summary_table_date(t, k->last_seen);
	}
	summary_engagement_free(&g);
	return PX_OK;
}

int summary_table_network(px_summary *s, const px_names *nm, enum names_kind person,
			  tabular *t, px_err *e)
{
	static const char *const cols[] = { "holder", "held", "accountability", "stance",
					    "codings", "first_seen", "last_seen", NULL };
	summary_net_row *rows;
	size_t n;
	int rc;

	head(t, cols, 1u << 4);
	/* the regime of mutual accountability as who holds whom: held_by
	 * hold the coding's participants to the entry's norm */
	if ((rc = summary_network(s, &rows, &n, e)))
		return rc;
	for (size_t i = 0; i < n; i++) {
		const summary_net_row *r = &rows[i];
		tab_cell(t, names_get(nm, person, r->holder));
		tab_cell(t, names_get(nm, person, r->held));
		tab_cell(t, r->accountability ? names_get(nm, NAMES_ACCOUNTABILITY,
							  r->accountability) : SUMMARY_UNNAMED);
		tab_cell(t, coding_stance_name(r->stance));
		tab_cell_int(t, r->codings);
		summary_table_date(t, r->first_seen);
		summary_table_date(t, r->last_seen);
	}
	free(rows);
	return PX_OK;
}
