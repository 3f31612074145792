/* export_fig_trajectory.c: a chart per participant of their trajectory:
 * per month, a bar for their codings in each dimension, one scale for
 * everybody so people compare, and a dashed line where their role changes
 * (labelled with the new role). */
#include <string.h>
#include "praxis/analysis.h"
#include "praxis/codebook.h"
#include "praxis/export_svg.h"
#include "export_fig.h"

#define PLOT_X 44
#define PLOT_W 660               /* the months share it, up to a bar of 9 px */
#define PLOT_TOP 36
#define PLOT_H 80
#define CHART_H (PLOT_TOP + PLOT_H + 22)

/* The months from first, their column width and bars; the scale's top. */
struct axis {
	int first, nmonths, bar, col;
	int64_t max;
};

static int month_index(int yyyymm)
{
	return yyyymm / 100 * 12 + yyyymm % 100 - 1;
}

/* Bars of 2 to 9 px, so that a long fieldwork still fits the page. */
static void axis_size(struct axis *a)
{
	a->bar = (PLOT_W / a->nmonths - 5) / 3;
	a->bar = a->bar > 9 ? 9 : a->bar < 2 ? 2 : a->bar;
	a->col = 3 * a->bar + (a->bar > 4 ? a->bar + 5 : 3);
}

/* The months axis: a label under every month, every third when long. */
static void months_axis(strbuf *b, const struct axis *a, int w)
{
	int base = PLOT_TOP + PLOT_H, every = 1;

	while (every * a->col < 40)
		every++;
	svg_line(b, PLOT_X - 4, base, w - 4, base, "#999", 0);
	for (int i = 0; i < a->nmonths; i += every) {
		int m = a->first + i;
		char label[16];
		summary_format_month(m / 12 * 100 + m % 12 + 1, label);
		svg_text(b, PLOT_X + i * a->col + 3 * a->bar / 2, base + 14, SVG_MIDDLE, 9, 0,
			 label);
	}
}

static int same_role(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* One participant's chart from their rows r[0..n). */
static void chart(const export_ctx *x, strbuf *b, const an_traj_row *r, size_t n,
		  const struct axis *a)
{
	const char *name = names_get(&x->nm, NAMES_PSEUDONYM, r[0].participant);
	int w = PLOT_X + a->nmonths * a->col + 8;
	char colors[4][8], ymax[24];

	for (int d = CODE_ME; d <= CODE_SR; d++)
		svg_dimension_color(d, colors[d]);
	svg_open(b, w < 240 ? 240 : w, CHART_H, name);
	svg_text(b, 0, 14, SVG_START, 13, 1, name);
	snprintf(ymax, sizeof(ymax), "%lld", (long long)a->max);
	svg_text(b, PLOT_X - 8, PLOT_TOP + 8, SVG_END, 9, 0, ymax);
	svg_text(b, PLOT_X - 8, PLOT_TOP + PLOT_H, SVG_END, 9, 0, "0");
	months_axis(b, a, w < 240 ? 240 : w);
	for (size_t i = 0; i < n; i++) {
		int col = PLOT_X + (month_index(r[i].month) - a->first) * a->col;
		char month[16], tip[160];
		summary_format_month(r[i].month, month);
		/* a role change: the first role, then each new one */
		if (i == 0 || !same_role(r[i].role, r[i - 1].role)) {
			svg_line(b, col - 3, PLOT_TOP - 10, col - 3, PLOT_TOP + PLOT_H, "#444", 1);
			svg_text(b, col - 1, PLOT_TOP - 2, SVG_START, 10, 0,
				 r[i].role ? r[i].role : "(no role)");
		}
		for (int d = CODE_ME; d <= CODE_SR; d++) {
			int h = (int)(r[i].dims[d] * PLOT_H / a->max);
			if (!r[i].dims[d])
				continue;
			snprintf(tip, sizeof(tip), "%s %s: %lld coding%s", month,
				 codebook_root_short(d), (long long)r[i].dims[d],
				 PX_S(r[i].dims[d]));
			svg_rect(b, col + (d - 1) * a->bar, PLOT_TOP + PLOT_H - (h ? h : 1),
				 a->bar - 1, h ? h : 1, colors[d], tip);
		}
	}
	svg_close(b);
}

/* The key: which colour is which dimension. */
static void key(strbuf *b)
{
	sb_add(b, "<p class=\"meta\">Per month, the codings naming each person in each"
	       " dimension (");
	for (int d = CODE_ME; d <= CODE_SR; d++) {
		char hex[8];
		svg_dimension_color(d, hex);
		sb_printf(b, "%s<span style=\"color:%s\">&#9632;</span> %s", d > CODE_ME ? ", " : "",
			  hex, codebook_root_name(d));
	}
	sb_add(b, "), one scale for all; a dashed line marks their role from that month"
	       " on.</p>\n");
}

int export_fig_trajectory(const export_ctx *x, strbuf *b)
{
	an_traj_row *r;
	size_t n;
	int last = 0, rc;
	struct axis a = { 0, 0, 0, 0, 1 };

	/* trajectories: per participant and month, their role then and their
	 * codings per dimension -- how newcomers move toward (or away from)
	 * full participation */
	if ((rc = analysis_trajectory(x->sum, &r, &n, x->e)))
		return rc;
	for (size_t i = 0; i < n; i++) {
		int m = month_index(r[i].month);
		if (!i || m < a.first)
			a.first = m;
		if (!i || m > last)
			last = m;
		for (int d = CODE_ME; d <= CODE_SR; d++)
			if (r[i].dims[d] > a.max)
				a.max = r[i].dims[d];
	}
	a.nmonths = last - a.first + 1;
	axis_size(&a);
	key(b);
	sb_add(b, "<div class=\"figure\">\n");
	for (size_t i = 0, j; i < n; i = j) {
		for (j = i; j < n && r[j].participant == r[i].participant; j++)
			;
		chart(x, b, r + i, j - i, &a);
	}
	sb_add(b, "</div>\n");
	analysis_trajectory_free(r, n);
	return PX_OK;
}
