/* export_fig_network.c: the accountability network as a diagram: the
 * people in it on a circle, one arrow from each holder to each person they
 * hold to account, as wide as the codings behind it. */
#include <math.h>
#include <stdlib.h>
#include "praxis/export_svg.h"
#include "export_fig.h"

#define FIG_PI 3.14159265358979323846
#define NET_W 560
#define NET_H 400
#define NET_R 140                /* the circle the people sit on */
#define NODE_R 6
#define EDGE_COLOR "#666"

struct point {
	double x, y;
};

static struct point place(size_t i, size_t n)
{
	double a = -FIG_PI / 2 + 2 * FIG_PI * (double)i / (double)n;
	double r = n > 1 ? NET_R : 0;

	return (struct point){ NET_W / 2.0 + r * cos(a), NET_H / 2.0 + r * sin(a) };
}

static size_t index_of(const idlist *l, int64_t id)
{
	size_t i = 0;

	while (i < l->n && l->v[i] != id)
		i++;
	return i;
}

static void node(const export_ctx *x, strbuf *b, struct point p, size_t i, size_t n,
		 int64_t id)
{
	const char *name = names_get(&x->nm, NAMES_PSEUDONYM, id);
	struct point l = place(i, n);
	double dx = l.x - NET_W / 2.0, dy = l.y - NET_H / 2.0, len = hypot(dx, dy);
	enum svg_anchor a = SVG_MIDDLE;

	svg_circle(b, (int)lround(p.x), (int)lround(p.y), NODE_R, "#333", NULL, name);
	if (len > 0) {
		l.x += dx / len * (NODE_R + 8);
		l.y += dy / len * (NODE_R + 8);
		a = dx > NET_R / 10.0 ? SVG_START : dx < -NET_R / 10.0 ? SVG_END : SVG_MIDDLE;
	} else {
		l.y -= NODE_R + 6;
	}
	svg_text(b, (int)lround(l.x), (int)lround(l.y + (dy > 0 ? 10 : 0)), a, 12, 0, name);
}

static void edge(strbuf *b, struct point p, struct point c1, struct point c2, struct point q,
		 int64_t codings, int64_t max, const char *tip)
{
	const int v[8] = { (int)lround(p.x), (int)lround(p.y), (int)lround(c1.x),
			   (int)lround(c1.y), (int)lround(c2.x), (int)lround(c2.y),
			   (int)lround(q.x), (int)lround(q.y) };

	svg_edge(b, v, 1.0 + 4.0 * (double)codings / (double)max, EDGE_COLOR, "arrow", tip);
}

/* p moved by d towards t (a unit step scaled by d). */
static struct point toward(struct point p, struct point t, double d)
{
	double dx = t.x - p.x, dy = t.y - p.y, len = hypot(dx, dy);

	return len < 1 ? p : (struct point){ p.x + dx / len * d, p.y + dy / len * d };
}

/* One arrow holder -> held, bending to its right so that the arrows of
 * two people holding each other stay apart; it stops at the nodes. */
static void arrow(strbuf *b, struct point p, struct point q, int64_t codings, int64_t max,
		  const char *tip)
{
	double dx = q.x - p.x, dy = q.y - p.y;
	struct point c = { (p.x + q.x) / 2 - dy * 0.15, (p.y + q.y) / 2 + dx * 0.15 };

	if (hypot(dx, dy) < 1)
		return;
	edge(b, toward(p, c, NODE_R), c, c, toward(q, c, NODE_R + 2), codings, max, tip);
}

/* Someone holding themselves (named on both sides of a coding): a loop
 * beside the node, along the circle (the label is outside, the other
 * arrows inside). */
static void loop(strbuf *b, struct point p, int64_t codings, int64_t max, const char *tip)
{
	double ux = p.x - NET_W / 2.0, uy = p.y - NET_H / 2.0, len = hypot(ux, uy);
	struct point c1, c2;

	if (len < 1)
		ux = 0, uy = -1, len = 1;
	ux /= len, uy /= len;
	/* the tangent (-uy, ux), opening a little outwards */
	c1 = (struct point){ p.x - uy * 34 + ux * 14, p.y + ux * 34 + uy * 14 };
	c2 = (struct point){ p.x - uy * 34 - ux * 14, p.y + ux * 34 - uy * 14 };
	edge(b, toward(p, c1, NODE_R), c1, c2, toward(p, c2, NODE_R + 2), codings, max, tip);
}

/* "Di holds Cy to account: 2 codings (quota upheld 1; (unnamed) 1)" for
 * the rows r[from..to) of one holder and held person. */
static char *edge_tip(const export_ctx *x, const summary_net_row *r, size_t from, size_t to,
		      int64_t *total)
{
	strbuf t;

	*total = 0;
	for (size_t i = from; i < to; i++)
		*total += r[i].codings;
	sb_init(&t);
	sb_printf(&t, "%s holds %s to account: %lld coding%s (",
		  names_get(&x->nm, NAMES_PSEUDONYM, r[from].holder),
		  names_get(&x->nm, NAMES_PSEUDONYM, r[from].held), (long long)*total,
		  PX_S(*total));
	for (size_t i = from; i < to; i++) {
		const char *stance = coding_stance_name(r[i].stance);
		sb_printf(&t, "%s%s%s%s %lld", i > from ? "; " : "",
			  r[i].accountability ? names_get(&x->nm, NAMES_ACCOUNTABILITY,
							  r[i].accountability) : SUMMARY_UNNAMED,
			  stance ? " " : "", stance ? stance : "", (long long)r[i].codings);
	}
	sb_add(&t, ")");
	return sb_steal(&t);
}

int export_fig_network(const export_ctx *x, strbuf *b)
{
	summary_net_row *r;
	idlist people = { 0 };
	int64_t max = 1;
	size_t n;
	int rc;

	/* mutual accountability as a network: who holds whom to account (the
	 * coding's held_by hold its participants), all norms and stances
	 * together, the width counting the codings */
	if ((rc = summary_network(x->sum, &r, &n, x->e)))
		return rc;
	for (size_t i = 0; i < n; i++) {
		if (!idl_has(&people, r[i].holder))
			idl_push(&people, r[i].holder);
		if (!idl_has(&people, r[i].held))
			idl_push(&people, r[i].held);
	}
	idl_sort(&people);
	for (size_t i = 0, j; i < n; i = j) {
		int64_t sum = 0;
		for (j = i; j < n && r[j].holder == r[i].holder && r[j].held == r[i].held; j++)
			sum += r[j].codings;
		if (sum > max)
			max = sum;
	}
	sb_add(b, "<p class=\"meta\">Who holds whom to account: an arrow from the one"
	       " holding to the one held, wider for more codings (hover for the norms and"
	       " stances).</p>\n<div class=\"figure\">");
	svg_open(b, NET_W, NET_H, "Accountability network");
	svg_arrow_marker(b, "arrow", EDGE_COLOR);
	for (size_t i = 0, j; i < n; i = j) {
		int64_t total;
		char *tip;
		for (j = i; j < n && r[j].holder == r[i].holder && r[j].held == r[i].held; j++)
			;
		tip = edge_tip(x, r, i, j, &total);
		if (r[i].holder == r[i].held)
			loop(b, place(index_of(&people, r[i].holder), people.n), total, max, tip);
		else
			arrow(b, place(index_of(&people, r[i].holder), people.n),
			      place(index_of(&people, r[i].held), people.n), total, max, tip);
		free(tip);
	}
	for (size_t i = 0; i < people.n; i++)
		node(x, b, place(i, people.n), i, people.n, people.v[i]);
	svg_close(b);
	sb_add(b, "</div>\n");
	idl_free(&people);
	free(r);
	return PX_OK;
}
