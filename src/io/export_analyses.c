/* export_analyses.c: which figure the HTML document puts before which
 * table of export_summary_tables; see export_html_figure in
 * praxis/export_ctx.h. */
#include "export_fig.h"

int export_html_figure(const export_ctx *x, int section, strbuf *b)
{
	switch (section) {
	case EXP_SEC_NETWORK:
		return export_fig_network(x, b);
	case EXP_SEC_TRAJECTORY:
		return export_fig_trajectory(x, b);
	case EXP_SEC_HISTORY:
		return export_fig_history(x, b);
	case EXP_SEC_COOCCURRENCE:
		return export_fig_cooccurrence(x, b);
	default:
		return PX_OK;
	}
}
