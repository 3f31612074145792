/* summary_table.h: the rows of `praxis summary --kind engagement` and
 * `--kind network` as a tabular (praxis/tabular.h), produced once for
 * every place that prints them: the CLI (table, CSV, JSON) and the
 * Markdown and HTML exports. Columns are named as the CLI names them;
 * dates are YYYY-MM-DD or a NULL cell when never seen.
 *
 * person says how a participant is named: NAMES_PARTICIPANT (the corpus
 * id, the CLI's) or NAMES_PSEUDONYM (the exports'). */
#ifndef PRAXIS_SUMMARY_TABLE_H
#define PRAXIS_SUMMARY_TABLE_H

#include "praxis/names.h"
#include "praxis/summary.h"
#include "praxis/tabular.h"

/* A yyyymmdd date as a cell (NULL cell for 0). */
void summary_table_date(tabular *t, int date);
/* participant_a, participant_b, quality, codings, vignettes, first_seen,
 * last_seen: one row per engagement tie and quality. */
int summary_table_engagement(px_summary *s, const px_names *nm, enum names_kind person,
			     tabular *t, px_err *e);
/* holder, held, accountability, stance, codings, first_seen, last_seen:
 * one row per holder, held person, entry and stance. */
int summary_table_network(px_summary *s, const px_names *nm, enum names_kind person,
			  tabular *t, px_err *e);

#endif
