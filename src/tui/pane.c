/* pane.c: the generic pane engine; see praxis/pane.h. */
#include <stdlib.h>
#include <string.h>
#include "praxis/keymap.h"
#include "praxis/text.h"
#include "praxis/tui.h"

void pane_init(struct pane *p, const struct pane_ops *ops, struct tui *t)
{
	memset(p, 0, sizeof(*p));
	p->ops = ops;
	p->stale = 1;
	if (ops->init)
		ops->init(p, t);
}

void pane_free(struct pane *p)
{
	if (p->ops && p->ops->free)
		p->ops->free(p);
	free(p->list.map);
	free(p->list.quick);
	memset(&p->list, 0, sizeof(p->list));
}

void pane_coding_stale(struct pane *p, struct tui *t, const struct px_coding *before,
		       const struct px_coding *after)
{
	(void)t;
	(void)before;
	(void)after;
	p->stale = 1;
}

struct rect pane_body(const struct pane *p)
{
	struct rect b = p->r;

	b.y++;
	b.h--;
	return b;
}

void pane_draw(struct pane *p, struct tui *t, int focused)
{
	char title[256] = "";
	int role = focused ? ROLE_TITLE_FOCUS : ROLE_TITLE;
	struct rect body = pane_body(p);

	if (p->r.h < 1 || p->r.w < 1)
		return;
	if (p->stale && p->ops->refresh) {
		p->stale = 0;
		p->ops->refresh(p, t);
	}
	if (p->ops->title)
		p->ops->title(p, t, title, sizeof(title));
	else
		snprintf(title, sizeof(title), "%s", p->ops->name);
	dsp_fill(p->r.y, p->r.x, p->r.w, role);
	dsp_text(p->r.y, p->r.x + 1, p->r.w - 1, title, role);
	if (p->ops->is_list && p->list.quick) {
		char q[160];
		snprintf(q, sizeof(q), " f:%s", p->list.quick);
		int qw = (int)text_width(q);
		if (qw < p->r.w / 2)
			dsp_text(p->r.y, p->r.x + p->r.w - qw - 1, qw, q, role);
	}
	if (body.h <= 0)
		return;
	for (int i = 0; i < body.h; i++)
		dsp_fill(body.y + i, body.x, body.w, ROLE_NORMAL);
	if (p->ops->draw)
		p->ops->draw(p, t, body);
	else if (p->ops->is_list)
		pane_list_draw(p, t, body, focused);
}

void pane_list_reset(struct pane *p)
{
	struct pane_list *l = &p->list;
	size_t rows = p->ops->rows ? p->ops->rows(p) : 0;

	free(l->map);
	l->map = xcalloc(rows + 1, sizeof(*l->map));
	l->n = 0;
	for (size_t i = 0; i < rows; i++) {
		int score;
		if (l->quick && *l->quick &&
		    !text_fuzzy_match(p->ops->row_text(p, i), l->quick, &score))
			continue;
		l->map[l->n++] = i;
	}
	if (l->cursor >= l->n)
		l->cursor = l->n ? l->n - 1 : 0;
	if (l->top > l->cursor)
		l->top = l->cursor;
}

size_t pane_list_current(const struct pane *p, int *ok)
{
	*ok = p->list.n > 0;
	return *ok ? p->list.map[p->list.cursor] : 0;
}

void pane_list_select(struct pane *p, size_t row)
{
	for (size_t k = 0; k < p->list.n; k++)
		if (p->list.map[k] == row) {
			p->list.cursor = k;
			return;
		}
}

int pane_list_show(struct pane *p, size_t row)
{
	for (int pass = 0; pass < 2; pass++) {
		for (size_t k = 0; k < p->list.n; k++)
			if (p->list.map[k] == row) {
				p->list.cursor = k;
				return 1;
			}
		if (!p->list.quick)
			break;
		pane_list_set_quick(p, NULL);   /* the quick filter hid it */
	}
	return 0;
}

static void quick_done(struct tui *t, const char *text, void *ud)
{
	struct pane *p = ud;

	(void)t;
	pane_list_set_quick(p, text && *text ? text : NULL);
}

void pane_list_set_quick(struct pane *p, const char *text)
{
	free(p->list.quick);
	p->list.quick = xstrdup(text);
	p->list.cursor = p->list.top = 0;
	pane_list_reset(p);
}

int pane_list_key(struct pane *p, struct tui *t, int action)
{
	struct pane_list *l = &p->list;
	size_t page = p->r.h > 2 ? (size_t)p->r.h - 2 : 1;

	switch (action) {
	case A_DOWN:
		if (l->cursor + 1 < l->n)
			l->cursor++;
		return 1;
	case A_UP:
		if (l->cursor)
			l->cursor--;
		return 1;
	case A_PAGE_DOWN:
		l->cursor = l->cursor + page < l->n ? l->cursor + page : (l->n ? l->n - 1 : 0);
		return 1;
	case A_PAGE_UP:
		l->cursor = l->cursor > page ? l->cursor - page : 0;
		return 1;
	case A_HOME:
		l->cursor = 0;
		return 1;
	case A_END:
		l->cursor = l->n ? l->n - 1 : 0;
		return 1;
	case A_QUICK_FILTER:
		prompt_open(t, "find: ", l->quick, NULL, quick_done, p);
		return 1;
	case A_BACK:
		if (l->quick) {
			pane_list_set_quick(p, NULL);
			return 1;
		}
		return 0;
	}
	return 0;
}

void pane_list_draw(struct pane *p, struct tui *t, struct rect body, int focused)
{
	struct pane_list *l = &p->list;

	if (l->cursor < l->top)
		l->top = l->cursor;
	if (l->cursor >= l->top + (size_t)body.h)
		l->top = l->cursor - (size_t)body.h + 1;
	for (int i = 0; i < body.h && l->top + (size_t)i < l->n; i++) {
		size_t k = l->top + (size_t)i;
		int sel = k == l->cursor ? (focused ? 2 : 1) : 0;
		if (sel)
			dsp_fill(body.y + i, body.x, body.w, sel == 2 ? ROLE_CURSOR : ROLE_CURSOR_DIM);
		p->ops->draw_row(p, t, l->map[k], body.y + i, body.x, body.w, sel);
	}
	if (!l->n)
		dsp_text(body.y, body.x + 1, body.w - 1, l->quick ? "(no match)" : "(none)", ROLE_DIM);
}

void pane_list_click(struct pane *p, int row)
{
	size_t k = p->list.top + (size_t)row;

	if (row >= 0 && k < p->list.n)
		p->list.cursor = k;
}

void pane_list_position(const struct pane *p, char *buf, size_t n)
{
	if (p->list.n)
		snprintf(buf, n, "%zu/%zu", p->list.cursor + 1, p->list.n);
	else
		snprintf(buf, n, "0/0");
}

int pane_row_role(int sel, int role)
{
	return sel == 2 ? ROLE_CURSOR : sel == 1 ? ROLE_CURSOR_DIM : role;
}

void pane_list_title(struct pane *p, struct tui *t, char *buf, size_t n)
{
	char pos[32];

	(void)t;
	pane_list_position(p, pos, sizeof(pos));
	snprintf(buf, n, "%s %s", p->ops->name, pos);
}
