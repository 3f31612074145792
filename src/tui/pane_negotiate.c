/* pane_negotiate.c: the negotiation view (`:negotiate A B`, `N` in the
 * vignettes): full screen, the agreement figures of the pair, one row per
 * disagreement (vignette, code) with its decision, and below the selected
 * one's vignette text with the two coders' spans overlaid (A only, B only,
 * both). Decisions go through negotiate_resolve under the consensus coder;
 * `u` here undoes the last decision (restoring the one it replaced): the
 * interface's undo stack does not fit, since a decision is a memo as well
 * as codings. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "praxis/sync_conflict.h"
#include "praxis/agree.h"
#include "praxis/keymap.h"
#include "praxis/memo.h"
#include "praxis/negotiate.h"
#include "praxis/text.h"
#include "praxis/tui.h"
#include "praxis/vignette.h"

/* One row of the list: codes[k] of vignette v of the list, or (v =
 * CONFLICT_ROW) the sync conflict conf[k], listed first. */
struct nrow {
	size_t v, k;
};

#define CONFLICT_ROW ((size_t)-1)

/* The state of a disagreement before a change, to undo the change. */
struct nundo {
	int64_t vignette_id, code_id;
	int decision;            /* NEG_UNRESOLVED if open or edited */
	int edited;
	char *note;
};

struct nstate {
	int64_t a, b;            /* coder row ids, 0 before :negotiate */
	negotiate_list l;
	px_vignette *vig;        /* per l.v */
	struct nrow *rows;
	size_t nrows;
	char **text;             /* row text for the quick filter */
	agree_table pair, settled;
	int64_t units_vignettes;
	struct nundo *undo;
	size_t nundo;
	int pending;             /* the decision waiting for its note */
	int64_t act_vid, act_code; /* the disagreement being decided or edited */
	sync_conflict *conf;     /* what a sync left for a decision (issue 20) */
	size_t nconf;
};

static int is_conflict(const struct nstate *s, size_t i)
{
	return s->rows[i].v == CONFLICT_ROW;
}

static int collect_conflict(const sync_conflict *c, void *ud)
{
	struct nstate *s = ud;

	s->conf = xrealloc(s->conf, (s->nconf + 1) * sizeof(*s->conf));
	sync_conflict_copy(&s->conf[s->nconf++], c);
	return 0;
}

static struct nstate *ns(struct pane *p)
{
	return p->st;
}

static void n_clear(struct nstate *s)
{
	for (size_t i = 0; i < s->nrows; i++)
		free(s->text[i]);
	for (size_t i = 0; i < s->l.n; i++)
		vignette_free(&s->vig[i]);
	free(s->text);
	free(s->rows);
	free(s->vig);
	negotiate_list_free(&s->l);
	for (size_t i = 0; i < s->nconf; i++)
		sync_conflict_free(&s->conf[i]);
	free(s->conf);
	s->conf = NULL;
	s->nconf = 0;
	s->text = NULL;
	s->rows = NULL;
	s->vig = NULL;
	s->nrows = 0;
}

static void n_init(struct pane *p, struct tui *t)
{
	(void)t;
	p->st = xcalloc(1, sizeof(struct nstate));
}

static void undo_entry_free(struct nundo *u)
{
	free(u->note);
	u->note = NULL;
}

static void n_free(struct pane *p)
{
	struct nstate *s = ns(p);

	n_clear(s);
	for (size_t i = 0; i < s->nundo; i++)
		undo_entry_free(&s->undo[i]);
	free(s->undo);
	free(s);
	p->st = NULL;
}

static const negotiate_code *row_code(const struct nstate *s, size_t i)
{
	return &s->l.v[s->rows[i].v].codes[s->rows[i].k];
}

static const char *status_name(const negotiate_code *c)
{
	if (!c->memo_id)
		return "open";
	return c->decision == NEG_UNRESOLVED ? "edited" : negotiate_decision_name(c->decision);
}

static void figures(struct nstate *s, struct tui *t)
{
	agree_result r = { 0 };
	px_err e = { 0 };

	memset(&s->pair, 0, sizeof(s->pair));
	s->settled = s->pair;
	s->units_vignettes = 0;
	if (agree_compute(t->db, s->a, s->b, 0, AGREE_SEGMENT, &r, &e) ||
	    negotiate_settled(t->db, &s->l, &r.overall, &s->settled, &e)) {
		tui_error(t, "agreement: %s", e.msg);
		agree_result_free(&r);
		return;
	}
	s->pair = r.overall;
	s->units_vignettes = r.vignettes;
	agree_result_free(&r);
}

static void n_refresh(struct pane *p, struct tui *t)
{
	struct nstate *s = ns(p);
	px_err e = { 0 };
	size_t i = 0;

	n_clear(s);
	if (sync_conflict_each(t->db, NULL, collect_conflict, s, &e))
		tui_error(t, "conflicts: %s", e.msg);
	if (s->a && s->b && negotiate_load(t->db, s->a, s->b, &s->l, &e))
		tui_error(t, "negotiate: %s", e.msg);
	s->vig = xcalloc(s->l.n + 1, sizeof(*s->vig));
	s->nrows = s->nconf;
	for (size_t v = 0; v < s->l.n; v++) {
		vignette_get(t->db, s->l.v[v].vignette_id, &s->vig[v], NULL);
		s->nrows += s->l.v[v].ncodes;
	}
	s->rows = xcalloc(s->nrows + 1, sizeof(*s->rows));
	s->text = xcalloc(s->nrows + 1, sizeof(*s->text));
	for (size_t k = 0; k < s->nconf; k++, i++) {
		s->rows[i] = (struct nrow){ CONFLICT_ROW, k };
		s->text[i] = xasprintf("sync conflict %s %s %s", s->conf[k].kind,
				       s->conf[k].vignette ? s->conf[k].vignette : "",
				       s->conf[k].description);
	}
	for (size_t v = 0; v < s->l.n; v++)
		for (size_t k = 0; k < s->l.v[v].ncodes; k++, i++) {
			s->rows[i] = (struct nrow){ v, k };
			s->text[i] = xasprintf("%s %s %s", s->vig[v].title ? s->vig[v].title : "",
					       names_get(&t->names, NAMES_CODE, s->l.v[v].codes[k].code_id),
					       status_name(&s->l.v[v].codes[k]));
		}
	if (s->a && s->b)
		figures(s, t);
	pane_list_reset(p);
}

static size_t n_rows(struct pane *p)
{
	return ns(p)->nrows;
}

static const char *n_row_text(struct pane *p, size_t i)
{
	return ns(p)->text[i];
}

/* "2026-03-02 The pile         SR/tools       keep A    A only 4  both 6  B only 0";
 * date and title only on a vignette's first row. */
/* "sync conflict  coding   v03  edited on both sides: ..." */
static void draw_conflict_row(const sync_conflict *c, int y, int x, int w, int sel)
{
	int role = pane_row_role(sel, ROLE_NORMAL);

	dsp_text(y, x + 1, 14, "sync conflict", pane_row_role(sel, ROLE_PROMPT));
	dsp_text(y, x + 15, 8, c->kind, role);
	dsp_text(y, x + 23, 10, c->vignette ? c->vignette : "-", role);
	if (w > 34)
		dsp_text(y, x + 34, w - 34, c->description, role);
}

static void n_draw_row(struct pane *p, struct tui *t, size_t i, int y, int x, int w, int sel)
{
	struct nstate *s = ns(p);

	if (is_conflict(s, i)) {
		draw_conflict_row(&s->conf[s->rows[i].k], y, x, w, sel);
		return;
	}
	const negotiate_code *c = row_code(s, i);
	const px_vignette *v = &s->vig[s->rows[i].v];
	int role = pane_row_role(sel, ROLE_NORMAL), dim = sel ? role : ROLE_DIM;
	/* past 90 columns the title and the code path get the room */
	int extra = w > 90 ? w - 90 : 0, tw = 16 + extra / 3, cw = 14 + extra - extra / 3;
	int cx = x + 13 + tw, sx = cx + cw + 1, nx = sx + 10;

	if (s->rows[i].k == 0 || sel) {
		dsp_text(y, x + 1, 10, v->date ? v->date : "", dim);
		dsp_text(y, x + 12, tw, v->title ? v->title : "", role);
	}
	dsp_text(y, cx, cw, names_get(&t->names, NAMES_CODE, c->code_id), role);
	dsp_text(y, sx, 9, status_name(c), c->memo_id ? role : pane_row_role(sel, ROLE_PROMPT));
	if (w > nx - x)
		dsp_textf(y, nx, w - (nx - x), role, "A only %lld  both %lld  B only %lld",
			  (long long)c->a_only, (long long)c->both, (long long)c->b_only);
}

static void fmt_stat(char *buf, size_t n, double v)
{
	if (isnan(v))
		snprintf(buf, n, "-");
	else
		snprintf(buf, n, "%.3f", v);
}

static void draw_figures(int y, int x, int w, const char *label, const agree_table *tb)
{
	char k[16], a[16], o[16];

	fmt_stat(k, sizeof(k), agree_kappa(tb));
	fmt_stat(a, sizeof(a), agree_alpha(tb));
	fmt_stat(o, sizeof(o), agree_observed(tb));
	dsp_textf(y, x, w, ROLE_NORMAL, " %-16s kappa %s  alpha %s  observed %s", label, k, a, o);
}

/* Line starts of cp[0..n) wrapped at spaces to w columns. */
static size_t wrap(const uint32_t *cp, size_t n, int w, size_t **starts)
{
	size_t count = 0, i = 0;

	*starts = xcalloc(n + 2, sizeof(**starts));
	while (i < n || count == 0) {
		size_t brk = 0;
		int col = 0;
		(*starts)[count++] = i;
		while (i < n && cp[i] != '\n') {
			int cw = dsp_cp_width(cp[i]);
			if (col + cw > w && col > 0)
				break;
			col += cw;
			if (cp[i++] == ' ')
				brk = i;
		}
		if (i < n && cp[i] == '\n')
			i++;
		else if (i < n && brk > (*starts)[count - 1])
			i = brk;
		if (i >= n)
			break;
	}
	return count;
}

static int side_role(const negotiate_code *c, size_t at)
{
	static const int role[3] = { ROLE_NEG_BOTH, ROLE_NEG_A, ROLE_NEG_B };

	for (size_t k = 0; k < c->nsegs; k++)
		if ((int64_t)at >= c->segs[k].start && (int64_t)at < c->segs[k].end)
			return role[c->segs[k].side];
	return ROLE_NORMAL;
}

static void draw_legend(struct nstate *s, struct tui *t, size_t i, int y, int x, int w)
{
	const negotiate_code *c = row_code(s, i);
	int used = 0;

	dsp_fill(y, x, w, ROLE_BORDER);
	used += dsp_textf(y, x, w, ROLE_BORDER, "── %s: %s ", s->vig[s->rows[i].v].title,
			  names_get(&t->names, NAMES_CODE, c->code_id));
	used += dsp_text(y, x + used, w - used, " A only ", ROLE_NEG_A) + 1;
	used += dsp_text(y, x + used, w - used, " B only ", ROLE_NEG_B) + 1;
	dsp_text(y, x + used, w - used, " both ", ROLE_NEG_BOTH);
}

/* The vignette text with the selected code's runs overlaid, from the line
 * of the first run so the disagreement shows without scrolling. */
static void draw_overlay(struct nstate *s, size_t i, struct rect b)
{
	const negotiate_code *c = row_code(s, i);
	const char *text = s->vig[s->rows[i].v].text;
	size_t len = text ? strlen(text) : 0, n = 0, *starts, nl, first = 0;
	uint32_t *cp = xcalloc(len + 1, sizeof(*cp));

	for (size_t at = 0; at < len;)
		at += text_decode(text + at, len - at, &cp[n++]);
	nl = wrap(cp, n, b.w - 2, &starts);
	while (c->nsegs && first + 1 < nl && (int64_t)starts[first + 1] <= c->segs[0].start)
		first++;
	if (nl - first < (size_t)b.h)
		first = nl > (size_t)b.h ? nl - (size_t)b.h : 0;
	for (int r = 0; r < b.h && first + (size_t)r < nl; r++) {
		size_t from = starts[first + (size_t)r];
		size_t to = first + (size_t)r + 1 < nl ? starts[first + (size_t)r + 1] : n;
		int col = 1;
		for (size_t k = from; k < to; k++)
			if (cp[k] != '\n')
				col += dsp_cp(b.y + r, b.x + col, b.w - col, cp[k], side_role(c, k));
	}
	free(starts);
	free(cp);
}

static void n_draw(struct pane *p, struct tui *t, struct rect b)
{
	struct nstate *s = ns(p);
	struct rect list = b, rest;
	char label[64];
	int ok, lh;
	size_t i;

	if (!s->a && !s->nconf) {
		dsp_text(b.y, b.x + 1, b.w - 1, "(choose two coders: :negotiate A B)", ROLE_DIM);
		return;
	}
	if (s->a) {
		snprintf(label, sizeof(label), "%s vs %s", names_get(&t->names, NAMES_CODER, s->a),
			 names_get(&t->names, NAMES_CODER, s->b));
		draw_figures(b.y, b.x, b.w, label, &s->pair);
		draw_figures(b.y + 1, b.x, b.w, "after decisions", &s->settled);
	} else {
		dsp_text(b.y, b.x + 1, b.w - 1, "sync conflicts (:negotiate A B adds two coders' "
			 "disagreements)", ROLE_DIM);
	}
	lh = (b.h - 3) * 2 / 5;
	if (lh < 3)
		lh = 3;
	list = (struct rect){ b.y + 3, b.x, lh, b.w };
	if (!s->nrows) {
		dsp_text(list.y, b.x + 1, b.w - 1, "(no disagreements: the two coders agree)", ROLE_DIM);
		return;
	}
	pane_list_draw(p, t, list, 1);
	i = pane_list_current(p, &ok);
	if (!ok || b.h - 3 - lh < 2)
		return;
	rest = (struct rect){ list.y + lh, b.x, b.h - 3 - lh, b.w };
	if (is_conflict(s, i)) {
		negotiate_conflict_draw(t, &s->conf[s->rows[i].k], rest.y, rest.x, rest.h, rest.w);
		return;
	}
	draw_legend(s, t, i, rest.y, rest.x, rest.w);
	rest.y++;
	rest.h--;
	const negotiate_code *c = row_code(s, i);
	if (c->memo_id) {
		char *note = negotiate_memo_note(t->db, s->l.v[s->rows[i].v].vignette_id, c->memo_id);
		dsp_textf(rest.y, rest.x, rest.w, ROLE_MEMO, " decided: %s%s%s", status_name(c),
			  note ? " -- " : "", note ? note : "");
		free(note);
		rest.y++;
		rest.h--;
	}
	draw_overlay(s, i, rest);
}

static void n_title(struct pane *p, struct tui *t, char *buf, size_t n)
{
	struct nstate *s = ns(p);
	char pos[32];

	pane_list_position(p, pos, sizeof(pos));
	if (!s->a) {
		snprintf(buf, n, "Negotiate  %zu sync conflict%s  %s", s->nconf, PX_S(s->nconf),
			 pos);
		return;
	}
	snprintf(buf, n, "Negotiate  A = %s, B = %s  %lld/%lld resolved  %s",
		 names_get(&t->names, NAMES_CODER, s->a), names_get(&t->names, NAMES_CODER, s->b),
		 (long long)s->l.resolved, (long long)s->l.total, pos);
}

/* ---- decisions ---- */

static const negotiate_code *find_code(const struct nstate *s, int64_t vid, int64_t code)
{
	for (size_t v = 0; v < s->l.n; v++)
		for (size_t k = 0; k < s->l.v[v].ncodes; k++)
			if (s->l.v[v].vignette_id == vid && s->l.v[v].codes[k].code_id == code)
				return &s->l.v[v].codes[k];
	return NULL;
}

/* Remembers the disagreement's state before a change. */
static void push_undo(struct nstate *s, struct tui *t, int64_t vid, int64_t code)
{
	const negotiate_code *c = find_code(s, vid, code);
	struct nundo *u;

	s->undo = xrealloc(s->undo, (s->nundo + 1) * sizeof(*s->undo));
	u = &s->undo[s->nundo++];
	u->vignette_id = vid;
	u->code_id = code;
	u->decision = c && c->memo_id ? c->decision : NEG_UNRESOLVED;
	u->edited = c && c->memo_id && c->decision == NEG_UNRESOLVED;
	u->note = c && c->memo_id ? negotiate_memo_note(t->db, vid, c->memo_id) : NULL;
}

static void pop_undo(struct nstate *s)
{
	undo_entry_free(&s->undo[--s->nundo]);
}

/* Reloads now, so the cursor can move over the new rows. */
static void changed(struct pane *p, struct tui *t)
{
	tui_changed(t);
	n_refresh(p, t);
	p->stale = 0;
}

static void next_open(struct pane *p, size_t from)
{
	struct nstate *s = ns(p);

	for (size_t k = from; k < p->list.n; k++)
		if (!is_conflict(s, p->list.map[k]) && !row_code(s, p->list.map[k])->memo_id) {
			p->list.cursor = k;
			return;
		}
}

static const char *code_name(struct tui *t, int64_t code)
{
	return names_get(&t->names, NAMES_CODE, code);
}

static void decide_done(struct tui *t, const char *note, void *ud)
{
	struct pane *p = ud;
	struct nstate *s = ns(p);
	px_err e = { 0 };

	if (!note) {
		tui_message(t, "no decision taken");
		return;
	}
	push_undo(s, t, s->act_vid, s->act_code);
	if (negotiate_resolve(t->db, s->a, s->b, s->act_vid, s->act_code, s->pending, note, &e)) {
		pop_undo(s);
		tui_error(t, "negotiate: %s", e.msg);
		return;
	}
	changed(p, t);
	tui_message(t, "%s: %s (u undoes)", code_name(t, s->act_code),
		    negotiate_decision_name(s->pending));
	next_open(p, p->list.cursor);
}

static void decide(struct pane *p, struct tui *t, size_t i, int decision)
{
	struct nstate *s = ns(p);
	const negotiate_code *c = row_code(s, i);
	char *label;

	s->pending = decision;
	s->act_vid = s->l.v[s->rows[i].v].vignette_id;
	s->act_code = c->code_id;
	label = xasprintf("%s: note (Enter: none, Esc: cancel): ", negotiate_decision_name(decision));
	prompt_open(t, label, "", NULL, decide_done, p);
	free(label);
}

/* Brings the disagreement back to the state u recorded. */
static int restore(struct nstate *s, struct tui *t, const struct nundo *u, px_err *e)
{
	const negotiate_code *now = find_code(s, u->vignette_id, u->code_id);

	if (u->decision != NEG_UNRESOLVED)
		return negotiate_resolve(t->db, s->a, s->b, u->vignette_id, u->code_id, u->decision,
					 u->note, e);
	if (u->edited)
		return negotiate_record_edit(t->db, s->a, s->b, u->vignette_id, u->code_id, u->note, e);
	/* back to open; an edit keeps its hand-made codings */
	if (now && now->memo_id && now->decision == NEG_UNRESOLVED)
		return memo_delete(t->db, now->memo_id, e);
	return negotiate_unresolve(t->db, s->a, s->b, u->vignette_id, u->code_id, e);
}

static void undo_decision(struct pane *p, struct tui *t)
{
	struct nstate *s = ns(p);
	px_err e = { 0 };
	int64_t code;

	if (!s->nundo) {
		tui_error(t, "no decision to undo");
		return;
	}
	code = s->undo[s->nundo - 1].code_id;
	if (restore(s, t, &s->undo[s->nundo - 1], &e))
		tui_error(t, "undo: %s", e.msg);
	else
		tui_message(t, "undone: decision on %s", code_name(t, code));
	pop_undo(s);
	changed(p, t);
}

static void reopen(struct pane *p, struct tui *t, size_t i)
{
	struct nstate *s = ns(p);
	const negotiate_code *c = row_code(s, i);
	struct nundo open = { s->l.v[s->rows[i].v].vignette_id, c->code_id, NEG_UNRESOLVED, 0, NULL };
	px_err e = { 0 };

	if (!c->memo_id) {
		tui_error(t, "not decided yet");
		return;
	}
	push_undo(s, t, open.vignette_id, open.code_id);
	if (restore(s, t, &open, &e)) {
		pop_undo(s);
		tui_error(t, "reopen: %s", e.msg);
		return;
	}
	tui_message(t, "%s reopened (u undoes)", code_name(t, open.code_id));
	changed(p, t);
}

static void edit(struct pane *p, struct tui *t, size_t i)
{
	struct nstate *s = ns(p);
	const negotiate_code *c = row_code(s, i);
	int64_t consensus;
	px_err e = { 0 };

	if (negotiate_consensus_coder(t->db, 1, &consensus, &e)) {
		tui_error(t, "edit: %s", e.msg);
		return;
	}
	s->act_vid = s->l.v[s->rows[i].v].vignette_id;
	s->act_code = c->code_id;
	tui_post(t, (struct tui_req){ .kind = REQ_PUSH, .frame = FRAME_CONSENSUS, .coder = consensus,
				      .id = s->act_vid, .at = c->nsegs ? c->segs[0].start : 0 });
	tui_message(t, "coding as consensus: adjust %s by hand, Esc returns",
		    code_name(t, s->act_code));
}

static void edited_done(struct tui *t, const char *note, void *ud)
{
	struct pane *p = ud;
	struct nstate *s = ns(p);
	px_err e = { 0 };

	if (!note) {
		tui_message(t, "%s left open", code_name(t, s->act_code));
		return;
	}
	push_undo(s, t, s->act_vid, s->act_code);
	if (negotiate_record_edit(t->db, s->a, s->b, s->act_vid, s->act_code, note, &e)) {
		pop_undo(s);
		tui_error(t, "negotiate: %s", e.msg);
		return;
	}
	changed(p, t);
	tui_message(t, "%s: edited (u undoes)", code_name(t, s->act_code));
}

void pane_negotiate_edited(struct pane *p, struct tui *t)
{
	prompt_open(t, "record as edited? note (Enter: record, Esc: leave open): ", "", NULL,
		    edited_done, p);
}

static int n_key(struct pane *p, struct tui *t, int action, int key)
{
	static const int decision_of[] = {
		[A_N_KEEP_A] = NEG_KEEP_A, [A_N_KEEP_B] = NEG_KEEP_B,
		[A_N_KEEP_BOTH] = NEG_KEEP_BOTH, [A_N_DROP] = NEG_DROP,
	};
	int ok;
	size_t i = pane_list_current(p, &ok);

	(void)key;
	switch (action) {
	case A_BACK:
		if (p->list.quick)
			return 0;
		tui_post(t, (struct tui_req){ .kind = REQ_POP, .frame = FRAME_NEGOTIATE });
		return 1;
	case A_N_UNDO:
		undo_decision(p, t);
		return 1;
	case A_N_NEXT_OPEN:
		next_open(p, p->list.cursor + 1);
		return 1;
	}
	if (action < A_N_KEEP_A || action > A_N_REOPEN)
		return 0;
	if (!ok) {
		tui_error(t, "no disagreement selected");
		return 1;
	}
	if (is_conflict(ns(p), i)) {
		/* a sync conflict: a ours, b theirs, + both */
		int side = action == A_N_KEEP_A ? SYNC_OURS : action == A_N_KEEP_B ? SYNC_THEIRS
			: action == A_N_KEEP_BOTH ? SYNC_BOTH : -1;
		if (side < 0)
			tui_error(t, "a sync conflict: a keeps ours, b theirs, + both");
		else if (!tui_decide_conflict(t, ns(p)->conf[ns(p)->rows[i].k].id, side))
			p->stale = 1;
		return 1;
	}
	if (action == A_N_EDIT)
		edit(p, t, i);
	else if (action == A_N_REOPEN)
		reopen(p, t, i);
	else
		decide(p, t, i, decision_of[action]);
	return 1;
}

void pane_negotiate_set(struct pane *p, struct tui *t, int64_t coder_a, int64_t coder_b)
{
	struct nstate *s = ns(p);

	if (s->a != coder_a || s->b != coder_b) {
		for (size_t i = 0; i < s->nundo; i++)
			undo_entry_free(&s->undo[i]);
		s->nundo = 0;
		free(p->list.quick);
		p->list.quick = NULL;
	}
	s->a = coder_a;
	s->b = coder_b;
	p->list.cursor = p->list.top = 0;
	n_refresh(p, t);
	p->stale = 0;
	if (t->vignette_id)
		pane_negotiate_show(p, t->vignette_id);
}

void pane_negotiate_pair(struct pane *p, int64_t *coder_a, int64_t *coder_b)
{
	*coder_a = ns(p)->a;
	*coder_b = ns(p)->b;
}

void pane_negotiate_show(struct pane *p, int64_t vignette_id)
{
	struct nstate *s = ns(p);

	for (size_t k = 0; k < p->list.n; k++)
		if (!is_conflict(s, p->list.map[k]) &&
		    s->l.v[s->rows[p->list.map[k]].v].vignette_id == vignette_id) {
			p->list.cursor = k;
			return;
		}
}

const struct pane_ops pane_negotiate_ops = {
	.name = "Negotiate",
	.ctx = KC_NEGOTIATE,
	.is_list = 1,
	.init = n_init,
	.free = n_free,
	.refresh = n_refresh,
	.draw = n_draw,
	.key = n_key,
	.title = n_title,
	.rows = n_rows,
	.row_text = n_row_text,
	.draw_row = n_draw_row,
	.coding = pane_coding_stale,
};
