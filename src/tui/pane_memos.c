/* pane_memos.c: `O` / `:memos` -- every memo, filling the screen in
 * FRAME_MEMOS: under the current filters (what each means for a memo is
 * memo_filter's, praxis/memo.h) and the search (FTS5 over memo texts),
 * one kind of target at a time with t. The list shows each memo's date,
 * author, title (else its text) and targets; the selected memo shows
 * whole below it. Enter edits it in $EDITOR, T titles it, D deletes it
 * (each undoable), o opens its target; Esc, q or O closes the view. */
#include <stdlib.h>
#include <string.h>
#include "praxis/keymap.h"
#include "praxis/memo.h"
#include "praxis/tui.h"

struct mrow {
	int64_t id, coder_id;
	char *title, *text, *created, *updated;
	px_memo_on *on;
	size_t n_on;
	char *targets;           /* "KIND:ID; ..." */
	char *find;              /* what the quick filter matches */
};

struct mstate {
	struct mrow *rows;
	size_t n;
	int kind;                /* -1: every kind of target */
};

static void m_clear(struct mstate *s)
{
	for (size_t i = 0; i < s->n; i++) {
		struct mrow *r = &s->rows[i];
		free(r->title);
		free(r->text);
		free(r->created);
		free(r->updated);
		free(r->on);
		free(r->targets);
		free(r->find);
	}
	free(s->rows);
	s->rows = NULL;
	s->n = 0;
}

static void m_init(struct pane *p, struct tui *t)
{
	struct mstate *s = xcalloc(1, sizeof(*s));

	(void)t;
	s->kind = -1;
	p->st = s;
}

static void m_free(struct pane *p)
{
	m_clear(p->st);
	free(p->st);
}

struct collect {
	struct mstate *s;
	struct tui *t;
};

static int m_collect(const px_memo *m, void *ud)
{
	struct collect *c = ud;
	struct mstate *s = c->s;
	struct mrow *r;

	s->rows = xrealloc(s->rows, (s->n + 1) * sizeof(*s->rows));
	r = &s->rows[s->n++];
	memset(r, 0, sizeof(*r));
	r->id = m->id;
	r->coder_id = m->coder_id;
	r->title = m->title ? xstrdup(m->title) : NULL;
	r->text = xstrdup(m->text);
	r->created = xstrdup(m->created ? m->created : "");
	r->updated = xstrdup(m->updated ? m->updated : "");
	r->n_on = m->n_on;
	r->on = xcalloc(m->n_on + 1, sizeof(*r->on));
	memcpy(r->on, m->on, m->n_on * sizeof(*r->on));
	r->targets = memo_targets_joined(c->t->db, &c->t->names, m, "; ");
	r->find = xasprintf("%s %s %s %s", r->title ? r->title : "", r->text, r->targets,
			    m->coder_id ? names_get(&c->t->names, NAMES_CODER, m->coder_id) : "");
	return 0;
}

static void m_refresh(struct pane *p, struct tui *t)
{
	struct mstate *s = p->st;
	const browse_filter *bf = &t->filter;
	struct collect c = { s, t };
	memo_filter f;
	px_err e = { 0 };

	m_clear(s);
	memo_filter_init(&f);
	f.author = bf->coder_id;
	f.participant = bf->participant_id;
	f.community = bf->community_id;
	f.code = bf->code_id;
	snprintf(f.from, sizeof(f.from), "%s", bf->date_from ? bf->date_from : "");
	snprintf(f.to, sizeof(f.to), "%s", bf->date_to ? bf->date_to : "");
	f.search = bf->search;
	f.with_kind = s->kind;
	if (memo_each_filtered(t->db, &f, m_collect, &c, &e))
		tui_error(t, "memos: %s", e.msg);
	pane_list_reset(p);
}

static size_t m_rows(struct pane *p)
{
	return ((struct mstate *)p->st)->n;
}

static const char *m_row_text(struct pane *p, size_t i)
{
	return ((struct mstate *)p->st)->rows[i].find;
}

static const char *author_of(struct tui *t, const struct mrow *r)
{
	return r->coder_id ? names_get(&t->names, NAMES_CODER, r->coder_id) : "-";
}

/* "2026-05-01  tester    Title: the text...            vignette:v1; code:SR" */
static void m_draw_row(struct pane *p, struct tui *t, size_t i, int y, int x, int w, int sel)
{
	const struct mrow *r = &((struct mstate *)p->st)->rows[i];
	int tw = w / 3 > 40 ? 40 : w / 3, mid = w - 22 - tw - 1, used = 0;
	char date[11];

	snprintf(date, sizeof(date), "%.10s", r->created);
	dsp_text(y, x + 1, 10, date, pane_row_role(sel, ROLE_DIM));
	dsp_text(y, x + 12, 9, author_of(t, r), pane_row_role(sel, ROLE_NORMAL));
	if (mid < 8) {
		dsp_text(y, x + 22, w - 22, r->title ? r->title : r->text, pane_row_role(sel, ROLE_NORMAL));
		return;
	}
	if (r->title) {
		used = dsp_text(y, x + 22, mid, r->title, pane_row_role(sel, ROLE_MEMO));
		used += dsp_text(y, x + 22 + used, mid - used, ": ", pane_row_role(sel, ROLE_NORMAL));
	}
	dsp_text(y, x + 22 + used, mid - used - 1, r->text, pane_row_role(sel, ROLE_NORMAL));
	dsp_text(y, x + w - tw, tw, r->targets, pane_row_role(sel, ROLE_DIM));
}

/* "2026-05-01 10:00" of an ISO time. */
static void minute_of(const char *iso, char out[17])
{
	snprintf(out, 17, "%.16s", iso);
	if (strlen(out) > 10 && out[10] == 'T')
		out[10] = ' ';
}

/* The selected memo whole: who and when, its targets, title and text. */
static void draw_memo(const struct mrow *r, struct tui *t, struct rect b)
{
	strlist lines = { 0 };
	char created[17], updated[17];
	int y = b.y;

	minute_of(r->created, created);
	minute_of(r->updated, updated);
	dsp_fill(y, b.x, b.w, ROLE_TITLE);
	dsp_textf(y++, b.x + 1, b.w - 1, ROLE_TITLE, "memo %lld by %s, %s%s%s",
		  (long long)r->id, author_of(t, r), created,
		  strcmp(created, updated) ? ", changed " : "",
		  strcmp(created, updated) ? updated : "");
	if (y < b.y + b.h)
		dsp_textf(y++, b.x + 1, b.w - 1, ROLE_DIM, "on %s", r->targets);
	if (r->title && y < b.y + b.h)
		dsp_text(y++, b.x + 1, b.w - 1, r->title, ROLE_MEMO);
	dsp_wrap(r->text, b.w - 2, &lines);
	for (size_t k = 0; k < lines.n && y < b.y + b.h; k++)
		dsp_text(y++, b.x + 1, b.w - 2, lines.v[k], ROLE_NORMAL);
	sl_free(&lines);
}

static void m_draw(struct pane *p, struct tui *t, struct rect b)
{
	struct mstate *s = p->st;
	struct rect list = b, memo = b;
	int ok;
	size_t i = pane_list_current(p, &ok);

	if (!s->n && !p->list.quick) {
		dsp_text(b.y, b.x + 1, b.w - 1, browse_filter_active(&t->filter) || s->kind >= 0
			 ? "(no memo under the filters: F clears them, t shows every kind)"
			 : "(no memos yet: W writes one on what is under the cursor)", ROLE_DIM);
		return;
	}
	if (b.h < 8 || !ok) {
		pane_list_draw(p, t, b, 1);
		return;
	}
	memo.h = b.h * 2 / 5;
	list.h = b.h - memo.h;
	memo.y = b.y + list.h;
	pane_list_draw(p, t, list, 1);
	draw_memo(&s->rows[i], t, memo);
}

static void m_title(struct pane *p, struct tui *t, char *buf, size_t n)
{
	struct mstate *s = p->st;
	char pos[32];

	(void)t;
	pane_list_position(p, pos, sizeof(pos));
	snprintf(buf, n, "Memos %s%s%s", pos, s->kind >= 0 ? "  on: " : "",
		 s->kind >= 0 ? memo_kind_name(s->kind) : "");
}

static void target_picked(struct tui *t, int index, const char *typed, void *ud)
{
	struct pane *p = ud;
	struct mstate *s = p->st;
	int ok;
	size_t i = pane_list_current(p, &ok);

	(void)typed;
	if (ok && index >= 0 && (size_t)index < s->rows[i].n_on)
		tui_memo_open_target(t, &s->rows[i].on[index]);
}

static void open_target(struct pane *p, struct tui *t, const struct mrow *r)
{
	strlist items = { 0 };

	if (r->n_on == 1) {
		tui_memo_open_target(t, &r->on[0]);
		return;
	}
	for (size_t k = 0; k < r->n_on; k++) {
		char *label = memo_target_label(t->db, &t->names, &r->on[k]);
		sl_push(&items, label);
		free(label);
	}
	picker_open(t, "open which target?", &items, NULL, 0, target_picked, p);
	sl_free(&items);
}

static int m_key(struct pane *p, struct tui *t, int action, int key)
{
	struct mstate *s = p->st;
	int ok;
	size_t i = pane_list_current(p, &ok);

	if ((action == A_BACK && !p->list.quick) || action == A_MEMOS || key == 'q') {
		tui_post(t, (struct tui_req){ .kind = REQ_POP, .frame = FRAME_MEMOS });
		return 1;
	}
	switch (action) {
	case A_M_KIND:
		s->kind = s->kind + 1 >= MEMO_TARGET_COUNT ? -1 : s->kind + 1;
		p->list.cursor = p->list.top = 0;
		m_refresh(p, t);
		tui_message(t, "memos on %s", s->kind >= 0 ? memo_kind_name(s->kind)
			    : "every kind of target");
		return 1;
	case A_M_EDIT:
	case A_M_TITLE:
	case A_M_DELETE:
	case A_M_OPEN:
		break;
	default:
		return 0;
	}
	if (!ok) {
		tui_error(t, "no memo here");
		return 1;
	}
	switch (action) {
	case A_M_EDIT: tui_memo_edit(t, s->rows[i].id); break;
	case A_M_TITLE: tui_memo_retitle(t, s->rows[i].id); break;
	case A_M_DELETE: tui_memo_delete(t, s->rows[i].id); break;
	default: open_target(p, t, &s->rows[i]); break;
	}
	return 1;
}

/* W here writes on the selected memo's first target. */
static int m_memo_target(struct pane *p, struct tui *t, int *kind, int64_t *id)
{
	struct mstate *s = p->st;
	int ok;
	size_t i = pane_list_current(p, &ok);

	(void)t;
	if (!ok || !s->rows[i].n_on)
		return 0;
	*kind = s->rows[i].on[0].kind;
	*id = s->rows[i].on[0].id;
	return 1;
}

const struct pane_ops pane_memos_ops = {
	.name = "Memos",
	.ctx = KC_MEMOS,
	.is_list = 1,
	.init = m_init,
	.free = m_free,
	.refresh = m_refresh,
	.draw = m_draw,
	.key = m_key,
	.title = m_title,
	.rows = m_rows,
	.row_text = m_row_text,
	.draw_row = m_draw_row,
	.memo_target = m_memo_target,
};
