/* pane_vignettes.c: the vignettes passing the filter, paged by key so a
 * huge corpus costs no more than a small one: the pane holds a window of
 * rows around the cursor and fetches the next or previous page at its
 * edges (browse_vignettes_uncounted). A row's coding badges are read when
 * it first comes into view (browse_count_rows), not with its page: the
 * page is a range of one index, its badges a seek per row. */
#include <stdlib.h>
#include <string.h>
#include "praxis/coding.h"
#include "praxis/keymap.h"
#include "praxis/text.h"
#include "praxis/memo.h"
#include "praxis/tui.h"
#include "praxis/vignette.h"

struct vstate {
	browse_row *rows;
	size_t n, cursor, top;
	int64_t rank;            /* position of the cursor row in the filtered list */
};

#define PAGE 64

static struct vstate *vs(struct pane *p)
{
	return p->st;
}

static void v_init(struct pane *p, struct tui *t)
{
	(void)t;
	p->st = xcalloc(1, sizeof(struct vstate));
}

static void v_free(struct pane *p)
{
	struct vstate *s = vs(p);

	browse_rows_free(s->rows, s->n);
	free(s);
	p->st = NULL;
}

static void set_rows(struct vstate *s, browse_row *rows, size_t n)
{
	browse_rows_free(s->rows, s->n);
	s->rows = rows;
	s->n = n;
}

/* Loads a window around (date, id): the page before it and the page
 * from it on; the cursor lands on it or on the next row that passes. */
static void load_around(struct pane *p, struct tui *t, const char *date, int64_t id)
{
	struct vstate *s = vs(p);
	browse_row *before = NULL, *after = NULL;
	size_t nb = 0, na = 0;
	px_err e = { 0 };
	char *d = xstrdup(date);

	if (browse_vignettes_uncounted(t->db, &t->filter, d, id, -1, PAGE, &before, &nb, &e) ||
	    browse_vignettes_uncounted(t->db, &t->filter, d, id, 2, PAGE, &after, &na, &e)) {
		tui_error(t, "%s", e.msg);
		browse_rows_free(before, nb);
		set_rows(s, NULL, 0);
		free(d);
		return;
	}
	if (!na && nb) {
		/* the row is gone and nothing follows: stay on the last one */
		free(after);
		set_rows(s, before, nb);
		s->cursor = nb - 1;
	} else {
		before = xrealloc(before, (nb + na + 1) * sizeof(*before));
		memcpy(before + nb, after, na * sizeof(*after));
		free(after);
		set_rows(s, before, nb + na);
		s->cursor = nb;
	}
	/* show the rows before it too: the cursor sits mid-pane */
	s->top = s->cursor > (size_t)(p->r.h / 2) ? s->cursor - (size_t)(p->r.h / 2) : 0;
	if (s->n)
		browse_vignette_rank(t->db, &t->filter, s->rows[s->cursor].date,
				     s->rows[s->cursor].id, &s->rank, &e);
	free(d);
}

static void load_edge(struct pane *p, struct tui *t, int end)
{
	struct vstate *s = vs(p);
	browse_row *rows = NULL;
	size_t n = 0;
	px_err e = { 0 };

	if (browse_vignettes_uncounted(t->db, &t->filter, NULL, 0, end ? -1 : 1, PAGE, &rows, &n, &e))
		tui_error(t, "%s", e.msg);
	set_rows(s, rows, n);
	s->cursor = end && n ? n - 1 : 0;
	s->top = s->cursor;
	s->rank = end && n ? t->total_vignettes - 1 : 0;
}

/* The reader follows the list: it shows the row under the cursor from
 * the start, and when the row it showed left the list (a filter, a
 * delete) it moves on with the cursor. */
static void follow(struct pane *p, struct tui *t, int64_t was)
{
	int64_t now = pane_vignettes_current(p);

	if (now && (!t->vignette_id || (t->vignette_id == was && now != was)))
		tui_open_vignette(t, now, 0, 0);
}

static void v_refresh(struct pane *p, struct tui *t)
{
	struct vstate *s = vs(p);
	int64_t was = pane_vignettes_current(p);

	if (s->n) {
		char *date = xstrdup(s->rows[s->cursor].date);
		load_around(p, t, date, was);
		free(date);
	} else {
		load_edge(p, t, 0);
	}
	follow(p, t, was);
}

/* Keeps the window's rows around the cursor, fetching the next page at
 * the bottom or the previous page at the top. */
static void extend(struct pane *p, struct tui *t, int dir)
{
	struct vstate *s = vs(p);
	browse_row *more = NULL;
	size_t nm = 0;
	px_err e = { 0 };
	const browse_row *edge;

	if (!s->n)
		return;
	edge = dir > 0 ? &s->rows[s->n - 1] : &s->rows[0];
	if (browse_vignettes_uncounted(t->db, &t->filter, edge->date, edge->id, dir, PAGE, &more, &nm, &e)) {
		tui_error(t, "%s", e.msg);
		return;
	}
	if (!nm) {
		free(more);
		return;
	}
	browse_row *all = xcalloc(s->n + nm, sizeof(*all));
	if (dir > 0) {
		memcpy(all, s->rows, s->n * sizeof(*all));
		memcpy(all + s->n, more, nm * sizeof(*all));
	} else {
		memcpy(all, more, nm * sizeof(*all));
		memcpy(all + nm, s->rows, s->n * sizeof(*all));
		s->cursor += nm;
		s->top += nm;
	}
	free(more);
	free(s->rows);
	s->rows = all;
	s->n += nm;
	/* keep the window bounded: drop the far side */
	if (s->n > 4 * (size_t)PAGE) {
		size_t drop = s->n - 4 * (size_t)PAGE;
		if (dir > 0 && s->top >= drop) {
			for (size_t i = 0; i < drop; i++)
				browse_row_clear(&s->rows[i]);
			memmove(s->rows, s->rows + drop, (s->n - drop) * sizeof(*s->rows));
			s->n -= drop;
			s->cursor -= drop;
			s->top -= drop;
		} else if (dir < 0 && s->top + (size_t)p->r.h < s->n - drop) {
			for (size_t i = s->n - drop; i < s->n; i++)
				browse_row_clear(&s->rows[i]);
			s->n -= drop;
		}
	}
}

static void move_by(struct pane *p, struct tui *t, long delta)
{
	struct vstate *s = vs(p);

	while (delta > 0) {
		if (s->cursor + 1 >= s->n)
			extend(p, t, 1);
		if (s->cursor + 1 >= s->n)
			break;
		s->cursor++;
		s->rank++;
		delta--;
	}
	while (delta < 0) {
		if (s->cursor == 0)
			extend(p, t, -1);
		if (s->cursor == 0)
			break;
		s->cursor--;
		s->rank--;
		delta++;
	}
}

static int v_key(struct pane *p, struct tui *t, int action, int key)
{
	struct vstate *s = vs(p);
	long page = p->r.h > 2 ? p->r.h - 2 : 1;

	(void)key;
	switch (action) {
	case A_DOWN: move_by(p, t, 1); break;
	case A_UP: move_by(p, t, -1); break;
	case A_PAGE_DOWN: move_by(p, t, page); break;
	case A_PAGE_UP: move_by(p, t, -page); break;
	case A_HOME: load_edge(p, t, 0); break;
	case A_END: load_edge(p, t, 1); break;
	case A_OPEN:
		if (s->n)
			tui_post(t, (struct tui_req){ .kind = REQ_OPEN_VIGNETTE, .focus = 1,
						      .id = s->rows[s->cursor].id });
		return 1;
	case A_QUICK_FILTER: tui_search_prompt(t, "find: "); return 1;
	case A_V_ORDER:
		tui_search_order(t, t->filter.order == BROWSE_ORDER_RANK ? BROWSE_ORDER_DATE :
				 BROWSE_ORDER_RANK);
		return 1;
	case A_V_ADD: tui_vignette_add(t); return 1;
	case A_V_EDIT: tui_vignette_edit(t, pane_vignettes_current(p)); return 1;
	case A_V_DELETE: tui_vignette_delete(t, pane_vignettes_current(p)); return 1;
	case A_V_NEGOTIATE:
		/* the pair negotiated last, else the prompt to choose one */
		tui_post(t, (struct tui_req){ .kind = REQ_PUSH, .frame = FRAME_NEGOTIATE });
		return 1;
	default:
		return 0;
	}
	if (s->n)
		tui_open_vignette(t, s->rows[s->cursor].id, -1, 0);
	return 1;
}

static void badge(int y, int *x, int64_t n, int role)
{
	char buf[16];

	snprintf(buf, sizeof(buf), "%lld", (long long)n);
	*x -= (int)strlen(buf);
	dsp_text(y, *x, (int)strlen(buf), buf, n ? role : ROLE_DIM);
	(*x)--;
}

/* Columns a snippet needs to say anything; a narrower pane shows none. */
#define SNIPPET_MIN_W 16

/* A search hit's snippet after its title: the matched words (between
 * BROWSE_HIT_ON and BROWSE_HIT_OFF) in hit, the rest in role, newlines
 * as spaces. */
static void draw_snippet(int y, int x, int w, const char *s, int role, int hit)
{
	int col = 0, in = 0;
	size_t len = strlen(s), i = 0;

	while (i < len && col < w) {
		uint32_t cp;
		if (s[i] == BROWSE_HIT_ON || s[i] == BROWSE_HIT_OFF) {
			in = s[i++] == BROWSE_HIT_ON;
			continue;
		}
		i += text_decode(s + i, len - i, &cp);
		if (cp == '\n' || cp == '\t' || cp == '\r')
			cp = ' ';
		int used = dsp_cp(y, x + col, w - col, cp, in ? hit : role);
		if (!used)
			break;
		col += used;
	}
}

/* Reads the badges of the rows in view that have none yet (one query
 * for the span from the first to the last of them). */
static void count_in_view(struct vstate *s, struct tui *t, int h)
{
	size_t end = s->top + (size_t)(h > 0 ? h : 0), lo = s->n, hi = 0;
	px_err e = { 0 };

	for (size_t i = s->top; i < end && i < s->n; i++) {
		if (s->rows[i].counted)
			continue;
		if (lo == s->n)
			lo = i;
		hi = i + 1;
	}
	if (lo < hi && browse_count_rows(t->db, s->rows + lo, hi - lo, &e)) {
		tui_error(t, "%s", e.msg);
		/* said once: the rows show no badges rather than asking again */
		for (size_t i = lo; i < hi; i++)
			s->rows[i].counted = 1;
	}
}

static void v_draw(struct pane *p, struct tui *t, struct rect b)
{
	struct vstate *s = vs(p);
	int focused = t->focus == P_VIGNETTES;

	if (s->cursor < s->top)
		s->top = s->cursor;
	if (s->cursor >= s->top + (size_t)b.h)
		s->top = s->cursor - (size_t)b.h + 1;
	count_in_view(s, t, b.h);
	for (int i = 0; i < b.h && s->top + (size_t)i < s->n; i++) {
		const browse_row *r = &s->rows[s->top + (size_t)i];
		int sel = s->top + (size_t)i == s->cursor ? (focused ? 2 : 1) : 0;
		int role = pane_row_role(sel, ROLE_NORMAL), y = b.y + i, x = b.x + b.w;
		int dw = b.w >= 34 ? 10 : 5, used;
		const char *date = r->date ? r->date : "";
		dsp_fill(y, b.x, b.w, role);
		badge(y, &x, r->counts[3], sel ? role : ROLE_CODE_SR);
		badge(y, &x, r->counts[2], sel ? role : ROLE_CODE_JE);
		badge(y, &x, r->counts[1], sel ? role : ROLE_CODE_ME);
		used = dsp_raw(y, b.x, dw, strlen(date) >= 10 ? date + 10 - dw : date,
			       sel ? role : ROLE_DIM);
		used += 1 + dsp_text(y, b.x + used + 1, x - b.x - used - 2, r->title, role);
		if (r->snippet && x - b.x - used - 3 >= SNIPPET_MIN_W)
			draw_snippet(y, b.x + used + 2, x - b.x - used - 3, r->snippet,
				     sel ? role : ROLE_DIM, sel ? role : ROLE_MATCH);
	}
	if (!s->n)
		dsp_text(b.y, b.x + 1, b.w - 1, browse_filter_active(&t->filter) ?
			 "(no vignette passes the filter)" : "(no vignettes)", ROLE_DIM);
}

static void v_title(struct pane *p, struct tui *t, char *buf, size_t n)
{
	struct vstate *s = vs(p);

	char total[24] = "...";

	if (t->total_vignettes >= 0)
		snprintf(total, sizeof(total), "%lld", (long long)t->total_vignettes);
	snprintf(buf, n, "Vignettes %lld/%s%s%s", (long long)(s->n ? s->rank + 1 : 0), total,
		 browse_filter_active(&t->filter) ? " (filtered)" : "",
		 !t->filter.search ? "" : t->filter.order == BROWSE_ORDER_DATE ? " by date" :
		 " by relevance");
}

/* A coding moved: the badges of its vignette follow, if it is in the
 * window (the list itself moves only under a coding filter, which
 * tui_codings_changed reloads). */
static void v_count(struct pane *p, struct tui *t, const px_coding *c, int d)
{
	struct vstate *s = vs(p);
	int dim = names_code_dimension(&t->names, c->code_id);

	for (size_t i = 0; i < s->n; i++) {
		/* a row not yet in view reads its badges when it comes */
		if (s->rows[i].id != c->vignette_id || !s->rows[i].counted)
			continue;
		if (!dim) {
			p->stale = 1;    /* a code the names do not know yet */
			return;
		}
		s->rows[i].counts[0] += d;
		if (dim >= 1 && dim <= 3)
			s->rows[i].counts[dim] += d;
	}
}

static void v_coding(struct pane *p, struct tui *t, const px_coding *before,
		     const px_coding *after)
{
	if (before)
		v_count(p, t, before, -1);
	if (after)
		v_count(p, t, after, 1);
}

int64_t pane_vignettes_current(struct pane *p)
{
	struct vstate *s = vs(p);

	return s->n ? s->rows[s->cursor].id : 0;
}

/* Puts the cursor on vignette id (after a jump from elsewhere). */
void pane_vignettes_show(struct pane *p, struct tui *t, int64_t id)
{
	px_vignette v = { 0 };

	if (pane_vignettes_current(p) == id || vignette_get(t->db, id, &v, NULL))
		return;
	load_around(p, t, v.date, id);
	vignette_free(&v);
}

/* A click selects the row under the pointer; the reader follows. */
static void v_click(struct pane *p, struct tui *t, int row, int col)
{
	struct vstate *s = vs(p);
	size_t k = s->top + (size_t)row;

	(void)col;
	if (row < 0 || k >= s->n)
		return;
	move_by(p, t, (long)k - (long)s->cursor);
	tui_open_vignette(t, s->rows[s->cursor].id, -1, 0);
}

static int v_memo_target(struct pane *p, struct tui *t, int *kind, int64_t *id)
{
	struct vstate *s = vs(p);

	(void)t;
	if (!s->n)
		return 0;
	*kind = MEMO_VIGNETTE;
	*id = s->rows[s->cursor].id;
	return 1;
}

const struct pane_ops pane_vignettes_ops = {
	.name = "Vignettes",
	.ctx = KC_VIGNETTES,
	.init = v_init,
	.free = v_free,
	.refresh = v_refresh,
	.draw = v_draw,
	.key = v_key,
	.title = v_title,
	.coding = v_coding,
	.click = v_click,
	.memo_target = v_memo_target,
};
