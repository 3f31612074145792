/* widget.c: prompt, picker, confirmation and menus; see praxis/widget.h. */
#include <stdlib.h>
#include <string.h>
#include "praxis/keymap.h"
#include "praxis/text.h"
#include "praxis/tui.h"
#include "praxis/widget.h"

void modal_push(struct tui *t, struct modal *m)
{
	m->below = t->modal;
	m->cursor_y = m->cursor_x = -1;
	t->modal = m;
}

static void modal_pop(struct tui *t, struct modal *m)
{
	struct modal **pp = &t->modal;

	while (*pp && *pp != m)
		pp = &(*pp)->below;
	if (*pp)
		*pp = m->below;
	m->free(m);
}

int modal_key(struct tui *t, int key)
{
	struct modal *m = t->modal;

	if (!m)
		return 0;
	if (m->key(m, t, key))
		modal_pop(t, m);
	return 1;
}

static void draw_rec(struct modal *m, struct tui *t)
{
	if (!m)
		return;
	draw_rec(m->below, t);
	m->draw(m, t);
}

void modal_draw_all(struct tui *t)
{
	draw_rec(t->modal, t);
}

void modal_close_all(struct tui *t)
{
	while (t->modal)
		modal_pop(t, t->modal);
}

/* ---- line editing ---- */

void line_edit_set(struct line_edit *l, const char *s)
{
	sb_reset(&l->text);
	sb_add(&l->text, s ? s : "");
	l->cursor = text_cp_len(sb_str(&l->text));
}

int line_edit_key(struct line_edit *l, int key)
{
	const char *s = sb_str(&l->text);
	size_t n = text_cp_len(s), b, b2;
	char enc[4];

	switch (keymap_lookup(KC_PROMPT, key)) {
	case A_PR_LEFT:
		if (l->cursor)
			l->cursor--;
		return 1;
	case A_PR_RIGHT:
		if (l->cursor < n)
			l->cursor++;
		return 1;
	case A_PR_HOME:
		l->cursor = 0;
		return 1;
	case A_PR_END:
		l->cursor = n;
		return 1;
	case A_PR_BACKSPACE:
		if (!l->cursor)
			return 1;
		l->cursor--;
		/* fall through */
	case A_PR_DELETE:
		if (l->cursor >= n)
			return 1;
		b = text_cp_to_byte(s, l->cursor);
		b2 = text_cp_to_byte(s, l->cursor + 1);
		memmove(l->text.s + b, l->text.s + b2, l->text.len - b2 + 1);
		l->text.len -= b2 - b;
		return 1;
	case A_PR_CLEAR:
		line_edit_set(l, "");
		return 1;
	}
	if (key < 32 || (key & (TK_FN | TK_RESIZE)) || key == 127)
		return 0;
	size_t len = text_encode((uint32_t)key, enc);
	b = text_cp_to_byte(s, l->cursor);
	sb_addn(&l->text, enc, len);   /* grow, then shift into place */
	memmove(l->text.s + b + len, l->text.s + b, l->text.len - len - b);
	memcpy(l->text.s + b, enc, len);
	l->cursor++;
	return 1;
}

/* Draws "label text" on row y, scrolled so the cursor shows; returns the
 * cursor column. */
static int line_edit_draw(struct line_edit *l, int y, int x, int w, const char *label, int role)
{
	int lw = dsp_text(y, x, w, label, ROLE_PROMPT);
	const char *s = sb_str(&l->text);
	size_t cb = text_cp_to_byte(s, l->cursor);
	size_t before = text_width_n(s, cb), skip = 0;
	int room = w - lw - 1;

	if (room < 1)
		return x + lw;
	while (before - text_width_n(s, skip) >= (size_t)room) {
		uint32_t cp;
		skip += text_decode(s + skip, strlen(s + skip), &cp);
	}
	dsp_text(y, x + lw, room, s + skip, role);
	return x + lw + (int)(before - text_width_n(s, skip));
}

/* ---- prompt ---- */

struct prompt {
	struct modal m;
	struct line_edit le;
	char *label;
	prompt_complete_fn complete;
	prompt_done_fn done;
	void *ud;
};

static void prompt_draw(struct modal *m, struct tui *t)
{
	struct prompt *p = (struct prompt *)m;
	int y = display_rows() - 1;

	(void)t;
	dsp_fill(y, 0, display_cols(), ROLE_MESSAGE);
	m->cursor_y = y;
	m->cursor_x = line_edit_draw(&p->le, y, 0, display_cols(), p->label, ROLE_MESSAGE);
}

static int prompt_key(struct modal *m, struct tui *t, int key)
{
	struct prompt *p = (struct prompt *)m;
	int action = keymap_lookup(KC_PROMPT, key);

	if (action == A_PR_CANCEL) {
		p->done(t, NULL, p->ud);
		return 1;
	}
	if (action == A_PR_ACCEPT) {
		char *text = xstrdup(sb_str(&p->le.text));
		/* done may open another modal: this one goes first */
		struct tui *tt = t;
		prompt_done_fn done = p->done;
		void *ud = p->ud;
		modal_pop(tt, m);
		done(tt, text, ud);
		free(text);
		return 0;
	}
	if (action == A_PR_COMPLETE && p->complete) {
		char *c = p->complete(t, sb_str(&p->le.text), p->ud);
		if (c) {
			line_edit_set(&p->le, c);
			free(c);
		}
		return 0;
	}
	line_edit_key(&p->le, key);
	return 0;
}

static void prompt_free(struct modal *m)
{
	struct prompt *p = (struct prompt *)m;

	sb_free(&p->le.text);
	free(p->label);
	free(p);
}

void prompt_open(struct tui *t, const char *label, const char *initial,
		 prompt_complete_fn complete, prompt_done_fn done, void *ud)
{
	struct prompt *p = xcalloc(1, sizeof(*p));

	p->m.draw = prompt_draw;
	p->m.key = prompt_key;
	p->m.free = prompt_free;
	p->label = xstrdup(label);
	p->complete = complete;
	p->done = done;
	p->ud = ud;
	sb_init(&p->le.text);
	line_edit_set(&p->le, initial);
	modal_push(t, &p->m);
}

/* ---- popup frame shared by picker and menu ---- */

static struct rect popup_rect(int want_h, int want_w)
{
	struct rect r;
	int rows = display_rows(), cols = display_cols();

	r.w = want_w < cols - 4 ? want_w : cols - 4;
	r.h = want_h < rows - 4 ? want_h : rows - 4;
	if (r.w < 10)
		r.w = cols;
	if (r.h < 3)
		r.h = rows;
	r.y = (rows - r.h) / 2;
	r.x = (cols - r.w) / 2;
	return r;
}

static void popup_frame(struct rect r, const char *title)
{
	dsp_fill(r.y, r.x, r.w, ROLE_POPUP_TITLE);
	dsp_text(r.y, r.x + 1, r.w - 2, title, ROLE_POPUP_TITLE);
	for (int i = 1; i < r.h; i++)
		dsp_fill(r.y + i, r.x, r.w, ROLE_POPUP);
}

/* ---- picker ---- */

struct picker {
	struct modal m;
	struct line_edit le;
	char *title;
	strlist items, details;
	size_t *match;
	size_t nmatch, cursor, top;
	int allow_new, answered;
	picker_done_fn done;
	void *ud;
	struct tui *t;
};

struct scored { size_t i; int score; };

static int by_score(const void *a, const void *b)
{
	const struct scored *x = a, *y = b;

	if (x->score != y->score)
		return y->score > x->score ? 1 : -1;
	return x->i < y->i ? -1 : (x->i > y->i);
}

static void picker_filter(struct picker *p)
{
	const char *needle = sb_str(&p->le.text);
	struct scored *sc = xcalloc(p->items.n + 1, sizeof(*sc));
	size_t n = 0;

	for (size_t i = 0; i < p->items.n; i++) {
		int score = 0, s2 = 0;
		int ok = text_fuzzy_match(p->items.v[i], needle, &score);
		if (!ok && p->details.n > i && p->details.v[i] &&
		    text_fuzzy_match(p->details.v[i], needle, &s2)) {
			ok = 1;
			score = s2 - 1000;   /* path matches rank above description matches */
		}
		if (ok) {
			sc[n].i = i;
			sc[n++].score = score;
		}
	}
	if (*needle)
		qsort(sc, n, sizeof(*sc), by_score);
	free(p->match);
	p->match = xcalloc(n + 1, sizeof(*p->match));
	for (size_t k = 0; k < n; k++)
		p->match[k] = sc[k].i;
	p->nmatch = n;
	p->cursor = p->top = 0;
	free(sc);
}

static void picker_draw(struct modal *m, struct tui *t)
{
	struct picker *p = (struct picker *)m;
	struct rect r = popup_rect(16, 64);
	int list_h = r.h - 3;

	(void)t;
	popup_frame(r, p->title);
	m->cursor_y = r.y + 1;
	m->cursor_x = line_edit_draw(&p->le, r.y + 1, r.x + 1, r.w - 2, "> ", ROLE_POPUP);
	if (p->cursor < p->top)
		p->top = p->cursor;
	if (list_h > 0 && p->cursor >= p->top + (size_t)list_h)
		p->top = p->cursor - (size_t)list_h + 1;
	for (int i = 0; i < list_h && p->top + (size_t)i < p->nmatch; i++) {
		size_t k = p->top + (size_t)i, idx = p->match[k];
		int role = k == p->cursor ? ROLE_CURSOR : ROLE_POPUP;
		int y = r.y + 2 + i, used;
		dsp_fill(y, r.x + 1, r.w - 2, role);
		used = dsp_text(y, r.x + 2, r.w - 4, p->items.v[idx], role);
		if (p->details.n > idx && p->details.v[idx] && used + 4 < r.w - 4)
			dsp_text(y, r.x + 4 + used, r.w - 6 - used, p->details.v[idx],
				 k == p->cursor ? ROLE_CURSOR : ROLE_DIM);
	}
	if (!p->nmatch)
		dsp_text(r.y + 2, r.x + 2, r.w - 4,
			 p->allow_new && p->le.text.len ? "no match: Enter creates it" : "no match",
			 ROLE_DIM);
	dsp_textf(r.y + r.h - 1, r.x + 1, r.w - 2, ROLE_DIM, "%zu of %zu  Enter picks, Esc cancels",
		  p->nmatch, p->items.n);
}

static int picker_key(struct modal *m, struct tui *t, int key)
{
	struct picker *p = (struct picker *)m;
	picker_done_fn done = p->done;
	void *ud = p->ud;

	switch (keymap_lookup(KC_PROMPT, key)) {
	case A_PR_CANCEL:
		p->answered = 1;
		modal_pop(t, m);
		done(t, -2, NULL, ud);
		return 0;
	case A_PR_NEXT:
		if (p->cursor + 1 < p->nmatch)
			p->cursor++;
		return 0;
	case A_PR_PREV:
		if (p->cursor)
			p->cursor--;
		return 0;
	case A_PR_ACCEPT: {
		int idx = p->nmatch ? (int)p->match[p->cursor] : -1;
		char *typed = xstrdup(sb_str(&p->le.text));
		if (idx < 0 && (!p->allow_new || !*typed)) {
			free(typed);
			return 0;
		}
		p->answered = 1;
		modal_pop(t, m);
		done(t, idx, typed, ud);
		free(typed);
		return 0;
	}
	}
	if (line_edit_key(&p->le, key))
		picker_filter(p);
	return 0;
}

static void picker_free(struct modal *m)
{
	struct picker *p = (struct picker *)m;

	/* closed unanswered (quit, end of script): the callback frees its ud */
	if (!p->answered)
		p->done(p->t, -2, NULL, p->ud);
	sb_free(&p->le.text);
	sl_free(&p->items);
	sl_free(&p->details);
	free(p->match);
	free(p->title);
	free(p);
}

void picker_open(struct tui *t, const char *title, const strlist *items, const strlist *details,
		 int allow_new, picker_done_fn done, void *ud)
{
	struct picker *p = xcalloc(1, sizeof(*p));

	p->m.draw = picker_draw;
	p->m.key = picker_key;
	p->m.free = picker_free;
	p->title = xstrdup(title);
	sl_copy(&p->items, items);
	if (details)
		sl_copy(&p->details, details);
	p->allow_new = allow_new;
	p->t = t;
	p->done = done;
	p->ud = ud;
	sb_init(&p->le.text);
	line_edit_set(&p->le, "");
	picker_filter(p);
	modal_push(t, &p->m);
}

/* ---- confirm ---- */

struct confirm {
	struct modal m;
	char *question;
	confirm_done_fn done;
	void *ud;
	struct tui *t;
	int answered;
};

static void confirm_draw(struct modal *m, struct tui *t)
{
	struct confirm *c = (struct confirm *)m;
	int y = display_rows() - 1;

	(void)t;
	dsp_fill(y, 0, display_cols(), ROLE_MESSAGE);
	dsp_textf(y, 0, display_cols(), ROLE_PROMPT, "%s (y/n)", c->question);
}

static int confirm_key(struct modal *m, struct tui *t, int key)
{
	struct confirm *c = (struct confirm *)m;
	confirm_done_fn done = c->done;
	void *ud = c->ud;
	int yes = key == 'y' || key == 'Y';

	if (!yes && key != 'n' && key != 'N' && keymap_lookup(KC_PROMPT, key) != A_PR_CANCEL)
		return 0;
	c->answered = 1;
	modal_pop(t, m);
	done(t, yes, ud);
	return 0;
}

static void confirm_free(struct modal *m)
{
	struct confirm *c = (struct confirm *)m;

	if (!c->answered)
		c->done(c->t, 0, c->ud);
	free(c->question);
	free(c);
}

void confirm_open(struct tui *t, const char *question, confirm_done_fn done, void *ud)
{
	struct confirm *c = xcalloc(1, sizeof(*c));

	c->m.draw = confirm_draw;
	c->m.key = confirm_key;
	c->m.free = confirm_free;
	c->question = xstrdup(question);
	c->t = t;
	c->done = done;
	c->ud = ud;
	modal_push(t, &c->m);
}

/* ---- menu ---- */

struct menu {
	struct modal m;
	char *title, *hint;
	strlist lines;
	size_t cursor, top;
	menu_key_fn fn;
	void *ud;
};

static void menu_draw(struct modal *m, struct tui *t)
{
	struct menu *mu = (struct menu *)m;
	struct rect r = popup_rect((int)mu->lines.n + 3, 70);
	int list_h = r.h - 2;

	(void)t;
	popup_frame(r, mu->title);
	if (mu->cursor < mu->top)
		mu->top = mu->cursor;
	if (list_h > 0 && mu->cursor >= mu->top + (size_t)list_h)
		mu->top = mu->cursor - (size_t)list_h + 1;
	for (int i = 0; i < list_h && mu->top + (size_t)i < mu->lines.n; i++) {
		size_t k = mu->top + (size_t)i;
		int role = k == mu->cursor ? ROLE_CURSOR : ROLE_POPUP;
		dsp_fill(r.y + 1 + i, r.x + 1, r.w - 2, role);
		dsp_text(r.y + 1 + i, r.x + 2, r.w - 4, mu->lines.v[k], role);
	}
	dsp_text(r.y + r.h - 1, r.x + 1, r.w - 2, mu->hint, ROLE_DIM);
}

static int menu_key(struct modal *m, struct tui *t, int key)
{
	struct menu *mu = (struct menu *)m;

	switch (keymap_lookup(KC_FORM, key)) {
	case A_F_CANCEL:
		return 1;
	case A_F_NEXT:
		if (mu->cursor + 1 < mu->lines.n)
			mu->cursor++;
		return 0;
	case A_F_PREV:
		if (mu->cursor)
			mu->cursor--;
		return 0;
	}
	if (!mu->lines.n)
		return 0;
	return mu->fn(t, (int)mu->cursor, key, mu->ud);
}

static void menu_free(struct modal *m)
{
	struct menu *mu = (struct menu *)m;

	sl_free(&mu->lines);
	free(mu->title);
	free(mu->hint);
	free(mu);
}

void menu_open(struct tui *t, const char *title, const strlist *lines, const char *hint,
	       menu_key_fn fn, void *ud)
{
	struct menu *mu = xcalloc(1, sizeof(*mu));

	mu->m.draw = menu_draw;
	mu->m.key = menu_key;
	mu->m.free = menu_free;
	mu->title = xstrdup(title);
	mu->hint = xstrdup(hint);
	sl_copy(&mu->lines, lines);
	mu->fn = fn;
	mu->ud = ud;
	modal_push(t, &mu->m);
}
