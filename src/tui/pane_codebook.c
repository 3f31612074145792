/* pane_codebook.c: the code tree with counts; fold, add, rename, move,
 * merge, delete, describe and color codes; retrieval and filter from a
 * code. */
#include <stdlib.h>
#include <string.h>
#include "praxis/codebook.h"
#include "praxis/coding.h"
#include "praxis/keymap.h"
#include "praxis/memo.h"
#include "praxis/tui.h"

struct crow {
	int64_t id, parent;
	int dimension, depth, has_kids, folded;
	char *name, *path, *description;
	int64_t count, deep;
};

struct cstate {
	struct crow *all;
	size_t n;
	size_t *vis;
	size_t nvis;
	idlist folded;           /* kept across reloads */
	int counting;            /* the summaries are loading: no counts yet */
};

static void c_clear(struct cstate *s)
{
	for (size_t i = 0; i < s->n; i++) {
		free(s->all[i].name);
		free(s->all[i].path);
		free(s->all[i].description);
	}
	free(s->all);
	free(s->vis);
	s->all = NULL;
	s->vis = NULL;
	s->n = s->nvis = 0;
}

static void c_init(struct pane *p, struct tui *t)
{
	(void)t;
	p->st = xcalloc(1, sizeof(struct cstate));
}

static void c_free(struct pane *p)
{
	struct cstate *s = p->st;

	c_clear(s);
	idl_free(&s->folded);
	free(s);
}

struct collect_ctx {
	struct cstate *s;
	struct tui *t;
};

static int collect(const px_code *c, void *ud)
{
	struct cstate *s = ((struct collect_ctx *)ud)->s;
	struct crow *r;

	s->all = xrealloc(s->all, (s->n + 1) * sizeof(*s->all));
	r = &s->all[s->n++];
	memset(r, 0, sizeof(*r));
	r->id = c->id;
	r->parent = c->parent_id;
	r->dimension = c->dimension;
	r->depth = c->depth;
	r->name = xstrdup(c->parent_id ? c->name : codebook_root_short(c->dimension));
	r->description = xstrdup(c->description);
	r->path = xstrdup(names_get(&((struct collect_ctx *)ud)->t->names, NAMES_CODE, c->id));
	r->folded = idl_has(&s->folded, c->id);
	return 0;
}

static void rebuild_visible(struct pane *p)
{
	struct cstate *s = p->st;
	int hide_below = -1;

	free(s->vis);
	s->vis = xcalloc(s->n + 1, sizeof(*s->vis));
	s->nvis = 0;
	for (size_t i = 0; i < s->n; i++) {
		if (hide_below >= 0 && s->all[i].depth > hide_below)
			continue;
		hide_below = -1;
		s->vis[s->nvis++] = i;
		if (s->all[i].folded && s->all[i].has_kids)
			hide_below = s->all[i].depth;
	}
	pane_list_reset(p);
}

static void c_refresh(struct pane *p, struct tui *t)
{
	struct cstate *s = p->st;
	struct collect_ctx ctx = { s, t };
	int64_t *ids = NULL, *counts = NULL;
	size_t nc = 0;
	px_err e = { 0 };
	px_summary *sum = tui_summary(t);

	c_clear(s);
	s->counting = 0;
	if (codebook_each(t->db, collect, &ctx, &e))
		tui_error(t, "%s", e.msg);
	if (tui_summary_loading(t)) {
		/* counted when the summary state arrives (a placeholder till then) */
		s->counting = 1;
	} else if (sum && !summary_code_usage(sum, &counts, &nc, &e)) {
		/* indexed by code row id: the summary already counted them */
		for (size_t i = 0; i < s->n; i++)
			if (s->all[i].id > 0 && (size_t)s->all[i].id < nc)
				s->all[i].count = counts[s->all[i].id];
	} else {
		free(counts);
		counts = NULL;
		if (browse_code_counts(t->db, &ids, &counts, &nc, &e))
			tui_error(t, "%s", e.msg);
		for (size_t i = 0; i < s->n; i++)
			for (size_t k = 0; k < nc; k++)
				if (ids[k] == s->all[i].id)
					s->all[i].count = counts[k];
	}
	/* deep counts: add each code's own count to every ancestor (pre-order
	 * means an ancestor is the nearest earlier row one level up) */
	for (size_t i = 0; i < s->n; i++) {
		int depth = s->all[i].depth;
		s->all[i].deep += s->all[i].count;
		for (size_t k = i; k-- > 0 && depth > 0;)
			if (s->all[k].depth == depth - 1) {
				s->all[k].deep += s->all[i].count;
				s->all[k].has_kids = 1;
				depth--;
			}
	}
	free(ids);
	free(counts);
	rebuild_visible(p);
}

static struct crow *c_row(struct cstate *s, int64_t id)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->all[i].id == id)
			return &s->all[i];
	return NULL;
}

/* A coding moved: its code's count and the deep counts of the code and
 * every ancestor follow; an unknown code (made since the load) reloads. */
static void c_count(struct pane *p, int64_t code_id, int d)
{
	struct cstate *s = p->st;
	struct crow *r = c_row(s, code_id);

	if (!r) {
		p->stale = 1;
		return;
	}
	r->count += d;
	for (; r; r = r->parent ? c_row(s, r->parent) : NULL)
		r->deep += d;
}

static void c_coding(struct pane *p, struct tui *t, const px_coding *before,
		     const px_coding *after)
{
	(void)t;
	if (p->stale)
		return;
	if (before)
		c_count(p, before->code_id, -1);
	if (after)
		c_count(p, after->code_id, 1);
}

static size_t c_rows(struct pane *p)
{
	return ((struct cstate *)p->st)->nvis;
}

static const char *c_row_text(struct pane *p, size_t i)
{
	struct cstate *s = p->st;

	return s->all[s->vis[i]].path;
}

static void c_draw_row(struct pane *p, struct tui *t, size_t i, int y, int x, int w, int sel)
{
	struct cstate *s = p->st;
	struct crow *r = &s->all[s->vis[i]];
	int role = pane_row_role(sel, ROLE_NORMAL), ind = 1 + 2 * r->depth, used;
	char cnt[32];

	if (s->counting)
		snprintf(cnt, sizeof(cnt), "...");
	else
		snprintf(cnt, sizeof(cnt), "%lld", (long long)r->deep);
	int cw = (int)strlen(cnt);
	if (r->has_kids)
		dsp_raw(y, x + ind - 1, 1, r->folded ? "+" : "-", sel ? role : ROLE_DIM);
	used = dsp_text(y, x + ind + 1, w - ind - cw - 3, r->name,
			r->depth == 0 && !sel ? theme_dimension_role(r->dimension) : role);
	if (t->filter.code_id == r->id && !sel)
		dsp_raw(y, x + ind + 1 + used, 2, " =", ROLE_MATCH);
	dsp_text(y, x + w - cw - 1, cw, cnt, sel ? role : ROLE_DIM);
}

static int64_t current_code(struct pane *p, const struct crow **row)
{
	struct cstate *s = p->st;
	int ok;
	size_t i = pane_list_current(p, &ok);

	if (!ok)
		return 0;
	if (row)
		*row = &s->all[s->vis[i]];
	return s->all[s->vis[i]].id;
}

/* 1 if the code is listed (and now under the cursor). */
static int select_code(struct pane *p, int64_t id)
{
	struct cstate *s = p->st;

	for (size_t k = 0; k < s->nvis; k++)
		if (s->all[s->vis[k]].id == id)
			return pane_list_show(p, k);
	return 0;
}

static void unfold(struct cstate *s, int64_t id)
{
	idlist *f = &s->folded;

	for (size_t i = 0; i < f->n; i++)
		if (f->v[i] == id)
			f->v[i] = f->v[--f->n];
}

/* ---- actions ---- */

static void changed(struct tui *t, int rc, const px_err *e, const char *done)
{
	if (rc)
		tui_error(t, "%s", e->msg);
	else
		tui_message(t, "%s", done);
	tui_changed(t);
}

static void add_done(struct tui *t, const char *text, void *ud)
{
	int64_t parent = (int64_t)(intptr_t)ud, id = 0;
	px_err e = { 0 };
	int rc;

	if (!text || !*text)
		return;
	undo_begin(&t->undo, "add code");
	rc = codebook_add(t->db, parent, text, &id, &e);
	if (!rc)
		undo_record(&t->undo, UNDO_CODE_ADD, id, parent, parent, NULL, text);
	undo_end(&t->undo);
	changed(t, rc, &e, "code added");
	if (!rc) {
		struct pane *p = &t->panes[P_CODEBOOK];
		tui_names_reload(t);
		p->stale = 0;
		(p->ops->refresh)(p, t);
		select_code(p, id);
	}
}

static void rename_done(struct tui *t, const char *text, void *ud)
{
	int64_t id = (int64_t)(intptr_t)ud;
	px_code c = { 0 };
	px_err e = { 0 };
	int rc;

	if (!text || !*text || codebook_get(t->db, id, &c, &e))
		return;
	undo_begin(&t->undo, "rename code");
	rc = codebook_rename(t->db, id, text, &e);
	if (!rc)
		undo_record(&t->undo, UNDO_CODE_RENAME, id, 0, 0, c.name, text);
	undo_end(&t->undo);
	codebook_free(&c);
	changed(t, rc, &e, "code renamed");
}

/* Description and color share one shape: set a text field, record the
 * old and new value for undo. */
static void set_text_field(struct tui *t, int64_t id, const char *text, int kind)
{
	px_code c = { 0 };
	px_err e = { 0 };
	const char *v = text && *text ? text : NULL;
	int rc, desc = kind == UNDO_CODE_DESCRIBE;

	if (!text || codebook_get(t->db, id, &c, &e))
		return;
	undo_begin(&t->undo, desc ? "describe code" : "color code");
	rc = desc ? codebook_set_description(t->db, id, v, &e) : codebook_set_color(t->db, id, v, &e);
	if (!rc)
		undo_record(&t->undo, kind, id, 0, 0, desc ? c.description : c.color, v);
	undo_end(&t->undo);
	codebook_free(&c);
	changed(t, rc, &e, desc ? "description set" : "color set");
}

static void describe_done(struct tui *t, const char *text, void *ud)
{
	set_text_field(t, (int64_t)(intptr_t)ud, text, UNDO_CODE_DESCRIBE);
}

static void color_done(struct tui *t, const char *text, void *ud)
{
	set_text_field(t, (int64_t)(intptr_t)ud, text, UNDO_CODE_COLOR);
}

static void move_done(struct tui *t, int64_t parent, void *ud)
{
	int64_t id = (int64_t)(intptr_t)ud;
	px_code c = { 0 };
	px_err e = { 0 };
	int rc;

	if (!parent || codebook_get(t->db, id, &c, &e))
		return;
	undo_begin(&t->undo, "move code");
	rc = codebook_move(t->db, id, parent, &e);
	if (!rc)
		undo_record(&t->undo, UNDO_CODE_MOVE, id, c.parent_id, parent, NULL, NULL);
	undo_end(&t->undo);
	codebook_free(&c);
	changed(t, rc, &e, "code moved");
}

struct pair { int64_t from, into; };

/* Merge and delete as one undoable step: the subtree and its codings
 * are kept before the store call (which reports only a reset). */
static int tree_change(struct tui *t, int kind, int64_t id, int64_t into, int64_t *n, px_err *e)
{
	struct undo_csnap *snap = undo_csnap_load(t->db, id, e);
	int rc;

	if (!snap)
		return px_status_of(e);
	undo_begin(&t->undo, kind == UNDO_CODE_MERGE ? "merge codes" : "delete code");
	t->undo.quiet = 1;
	rc = kind == UNDO_CODE_MERGE ? codebook_merge(t->db, id, into, e) : codebook_delete(t->db, id, n, e);
	t->undo.quiet = 0;
	if (rc)
		undo_csnap_free(snap);
	else
		undo_record_code_tree(&t->undo, kind, id, into, snap);
	undo_end(&t->undo);
	return rc;
}

static void merge_confirmed(struct tui *t, int yes, void *ud)
{
	struct pair *pr = ud;
	px_err e = { 0 };

	if (yes)
		changed(t, tree_change(t, UNDO_CODE_MERGE, pr->from, pr->into, NULL, &e), &e,
			"codes merged (u undoes)");
	free(pr);
}

static void merge_done(struct tui *t, int64_t into, void *ud)
{
	struct pair *pr = xcalloc(1, sizeof(*pr));
	char *q;

	pr->from = (int64_t)(intptr_t)ud;
	pr->into = into;
	if (!into) {
		free(pr);
		return;
	}
	long long n = (long long)codebook_coding_count(t->db, pr->from, 1);
	q = xasprintf("merge %s (%lld coding%s) into %s?", names_get(&t->names, NAMES_CODE, pr->from),
		      n, PX_S(n), names_get(&t->names, NAMES_CODE, into));
	confirm_open(t, q, merge_confirmed, pr);
	free(q);
}

static void delete_confirmed(struct tui *t, int yes, void *ud)
{
	int64_t id = (int64_t)(intptr_t)ud, n = 0;
	px_err e = { 0 };

	if (yes)
		changed(t, tree_change(t, UNDO_CODE_DELETE, id, 0, &n, &e), &e, "code deleted (u undoes)");
}

static int c_key(struct pane *p, struct tui *t, int action, int key)
{
	const struct crow *r = NULL;
	int64_t id = current_code(p, &r);
	void *ud = (void *)(intptr_t)id;
	char *q;

	(void)key;
	if (!id)
		return 0;
	switch (action) {
	case A_C_FOLD:
		if (idl_has(&((struct cstate *)p->st)->folded, id)) {
			unfold(p->st, id);
		} else {
			idl_push(&((struct cstate *)p->st)->folded, id);
		}
		c_refresh(p, t);
		select_code(p, id);
		return 1;
	case A_C_ADD:
		prompt_open(t, "new sub-code name: ", "", NULL, add_done, ud);
		return 1;
	case A_C_RENAME:
		if (!r->parent) {
			tui_error(t, "the three roots cannot be renamed");
			return 1;
		}
		prompt_open(t, "rename to: ", r->name, NULL, rename_done, ud);
		return 1;
	case A_C_DESCRIBE:
		prompt_open(t, "description: ", r->description, NULL, describe_done, ud);
		return 1;
	case A_C_COLOR:
		prompt_open(t, "color (#rrggbb, empty clears): ", "", NULL, color_done, ud);
		return 1;
	case A_C_MOVE:
		tui_pick_code(t, "move under", 0, move_done, ud);
		return 1;
	case A_C_MERGE:
		tui_pick_code(t, "merge into", 0, merge_done, ud);
		return 1;
	case A_C_DELETE:
		if (!r->parent) {
			tui_error(t, "the three roots cannot be deleted");
			return 1;
		}
		q = xasprintf("delete %s and its %lld coding%s?", r->path, (long long)r->deep,
			      PX_S(r->deep));
		confirm_open(t, q, delete_confirmed, ud);
		free(q);
		return 1;
	case A_C_FILTER:
		t->filter.code_id = t->filter.code_id == id ? 0 : id;
		tui_filter_changed(t);
		return 1;
	case A_C_RETRIEVE:
	case A_OPEN:
		tui_retrieve(t, id);
		return 1;
	}
	return 0;
}

static int c_memo_target(struct pane *p, struct tui *t, int *kind, int64_t *id)
{
	(void)t;
	*kind = MEMO_CODE;
	return (*id = current_code(p, NULL)) != 0;
}

/* Unfolds the code's ancestors so its row is visible, then selects it. */
static int c_show(struct pane *p, struct tui *t, int kind, int64_t id)
{
	struct cstate *s = p->st;
	size_t at = s->n;

	(void)t;
	for (size_t i = 0; kind == MEMO_CODE && i < s->n; i++)
		if (s->all[i].id == id)
			at = i;
	if (at == s->n)
		return 0;
	/* pre-order: an ancestor is the nearest earlier row one level up */
	for (size_t k = at, depth = (size_t)s->all[at].depth; k-- > 0 && depth > 0;)
		if ((size_t)s->all[k].depth == depth - 1) {
			s->all[k].folded = 0;
			unfold(s, s->all[k].id);
			depth--;
		}
	rebuild_visible(p);
	return select_code(p, id);
}

const struct pane_ops pane_codebook_ops = {
	.name = "Codebook",
	.ctx = KC_CODEBOOK,
	.is_list = 1,
	.init = c_init,
	.free = c_free,
	.refresh = c_refresh,
	.key = c_key,
	.rows = c_rows,
	.title = pane_list_title,
	.row_text = c_row_text,
	.draw_row = c_draw_row,
	.coding = c_coding,
	.memo_target = c_memo_target,
	.show = c_show,
};
