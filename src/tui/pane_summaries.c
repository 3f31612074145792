/* pane_summaries.c: the live summaries -- Repertoire, Accountability,
 * Engagement, Coverage and Ties tabs, and the accountability Network that
 * opens the second row, over one px_summary (summary.h); the second
 * row's analyses are summary_tabs.c's.
 *
 * The px_summary is opened with the pane and listens to the store, so a
 * coding made anywhere moves its counters at once; the pane rebuilds its
 * rows whenever summary_generation has moved since they were built, and
 * it checks that at draw time, so the frame after a coding already shows
 * the new numbers. The TUI filter is handed to summary_set_filter on every
 * refresh. Each tab is a table of cells with a sort key per column; Enter
 * drills down: the vignette list is narrowed to the row's (or matrix
 * cell's) vignettes through the browse filter's drill set. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "praxis/codebook.h"
#include "praxis/entity.h"
#include "praxis/keymap.h"
#include "praxis/memo.h"
#include "praxis/regcols.h"
#include "praxis/summary.h"
#include "praxis/text.h"
#include "praxis/tui.h"

#include "summaries_int.h"

static const char *const tab_names[TAB_COUNT] = {
	"Repertoire", "Accountability", "Engagement", "Coverage", "Ties",
	"Network", "Trajectory", "History", "Boundary", "Brokers", "Co-occurrence"
};

/* The registers' columns come from praxis/regcols.h (regcols_screen). */
static struct scol rep_cols[MAXCOL], acc_cols[MAXCOL];
/* column 1 is the matrix, drawn apart */
static const struct scol eng_cols[] = {
	{ "name", 0, 12, 0 }, { "", 0, 0, 1 }, { "all", 1, 5, 0 }, { "ME", 1, 5, 0 },
	{ "JE", 1, 5, 0 }, { "SR", 1, 5, 0 }, { "cmp", 1, 5, 0 }, { "ovl", 1, 5, 0 },
	{ "cnf", 1, 5, 0 }, { "sup", 1, 5, 0 },
};
/* `praxis summary --kind engagement` and `--kind network` in their
 * column order: one row per tie and quality, per holder, held, entry and
 * stance. */
static const struct scol tie_cols[] = {
	{ "a", 0, 12, 0 }, { "b", 0, 12, 0 }, { "quality", 0, 32, 0 }, { "codings", 1, 7, 0 },
	{ "vig", 1, 4, 0 }, { "first", 1, 10, 0 }, { "last", 0, 0, 0 },
};
static const struct scol net_cols[] = {
	{ "holder", 0, 12, 0 }, { "held", 0, 12, 0 }, { "accountability", 0, 24, 0 },
	{ "stance", 0, 10, 0 }, { "codings", 1, 7, 0 }, { "first", 1, 10, 0 },
	{ "last", 0, 0, 0 },
};
static const struct scol cov_cols[] = {
	{ "code", 0, 28, 0 }, { "codings", 1, 7, 0 }, { "vig", 1, 6, 0 }, { "ppl", 1, 6, 0 },
	{ "months", 0, 0, 1 },
};

/* ---- rows ---- */

static void tab_clear(struct stab *tb)
{
	for (size_t i = 0; i < tb->n; i++) {
		for (int c = 0; c < MAXCOL; c++)
			free(tb->rows[i].cell[c]);
		idl_free(&tb->rows[i].ids);
		free(tb->rows[i].detail);
		free(tb->rows[i].about);
	}
	free(tb->rows);
	tb->rows = NULL;
	tb->n = 0;
	tb->built = 0;
}

struct srow *sum_row_add(struct stab *tb)
{
	struct srow *r;

	tb->rows = xrealloc(tb->rows, (tb->n + 1) * sizeof(*tb->rows));
	r = &tb->rows[tb->n];
	memset(r, 0, sizeof(*r));
	r->order = tb->n++;
	r->role = ROLE_NORMAL;
	return r;
}

void sum_cell_text(struct srow *r, int c, const char *s, int64_t key)
{
	free(r->cell[c]);
	r->cell[c] = text_sanitize(s ? s : "", 0);
	r->key[c] = key;
}

void sum_cell_num(struct srow *r, int c, int64_t v)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%lld", (long long)v);
	sum_cell_text(r, c, buf, v);
}

void sum_cell_date(struct srow *r, int c, int date)
{
	char buf[16];

	summary_format_date(date, buf);
	sum_cell_text(r, c, buf, date);
}

/* One block glyph per month from lo to hi (yyyymm) scaled to max. */
static const char *const spark[9] = { " ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█" };

static int month_next(int m)
{
	return m % 100 == 12 ? (m / 100 + 1) * 100 + 1 : m + 1;
}

static int month_back(int m, int k)
{
	while (k-- > 0)
		m = m % 100 == 1 ? (m / 100 - 1) * 100 + 12 : m - 1;
	return m;
}

static int month_span(int lo, int hi)
{
	return (hi / 100 - lo / 100) * 12 + hi % 100 - lo % 100 + 1;
}

/* The month range shown: at most MAX_MONTHS, the latest ones. */
static void month_range(int *lo, int hi)
{
	if (*lo && month_span(*lo, hi) > MAX_MONTHS)
		*lo = month_back(hi, MAX_MONTHS - 1);
}

static char *sparkline(const summary_month_count *mc, size_t n, int lo, int hi, int64_t max)
{
	strbuf b;
	size_t k = 0;

	sb_init(&b);
	for (int m = lo; lo && m <= hi; m = month_next(m)) {
		int64_t c = 0;
		while (k < n && mc[k].month < m)
			k++;
		if (k < n && mc[k].month == m)
			c = mc[k].count;
		sb_add(&b, spark[c > 0 && max > 0 ? (c * 8 + max - 1) / max : 0]);
	}
	return sb_steal(&b);
}

static void months_head(struct stab *tb, int lo, int hi)
{
	char a[16], z[16];

	if (!lo) {
		snprintf(tb->months_head, sizeof(tb->months_head), "months");
		return;
	}
	summary_format_month(lo, a);
	summary_format_month(hi, z);
	snprintf(tb->months_head, sizeof(tb->months_head), "%s..%s", a, z);
}

/* ---- the four tabs ---- */

static char *interp_text(const void *row, int all)
{
	const summary_rep_row *r = row;
	size_t shown = 0;
	strbuf b;

	sb_init(&b);
	if (!all)
		sb_printf(&b, "%zu", r->ninterp);
	/* members' readings, then the analyst's glosses, marked */
	for (size_t i = 0; i < r->ninterp + r->nglosses && (all || shown < 3); i++, shown++) {
		const summary_text_count *t = i < r->ninterp ? &r->interp[i]
							      : &r->gloss[i - r->ninterp];
		sb_printf(&b, "%s%s%s (%lld)", shown ? "; " : all ? "" : ": ",
			  i < r->ninterp ? "" : "gloss: ", t->text, (long long)t->count);
	}
	return sb_steal(&b);
}

static const char *reified(int r)
{
	return r < 0 ? "?" : r ? "yes" : "no";
}

/* The screen's columns of a register: header, alignment, cap. */
static int regcols_screen(const struct regcols *rc, struct scol *out)
{
	for (size_t c = 0; c < rc->n; c++) {
		const struct regcol *col = &rc->cols[c];
		if (col->screen)
			out[col->screen_pos - 1] = (struct scol){ col->screen, regcol_numeric(col),
							   col->screen_cap,
							   col->kind == RC_TIMELINE };
	}
	return regcols_screen_count(rc);
}

/* The cell of a register column on screen (sparkline: the caller's). */
static void register_cell(struct srow *r, const struct regcol *col, const void *row,
			  const char *sparkline)
{
	int c = col->screen_pos - 1;
	int64_t v = col->num ? col->num(row) : 0;
	char *it;

	switch (col->kind) {
	case RC_TEXT: sum_cell_text(r, c, col->text(row), 0); break;
	case RC_INT: sum_cell_num(r, c, v); break;
	case RC_DATE: sum_cell_date(r, c, (int)v); break;
	case RC_REIFIED: sum_cell_text(r, c, reified((int)v), v); break;
	case RC_INTERP:
		it = interp_text(row, 0);
		sum_cell_text(r, c, it, v);
		free(it);
		break;
	case RC_TIMELINE: r->cell[c] = xstrdup(sparkline); break;
	}
}

static void register_cells(struct srow *r, const struct regcols *rc, const void *row,
			   const char *sparkline)
{
	for (size_t c = 0; c < rc->n; c++)
		if (rc->cols[c].screen)
			register_cell(r, &rc->cols[c], row, sparkline);
}

/* "community C: D" from the entry's fields; NULL when it has neither. */
static char *about_text(const char *community, const char *description)
{
	if (!community && !description)
		return NULL;
	if (!community)
		return xstrdup(description);
	return description ? xasprintf("community %s: %s", community, description)
			   : xasprintf("community %s", community);
}

static int build_rep(struct sstate *s, struct tui *t, struct stab *tb, px_err *e)
{
	summary_rep_row *rows = NULL;
	size_t n = 0;
	idlist unl = { 0 };
	struct srow *r;
	int rc;

	(void)t;  /* the builders share one signature */

	if ((rc = summary_repertoire(s->sum, &rows, &n, e)))
		return rc;
	for (size_t i = 0; i < n; i++) {
		char *all = interp_text(&rows[i], 1);
		r = sum_row_add(tb);
		register_cells(r, &regcols_repertoire, &rows[i], NULL);
		r->drill = DR_REP;
		r->id = rows[i].id;
		r->detail = xasprintf("%s: %s", rows[i].name, *all ? all : "no interpretation noted");
		r->about = about_text(rows[i].community, rows[i].description);
		free(all);
	}
	summary_repertoire_free(rows, n);
	if ((rc = summary_unlinked(s->sum, &unl, e)))
		return rc;
	r = sum_row_add(tb);
	r->pinned = 1;
	r->role = ROLE_DIM;
	r->drill = DR_IDS;
	/* from the summary's memory: one query per coding is seconds at 1M */
	rc = summary_unlinked_vignettes(s->sum, &r->ids, e);
	sum_cell_text(r, regcols_find(&regcols_repertoire, "name")->screen_pos - 1, "(SR not linked)", 0);
	sum_cell_num(r, regcols_find(&regcols_repertoire, "occurrences")->screen_pos - 1,
		 (int64_t)unl.n);
	sum_cell_num(r, regcols_find(&regcols_repertoire, "vignettes")->screen_pos - 1,
		 (int64_t)r->ids.n);
	r->detail = xasprintf("%zu shared-repertoire coding%s not linked to an entry", unl.n,
			      unl.n == 1 ? "" : "s");
	idl_free(&unl);
	return rc;
}

static char *held_text(struct tui *t, const summary_acc_row *a)
{
	strbuf b;

	sb_init(&b);
	sb_printf(&b, "%s:", a->name);
	if (!a->nheld)
		sb_add(&b, " nobody named as holding to account");
	for (size_t i = 0; i < a->nheld; i++)
		sb_printf(&b, "%s %s held %s (%lld)", i ? "," : "",
			  names_get(&t->names, NAMES_PSEUDONYM, a->held[i].a),
			  a->held[i].b ? names_get(&t->names, NAMES_PSEUDONYM, a->held[i].b) : "?",
			  (long long)a->held[i].count);
	return sb_steal(&b);
}

static int build_acc(struct sstate *s, struct tui *t, struct stab *tb, px_err *e)
{
	summary_acc_row *rows = NULL;
	size_t n = 0;
	int lo = 0, hi = 0, rc;
	int64_t max = 0;

	if ((rc = summary_accountability(s->sum, &rows, &n, e)))
		return rc;
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < rows[i].ntimeline; k++) {
			const summary_month_count *m = &rows[i].timeline[k];
			lo = !lo || m->month < lo ? m->month : lo;
			hi = m->month > hi ? m->month : hi;
			max = m->count > max ? m->count : max;
		}
	month_range(&lo, hi);
	months_head(tb, lo, hi);
	for (size_t i = 0; i < n; i++) {
		struct srow *r = sum_row_add(tb);
		char *sp = sparkline(rows[i].timeline, rows[i].ntimeline, lo, hi, max);
		register_cells(r, &regcols_accountability, &rows[i], sp);
		free(sp);
		r->drill = DR_ACC;
		r->id = rows[i].id;
		r->detail = held_text(t, &rows[i]);
		r->about = about_text(rows[i].community, rows[i].description);
	}
	summary_accountability_free(rows, n);
	return PX_OK;
}

static int build_eng(struct sstate *s, struct tui *t, struct stab *tb, px_err *e)
{
	summary_engagement *g = &s->eng;
	int rc;

	summary_engagement_free(g);
	memset(g, 0, sizeof(*g));
	if ((rc = summary_engagement_get(s->sum, g, e)))
		return rc;
	s->max_pair = 0;
	for (size_t i = 0; i < g->npairs; i++)
		s->max_pair = g->pairs[i].count > s->max_pair ? g->pairs[i].count : s->max_pair;
	for (size_t i = 0; i < g->npeople; i++) {
		const summary_person *pp = &g->people[i];
		struct srow *r = sum_row_add(tb);
		sum_cell_text(r, 0, names_get(&t->names, NAMES_PSEUDONYM, pp->id), 0);
		sum_cell_text(r, 1, "", 0);
		for (int d = 0; d < 4; d++)
			sum_cell_num(r, 2 + d, pp->dims[d]);
		sum_cell_num(r, 6, pp->complementary);
		sum_cell_num(r, 7, pp->overlapping);
		sum_cell_num(r, 8, pp->conflict);
		sum_cell_num(r, 9, pp->support);
		r->drill = DR_PERSON;
		r->id = pp->id;
	}
	/* engagement by role, pinned below the people: the codings naming
	 * someone with the role (once per coding however many are named) */
	for (size_t i = 0; i < g->nroles; i++) {
		const summary_role *ro = &g->roles[i];
		struct srow *r = sum_row_add(tb);
		char *label = *ro->role ? xasprintf("(%s)", ro->role) : xstrdup("(no role)");
		r->pinned = 1;
		r->role = ROLE_DIM;
		sum_cell_text(r, 0, label, 0);
		free(label);
		for (int d = 0; d < 4; d++)
			sum_cell_num(r, 2 + d, ro->dims[d]);
		r->detail = xasprintf("role %s: %lld coding%s naming someone with it (ME %lld, JE %lld,"
				      " SR %lld)", *ro->role ? ro->role : "(none)",
				      (long long)ro->dims[0], ro->dims[0] == 1 ? "" : "s",
				      (long long)ro->dims[1], (long long)ro->dims[2],
				      (long long)ro->dims[3]);
	}
	return PX_OK;
}

/* A row of the Ties or Network tab: the two people (pseudonyms), what
 * joins them (a quality, a norm) and, in the last two columns, the first
 * and last date. */
static struct srow *pair_row(struct stab *tb, struct tui *t, int64_t a, int64_t b,
			     const char *what, int first, int last)
{
	struct srow *r = sum_row_add(tb);

	sum_cell_text(r, 0, names_get(&t->names, NAMES_PSEUDONYM, a), 0);
	sum_cell_text(r, 1, names_get(&t->names, NAMES_PSEUDONYM, b), 0);
	sum_cell_text(r, 2, what, 0);
	sum_cell_date(r, 5, first);
	sum_cell_date(r, 6, last);
	return r;
}

/* Mutual engagement as ties with qualities (summary.h): per pair, the ME
 * codings naming both, all of them and under each ME code. */
static int build_ties(struct sstate *s, struct tui *t, struct stab *tb, px_err *e)
{
	summary_engagement g;
	int rc;

	if ((rc = summary_engagement_get(s->sum, &g, e)))
		return rc;
	for (size_t i = 0; i < g.nties; i++) {
		const summary_tie *k = &g.ties[i];
		const char *q = k->quality ? names_get(&t->names, NAMES_CODE, k->quality) : "all";
		struct srow *r = pair_row(tb, t, k->a, k->b, q, k->first_seen, k->last_seen);
		sum_cell_num(r, 3, k->codings);
		sum_cell_num(r, 4, k->vignettes);
		r->drill = DR_PAIR;
		r->id = k->a;
		r->other = k->b;
		r->detail = xasprintf("%s × %s, %s: %lld coding%s in %lld vignette%s", r->cell[0],
				      r->cell[1], q, (long long)k->codings, k->codings == 1 ? "" : "s",
				      (long long)k->vignettes, k->vignettes == 1 ? "" : "s");
	}
	summary_engagement_free(&g);
	return PX_OK;
}

/* Who holds whom to account (summary.h): per holder, held person, the
 * norm (or none named) and the stance, the codings saying so. */
static int build_net(struct sstate *s, struct tui *t, struct stab *tb, px_err *e)
{
	summary_net_row *rows;
	size_t n;
	int rc;

	if ((rc = summary_network(s->sum, &rows, &n, e)))
		return rc;
	for (size_t i = 0; i < n; i++) {
		const summary_net_row *w = &rows[i];
		const char *norm = w->accountability ? names_get(&t->names, NAMES_ACCOUNTABILITY,
								 w->accountability) : SUMMARY_UNNAMED;
		struct srow *r = pair_row(tb, t, w->holder, w->held, norm, w->first_seen,
					  w->last_seen);
		sum_cell_text(r, 3, coding_stance_name(w->stance), 0);
		sum_cell_num(r, 4, w->codings);
		r->drill = w->accountability ? DR_ACC : DR_NONE;
		r->id = w->accountability;
		r->detail = xasprintf("%s held %s to account: %s%s%s", r->cell[0], r->cell[1],
				      r->cell[2], *r->cell[3] ? ", " : "", r->cell[3]);
	}
	free(rows);
	return PX_OK;
}

/* The dimension's months as a summary_month_count array. */
static summary_month_count *dim_months(const summary_coverage *c, int d, int64_t *max)
{
	summary_month_count *m = xcalloc(c->nmonth + 1, sizeof(*m));

	for (size_t i = 0; i < c->nmonth; i++) {
		m[i].month = (int)c->by_month[i].key;
		m[i].count = c->by_month[i].dims[d];
		*max = m[i].count > *max ? m[i].count : *max;
	}
	return m;
}

static void cov_pinned(struct stab *tb, const char *label, const idlist *ids, const char *what)
{
	struct srow *r = sum_row_add(tb);

	r->pinned = 1;
	r->role = ROLE_DIM;
	r->drill = DR_IDS;
	idl_copy(&r->ids, ids);
	sum_cell_text(r, 0, label, 0);
	sum_cell_num(r, 2, (int64_t)ids->n);
	r->detail = xasprintf("%zu vignette%s %s", ids->n, ids->n == 1 ? "" : "s", what);
}

static int build_cov(struct sstate *s, struct tui *t, struct stab *tb, px_err *e)
{
	summary_coverage c = { 0 };
	summary_month_count *m[4] = { 0 };
	int64_t max = 0;
	int lo = 0, hi = 0, rc;

	(void)t;
	if ((rc = summary_coverage_get(s->sum, &c, e)))
		return rc;
	for (int d = 1; d <= 3; d++)
		m[d] = dim_months(&c, d, &max);
	if (c.nmonth) {
		lo = (int)c.by_month[0].key;
		hi = (int)c.by_month[c.nmonth - 1].key;
	}
	month_range(&lo, hi);
	months_head(tb, lo, hi);
	for (size_t i = 0; i < c.ncodes; i++) {
		const summary_code_row *cr = &c.codes[i];
		struct srow *r = sum_row_add(tb);
		char *name = xasprintf("%*s%s", cr->depth * 2, "", cr->name);
		sum_cell_text(r, 0, name, 0);
		free(name);
		sum_cell_num(r, 1, cr->codings);
		sum_cell_num(r, 2, cr->vignettes);
		sum_cell_num(r, 3, cr->participants);
		if (cr->depth == 0 && cr->dimension >= 1 && cr->dimension <= 3) {
			r->cell[4] = sparkline(m[cr->dimension], c.nmonth, lo, hi, max);
			r->role = theme_dimension_role(cr->dimension);
		}
		r->drill = DR_CODE;
		r->id = cr->code_id;
	}
	cov_pinned(tb, "(no coding)", &c.uncoded, "with no coding");
	cov_pinned(tb, "(one dimension)", &c.single, "coded in a single dimension");
	for (int d = 1; d <= 3; d++)
		free(m[d]);
	summary_coverage_free(&c);
	return PX_OK;
}

/* ---- sorting and layout ---- */

static const struct stab *sort_tab;

/* Text sorts without the tree indentation. */
static const char *skip_indent(const char *s)
{
	if (!s)
		return "";
	while (*s == ' ')
		s++;
	return s;
}

static int row_cmp(const void *pa, const void *pb)
{
	const struct srow *a = pa, *b = pb;
	int c = sort_tab->sort, r = 0;

	if (a->pinned != b->pinned)
		return a->pinned - b->pinned;
	if (c >= 0 && !a->pinned) {
		if (sort_tab->cols[c].numeric)
			r = a->key[c] < b->key[c] ? -1 : a->key[c] > b->key[c];
		else
			r = strcasecmp(skip_indent(a->cell[c]), skip_indent(b->cell[c]));
		if (sort_tab->desc)
			r = -r;
	}
	if (!r)
		r = a->order < b->order ? -1 : a->order > b->order;
	if (c < 0 && sort_tab->desc && !a->pinned)
		r = -r;
	return r;
}

static void tab_sort(struct stab *tb)
{
	sort_tab = tb;
	if (tb->n)
		qsort(tb->rows, tb->n, sizeof(*tb->rows), row_cmp);
}

static void tab_widths(struct stab *tb)
{
	for (int c = 0; c < tb->ncols; c++) {
		int w = (int)text_width(tb->cols[c].head);
		for (size_t i = 0; i < tb->n; i++)
			if (tb->rows[i].cell[c]) {
				int cw = (int)text_width(tb->rows[i].cell[c]);
				w = cw > w ? cw : w;
			}
		if (c == 0)
			tb->natural0 = w;
		if (tb->cols[c].cap && w > tb->cols[c].cap)
			w = tb->cols[c].cap;
		tb->width[c] = w;
	}
}

static struct sstate *st_of(struct pane *p)
{
	return p->st;
}

static struct stab *cur_tab(struct pane *p)
{
	return &st_of(p)->tabs[st_of(p)->tab];
}

static void set_error(struct sstate *s, struct tui *t, const px_err *e)
{
	free(s->err);
	s->err = xstrdup(e->msg);
	tui_error(t, "summaries: %s", e->msg);
}

static void tab_build(struct pane *p, struct tui *t, int which)
{
	static int (*const build[TAB_COUNT])(struct sstate *, struct tui *, struct stab *,
					     px_err *) = {
		build_rep, build_acc, build_eng, build_cov, build_ties, build_net, sum_build_traj,
		sum_build_hist, sum_build_bound, sum_build_broker, sum_build_cooc,
	};
	struct sstate *s = st_of(p);
	struct stab *tb = &s->tabs[which];
	px_err e = { 0 };

	tab_clear(tb);
	if (build[which](s, t, tb, &e))
		set_error(s, t, &e);
	tb->built = 1;
	tab_sort(tb);
	tab_widths(tb);
	if (which == TAB_ENG)
		tb->width[1] = (int)(tb->n - s->eng.nroles) * ENG_CELL;
	else if (which == TAB_COOC)
		tb->width[1] = (int)tb->n * ENG_CELL;
}

/* The rows are rebuilt when the summary moved since they were built: a
 * coding made in this frame shows in this frame. */
static void ensure_built(struct pane *p, struct tui *t)
{
	struct sstate *s = st_of(p);
	px_err e = { 0 };
	size_t keep = p->list.cursor;

	if (!s->sum)
		return;
	if (summary_sync(s->sum, &e))
		set_error(s, t, &e);
	if (summary_generation(s->sum) != s->gen) {
		/* moved without a coding event seen (a reload): everything */
		int all = s->moved_all || !s->moved_any;
		s->gen = summary_generation(s->sum);
		for (int i = 0; i < TAB_COUNT; i++) {
			if (all || s->moved[i])
				s->tabs[i].built = 0;
			s->moved[i] = 0;
		}
		s->moved_any = s->moved_all = 0;
	}
	if (cur_tab(p)->built)
		return;
	tab_build(p, t, s->tab);
	pane_list_reset(p);
	p->list.cursor = keep < p->list.n ? keep : p->list.cursor;
}

/* ---- pane ops ---- */

static void s_init(struct pane *p, struct tui *t)
{
	struct sstate *s = xcalloc(1, sizeof(*s));
	static const struct scol *const cols[TAB_COUNT] = {
		rep_cols, acc_cols, eng_cols, cov_cols, tie_cols, net_cols, sum_traj_cols,
		sum_hist_cols, sum_bound_cols, sum_broker_cols, sum_cooc_cols,
	};
	const int ncols[TAB_COUNT] = {
		regcols_screen(&regcols_repertoire, rep_cols),
		regcols_screen(&regcols_accountability, acc_cols),
		sizeof(eng_cols) / sizeof(eng_cols[0]), sizeof(cov_cols) / sizeof(cov_cols[0]),
		sizeof(tie_cols) / sizeof(tie_cols[0]), sizeof(net_cols) / sizeof(net_cols[0]),
		sum_traj_ncols, sum_hist_ncols, sum_bound_ncols, sum_broker_ncols, sum_cooc_ncols,
	};
	px_err e = { 0 };

	p->st = s;
	for (int i = 0; i < TAB_COUNT; i++) {
		s->tabs[i].cols = cols[i];
		s->tabs[i].ncols = ncols[i];
		s->tabs[i].sort = -1;
	}
	/* the interface's summary state, shared: the participants and
	 * codebook panes take their counts from it too */
	s->epoch = t->sum_epoch;
	s->sum = t->sum;
	if (t->sum_err) {
		px_fail(&e, PX_EIO, "%s", t->sum_err);
		set_error(s, t, &e);
	}
	s->gen = s->sum ? summary_generation(s->sum) : 0;
}

static void s_free(struct pane *p)
{
	struct sstate *s = st_of(p);

	for (int i = 0; i < TAB_COUNT; i++)
		tab_clear(&s->tabs[i]);
	summary_engagement_free(&s->eng);
	free(s->cooc);
	free(s->err);
	free(s);
}

static int date_of(const char *text, int *out)
{
	px_err e = { 0 };

	*out = 0;
	return text ? summary_parse_date(text, out, &e) : PX_OK;
}

/* The TUI filter as the summary's (search and drill sets do not apply). */
static void follow_filter(struct sstate *s, struct tui *t)
{
	summary_filter f = { 0 };
	const summary_filter *cur = summary_get_filter(s->sum);
	px_err e = { 0 };

	f.participant = t->filter.participant_id;
	f.community = t->filter.community_id;
	f.coder = t->filter.coder_id;
	f.code = t->filter.code_id;
	if (date_of(t->filter.date_from, &f.from) || date_of(t->filter.date_to, &f.to))
		return;
	if (cur && memcmp(cur, &f, sizeof(f)) == 0)
		return;
	if (summary_set_filter(s->sum, &f, &e))
		set_error(s, t, &e);
	for (int i = 0; i < TAB_COUNT; i++)
		s->tabs[i].built = 0;
}

static void s_refresh(struct pane *p, struct tui *t)
{
	struct sstate *s = st_of(p);
	px_err e = { 0 };

	/* another process wrote, or the load arrived: a new state */
	if (s->epoch != t->sum_epoch) {
		s->epoch = t->sum_epoch;
		s->sum = t->sum;
		s->gen = s->sum ? summary_generation(s->sum) : 0;
		s->moved_all = 1;
		for (int i = 0; i < TAB_COUNT; i++)
			s->tabs[i].built = 0;
	}
	if (!tui_summary(t) && t->sum_err) {
		px_fail(&e, PX_EIO, "%s", t->sum_err);
		set_error(s, t, &e);
	}
	if (!s->sum)
		return;
	/* entries added, renamed, described or deleted move no counter */
	s->tabs[TAB_REP].built = s->tabs[TAB_ACC].built = 0;
	follow_filter(s, t);
	ensure_built(p, t);
}

static void s_moved(struct sstate *s, struct tui *t, const px_coding *c)
{
	int dim = names_code_dimension(&t->names, c->code_id);

	s->moved_any = 1;
	s->moved[TAB_ENG] = s->moved[TAB_COV] = s->moved[TAB_TIES] = 1;
	/* the network and the analyses are computed from the whole state */
	for (int i = TAB_FIRST_ANALYSIS; i < TAB_COUNT; i++)
		s->moved[i] = 1;
	if (c->repertoire_id || dim == CODE_SR || !dim)
		s->moved[TAB_REP] = 1;
	if (c->accountability_id || !dim)
		s->moved[TAB_ACC] = 1;
}

/* The summary follows the store itself; this notes which tabs the
 * change can touch (both NULL: a reset, all of them). */
static void s_coding(struct pane *p, struct tui *t, const px_coding *before,
		     const px_coding *after)
{
	struct sstate *s = st_of(p);

	if (!before && !after)
		s->moved_all = 1;
	if (before)
		s_moved(s, t, before);
	if (after)
		s_moved(s, t, after);
}

static size_t s_rows(struct pane *p)
{
	return cur_tab(p)->n;
}

static const char *s_row_text(struct pane *p, size_t i)
{
	const char *c = cur_tab(p)->rows[i].cell[0];
	return c ? c : "";
}

/* Column c's width in a pane w wide with left columns to its right: the
 * last column takes the rest; in a narrow pane the first gives way so the
 * first count still shows. */
/* The room the last column (interpretations, months) keeps before the
 * first (the names) grows past its cap in a wide pane. */
#define LAST_COLUMN_ROOM 24

static int col_width(const struct stab *tb, int c, int w, int left)
{
	int cw = c < tb->ncols - 1 ? tb->width[c] : left;

	/* a wide pane (zoomed) shows whole names; the engagement matrix keeps
	 * its name column fixed so the grid lines up */
	if (c == 0 && tb->cols != eng_cols && tb->natural0 > cw) {
		int others = 1 + LAST_COLUMN_ROOM;
		for (int k = 0; k < tb->ncols - 1; k++)
			others += tb->width[k] + 1;
		if (w > others)
			cw = tb->natural0 < cw + (w - others) ? tb->natural0 : cw + (w - others);
	}

	if (c == 0 && tb->ncols > 1 && cw + tb->width[1] + 3 > w) {
		int room = w - tb->width[1] - 3;
		cw = room < 8 ? 8 : room;
	}
	return cw < left ? cw : left;
}

/* Draws text in w columns, cut by display width, right-aligned if right. */
static void draw_cell(int y, int x, int w, const char *s, int right, int role)
{
	size_t cols = 0;

	if (!s || w <= 0)
		return;
	text_fit(s, strlen(s), (size_t)w, &cols);
	dsp_text(y, right ? x + w - (int)cols : x, w, s, role);
}

/* The people shown on the engagement tab: the list's first rows, before
 * the pinned role rows; they are the matrix's columns. */
static size_t eng_people(struct pane *p)
{
	struct stab *tb = cur_tab(p);
	size_t k = 0;

	while (k < p->list.n && !tb->rows[p->list.map[k]].pinned)
		k++;
	return k;
}

/* The person at list position k of the engagement tab. */
static int64_t eng_person(struct pane *p, size_t k)
{
	struct stab *tb = cur_tab(p);

	return k < eng_people(p) ? tb->rows[p->list.map[k]].id : 0;
}

static int64_t eng_pair(const struct sstate *s, int64_t a, int64_t b)
{
	if (a > b) {
		int64_t x = a;
		a = b;
		b = x;
	}
	for (size_t i = 0; i < s->eng.npairs; i++)
		if (s->eng.pairs[i].a == a && s->eng.pairs[i].b == b)
			return s->eng.pairs[i].count;
	return 0;
}

static void draw_matrix(struct pane *p, size_t row, int y, int x, int w, int sel)
{
	static const char *const shade[5] = { "·", "░░░", "▒▒▒", "▓▓▓", "███" };
	struct sstate *s = st_of(p);
	int64_t me = cur_tab(p)->rows[row].id;
	size_t people = eng_people(p);

	if (cur_tab(p)->rows[row].pinned)
		return;
	for (size_t k = 0; k < people && (int)(k * ENG_CELL) < w; k++) {
		int64_t other = eng_person(p, k), c = other == me ? -1 : eng_pair(s, me, other);
		int cx = x + (int)k * ENG_CELL, lvl;
		int role = sel == 2 && k == s->col ? ROLE_SELECTION : pane_row_role(sel, ROLE_NORMAL);
		if (c < 0) {
			dsp_text(y, cx, 3, "   ", role);
			continue;
		}
		lvl = c > 0 && s->max_pair ? (int)((c * 4 + s->max_pair - 1) / s->max_pair) : 0;
		dsp_text(y, cx + (lvl ? 0 : 1), w - (int)k * ENG_CELL, shade[lvl],
			 lvl ? role : pane_row_role(sel, ROLE_DIM));
	}
}

static void s_draw_row(struct pane *p, struct tui *t, size_t i, int y, int x, int w, int sel)
{
	struct stab *tb = cur_tab(p);
	struct srow *r = &tb->rows[i];
	int cx = x + 1;

	for (int c = 0; c < tb->ncols && cx < x + w; c++) {
		int cw = col_width(tb, c, w, x + w - cx);
		if (st_of(p)->tab == TAB_ENG && c == 1)
			draw_matrix(p, i, y, cx, cw, sel);
		else if (st_of(p)->tab == TAB_COOC && c == 1)
			sum_draw_cooc(p, st_of(p), t, i, y, cx, cw, sel);
		else if (st_of(p)->tab == TAB_TRAJ && c >= 3 && c <= 5)
			draw_cell(y, cx, cw, r->cell[c], 1, pane_row_role(sel,
				  theme_dimension_role(c - 2)));
		else
			draw_cell(y, cx, cw, r->cell[c], c < tb->ncols - 1 && tb->cols[c].numeric,
				  pane_row_role(sel, c == 0 || (c == 4 && st_of(p)->tab == TAB_COV) ?
						     r->role : ROLE_NORMAL));
		cx += cw + 1;
	}
}

/* The key that picks tab i: 1..9, then 0; none past the tenth (] and
 * :summaries N reach it). */
static int tab_key(int i)
{
	return i < 9 ? '1' + i : i == 9 ? '0' : 0;
}

/* One row of tabs [from, to): full names when they fit, else short;
 * then a pointer to the other row. */
static void draw_tabrow(struct sstate *s, struct rect b, int from, int to, const char *other)
{
	static const char *const shortn[TAB_COUNT] = {
		"Rep", "Acc", "Eng", "Cov", "Tie", "Net", "Trj", "His", "Bnd", "Brk", "Coo"
	};
	int full = (int)strlen(other) + 1, x = b.x;

	for (int i = from; i < to; i++)
		full += (int)strlen(tab_names[i]) + 4;
	for (int i = from; i < to && x < b.x + b.w; i++) {
		char label[32], key[2] = { (char)tab_key(i), 0 };
		if (full <= b.w)
			snprintf(label, sizeof(label), " %s%s%s ", key, *key ? " " : "", tab_names[i]);
		else
			snprintf(label, sizeof(label), "%s%s%s", i > from ? " " : "", key, shortn[i]);
		x += dsp_text(b.y, x, b.x + b.w - x, label, i == s->tab ? ROLE_TITLE_FOCUS : ROLE_DIM);
	}
	if (x + 2 < b.x + b.w)
		dsp_text(b.y, x + 1, b.x + b.w - x - 1, other, ROLE_DIM);
}

/* Two rows of tabs sharing one line: the summaries (1-5) or the
 * analyses (6-0 and ]), whichever holds the current tab. */
static void draw_tabbar(struct sstate *s, struct rect b)
{
	if (s->tab < TAB_FIRST_ANALYSIS)
		draw_tabrow(s, b, 0, TAB_FIRST_ANALYSIS, " 6-0: analyses");
	else
		draw_tabrow(s, b, TAB_FIRST_ANALYSIS, TAB_COUNT, " 1-5: summaries");
}

static void draw_header(struct pane *p, struct rect b)
{
	struct sstate *s = st_of(p);
	struct stab *tb = cur_tab(p);
	int cx = b.x + 1;

	for (int c = 0; c < tb->ncols && cx < b.x + b.w; c++) {
		int cw = col_width(tb, c, b.w, b.x + b.w - cx);
		const char *head = tb->cols[c].head;
		if ((s->tab == TAB_ENG || s->tab == TAB_COOC) && c == 1) {
			size_t cols = s->tab == TAB_ENG ? eng_people(p) : p->list.n;
			for (size_t k = 0; k < cols && (int)(k * ENG_CELL) < cw; k++) {
				/* a code by its last segment: the matrix's columns are narrow */
				const char *h = tb->rows[p->list.map[k]].cell[0], *sl = strrchr(h, '/');
				draw_cell(b.y, cx + (int)k * ENG_CELL, cw - (int)k * ENG_CELL < 3 ?
					  cw - (int)k * ENG_CELL : 3, s->tab == TAB_COOC && sl ? sl + 1 : h,
					  0, k == s->col ? ROLE_MATCH : ROLE_DIM);
			}
		} else {
			if (tb->months_head[0] && !strcmp(head, "months"))
				head = tb->months_head;
			draw_cell(b.y, cx, cw, head, c < tb->ncols - 1 && tb->cols[c].numeric,
				  c == tb->sort ? ROLE_MATCH : ROLE_DIM);
		}
		cx += cw + 1;
	}
}

/* The footer lines: the selected row's detail, engagement totals. */
static int footer_lines(struct pane *p, struct tui *t, char out[2][256])
{
	struct sstate *s = st_of(p);
	struct stab *tb = cur_tab(p);
	int ok, n = 0;
	size_t i = pane_list_current(p, &ok);

	if (s->tab == TAB_ENG) {
		int64_t a = ok ? tb->rows[i].id : 0, b = eng_person(p, s->col);
		if (a && b && a != b) {
			int64_t c = eng_pair(s, a, b);
			snprintf(out[n++], 256, "%s × %s: %lld vignette%s", tb->rows[i].cell[0],
				 names_get(&t->names, NAMES_PSEUDONYM, b), (long long)c, c == 1 ? "" : "s");
		} else if (a) {
			snprintf(out[n++], 256, "%s: Enter shows their vignettes", tb->rows[i].cell[0]);
		} else if (ok && tb->rows[i].detail) {
			snprintf(out[n++], 256, "%s", tb->rows[i].detail);
		}
		snprintf(out[n++], 256, "complementary %lld  overlapping %lld  conflict %lld  support %lld",
			 (long long)s->eng.complementary, (long long)s->eng.overlapping,
			 (long long)s->eng.conflict, (long long)s->eng.support);
		return n;
	}
	if (s->tab == TAB_COOC)
		return sum_cooc_footer(p, s, t, out[0], sizeof(out[0]));
	if (s->tab == TAB_HIST)
		snprintf(out[n++], 256, "%s", s->hist_rep ? "one entry (from the Repertoire tab); 8 "
			 "again shows every entry" : "every entry (8 on a Repertoire row: just that one)");
	if (ok && tb->rows[i].about && n < 2)
		snprintf(out[n++], 256, "%s", tb->rows[i].about);
	if (ok && tb->rows[i].detail && n < 2)
		snprintf(out[n++], 256, "%s", tb->rows[i].detail);
	return n;
}

static void s_draw(struct pane *p, struct tui *t, struct rect b)
{
	struct sstate *s = st_of(p);
	char foot[2][256];
	int nf, focused = t->focus == P_SUMMARIES;
	struct rect list;

	ensure_built(p, t);
	if (!s->sum && tui_summary_loading(t)) {
		dsp_text(b.y, b.x + 1, b.w - 1, "loading the summaries...", ROLE_DIM);
		return;
	}
	if (!s->sum) {
		dsp_text(b.y, b.x + 1, b.w - 1, s->err ? s->err : "(no summaries)", ROLE_ERROR);
		return;
	}
	draw_tabbar(s, b);
	if (b.h < 3)
		return;
	draw_header(p, (struct rect){ b.y + 1, b.x, 1, b.w });
	nf = footer_lines(p, t, foot);
	if (b.h - 2 - nf < 1)
		nf = 0;
	list = (struct rect){ b.y + 2, b.x, b.h - 2 - nf, b.w };
	pane_list_draw(p, t, list, focused);
	for (int i = 0; i < nf; i++)
		dsp_text(list.y + list.h + i, b.x + 1, b.w - 1, foot[i], ROLE_DIM);
}

static void s_title(struct pane *p, struct tui *t, char *buf, size_t n)
{
	struct sstate *s = st_of(p);
	struct stab *tb = cur_tab(p);
	char pos[32];

	(void)t;
	pane_list_position(p, pos, sizeof(pos));
	if (tb->sort >= 0)
		snprintf(buf, n, "Summaries %s %s by %s %s", tab_names[s->tab], pos,
			 tb->cols[tb->sort].head, tb->desc ? "↓" : "↑");
	else
		snprintf(buf, n, "Summaries %s %s%s", tab_names[s->tab], pos, tb->desc ? " ↓" : "");
}

/* ---- keys ---- */

static void set_tab(struct pane *p, struct tui *t, int tab)
{
	struct sstate *s = st_of(p);
	int ok;
	size_t i = pane_list_current(p, &ok);

	tab = (tab + TAB_COUNT) % TAB_COUNT;
	/* the History follows the repertoire entry under the cursor; asked
	 * again from the History itself, every entry */
	if (tab == TAB_HIST && s->tab == TAB_REP && ok && cur_tab(p)->rows[i].drill == DR_REP)
		s->hist_rep = cur_tab(p)->rows[i].id;
	else if (tab == TAB_HIST && s->tab == TAB_HIST)
		s->hist_rep = 0;
	if (tab == TAB_HIST)
		s->tabs[TAB_HIST].built = 0;
	s->tab = tab;
	p->list.cursor = p->list.top = 0;
	s->col = 0;
	ensure_built(p, t);
	pane_list_reset(p);
}

void summaries_show_tab(struct pane *p, struct tui *t, int tab)
{
	set_tab(p, t, tab);
}

/* name without its hyphens, lower case, into out (n bytes) */
static void tab_key_name(const char *name, char *out, size_t n)
{
	size_t k = 0;

	for (; *name && k + 1 < n; name++)
		if (*name != '-')
			out[k++] = (char)(*name >= 'A' && *name <= 'Z' ? *name - 'A' + 'a' : *name);
	out[k] = 0;
}

int summaries_tab_named(const char *arg)
{
	char *end, want[32], have[32];
	long n = strtol(arg, &end, 10);
	int found = -1, hits = 0;

	if (*arg && !*end)
		return n >= 1 && n <= TAB_COUNT ? (int)n - 1 : -1;
	tab_key_name(arg, want, sizeof(want));
	for (int i = 0; *want && i < TAB_COUNT; i++) {
		tab_key_name(tab_names[i], have, sizeof(have));
		if (!strcmp(have, want))
			return i;
		if (!strncmp(have, want, strlen(want)))
			found = i, hits++;
	}
	return hits == 1 ? found : -1;  /* "co": Coverage or Co-occurrence */
}

/* Re-sorts, keeping the cursor on the same row. */
static void resort(struct pane *p)
{
	struct stab *tb = cur_tab(p);
	int ok;
	size_t i = pane_list_current(p, &ok), order = ok ? tb->rows[i].order : 0;

	tab_sort(tb);
	pane_list_reset(p);
	p->list.top = 0;
	for (size_t k = 0; ok && k < tb->n; k++)
		if (tb->rows[k].order == order)
			pane_list_select(p, k);
}

static void next_sort(struct stab *tb)
{
	int c = tb->sort;

	do
		c = c + 1 >= tb->ncols ? -1 : c + 1;
	while (c >= 0 && tb->cols[c].nosort);
	tb->sort = c;
	tb->desc = c >= 0 && tb->cols[c].numeric;
}

void sum_drill_set(struct tui *t, idlist *ids, char *label)
{
	browse_filter *f = &t->filter;

	idl_free(&f->drill_ids);
	free(f->drill_label);
	f->drill = 1;
	f->drill_ids = *ids;
	f->drill_label = label;
	memset(ids, 0, sizeof(*ids));
	tui_filter_changed(t);
	tui_post(t, (struct tui_req){ .kind = REQ_FOCUS, .pane = P_VIGNETTES });
	tui_message(t, "%zu vignette%s: %s (F clears)", f->drill_ids.n, f->drill_ids.n == 1 ? "" : "s",
		    label);
}

static void drill(struct pane *p, struct tui *t)
{
	struct sstate *s = st_of(p);
	struct stab *tb = cur_tab(p);
	int ok, rc = PX_OK;
	size_t i = pane_list_current(p, &ok);
	struct srow *r;
	idlist ids = { 0 };
	px_err e = { 0 };
	char *label;

	if (!ok)
		return;
	r = &tb->rows[i];
	label = xasprintf("%s: %s", tab_names[s->tab], r->cell[0] ? r->cell[0] : "");
	switch (r->drill) {
	case DR_REP: rc = browse_entry_vignettes(t->db, 0, r->id, &ids, &e); break;
	case DR_ACC: rc = browse_entry_vignettes(t->db, 1, r->id, &ids, &e); break;
	case DR_CODE:
		free(label);
		label = xasprintf("%s: %s", tab_names[s->tab], names_get(&t->names, NAMES_CODE, r->id));
		rc = browse_code_vignettes(t->db, r->id, 0, &ids, &e);
		break;
	case DR_IDS: idl_copy(&ids, &r->ids); break;
	case DR_PERSON: {
		int64_t b = eng_person(p, s->col);
		if (b && b != r->id) {
			free(label);
			label = xasprintf("engaged: %s × %s", r->cell[0],
					  names_get(&t->names, NAMES_PSEUDONYM, b));
			rc = browse_engaged_vignettes(t->db, r->id, b, &ids, &e);
			break;
		}
		free(label);
		t->filter.participant_id = r->id;
		tui_filter_changed(t);
		tui_post(t, (struct tui_req){ .kind = REQ_FOCUS, .pane = P_VIGNETTES });
		return;
	}
	case DR_WHO:
		free(label);
		t->filter.participant_id = r->id;
		tui_filter_changed(t);
		tui_post(t, (struct tui_req){ .kind = REQ_FOCUS, .pane = P_VIGNETTES });
		return;
	case DR_VIG:
		free(label);
		tui_post(t, (struct tui_req){ .kind = REQ_OPEN_VIGNETTE, .id = r->id, .at = r->at,
					      .focus = 1 });
		return;
	case DR_PAIR:
		free(label);
		label = xasprintf("engaged: %s × %s", r->cell[0], r->cell[1]);
		rc = browse_engaged_vignettes(t->db, r->id, r->other, &ids, &e);
		break;
	default: free(label); return;
	}
	if (rc) {
		tui_error(t, "drill-down: %s", e.msg);
		idl_free(&ids);
		free(label);
		return;
	}
	sum_drill_set(t, &ids, label);
}

static int s_key(struct pane *p, struct tui *t, int action, int key)
{
	struct sstate *s = st_of(p);
	struct stab *tb = cur_tab(p);

	ensure_built(p, t);
	switch (action) {
	case A_S_TAB_NEXT: set_tab(p, t, s->tab + 1); return 1;
	case A_S_TAB_PREV: set_tab(p, t, s->tab - 1); return 1;
	case A_S_TAB:
		/* rebound keys that are no digit step to the next tab */
		set_tab(p, t, key >= '1' && key <= '9' ? key - '1' : key == '0' ? 9 : s->tab + 1);
		return 1;
	case A_S_SORT: next_sort(tb); resort(p); return 1;
	case A_S_REVERSE: tb->desc = !tb->desc; resort(p); return 1;
	case A_S_COL_NEXT:
		if (s->col + 1 < (s->tab == TAB_ENG ? eng_people(p) :
				  s->tab == TAB_COOC ? p->list.n : 0))
			s->col++;
		return 1;
	case A_S_COL_PREV:
		if ((s->tab == TAB_ENG || s->tab == TAB_COOC) && s->col)
			s->col--;
		return 1;
	case A_OPEN:
		if (s->tab == TAB_COOC)
			sum_cooc_drill(p, s, t);
		else
			drill(p, t);
		return 1;
	}
	if (s->tab == TAB_REP || s->tab == TAB_ACC) {
		int ok;
		size_t i = pane_list_current(p, &ok);
		const struct srow *r = ok ? &tb->rows[i] : NULL;
		return tui_register_key(t, action, s->tab == TAB_REP ? ENT_REPERTOIRE
					: ENT_ACCOUNTABILITY, r && !r->pinned ? r->id : 0);
	}
	return 0;
}

/* The memo kind of a row's drill-down (-1: the row is no target). */
static int drill_memo_kind(int drill)
{
	switch (drill) {
	case DR_REP: return MEMO_REPERTOIRE;
	case DR_ACC: return MEMO_ACCOUNTABILITY;
	case DR_CODE: return MEMO_CODE;
	case DR_PERSON: case DR_WHO: return MEMO_PARTICIPANT;
	default: return -1;
	}
}

/* A memo on a register row is on its entry; on a coverage row, its
 * code; on an engagement row, its participant. */
static int s_memo_target(struct pane *p, struct tui *t, int *kind, int64_t *id)
{
	struct stab *tb;
	int ok;
	size_t i;

	ensure_built(p, t);
	tb = cur_tab(p);
	i = pane_list_current(p, &ok);
	if (!ok || drill_memo_kind(tb->rows[i].drill) < 0)
		return 0;
	*kind = drill_memo_kind(tb->rows[i].drill);
	*id = tb->rows[i].id;
	return 1;
}

/* A register entry: its tab, the cursor on its row. */
static int s_show(struct pane *p, struct tui *t, int kind, int64_t id)
{
	struct stab *tb;

	if (kind != MEMO_REPERTOIRE && kind != MEMO_ACCOUNTABILITY)
		return 0;
	set_tab(p, t, kind == MEMO_REPERTOIRE ? TAB_REP : TAB_ACC);
	tb = cur_tab(p);
	for (size_t i = 0; i < tb->n; i++)
		if (drill_memo_kind(tb->rows[i].drill) == kind && tb->rows[i].id == id)
			return pane_list_show(p, i);
	return 0;
}

const struct pane_ops pane_summaries_ops = {
	.name = "Summaries",
	.ctx = KC_SUMMARIES,
	.is_list = 1,
	.init = s_init,
	.free = s_free,
	.refresh = s_refresh,
	.draw = s_draw,
	.key = s_key,
	.title = s_title,
	.rows = s_rows,
	.row_text = s_row_text,
	.draw_row = s_draw_row,
	.coding = s_coding,
	.memo_target = s_memo_target,
	.show = s_show,
};
