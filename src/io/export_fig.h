/* export_fig.h: the HTML export's figures, one file each, dispatched by
 * export_html_figure (export_analyses.c). Each appends to b, from the
 * export's summaries under its filter, people by pseudonym. */
#ifndef PRAXIS_EXPORT_FIG_H
#define PRAXIS_EXPORT_FIG_H

#include "praxis/export_ctx.h"

int export_fig_network(const export_ctx *x, strbuf *b);      /* export_fig_network.c */
int export_fig_trajectory(const export_ctx *x, strbuf *b);   /* export_fig_trajectory.c */
int export_fig_history(const export_ctx *x, strbuf *b);      /* export_fig_history.c */
int export_fig_cooccurrence(const export_ctx *x, strbuf *b); /* export_fig_cooccurrence.c */

#endif
