/* pane_retrieval.c: every segment coded with one code (and its
 * sub-codes), with context; Enter jumps to the vignette, and Esc in the
 * reader comes back here. Below the list the segment under the cursor
 * shows whole, wrapped, with its vignette, date, coder, participants and
 * memo; + and - widen and narrow the context. Segments are paged by key
 * (browse.h): the pane holds a window of rows around the cursor and
 * fetches the next or previous page at its edges, so a code with 100,000
 * segments costs no more than one with ten. The quick filter (f) searches
 * the window. */
#include <stdlib.h>
#include <string.h>
#include "praxis/coding.h"
#include "praxis/keymap.h"
#include "praxis/text.h"
#include "praxis/memo.h"
#include "praxis/tui.h"

#define PAGE 64
#define WINDOW ((size_t)4 * PAGE)

/* The context steps + and - move through, in code points either side. */
static const int context_steps[] = { 0, 20, 40, 80, 160, 320, 640, 1280 };
#define NSTEPS ((int)(sizeof(context_steps) / sizeof(context_steps[0])))
#define DEFAULT_STEP 2

struct rstate {
	int64_t code_id;
	int step;                /* index into context_steps */
	int context;             /* context_steps[step] */
	int mine;                /* only the current coder */
	browse_segment *seg;
	size_t n;
	char **text;             /* row text for the quick filter */
	int *role;               /* the quote's highlight */
	int64_t base;            /* rank of seg[0] among all segments */
	int64_t count;           /* all segments */
};

static void r_clear(struct rstate *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->text[i]);
	free(s->text);
	free(s->role);
	browse_segments_free(s->seg, s->n);
	s->seg = NULL;
	s->text = NULL;
	s->role = NULL;
	s->n = 0;
}

static void r_init(struct pane *p, struct tui *t)
{
	struct rstate *s = xcalloc(1, sizeof(struct rstate));

	(void)t;
	s->step = DEFAULT_STEP;
	s->context = context_steps[s->step];
	p->st = s;
}

static void r_free(struct pane *p)
{
	r_clear(p->st);
	free(p->st);
}

static int64_t coder_of(struct rstate *s, struct tui *t)
{
	return s->mine ? t->coder_id : 0;
}

/* Rebuilds the row texts and roles after the window changed. */
static void index_rows(struct pane *p, struct tui *t)
{
	struct rstate *s = p->st;

	s->text = xcalloc(s->n + 1, sizeof(*s->text));
	s->role = xcalloc(s->n + 1, sizeof(*s->role));
	for (size_t i = 0; i < s->n; i++) {
		s->text[i] = xasprintf("%s %s", s->seg[i].title, s->seg[i].quote);
		s->role[i] = tui_code_role(t, s->seg[i].code_id);
	}
	pane_list_reset(p);
}

/* Replaces the window with seg[0..n) (owned), first at rank base. */
static void set_window(struct pane *p, struct tui *t, browse_segment *seg, size_t n, int64_t base)
{
	struct rstate *s = p->st;

	r_clear(s);
	s->seg = seg;
	s->n = n;
	s->base = base;
	index_rows(p, t);
}

static void load_edge(struct pane *p, struct tui *t, int end)
{
	struct rstate *s = p->st;
	browse_segment *seg = NULL;
	size_t n = 0;
	px_err e = { 0 };

	if (browse_segments_page(t->db, s->code_id, coder_of(s, t), s->context, NULL,
				 end ? -1 : 1, PAGE, &seg, &n, &e))
		tui_error(t, "%s", e.msg);
	set_window(p, t, seg, n, end && s->count > (int64_t)n ? s->count - (int64_t)n : 0);
	p->list.cursor = end && n ? n - 1 : 0;
	p->list.top = end && n > (size_t)p->r.h ? n - (size_t)p->r.h : 0;
}

/* A window around segment key: the page before it and the page from it
 * on; the cursor lands on it or the next one still there. */
static void load_around(struct pane *p, struct tui *t, const browse_segment *key)
{
	struct rstate *s = p->st;
	browse_segment *before = NULL, *after = NULL, at = *key;
	size_t nb = 0, na = 0;
	int64_t base = 0;
	px_err e = { 0 };

	at.coding_id--;
	if (browse_segments_page(t->db, s->code_id, coder_of(s, t), s->context, key, -1, PAGE,
				 &before, &nb, &e) ||
	    browse_segments_page(t->db, s->code_id, coder_of(s, t), s->context, &at, 1, PAGE,
				 &after, &na, &e)) {
		tui_error(t, "%s", e.msg);
		browse_segments_free(before, nb);
		browse_segments_free(after, na);
		set_window(p, t, NULL, 0, 0);
		return;
	}
	before = xrealloc(before, (nb + na + 1) * sizeof(*before));
	memcpy(before + nb, after, na * sizeof(*after));
	free(after);
	if (nb + na &&
	    browse_segment_count(t->db, s->code_id, coder_of(s, t), &before[0], &base, &e))
		tui_error(t, "%s", e.msg);
	set_window(p, t, before, nb + na, base);
	p->list.cursor = na ? nb : (nb ? nb - 1 : 0);
	p->list.top = p->list.cursor > (size_t)(p->r.h / 2) ? p->list.cursor - (size_t)(p->r.h / 2) : 0;
}

static void r_refresh(struct pane *p, struct tui *t)
{
	struct rstate *s = p->st;
	px_err e = { 0 };
	int ok;
	size_t i = pane_list_current(p, &ok);

	s->count = 0;
	if (!s->code_id) {
		set_window(p, t, NULL, 0, 0);
		return;
	}
	if (browse_segment_count(t->db, s->code_id, coder_of(s, t), NULL, &s->count, &e))
		tui_error(t, "%s", e.msg);
	if (ok && s->n) {
		browse_segment key = s->seg[i];
		key.date = xstrdup(key.date);
		load_around(p, t, &key);
		free(key.date);
	} else {
		load_edge(p, t, 0);
	}
}

/* Frees n segments from seg (the array itself stays). */
static void free_rows(const browse_segment *seg, size_t n)
{
	browse_segment *gone = xmalloc((n + 1) * sizeof(*gone));

	memcpy(gone, seg, n * sizeof(*gone));
	browse_segments_free(gone, n);
}

/* Drops rows from the front (dir > 0) or back of the window beyond
 * WINDOW, keeping those on screen. */
static void trim(struct pane *p, struct tui *t, int dir)
{
	struct rstate *s = p->st;
	size_t drop = s->n > WINDOW ? s->n - WINDOW : 0, h = (size_t)(p->r.h > 1 ? p->r.h : 1);

	if (!drop)
		return;
	if (dir > 0 && p->list.top >= drop) {
		for (size_t i = 0; i < s->n; i++)
			free(s->text[i]);
		free(s->text);
		free(s->role);
		free_rows(s->seg, drop);
		memmove(s->seg, s->seg + drop, (s->n - drop) * sizeof(*s->seg));
		s->n -= drop;
		s->base += (int64_t)drop;
		p->list.cursor -= drop;
		p->list.top -= drop;
		index_rows(p, t);
	} else if (dir < 0 && p->list.top + h < s->n - drop) {
		size_t keep = s->n - drop;
		for (size_t i = 0; i < s->n; i++)
			free(s->text[i]);
		free(s->text);
		free(s->role);
		free_rows(s->seg + keep, drop);
		s->n = keep;
		index_rows(p, t);
	}
}

/* Fetches the next (dir > 0) or previous page onto the window. */
static void extend(struct pane *p, struct tui *t, int dir)
{
	struct rstate *s = p->st;
	browse_segment *more = NULL, *all;
	size_t nm = 0;
	px_err e = { 0 };

	if (!s->n || p->list.quick)
		return;
	if (browse_segments_page(t->db, s->code_id, coder_of(s, t), s->context,
				 dir > 0 ? &s->seg[s->n - 1] : &s->seg[0], dir, PAGE, &more, &nm, &e)) {
		tui_error(t, "%s", e.msg);
		return;
	}
	if (!nm) {
		free(more);
		return;
	}
	for (size_t i = 0; i < s->n; i++)
		free(s->text[i]);
	free(s->text);
	free(s->role);
	all = xmalloc((s->n + nm) * sizeof(*all));
	memcpy(all + (dir > 0 ? 0 : nm), s->seg, s->n * sizeof(*all));
	memcpy(all + (dir > 0 ? s->n : 0), more, nm * sizeof(*all));
	free(more);
	free(s->seg);
	s->seg = all;
	s->n += nm;
	if (dir < 0) {
		s->base -= (int64_t)nm;
		p->list.cursor += nm;
		p->list.top += nm;
	}
	index_rows(p, t);
	trim(p, t, dir);
}

/* Before a move: rows enough in the window for it. */
static void ensure_rows(struct pane *p, struct tui *t, int action)
{
	size_t page = p->r.h > 2 ? (size_t)p->r.h - 2 : 1, c = p->list.cursor;

	if ((action == A_DOWN || action == A_PAGE_DOWN) && c + page + 1 >= p->list.n)
		extend(p, t, 1);
	if ((action == A_UP || action == A_PAGE_UP) && c < page + 1)
		extend(p, t, -1);
}

static size_t r_rows(struct pane *p)
{
	return ((struct rstate *)p->st)->n;
}

static const char *r_row_text(struct pane *p, size_t i)
{
	return ((struct rstate *)p->st)->text[i];
}

/* "date title | …before[quote]after…" */
static void r_draw_row(struct pane *p, struct tui *t, size_t i, int y, int x, int w, int sel)
{
	const browse_segment *g = &((struct rstate *)p->st)->seg[i];
	int role = pane_row_role(sel, ROLE_NORMAL), used = 1;
	int qrole = sel ? role : ((struct rstate *)p->st)->role[i];
	const char *before = g->before;
	size_t bw = text_width(before), room = (size_t)(w / 4);

	(void)t;
	used += dsp_text(y, x + used, w - used, g->date, sel ? role : ROLE_DIM);
	used += dsp_text(y, x + used + 1, 22, g->title, role) + 3;
	/* show the end of the before-context, cut by width */
	while (bw > room && *before) {
		uint32_t cp;
		before += text_decode(before, strlen(before), &cp);
		bw = text_width(before);
	}
	used += dsp_text(y, x + used, w - used, before, sel ? role : ROLE_DIM);
	used += dsp_text(y, x + used, w - used, g->quote, qrole);
	dsp_text(y, x + used, w - used, g->after, sel ? role : ROLE_DIM);
}

/* Where wrapped text is being laid out in the detail area. */
struct flow {
	int y, x, w, bottom, col;
};

/* The display width of the word at s (up to a space or newline). */
static int word_width(const char *s, size_t len)
{
	int w = 0;

	while (len && *s != ' ' && *s != '\n') {
		uint32_t cp;
		size_t n = text_decode(s, len, &cp);
		w += dsp_cp_width(cp);
		s += n;
		len -= n;
	}
	return w;
}

/* Lays s out from the flow's position in role, wrapping at the width
 * between words (a word wider than the line is cut; a newline starts a
 * line); stops at the bottom. */
static void flow_text(struct flow *f, const char *s, int role)
{
	size_t len = strlen(s);
	int word_start = 1;

	while (*s && f->y < f->bottom) {
		uint32_t cp;
		size_t n = text_decode(s, len, &cp);
		int cw = cp == '\n' ? 0 : dsp_cp_width(cp);
		if (cp != ' ' && cp != '\n' && word_start && f->col > 0 &&
		    f->col + word_width(s, len) > f->w) {
			f->y++;
			f->col = 0;
		}
		word_start = cp == ' ' || cp == '\n';
		if (cp == '\n' || f->col + cw > f->w) {
			f->y++;
			f->col = 0;
		}
		if (f->y < f->bottom && cw > 0 && !(cp == ' ' && f->col == 0))
			f->col += dsp_cp(f->y, f->x + f->col, cw, cp, role);
		s += n;
		len -= n;
	}
}

/* The segment under the cursor, whole, in body rows [y, bottom). */
static void draw_detail(struct pane *p, struct tui *t, const browse_segment *g, int y,
			int bottom, int x, int w)
{
	struct rstate *s = p->st;
	struct flow f = { y, x + 1, w - 2, bottom, 0 };
	px_coding c;
	px_err e = { 0 };
	char *who = NULL, *head;
	int have = coding_get(t->db, g->coding_id, &c, &e) == PX_OK;

	if (have)
		who = names_join(&t->names, NAMES_PSEUDONYM, &c.participants, ", ");
	head = xasprintf("%s  %s", g->title, g->date ? g->date : "");
	dsp_fill(f.y, x, w, ROLE_TITLE);
	dsp_text(f.y++, x + 1, w - 1, head, ROLE_TITLE);
	free(head);
	head = xasprintf("%s%s%s%s%s  context %d", names_get(&t->names, NAMES_CODE, g->code_id),
			 have ? "  coder " : "",
			 have ? names_get(&t->names, NAMES_CODER, c.coder_id) : "",
			 who && *who ? "  with " : "", who ? who : "", s->context);
	flow_text(&f, head, ROLE_DIM);
	free(head);
	free(who);
	f.y++;
	f.col = 0;
	flow_text(&f, g->before, ROLE_DIM);
	if (g->start >= 0 && g->start == g->end)   /* its text was deleted */
		flow_text(&f, "\xe2\x8c\x80 (text deleted, needs review)", ROLE_REVIEW);
	else
		flow_text(&f, g->quote, tui_code_role(t, g->code_id));
	flow_text(&f, g->after, ROLE_DIM);
	if (have && c.memo && *c.memo) {
		f.y++;
		f.col = 0;
		flow_text(&f, "memo: ", ROLE_MEMO);
		flow_text(&f, c.memo, ROLE_NORMAL);
	}
	if (have)
		coding_free(&c);
}

/* The list above, the segment under the cursor below when there is room
 * (at least 4 rows each). */
static void r_draw(struct pane *p, struct tui *t, struct rect body)
{
	struct rstate *s = p->st;
	struct rect list = body;
	int ok, focused = t->focus >= 0 && &t->panes[t->focus] == p;
	size_t i = pane_list_current(p, &ok);

	if (body.h >= 8 && ok && s->n)
		list.h = body.h / 2;
	pane_list_draw(p, t, list, focused);
	if (list.h < body.h)
		draw_detail(p, t, &s->seg[i], body.y + list.h, body.y + body.h, body.x, body.w);
}

static int r_key(struct pane *p, struct tui *t, int action, int key)
{
	struct rstate *s = p->st;
	int ok;
	size_t i = pane_list_current(p, &ok);

	(void)key;
	switch (action) {
	case A_DOWN: case A_UP: case A_PAGE_DOWN: case A_PAGE_UP:
		ensure_rows(p, t, action);
		return 0;
	case A_HOME:
	case A_END:
		if (p->list.quick)
			return 0;
		load_edge(p, t, action == A_END);
		return 1;
	case A_OPEN:
		if (ok) {
			tui_post(t, (struct tui_req){ .kind = REQ_PUSH, .frame = FRAME_READ });
			tui_post(t, (struct tui_req){ .kind = REQ_OPEN_VIGNETTE, .focus = 1,
						      .id = s->seg[i].vignette_id,
						      .at = s->seg[i].start > 0 ? s->seg[i].start : 0 });
		}
		return 1;
	case A_T_CODERS:
		s->mine = !s->mine;
		p->stale = 1;
		return 1;
	case A_T_WIDER:
	case A_T_NARROWER:
		s->step += action == A_T_WIDER ? 1 : -1;
		s->step = s->step < 0 ? 0 : s->step >= NSTEPS ? NSTEPS - 1 : s->step;
		if (context_steps[s->step] != s->context) {
			s->context = context_steps[s->step];
			p->stale = 1;
		}
		tui_message(t, "context %d character%s either side", s->context,
			    PX_S(s->context));
		return 1;
	case A_BACK:
		tui_post(t, (struct tui_req){ .kind = REQ_POP, .frame = FRAME_RETRIEVAL });
		return 1;
	}
	return 0;
}

static void r_title(struct pane *p, struct tui *t, char *buf, size_t n)
{
	struct rstate *s = p->st;
	char pos[48];

	if (p->list.quick)
		pane_list_position(p, pos, sizeof(pos));
	else
		snprintf(pos, sizeof(pos), "%lld/%lld", (long long)(s->n ? s->base + (int64_t)p->list.cursor + 1 : 0),
			 (long long)s->count);
	snprintf(buf, n, "Retrieval: %s (%s) %s", names_get(&t->names, NAMES_CODE, s->code_id),
		 s->mine ? "my codings" : "all coders", pos);
}

void pane_retrieval_set(struct pane *p, int64_t code_id)
{
	struct rstate *s = p->st;

	s->code_id = code_id;
	r_clear(s);
	p->list.cursor = p->list.top = 0;
	p->stale = 1;
}

static int r_memo_target(struct pane *p, struct tui *t, int *kind, int64_t *id)
{
	struct rstate *s = p->st;
	int ok;
	size_t i = pane_list_current(p, &ok);

	(void)t;
	if (!ok || i >= s->n)
		return 0;
	*kind = MEMO_CODING;
	*id = s->seg[i].coding_id;
	return 1;
}

const struct pane_ops pane_retrieval_ops = {
	.name = "Retrieval",
	.ctx = KC_RETRIEVAL,
	.is_list = 1,
	.init = r_init,
	.free = r_free,
	.refresh = r_refresh,
	.draw = r_draw,
	.key = r_key,
	.title = r_title,
	.rows = r_rows,
	.row_text = r_row_text,
	.draw_row = r_draw_row,
	.coding = pane_coding_stale,
	.memo_target = r_memo_target,
};
