/* export_fig_history.c: a timeline per repertoire entry of its uses and
 * readings: one lane per distinct reading (in the order they appear, the
 * uses with none in a lane of their own), a mark per use at its date,
 * coloured by community, filled for a member's reading and hollow for
 * the analyst's gloss. All timelines share one date axis. */
#include <stdlib.h>
#include <string.h>
#include "praxis/analysis.h"
#include "praxis/coding.h"
#include "praxis/export_svg.h"
#include "praxis/text.h"
#include "export_fig.h"

#define TL_W 720
#define LABEL_W 300              /* the readings, left of the plot */
#define PLOT_X (LABEL_W + 12)
#define PLOT_W (TL_W - PLOT_X - 12)
#define LANE_H 18
#define LANE_TOP 34
#define LABEL_CP 46              /* a longer reading is cut (whole in the tooltip) */
#define NO_READING "(no reading noted)"

struct span {
	long first, days;            /* day numbers: the axis */
	int date0, date1;            /* its ends, yyyymmdd */
	idlist communities;          /* ascending: the colours */
};

/* The lane of a reading, added when new. */
static size_t lane_of(strlist *lanes, const char *reading)
{
	size_t i = 0;

	while (i < lanes->n && strcmp(lanes->v[i], reading) != 0)
		i++;
	if (i == lanes->n)
		sl_push(lanes, reading);
	return i;
}

static void lane_label(strbuf *b, int y, const char *reading)
{
	size_t cp = text_cp_len(reading);
	char *cut = NULL;

	if (cp > LABEL_CP) {
		char *head = text_cp_substr(reading, 0, LABEL_CP - 1);
		cut = xasprintf("%s\xe2\x80\xa6", head);
		free(head);
	}
	svg_text(b, 0, y + 4, SVG_START, 11, 0, cut ? cut : reading);
	free(cut);
	svg_line(b, PLOT_X, y, PLOT_X + PLOT_W, y, "#ddd", 0);
}

/* "2026-04-10 v2 (ward, coder a): Ed's reading: a shortcut; reification" */
static char *use_tip(const export_ctx *x, const an_hist_row *r, const char *reading)
{
	char date[16];
	strbuf t;

	summary_format_date(r->date, date);
	sb_init(&t);
	sb_printf(&t, "%s %s (%s%scoder %s): ", date, names_get(&x->nm, NAMES_VIGNETTE, r->vignette),
		  r->community ? names_get(&x->nm, NAMES_COMMUNITY, r->community) : "",
		  r->community ? ", " : "", names_get(&x->nm, NAMES_CODER, r->coder));
	if (r->speaker)
		sb_printf(&t, "%s's reading: ", names_get(&x->nm, NAMES_PSEUDONYM, r->speaker));
	else if (r->interpretation)
		sb_add(&t, "the analyst's gloss: ");
	sb_add(&t, reading);
	if (r->mode)
		sb_printf(&t, "; %s", coding_mode_name(r->mode));
	return sb_steal(&t);
}

/* One entry's timeline from its rows r[0..n). */
static void timeline(const export_ctx *x, strbuf *b, const an_hist_row *r, size_t n,
		     const struct span *sp)
{
	const char *name = names_get(&x->nm, NAMES_REPERTOIRE, r[0].repertoire);
	strlist lanes = { 0 };
	char **reading = xcalloc(n, sizeof(*reading));
	size_t *lane = xcalloc(n, sizeof(*lane));
	char first[16], last[16];
	int h, axis;

	for (size_t i = 0; i < n; i++) {
		reading[i] = r[i].interpretation ? export_text(x, r[i].interpretation)
						 : xstrdup(NO_READING);
		lane[i] = lane_of(&lanes, reading[i]);
	}
	axis = LANE_TOP + (int)lanes.n * LANE_H;
	h = axis + 24;
	svg_open(b, TL_W, h, name);
	svg_text(b, 0, 16, SVG_START, 13, 1, name);
	for (size_t l = 0; l < lanes.n; l++)
		lane_label(b, LANE_TOP + (int)l * LANE_H, lanes.v[l]);
	svg_line(b, PLOT_X, axis - 8, PLOT_X + PLOT_W, axis - 8, "#999", 0);
	summary_format_date(sp->date0, first);
	summary_format_date(sp->date1, last);
	svg_text(b, PLOT_X, axis + 6, SVG_START, 9, 0, first);
	if (sp->days)
		svg_text(b, PLOT_X + PLOT_W, axis + 6, SVG_END, 9, 0, last);
	for (size_t i = 0; i < n; i++) {
		const char *color = svg_palette(0);
		long day = svg_day_number(r[i].date) - sp->first;
		int cx = PLOT_X + (int)(day * PLOT_W / (sp->days ? sp->days : 1));
		char *tip = use_tip(x, &r[i], reading[i]);
		for (size_t c = 0; c < sp->communities.n; c++)
			if (sp->communities.v[c] == r[i].community)
				color = svg_palette(c);
		/* a member's reading (a speaker) filled, the analyst's hollow */
		svg_circle(b, cx, LANE_TOP + (int)lane[i] * LANE_H, 5,
			   r[i].speaker ? color : "#fff", color, tip);
		free(tip);
		free(reading[i]);
	}
	svg_close(b);
	free(reading);
	free(lane);
	sl_free(&lanes);
}

/* The key: which colour is which community. */
static void key(const export_ctx *x, strbuf *b, const struct span *sp)
{
	sb_add(b, "<p class=\"meta\">Each repertoire entry's uses in date order, one line per"
	       " reading: filled, a member's reading; hollow, the analyst's gloss or none;"
	       " coloured by community (");
	for (size_t c = 0; c < sp->communities.n; c++) {
		sb_printf(b, "%s<span style=\"color:%s\">&#9679;</span> ", c ? ", " : "",
			  svg_palette(c));
		export_xml_escape(b, sp->communities.v[c]
				  ? names_get(&x->nm, NAMES_COMMUNITY, sp->communities.v[c])
				  : "none");
	}
	sb_add(b, ").</p>\n");
}

int export_fig_history(const export_ctx *x, strbuf *b)
{
	an_hist_row *r;
	struct span sp = { 0, 0, 0, 0, { 0 } };
	long last = 0;
	size_t n;
	int rc;

	/* the history of a repertoire element: its uses in date order, whose
	 * reading each was and where -- the trajectory of its meaning and its
	 * ambiguity (distinct members' readings) */
	if ((rc = analysis_history(x->sum, 0, &r, &n, x->e)))
		return rc;
	for (size_t i = 0; i < n; i++) {
		long d = svg_day_number(r[i].date);
		if (!i || d < sp.first)
			sp.first = d, sp.date0 = r[i].date;
		if (!i || d > last)
			last = d, sp.date1 = r[i].date;
		if (!idl_has(&sp.communities, r[i].community))
			idl_push(&sp.communities, r[i].community);
	}
	sp.days = last - sp.first;
	idl_sort(&sp.communities);
	key(x, b, &sp);
	sb_add(b, "<div class=\"figure\">\n");
	for (size_t i = 0, j; i < n; i = j) {
		for (j = i; j < n && r[j].repertoire == r[i].repertoire; j++)
			;
		timeline(x, b, r + i, j - i, &sp);
	}
	sb_add(b, "</div>\n");
	idl_free(&sp.communities);
	free(r);
	return PX_OK;
}
