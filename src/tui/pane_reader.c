/* pane_reader.c: the selected vignette's text, wrapped by display width,
 * with coded spans in their dimension's color, a margin of coding stripes
 * (M J S), memo markers (*: the coding has its own memo or memos on it)
 * and `!` where an edit of the text cut into a coding (needs review); the
 * vignette's memos below the text; cursor movement by character, word,
 * sentence and paragraph; `v` selection, with vi's text objects (i w,
 * a s, ...); coding keys; recoding and resizing the coding under the
 * cursor. */
#include <stdlib.h>
#include <string.h>
#include "praxis/codebook.h"
#include "praxis/coding.h"
#include "praxis/keymap.h"
#include "praxis/text.h"
#include "praxis/textseg.h"
#include "praxis/memo.h"
#include "praxis/tui.h"
#include "praxis/vignette.h"

#define MARGIN 4

struct span {
	int64_t id, start, end;  /* whole vignette: 0..len */
	int dim, memo, review;
	int role;                /* the code's color, else its dimension's */
};

struct line {
	size_t start, end;       /* code points [start, end) shown on the line */
};

struct rdstate {
	int64_t id;
	px_vignette v;
	uint32_t *cp;
	size_t n;
	struct span *spans;
	size_t nspans;
	struct line *lines;
	size_t nlines;
	int wrap_w;
	size_t cursor, top;
	long anchor;             /* selection start, -1 none */
	int64_t resizing;        /* the coding whose span the selection edits, 0 none */
	/* the search's hits in the text (search_hits), for the search hits_for */
	int64_t *hit_s, *hit_e;
	size_t nhits;
	unsigned char *hit;      /* per code point: inside a hit */
	char *hits_for;
	/* the vignette's memos: a header and a text each, and their lines
	 * wrapped at wrap_w below the text (mrole: each line's role) */
	strlist memos;
	strlist mlines;
	int *mrole;
};

static void rd_clear(struct rdstate *s)
{
	vignette_free(&s->v);
	memset(&s->v, 0, sizeof(s->v));
	free(s->cp);
	free(s->spans);
	free(s->lines);
	free(s->hit_s);
	free(s->hit_e);
	free(s->hit);
	free(s->hits_for);
	s->hit_s = s->hit_e = NULL;
	s->hit = NULL;
	s->hits_for = NULL;
	s->nhits = 0;
	s->cp = NULL;
	s->spans = NULL;
	s->lines = NULL;
	s->n = s->nspans = s->nlines = 0;
	s->wrap_w = 0;
	sl_free(&s->memos);
	sl_free(&s->mlines);
	free(s->mrole);
	s->mrole = NULL;
}

static void drop_selection(struct rdstate *s)
{
	s->anchor = -1;
	s->resizing = 0;
}

static void rd_init(struct pane *p, struct tui *t)
{
	struct rdstate *s = xcalloc(1, sizeof(*s));

	(void)t;
	s->anchor = -1;
	p->st = s;
}

static void rd_free(struct pane *p)
{
	rd_clear(p->st);
	free(p->st);
}

struct span_ctx {
	struct rdstate *s;
	struct tui *t;
};

static int add_span(const px_coding *c, void *ud)
{
	struct span_ctx *x = ud;
	struct rdstate *s = x->s;
	struct span *sp;

	s->spans = xrealloc(s->spans, (s->nspans + 1) * sizeof(*s->spans));
	sp = &s->spans[s->nspans++];
	sp->id = c->id;
	sp->start = c->start < 0 ? 0 : c->start;
	sp->end = c->start < 0 ? (int64_t)s->n : c->end;
	sp->dim = names_code_dimension(&x->t->names, c->code_id);
	sp->role = tui_code_role(x->t, c->code_id);
	sp->memo = c->memo && *c->memo;
	sp->review = c->needs_review;
	return 0;
}

static int add_memo(const px_memo *m, void *ud)
{
	struct span_ctx *x = ud;
	char *head = xasprintf("memo by %s, %.10s%s%s",
			       m->coder_id ? names_get(&x->t->names, NAMES_CODER, m->coder_id) : "-",
			       m->created ? m->created : "", m->title ? ": " : "",
			       m->title ? m->title : "");

	sl_push(&x->s->memos, head);
	sl_push(&x->s->memos, m->text);
	free(head);
	return 0;
}

/* The vignette's memos, and the marks of the codings that carry memos. */
static int load_memos(struct rdstate *s, struct tui *t, px_err *e)
{
	struct span_ctx ctx = { s, t };
	idlist ids = { 0 };
	int rc;

	if ((rc = memo_each(t->db, MEMO_VIGNETTE, s->id, add_memo, &ctx, e)) ||
	    (rc = memo_coding_ids(t->db, s->id, &ids, e)))
		goto out;
	for (size_t k = 0; k < s->nspans; k++)
		if (idl_has(&ids, s->spans[k].id))
			s->spans[k].memo = 1;
out:
	idl_free(&ids);
	return rc;
}

/* The memo block's lines at width w: a blank line, then per memo its
 * header and its text. */
static void layout_memos(struct rdstate *s, int w)
{
	sl_free(&s->mlines);
	free(s->mrole);
	s->mrole = NULL;
	if (!s->memos.n)
		return;
	sl_push(&s->mlines, "");
	for (size_t k = 0; k + 1 < s->memos.n; k += 2) {
		size_t from;
		sl_push(&s->mlines, s->memos.v[k]);
		from = s->mlines.n;
		dsp_wrap(s->memos.v[k + 1], w, &s->mlines);
		s->mrole = xrealloc(s->mrole, s->mlines.n * sizeof(*s->mrole));
		s->mrole[from - 1] = ROLE_MEMO;
		for (size_t i = from; i < s->mlines.n; i++)
			s->mrole[i] = ROLE_NORMAL;
	}
	s->mrole[0] = ROLE_NORMAL;
}

static void rd_refresh(struct pane *p, struct tui *t)
{
	struct rdstate *s = p->st;
	struct span_ctx ctx = { s, t };
	coding_query q = CODING_QUERY_ALL;
	px_err e = { 0 };
	size_t len, i = 0;

	if (s->resizing && s->id != t->vignette_id)
		drop_selection(s);      /* the span belonged to the other vignette */
	rd_clear(s);
	s->id = t->vignette_id;
	if (!s->id)
		return;
	if (vignette_get(t->db, s->id, &s->v, &e)) {
		s->id = 0;
		t->vignette_id = 0;
		return;
	}
	len = strlen(s->v.text);
	s->cp = xcalloc(len + 1, sizeof(*s->cp));
	while (i < len)
		i += text_decode(s->v.text + i, len - i, &s->cp[s->n++]);
	if (s->cursor > s->n)
		s->cursor = s->n ? s->n - 1 : 0;
	q.vignette_id = s->id;
	if (coding_each(t->db, &q, add_span, &ctx, &e) || load_memos(s, t, &e))
		tui_error(t, "%s", e.msg);
}

/* The hits of the current search in the text, recomputed when the search
 * or the vignette changed. */
static void search_hits(struct rdstate *s, struct tui *t)
{
	const char *q = t->filter.search;

	if (s->hit && q && s->hits_for && strcmp(q, s->hits_for) == 0)
		return;
	free(s->hit_s);
	free(s->hit_e);
	free(s->hit);
	free(s->hits_for);
	s->hits_for = q ? xstrdup(q) : NULL;
	s->nhits = text_word_hits(s->v.text ? s->v.text : "", q ? q : "", &s->hit_s, &s->hit_e);
	s->hit = xcalloc(s->n + 1, 1);
	for (size_t k = 0; k < s->nhits; k++)
		memset(s->hit + s->hit_s[k], 1, (size_t)(s->hit_e[k] - s->hit_s[k]));
}

/* The cursor to the next (dir 1) or previous hit, round the end. */
static void hit_move(struct rdstate *s, struct tui *t, int dir)
{
	size_t k, n = s->nhits;

	search_hits(s, t);
	if (!n) {
		tui_error(t, "%s", t->filter.search ? "no search hits in this vignette" :
			  "no search: / searches, then n and N step through the hits");
		return;
	}
	for (k = 0; k < n; k++)
		if (dir > 0 ? s->hit_s[k] > (int64_t)s->cursor : s->hit_s[n - 1 - k] < (int64_t)s->cursor)
			break;
	k = k == n ? (dir > 0 ? 0 : n - 1) : (dir > 0 ? k : n - 1 - k);
	s->cursor = (size_t)s->hit_s[k];
	tui_message(t, "hit %zu/%zu", k + 1, n);
}

/* Wraps at spaces where possible, by display width. */
static void layout(struct rdstate *s, int w)
{
	size_t cap = 16;

	free(s->lines);
	s->lines = xmalloc(cap * sizeof(*s->lines));
	s->nlines = 0;
	s->wrap_w = w;
	if (w < 1)
		w = 1;
	size_t i = 0;
	while (1) {
		size_t start = i, last_space = 0;
		int col = 0, has_space = 0;
		while (i < s->n && s->cp[i] != '\n') {
			int cw = dsp_cp_width(s->cp[i]);
			if (col + cw > w && i > start)
				break;
			col += cw;
			if (s->cp[i] == ' ') {
				last_space = i;
				has_space = 1;
			}
			i++;
		}
		size_t end = i;
		if (i < s->n && s->cp[i] != '\n' && has_space && last_space + 1 > start) {
			end = last_space + 1;
			i = end;
		}
		if (s->nlines == cap) {
			cap *= 2;
			s->lines = xrealloc(s->lines, cap * sizeof(*s->lines));
		}
		s->lines[s->nlines].start = start;
		s->lines[s->nlines].end = end;
		s->nlines++;
		if (i < s->n && s->cp[i] == '\n') {
			s->lines[s->nlines - 1].end = i + 1;   /* the newline belongs to the line */
			i++;
			if (i == s->n)
				break;
			continue;
		}
		if (i >= s->n)
			break;
	}
}

static size_t line_of(const struct rdstate *s, size_t cp)
{
	size_t lo = 0, hi = s->nlines;

	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;
		if (s->lines[mid].start <= cp)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

static int span_role(const struct rdstate *s, size_t cp)
{
	int64_t best_len = -1;
	int role = ROLE_NORMAL;

	for (size_t k = 0; k < s->nspans; k++) {
		const struct span *sp = &s->spans[k];
		if ((int64_t)cp >= sp->start && (int64_t)cp < sp->end &&
		    (best_len < 0 || sp->end - sp->start < best_len)) {
			best_len = sp->end - sp->start;
			role = sp->role;
		}
	}
	return role;
}

static void selection(const struct rdstate *s, size_t *a, size_t *b)
{
	size_t x = (size_t)s->anchor, y = s->cursor;

	*a = x < y ? x : y;
	*b = (x < y ? y : x) + 1;
	if (*b > s->n)
		*b = s->n;
}

static void draw_margin(struct rdstate *s, const struct line *ln, int y, int x)
{
	static const char *const letter[4] = { "", "M", "J", "S" };
	int has[4] = { 0 }, memo = 0, review = 0;

	for (size_t k = 0; k < s->nspans; k++) {
		const struct span *sp = &s->spans[k];
		if (sp->start < (int64_t)ln->end && sp->end > (int64_t)ln->start && sp->dim > 0)
			has[sp->dim] = 1;
		if (sp->memo && sp->start >= (int64_t)ln->start && sp->start < (int64_t)ln->end)
			memo = 1;
		if (sp->review && sp->start < (int64_t)ln->end && (sp->end > (int64_t)ln->start ||
		    (sp->start == sp->end && sp->start >= (int64_t)ln->start)))
			review = 1;
	}
	for (int d = 1; d <= 3; d++)
		if (has[d])
			dsp_raw(y, x + d - 1, 1, letter[d], theme_dimension_role(d));
	/* a span an edit cut into outranks the memo mark: it needs a look */
	if (review)
		dsp_raw(y, x + 3, 1, "!", ROLE_REVIEW);
	else if (memo)
		dsp_raw(y, x + 3, 1, "*", ROLE_MEMO);
}

/* A mark (U+2300) for each coding whose text an edit deleted, at the
 * place the text was (before code point at); the columns it took. */
static int draw_deleted(const struct rdstate *s, size_t at, int y, int x, int w)
{
	int col = 0;

	for (size_t k = 0; k < s->nspans; k++) {
		const struct span *sp = &s->spans[k];
		if (sp->start == (int64_t)at && sp->end == sp->start && w - col > 0)
			col += dsp_cp(y, x + col, w - col, 0x2300, ROLE_REVIEW);
	}
	return col;
}

static void rd_draw(struct pane *p, struct tui *t, struct rect b)
{
	struct rdstate *s = p->st;
	int focused = t->focus == P_READER, tw = b.w - MARGIN;
	size_t sa = 0, sb = 0, cl;

	if (s->id != t->vignette_id || p->stale)
		rd_refresh(p, t);
	if (!s->id) {
		dsp_text(b.y, b.x + 1, b.w - 1, "(no vignette to show)", ROLE_DIM);
		return;
	}
	if (s->wrap_w != tw || !s->lines) {
		layout(s, tw);
		layout_memos(s, tw);
	}
	if (s->anchor >= 0)
		selection(s, &sa, &sb);
	search_hits(s, t);
	cl = line_of(s, s->cursor);
	if (cl < s->top)
		s->top = cl;
	if (cl >= s->top + (size_t)b.h)
		s->top = cl - (size_t)b.h + 1;
	/* on the last line the memos below come into view (the cursor stays) */
	if (cl + 1 == s->nlines && s->mlines.n) {
		size_t total = s->nlines + s->mlines.n;
		size_t want = total > (size_t)b.h ? total - (size_t)b.h : 0;
		if (want > cl)
			want = cl;
		if (want > s->top)
			s->top = want;
	}
	for (int r = 0; r < b.h && s->top + (size_t)r < s->nlines + s->mlines.n; r++) {
		size_t m = s->top + (size_t)r - s->nlines;
		if (s->top + (size_t)r >= s->nlines) {
			if (s->mrole[m] == ROLE_MEMO)
				dsp_raw(b.y + r, b.x + 3, 1, "*", ROLE_MEMO);
			dsp_text(b.y + r, b.x + MARGIN, tw, s->mlines.v[m], s->mrole[m]);
			continue;
		}
		const struct line *ln = &s->lines[s->top + (size_t)r];
		int col = 0, y = b.y + r;
		draw_margin(s, ln, y, b.x);
		for (size_t i = ln->start; i < ln->end; i++) {
			int role = s->hit[i] ? ROLE_MATCH : span_role(s, i);
			uint32_t c = s->cp[i];
			if (s->anchor >= 0 && i >= sa && i < sb)
				role = ROLE_SELECTION;
			if (i == s->cursor && focused)
				role = ROLE_TEXT_CURSOR;
			col += draw_deleted(s, i, y, b.x + MARGIN + col, tw - col);
			if (c == '\n') {
				if (i == s->cursor && focused)
					dsp_raw(y, b.x + MARGIN + col, 1, " ", role);
				continue;
			}
			col += dsp_cp(y, b.x + MARGIN + col, tw - col, c, role);
		}
		if (ln->end == s->n)
			col += draw_deleted(s, s->n, y, b.x + MARGIN + col, tw - col);
		if (s->cursor == s->n && ln->end == s->n && focused && s->top + (size_t)r == cl)
			dsp_raw(y, b.x + MARGIN + col, 1, " ", ROLE_TEXT_CURSOR);
	}
}

/* ---- movement ---- */

static size_t clamp_cursor(const struct rdstate *s, size_t i)
{
	return i < s->n ? i : (s->n ? s->n - 1 : 0);
}

/* By a word, sentence or paragraph (textseg.h). Moving, the cursor goes to
 * a unit's start. Selecting, the end of the selection the cursor holds
 * goes to a unit's last code point (and its start to a unit's start), so
 * the selection holds whole units and not a letter of the next one. */
static size_t unit_move(const struct rdstate *s, size_t i, enum textseg_unit u, int forward)
{
	int at_end = s->anchor >= 0 && i >= (size_t)s->anchor;
	size_t to;

	if (forward) {
		to = at_end ? textseg_end(s->cp, s->n, i, u) : textseg_next(s->cp, s->n, i, u);
		if (!at_end && s->anchor >= 0 && to > (size_t)s->anchor)
			to = textseg_end(s->cp, s->n, (size_t)s->anchor, u);
		return clamp_cursor(s, to);
	}
	to = at_end ? textseg_prev_end(s->cp, s->n, i, u) : textseg_prev(s->cp, s->n, i, u);
	if (at_end && to < (size_t)s->anchor)
		to = textseg_prev(s->cp, s->n, i, u);
	return to;
}

static size_t col_of(const struct rdstate *s, size_t line, size_t cp)
{
	size_t c = 0;

	for (size_t i = s->lines[line].start; i < cp; i++)
		c += (size_t)dsp_cp_width(s->cp[i]);
	return c;
}

static size_t at_col(const struct rdstate *s, size_t line, size_t col)
{
	size_t c = 0, i = s->lines[line].start;

	while (i < s->lines[line].end && s->cp[i] != '\n') {
		size_t w = (size_t)dsp_cp_width(s->cp[i]);
		if (c + w > col)
			break;
		c += w;
		i++;
	}
	if (i >= s->lines[line].end && i > s->lines[line].start && line + 1 < s->nlines)
		i = s->lines[line].end - 1;
	return i;
}

static void line_move(struct rdstate *s, int dir, size_t count)
{
	size_t l = line_of(s, s->cursor), col = col_of(s, l, s->cursor);

	while (count--) {
		if (dir > 0 && l + 1 < s->nlines)
			l++;
		else if (dir < 0 && l > 0)
			l--;
	}
	s->cursor = at_col(s, l, col);
}

/* ---- coding ---- */

static int current_span(struct rdstate *s, int64_t *start, int64_t *end)
{
	size_t a, b;

	if (s->anchor < 0)
		return 0;
	selection(s, &a, &b);
	*start = (int64_t)a;
	*end = (int64_t)b;
	return b > a;
}

static void picked(struct tui *t, int64_t code_id, void *ud)
{
	struct pane *p = &t->panes[P_READER];
	struct rdstate *s = p->st;
	int whole = ud != NULL;
	int64_t a = -1, b = -1;

	if (!code_id)
		return;
	if (!whole && !current_span(s, &a, &b)) {
		tui_error(t, "no selection: press v to select, V to code the whole vignette");
		return;
	}
	if (!tui_apply_code(t, code_id, a, b, 1))
		drop_selection(s);
}

static void code_dimension(struct pane *p, struct tui *t, int dim)
{
	struct rdstate *s = p->st;
	int64_t a, b, code = t->last_code[dim] ? t->last_code[dim] : dim;

	if (!current_span(s, &a, &b)) {
		tui_error(t, "no selection: press v to select, V to code the whole vignette");
		return;
	}
	if (!tui_apply_code(t, code, a, b, 0))
		drop_selection(s);
}

struct at_list {
	idlist ids;
	strlist lines;
	struct tui *t;
};

static int collect_at(const px_coding *c, void *ud)
{
	struct at_list *l = ud;
	char *line = xasprintf("%s  %s%s%s", names_get(&l->t->names, NAMES_CODE, c->code_id),
			       c->start < 0 ? "(whole vignette) " : "",
			       names_get(&l->t->names, NAMES_CODER, c->coder_id),
			       c->memo && *c->memo ? "  *memo" : "");
	idl_push(&l->ids, c->id);
	sl_push(&l->lines, line);
	free(line);
	return 0;
}

/* The codings under the cursor; PX_OK, or an error already shown. */
static int codings_at(struct tui *t, struct rdstate *s, struct at_list *l)
{
	coding_query q = CODING_QUERY_ALL;
	px_err e = { 0 };
	int rc;

	memset(l, 0, sizeof(*l));
	l->t = t;
	q.vignette_id = s->id;
	q.at = (int64_t)s->cursor;
	if ((rc = coding_each(t->db, &q, collect_at, l, &e)))
		tui_error(t, "%s", e.msg);
	return rc;
}

/* Resizing: the selection becomes the coding's span; moving its ends and
 * respan-save (Enter) give it the new span. */
static void start_resize(struct tui *t, int64_t id)
{
	struct rdstate *s = t->panes[P_READER].st;
	px_coding c = { 0 };
	px_err e = { 0 };

	if (coding_get(t->db, id, &c, &e)) {
		tui_error(t, "%s", e.msg);
		return;
	}
	if (c.vignette_id == s->id && s->n) {
		s->anchor = c.start < 0 ? 0 : (long)c.start;
		s->cursor = clamp_cursor(s, c.start < 0 ? s->n : (size_t)c.end - 1);
		s->resizing = id;
		tui_message(t, "resizing %s: move the ends (o: the other end), Enter saves, Esc cancels",
			    names_get(&t->names, NAMES_CODE, c.code_id));
	}
	coding_free(&c);
}

static void save_resize(struct tui *t, struct rdstate *s)
{
	int64_t a, b;

	if (!current_span(s, &a, &b))
		return;
	if (!tui_coding_respan(t, s->resizing, a, b))
		drop_selection(s);
}

/* What a coding key does to one coding (the codings menu's default too). */
static void coding_act(struct tui *t, int action, int64_t id)
{
	switch (action) {
	case A_R_DELETE: tui_coding_delete(t, id); break;
	case A_R_RECODE: tui_coding_recode(t, id); break;
	case A_R_RESPAN: start_resize(t, id); break;
	default: form_open(t, id); break;
	}
}

static int menu_action;   /* the key that opened the menu: what Enter does */

static int menu_codings(struct tui *t, int index, int key, void *ud)
{
	idlist *ids = ud;
	int action = key == TK_ENTER ? menu_action : key == 'e' ? A_R_EDIT :
		     key == 'd' || key == 'x' ? A_R_DELETE : key == 'r' ? A_R_RECODE :
		     key == 's' ? A_R_RESPAN : A_NONE;

	if (action == A_NONE)
		return 0;
	coding_act(t, action, ids->v[index]);
	return 1;
}

static idlist menu_ids;   /* the menu's ids live until the next menu */

static int collect_review(const px_coding *c, void *ud)
{
	struct at_list *l = ud;
	char *line;

	if (!c->needs_review)
		return 0;
	line = xasprintf("! %s  @%lld-%lld  %s%s", names_get(&l->t->names, NAMES_CODE, c->code_id),
			 (long long)c->start, (long long)c->end,
			 names_get(&l->t->names, NAMES_CODER, c->coder_id),
			 c->start >= 0 && c->start == c->end ? "  (its text was deleted)" : "");
	idl_push(&l->ids, c->id);
	sl_push(&l->lines, line);
	free(line);
	return 0;
}

/* Enter jumps to the span; r marks it reviewed (one undoable step). */
static int menu_review(struct tui *t, int index, int key, void *ud)
{
	idlist *ids = ud;
	px_coding c = { 0 };
	px_err e = { 0 };
	int rc;

	if ((key != TK_ENTER && key != 'r') || coding_get(t->db, ids->v[index], &c, &e))
		return 0;
	if (key == TK_ENTER) {
		tui_post(t, (struct tui_req){ .kind = REQ_OPEN_VIGNETTE, .id = c.vignette_id,
					      .at = c.start, .focus = 1 });
		coding_free(&c);
		return 1;
	}
	if (c.start >= 0 && c.start == c.end) {
		/* an empty span stays flagged: there is no text to review */
		tui_error(t, "the text of this %s coding was deleted: resize it (s) onto the "
			  "text or delete it (x)", names_get(&t->names, NAMES_CODE, c.code_id));
		coding_free(&c);
		return 1;
	}
	c.needs_review = 0;
	undo_begin(&t->undo, "mark reviewed");
	rc = coding_update(t->db, &c, &e);
	undo_end(&t->undo);
	if (rc)
		tui_error(t, "%s", e.msg);
	else
		tui_message(t, "%s marked reviewed", names_get(&t->names, NAMES_CODE, c.code_id));
	coding_free(&c);
	tui_codings_changed(t);
	return 1;
}

static void list_review(struct tui *t, struct rdstate *s)
{
	struct at_list l;
	coding_query q = CODING_QUERY_ALL;
	px_err e = { 0 };

	memset(&l, 0, sizeof(l));
	l.t = t;
	q.vignette_id = s->id;
	if (coding_each(t->db, &q, collect_review, &l, &e)) {
		tui_error(t, "%s", e.msg);
	} else if (!l.ids.n) {
		tui_message(t, "no coding here is flagged for review");
	} else {
		idl_free(&menu_ids);
		menu_ids = l.ids;
		l.ids = (idlist){ 0 };
		menu_open(t, "Flagged for review (an edit cut into them)", &l.lines,
			  "Enter go to  r mark reviewed  Esc close", menu_review, &menu_ids);
	}
	idl_free(&l.ids);
	sl_free(&l.lines);
}

static void list_codings(struct tui *t, struct rdstate *s, int action)
{
	struct at_list l;

	if (codings_at(t, s, &l)) {
		/* the error is on the message line */
	} else if (!l.ids.n) {
		tui_error(t, "no coding under the cursor");
	} else if (l.ids.n == 1 && action != A_R_CODINGS) {
		coding_act(t, action, l.ids.v[0]);
	} else {
		char *hint = xasprintf("Enter %s  e edit  r recode  s resize  d delete  Esc close",
				       action == A_R_DELETE ? "delete" : action == A_R_RECODE ? "recode" :
				       action == A_R_RESPAN ? "resize" : "edit");
		menu_action = action;
		idl_free(&menu_ids);
		menu_ids = l.ids;
		l.ids = (idlist){ 0 };
		menu_open(t, "Codings under the cursor", &l.lines, hint, menu_codings, &menu_ids);
		free(hint);
	}
	idl_free(&l.ids);
	sl_free(&l.lines);
}

/* ---- text objects ---- */

struct objmodal {
	struct modal m;
	struct rdstate *s;
	int around;
};

static void obj_draw(struct modal *m, struct tui *t)
{
	struct objmodal *o = (struct objmodal *)m;
	int y = display_rows() - 1;
	char w[24], s[24], p[24];

	(void)t;
	keymap_action_keys(A_O_WORD, w, sizeof(w));
	keymap_action_keys(A_O_SENTENCE, s, sizeof(s));
	keymap_action_keys(A_O_PARAGRAPH, p, sizeof(p));
	dsp_fill(y, 0, display_cols(), ROLE_MESSAGE);
	dsp_textf(y, 0, display_cols(), ROLE_PROMPT, "%s: %s word  %s sentence  %s paragraph",
		  o->around ? "around" : "inner", w, s, p);
}

/* The key after i or a names the unit; the selection becomes the text
 * object at the cursor, exactly. */
static int obj_key(struct modal *m, struct tui *t, int key)
{
	struct objmodal *o = (struct objmodal *)m;
	struct rdstate *s = o->s;
	int action = keymap_lookup(KC_OBJECT, key);
	enum textseg_unit u = action == A_O_SENTENCE ? TEXTSEG_SENTENCE :
			      action == A_O_PARAGRAPH ? TEXTSEG_PARAGRAPH : TEXTSEG_WORD;
	size_t a, b;

	if (action == A_NONE) {
		char name[32];
		keymap_key_name(key, name, sizeof(name));
		tui_error(t, "%s: not a text object (? lists them)", name);
		return 1;
	}
	if (!textseg_object(s->cp, s->n, s->cursor, u, o->around, &a, &b) && b > a) {
		s->anchor = (long)a;
		s->cursor = b - 1;
	}
	return 1;
}

static void obj_free(struct modal *m)
{
	free(m);
}

static void text_object(struct tui *t, struct rdstate *s, int around)
{
	struct objmodal *o;

	if (s->anchor < 0) {
		tui_error(t, "text objects select: press v first");
		return;
	}
	o = xcalloc(1, sizeof(*o));
	o->m.draw = obj_draw;
	o->m.key = obj_key;
	o->m.free = obj_free;
	o->m.cursor_y = o->m.cursor_x = -1;
	o->s = s;
	o->around = around;
	modal_push(t, &o->m);
}

static int rd_key(struct pane *p, struct tui *t, int action, int key)
{
	struct rdstate *s = p->st;
	size_t page = p->r.h > 2 ? (size_t)p->r.h - 2 : 1;
	int frame = tui_center_frame(t);

	(void)key;
	if (!s->id || !s->n) {
		if (action != A_BACK)
			return 0;
		tui_post(t, (struct tui_req){ .kind = REQ_FOCUS, .pane = P_VIGNETTES });
		return 1;
	}
	switch (action) {
	case A_R_CHAR_NEXT: if (s->cursor + 1 < s->n) s->cursor++; return 1;
	case A_R_CHAR_PREV: if (s->cursor) s->cursor--; return 1;
	case A_R_WORD_NEXT: s->cursor = unit_move(s, s->cursor, TEXTSEG_WORD, 1); return 1;
	case A_R_WORD_PREV: s->cursor = unit_move(s, s->cursor, TEXTSEG_WORD, 0); return 1;
	case A_R_WORD_END: s->cursor = clamp_cursor(s, textseg_end(s->cp, s->n, s->cursor, TEXTSEG_WORD)); return 1;
	case A_R_INNER: text_object(t, s, 0); return 1;
	case A_R_AROUND: text_object(t, s, 1); return 1;
	case A_R_OTHER_END:
		if (s->anchor >= 0) {
			size_t c = s->cursor;
			s->cursor = (size_t)s->anchor;
			s->anchor = (long)c;
		}
		return 1;
	case A_R_SENT_NEXT: s->cursor = unit_move(s, s->cursor, TEXTSEG_SENTENCE, 1); return 1;
	case A_R_SENT_PREV: s->cursor = unit_move(s, s->cursor, TEXTSEG_SENTENCE, 0); return 1;
	case A_R_PARA_NEXT: s->cursor = unit_move(s, s->cursor, TEXTSEG_PARAGRAPH, 1); return 1;
	case A_R_PARA_PREV: s->cursor = unit_move(s, s->cursor, TEXTSEG_PARAGRAPH, 0); return 1;
	case A_DOWN: line_move(s, 1, 1); return 1;
	case A_UP: line_move(s, -1, 1); return 1;
	case A_PAGE_DOWN: line_move(s, 1, page); return 1;
	case A_PAGE_UP: line_move(s, -1, page); return 1;
	case A_HOME: s->cursor = 0; return 1;
	case A_END: s->cursor = s->n - 1; return 1;
	case A_R_SELECT:
		if (s->anchor >= 0)
			drop_selection(s);
		else
			s->anchor = (long)s->cursor;
		return 1;
	case A_R_RESPAN_SAVE:
		if (!s->resizing)
			return 0;
		save_resize(t, s);
		return 1;
	case A_R_HIT_NEXT:
	case A_R_HIT_PREV:
		hit_move(s, t, action == A_R_HIT_NEXT ? 1 : -1);
		return 1;
	case A_R_CODE:
		if (s->anchor < 0) {
			tui_error(t, "no selection: press v to select, V to code the whole vignette");
			return 1;
		}
		tui_pick_code(t, "code the selection", 1, picked, NULL);
		return 1;
	case A_R_CODE_WHOLE:
		tui_pick_code(t, "code the whole vignette", 1, picked, (void *)1);
		return 1;
	case A_R_CODE_ME: code_dimension(p, t, CODE_ME); return 1;
	case A_R_CODE_JE: code_dimension(p, t, CODE_JE); return 1;
	case A_R_CODE_SR: code_dimension(p, t, CODE_SR); return 1;
	case A_R_REVIEW:
		list_review(t, s);
		return 1;
	case A_R_CODINGS: case A_R_EDIT: case A_R_DELETE: case A_R_RECODE: case A_R_RESPAN:
		list_codings(t, s, action);
		return 1;
	case A_BACK:
		if (s->anchor >= 0) {
			if (s->resizing)
				tui_message(t, "resize cancelled");
			drop_selection(s);
		} else if (frame == FRAME_CONSENSUS || frame == FRAME_READ) {
			/* back to the negotiation, or to the retrieval */
			tui_post(t, (struct tui_req){ .kind = REQ_POP, .frame = frame });
		} else {
			tui_post(t, (struct tui_req){ .kind = REQ_FOCUS, .pane = P_VIGNETTES });
		}
		return 1;
	}
	return 0;
}

static void rd_title(struct pane *p, struct tui *t, char *buf, size_t n)
{
	struct rdstate *s = p->st;

	(void)t;
	if (!s->id) {
		snprintf(buf, n, "Reader");
		return;
	}
	snprintf(buf, n, "%s  %s  @%zu%s", s->v.date, s->v.title, s->cursor,
		 s->resizing ? "  [resizing]" : s->anchor >= 0 ? "  [selecting]" : "");
}

int64_t pane_reader_cursor(struct pane *p)
{
	return (int64_t)((struct rdstate *)p->st)->cursor;
}

void pane_reader_goto(struct pane *p, int64_t at)
{
	struct rdstate *s = p->st;

	s->cursor = at > 0 ? (size_t)at : 0;
	drop_selection(s);
	s->top = 0;
	if (s->lines)
		s->top = line_of(s, s->cursor);
}

/* A coding of the vignette shown moved: reload it (one vignette). */
static void rd_coding(struct pane *p, struct tui *t, const px_coding *before,
		      const px_coding *after)
{
	if ((before && before->vignette_id == t->vignette_id) ||
	    (after && after->vignette_id == t->vignette_id))
		p->stale = 1;
}

/* A click puts the cursor on the character under the pointer (the
 * margin means the line's start); a selection in progress extends. */
static void rd_click(struct pane *p, struct tui *t, int row, int col)
{
	struct rdstate *s = p->st;
	size_t line = s->top + (size_t)row;

	(void)t;
	if (!s->id || !s->lines || line >= s->nlines)
		return;
	s->cursor = at_col(s, line, col > MARGIN ? (size_t)(col - MARGIN) : 0);
	if (s->cursor >= s->n && s->n)
		s->cursor = s->n - 1;
}

#define WHEEL_LINES 3

/* The wheel scrolls the text; the cursor keeps its place on the screen. */
static void rd_wheel(struct pane *p, struct tui *t, int dir)
{
	struct rdstate *s = p->st;
	size_t room = s->nlines > (size_t)(p->r.h - 1) ? s->nlines - (size_t)(p->r.h - 1) : 0;

	(void)t;
	if (!s->id || !s->lines)
		return;
	if (dir > 0 && s->top < room) {
		size_t by = s->top + WHEEL_LINES <= room ? WHEEL_LINES : room - s->top;
		s->top += by;
		line_move(s, 1, by);
	} else if (dir < 0 && s->top > 0) {
		size_t by = s->top >= WHEEL_LINES ? WHEEL_LINES : s->top;
		s->top -= by;
		line_move(s, -1, by);
	}
}

/* The first coding under the cursor, else the vignette. */
static int rd_memo_target(struct pane *p, struct tui *t, int *kind, int64_t *id)
{
	struct rdstate *s = p->st;
	struct at_list l;

	if (!s->id)
		return 0;
	*kind = MEMO_VIGNETTE;
	*id = s->id;
	if (codings_at(t, s, &l) == PX_OK && l.ids.n) {
		*kind = MEMO_CODING;
		*id = l.ids.v[0];
	}
	idl_free(&l.ids);
	sl_free(&l.lines);
	return 1;
}

const struct pane_ops pane_reader_ops = {
	.name = "Reader",
	.ctx = KC_READER,
	.init = rd_init,
	.free = rd_free,
	.refresh = rd_refresh,
	.draw = rd_draw,
	.key = rd_key,
	.title = rd_title,
	.coding = rd_coding,
	.click = rd_click,
	.wheel = rd_wheel,
	.memo_target = rd_memo_target,
};
