/* summary_tabs.c: the summaries pane's analysis tabs (the second row) --
 * trajectories, the history of a repertoire entry, boundary objects,
 * brokers and the co-occurrence matrix (the accountability network is
 * pane_summaries.c's, shared with the first row's Ties) --
 * built from praxis/analysis.h over the interface's live summary state. */
#include <stdlib.h>
#include <string.h>
#include "praxis/coding.h"
#include "praxis/text.h"
#include "summaries_int.h"

const struct scol sum_traj_cols[] = {
	{ "who", 0, 12, 0 }, { "month", 0, 7, 0 }, { "role", 0, 10, 0 }, { "ME", 1, 7, 0 },
	{ "JE", 1, 7, 0 }, { "SR", 1, 7, 0 }, { "hold", 1, 4, 0 }, { "held", 1, 4, 0 },
	{ "first uses", 0, 0, 1 },
};
const int sum_traj_ncols = sizeof(sum_traj_cols) / sizeof(sum_traj_cols[0]);
const struct scol sum_hist_cols[] = {
	{ "entry", 0, 12, 0 }, { "date", 0, 10, 0 }, { "vignette", 0, 8, 0 },
	{ "community", 0, 10, 0 }, { "speaker", 0, 10, 0 }, { "mode", 0, 4, 0 },
	{ "reading", 0, 0, 1 },
};
const int sum_hist_ncols = sizeof(sum_hist_cols) / sizeof(sum_hist_cols[0]);
const struct scol sum_bound_cols[] = {
	{ "entry", 0, 16, 0 }, { "community", 0, 12, 0 }, { "moments", 1, 7, 0 },
	{ "people", 1, 6, 0 }, { "readings", 1, 8, 0 }, { "", 0, 0, 1 },
};
const int sum_bound_ncols = sizeof(sum_bound_cols) / sizeof(sum_bound_cols[0]);
const struct scol sum_broker_cols[] = {
	{ "who", 0, 16, 0 }, { "vignettes", 1, 9, 0 }, { "communities", 0, 0, 1 },
};
const int sum_broker_ncols = sizeof(sum_broker_cols) / sizeof(sum_broker_cols[0]);
/* column 1 is the matrix, drawn apart */
const struct scol sum_cooc_cols[] = {
	{ "code", 0, 24, 0 }, { "", 0, 0, 1 },
};
const int sum_cooc_ncols = sizeof(sum_cooc_cols) / sizeof(sum_cooc_cols[0]);

/* A bar of up to 4 cells for v of max, then the count: "███ 3". */
static void cell_bar(struct srow *r, int c, int64_t v, int64_t max)
{
	int k = v > 0 && max > 0 ? (int)((v * 4 + max - 1) / max) : 0;
	char *s = xasprintf("%.*s%s%lld", k * 3, "████", k ? " " : "", (long long)v);

	sum_cell_text(r, c, s, v);
	free(s);
}

static const char *pseudonym(struct tui *t, int64_t id)
{
	return names_get(&t->names, NAMES_PSEUDONYM, id);
}

int sum_build_traj(struct sstate *s, struct tui *t, struct stab *tb, px_err *e)
{
	an_traj_row *rows;
	size_t n;
	int64_t max = 0;
	int rc;

	if ((rc = analysis_trajectory(s->sum, &rows, &n, e)))
		return rc;
	for (size_t i = 0; i < n; i++)
		for (int d = 1; d <= 3; d++)
			max = rows[i].dims[d] > max ? rows[i].dims[d] : max;
	for (size_t i = 0; i < n; i++) {
		struct srow *r = sum_row_add(tb);
		char m[16], *first = names_join(&t->names, NAMES_REPERTOIRE, &rows[i].first_uses,
						", ");
		summary_format_month(rows[i].month, m);
		sum_cell_text(r, 0, pseudonym(t, rows[i].participant), rows[i].participant);
		sum_cell_text(r, 1, m, rows[i].month);
		sum_cell_text(r, 2, rows[i].role ? rows[i].role : "-", 0);
		for (int d = 1; d <= 3; d++)
			cell_bar(r, 2 + d, rows[i].dims[d], max);
		sum_cell_num(r, 6, rows[i].holder);
		sum_cell_num(r, 7, rows[i].held);
		sum_cell_text(r, 8, first, 0);
		r->drill = DR_WHO;
		r->id = rows[i].participant;
		r->detail = xasprintf("%s in %s as %s: ME %lld, JE %lld, SR %lld; holds %lld, held "
				      "%lld%s%s", pseudonym(t, rows[i].participant), m,
				      rows[i].role ? rows[i].role : "(no role)",
				      (long long)rows[i].dims[1], (long long)rows[i].dims[2],
				      (long long)rows[i].dims[3], (long long)rows[i].holder,
				      (long long)rows[i].held, *first ? "; first uses " : "", first);
		free(first);
	}
	analysis_trajectory_free(rows, n);
	return PX_OK;
}

/* A vignette's corpus id (the interface loads no vignette names); caller
 * frees. */
static char *vignette_ext(struct tui *t, int64_t id)
{
	sqlite3_stmt *st = db_stmt(t->db, "SELECT ext_id FROM vignette WHERE id = ?", NULL);
	char *ext = NULL;

	if (!st)
		return xstrdup("");
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW)
		ext = db_col_strdup(st, 0);
	sqlite3_reset(st);
	return ext ? ext : xstrdup("");
}

int sum_build_hist(struct sstate *s, struct tui *t, struct stab *tb, px_err *e)
{
	an_hist_row *rows;
	size_t n;
	int rc;

	if ((rc = analysis_history(s->sum, s->hist_rep, &rows, &n, e)))
		return rc;
	for (size_t i = 0; i < n; i++) {
		struct srow *r = sum_row_add(tb);
		const char *mode = rows[i].mode == MODE_BOTH ? "P+R" :
				   rows[i].mode == MODE_PARTICIPATION ? "P" :
				   rows[i].mode == MODE_REIFICATION ? "R" : "";
		sum_cell_text(r, 0, names_get(&t->names, NAMES_REPERTOIRE, rows[i].repertoire), 0);
		sum_cell_date(r, 1, rows[i].date);
		char *vig = vignette_ext(t, rows[i].vignette);
		sum_cell_text(r, 2, vig, 0);
		free(vig);
		sum_cell_text(r, 3, names_get(&t->names, NAMES_COMMUNITY, rows[i].community), 0);
		sum_cell_text(r, 4, rows[i].speaker ? pseudonym(t, rows[i].speaker) : "", 0);
		sum_cell_text(r, 5, mode, rows[i].mode);
		sum_cell_text(r, 6, rows[i].interpretation ? rows[i].interpretation : "", 0);
		r->drill = DR_VIG;
		r->id = rows[i].vignette;
		r->at = rows[i].start > 0 ? rows[i].start : 0;
		r->detail = xasprintf("%s: %s%s%s (Enter opens the vignette)",
				      names_get(&t->names, NAMES_REPERTOIRE, rows[i].repertoire),
				      rows[i].interpretation ? rows[i].interpretation : "no reading",
				      rows[i].speaker ? ", said by " : "",
				      rows[i].speaker ? pseudonym(t, rows[i].speaker) : "");
	}
	free(rows);
	return PX_OK;
}

int sum_build_bound(struct sstate *s, struct tui *t, struct stab *tb, px_err *e)
{
	an_boundary_row *rows;
	an_hist_row *h = NULL;
	size_t n, nh = 0;
	int rc;

	if ((rc = analysis_boundary(s->sum, &rows, &n, e)) ||
	    (rc = analysis_history(s->sum, 0, &h, &nh, e))) {
		free(rows);
		return rc;
	}
	for (size_t i = 0; i < n; i++) {
		struct srow *r = sum_row_add(tb);
		strlist readings = { 0 };
		strbuf b;
		sum_cell_text(r, 0, names_get(&t->names, NAMES_REPERTOIRE, rows[i].repertoire), 0);
		sum_cell_text(r, 1, names_get(&t->names, NAMES_COMMUNITY, rows[i].community), 0);
		sum_cell_num(r, 2, rows[i].occurrences);
		sum_cell_num(r, 3, rows[i].participants);
		sum_cell_num(r, 4, rows[i].interpretations);
		r->drill = DR_IDS;
		sb_init(&b);
		sb_add(&b, "");
		/* the vignettes and members' readings behind the row */
		for (size_t k = 0; k < nh; k++) {
			int dup = 0;
			if (h[k].repertoire != rows[i].repertoire || h[k].community != rows[i].community)
				continue;
			if (!r->ids.n || r->ids.v[r->ids.n - 1] != h[k].vignette)
				idl_push(&r->ids, h[k].vignette);
			if (!h[k].speaker || !h[k].interpretation)
				continue;
			for (size_t j = 0; j < readings.n && !dup; j++)
				dup = strcmp(readings.v[j], h[k].interpretation) == 0;
			if (!dup) {
				sl_push(&readings, h[k].interpretation);
				sb_printf(&b, "%s\"%s\"", readings.n > 1 ? ", " : "", h[k].interpretation);
			}
		}
		sum_cell_text(r, 5, sb_str(&b), 0);
		r->detail = xasprintf("%s in %s: %s", r->cell[0], r->cell[1],
				      readings.n ? sb_str(&b) : "no member's reading");
		sb_free(&b);
		sl_free(&readings);
	}
	free(rows);
	free(h);
	return PX_OK;
}

int sum_build_broker(struct sstate *s, struct tui *t, struct stab *tb, px_err *e)
{
	an_broker_row *rows;
	size_t n;
	int rc;

	if ((rc = analysis_brokers(s->sum, &rows, &n, e)))
		return rc;
	for (size_t i = 0; i < n; i++) {
		struct srow *r = sum_row_add(tb);
		char *com = names_join(&t->names, NAMES_COMMUNITY, &rows[i].communities, ", ");
		sum_cell_text(r, 0, pseudonym(t, rows[i].participant), 0);
		sum_cell_num(r, 1, rows[i].vignettes);
		sum_cell_text(r, 2, com, (int64_t)rows[i].communities.n);
		r->drill = DR_WHO;
		r->id = rows[i].participant;
		r->detail = xasprintf("%s takes part in %zu communities: %s (Enter: their vignettes)",
				      r->cell[0], rows[i].communities.n, com);
		free(com);
	}
	analysis_brokers_free(rows, n);
	return PX_OK;
}

/* ---- co-occurrence matrix: one row per code in a pair, the columns the
 * same codes in the same order (the list's), cells shaded by vignettes ---- */

int sum_build_cooc(struct sstate *s, struct tui *t, struct stab *tb, px_err *e)
{
	idlist codes = { 0 };
	int rc;

	free(s->cooc);
	s->cooc = NULL;
	s->ncooc = 0;
	s->max_cooc = 0;
	if ((rc = analysis_cooccurrence(s->sum, &s->cooc, &s->ncooc, e)))
		return rc;
	for (size_t i = 0; i < s->ncooc; i++) {
		idl_push(&codes, s->cooc[i].code_a);
		idl_push(&codes, s->cooc[i].code_b);
		s->max_cooc = s->cooc[i].vignettes > s->max_cooc ? s->cooc[i].vignettes : s->max_cooc;
	}
	/* distinct codes by path */
	for (size_t i = 0; i < codes.n; i++) {
		int dup = 0;
		for (size_t k = 0; k < tb->n && !dup; k++)
			dup = tb->rows[k].id == codes.v[i];
		if (!dup) {
			struct srow *r = sum_row_add(tb);
			sum_cell_text(r, 0, names_get(&t->names, NAMES_CODE, codes.v[i]), 0);
			sum_cell_text(r, 1, "", 0);
			r->id = codes.v[i];
		}
	}
	for (size_t i = 1; i < tb->n; i++)
		for (size_t k = i; k > 0 && strcmp(tb->rows[k - 1].cell[0], tb->rows[k].cell[0]) > 0;
		     k--) {
			struct srow x = tb->rows[k];
			tb->rows[k] = tb->rows[k - 1];
			tb->rows[k - 1] = x;
		}
	for (size_t i = 0; i < tb->n; i++)
		tb->rows[i].order = i;
	idl_free(&codes);
	return PX_OK;
}

static const an_cooc_row *cooc_pair(const struct sstate *s, int64_t a, int64_t b)
{
	for (size_t i = 0; i < s->ncooc; i++)
		if ((s->cooc[i].code_a == a && s->cooc[i].code_b == b) ||
		    (s->cooc[i].code_a == b && s->cooc[i].code_b == a))
			return &s->cooc[i];
	return NULL;
}

static int64_t col_code(struct pane *p, struct sstate *s, size_t k)
{
	const struct stab *tb = &s->tabs[TAB_COOC];

	return k < p->list.n ? tb->rows[p->list.map[k]].id : 0;
}

void sum_draw_cooc(struct pane *p, struct sstate *s, struct tui *t, size_t row, int y, int x,
		   int w, int sel)
{
	/* shades work without color (NO_COLOR, a vt100); a digit marks the
	 * level too, so the cell reads on any terminal */
	static const char *const shade[5] = { "·", "░1", "▒2", "▓3", "█4" };
	int64_t me = s->tabs[TAB_COOC].rows[row].id;

	for (size_t k = 0; k < p->list.n && (int)(k * ENG_CELL) < w; k++) {
		int64_t other = col_code(p, s, k);
		const an_cooc_row *c = other == me ? NULL : cooc_pair(s, me, other);
		int cx = x + (int)k * ENG_CELL, lvl;
		int role = sel == 2 && k == s->col ? ROLE_SELECTION : pane_row_role(sel, ROLE_NORMAL);
		if (other == me) {
			dsp_text(y, cx, 3, " \\ ", pane_row_role(sel, ROLE_DIM));
			continue;
		}
		lvl = c && s->max_cooc ? (int)((c->vignettes * 4 + s->max_cooc - 1) / s->max_cooc) : 0;
		dsp_text(y, cx + (lvl ? 0 : 1), w - (int)k * ENG_CELL, shade[lvl],
			 lvl ? (sel == 2 && k == s->col ? role :
				theme_dimension_role(names_code_dimension(&t->names, me)))
			     : pane_row_role(sel, ROLE_DIM));
	}
}

int sum_cooc_footer(struct pane *p, struct sstate *s, struct tui *t, char *out, size_t n)
{
	int ok;
	size_t i = pane_list_current(p, &ok);
	int64_t a = ok ? s->tabs[TAB_COOC].rows[i].id : 0, b = col_code(p, s, s->col);
	const an_cooc_row *c = a && b && a != b ? cooc_pair(s, a, b) : NULL;

	if (!a)
		return 0;
	if (!b || a == b) {
		snprintf(out, n, "%s: h/l picks the other code, Enter lists the vignettes",
			 names_get(&t->names, NAMES_CODE, a));
		return 1;
	}
	snprintf(out, n, "%s × %s: %lld vignette%s, %lld overlapping pair%s",
		 names_get(&t->names, NAMES_CODE, a), names_get(&t->names, NAMES_CODE, b),
		 (long long)(c ? c->vignettes : 0), c && c->vignettes == 1 ? "" : "s",
		 (long long)(c ? c->overlaps : 0), c && c->overlaps == 1 ? "" : "s");
	return 1;
}

void sum_cooc_drill(struct pane *p, struct sstate *s, struct tui *t)
{
	int ok;
	size_t i = pane_list_current(p, &ok);
	int64_t a = ok ? s->tabs[TAB_COOC].rows[i].id : 0, b = col_code(p, s, s->col);
	idlist ids;
	px_err e = { 0 };

	if (!a || !b || a == b)
		return;
	if (analysis_cooccurrence_vignettes(s->sum, a, b, &ids, &e)) {
		tui_error(t, "drill-down: %s", e.msg);
		return;
	}
	sum_drill_set(t, &ids, xasprintf("together: %s × %s", names_get(&t->names, NAMES_CODE, a),
					 names_get(&t->names, NAMES_CODE, b)));
}
