/* tui.c: the event loop, layout, status and message lines, and the
 * actions shared by panes (opening a vignette, applying a code, the code
 * picker, retrieval). One loop serves the terminal and the headless
 * script: only the source of keys differs. */
#include <curses.h>
#include <locale.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "praxis/sync.h"
#include "praxis/sync_conflict.h"
#include "praxis/codebook.h"
#include "praxis/config.h"
#include "praxis/coding.h"
#include "praxis/display.h"
#include "praxis/entity.h"
#include "praxis/keymap.h"
#include "praxis/script.h"
#include "praxis/timing.h"
#include "praxis/text.h"
#include "praxis/tui.h"

static const struct pane_ops *const pane_table[P_COUNT] = {
	[P_VIGNETTES] = &pane_vignettes_ops,
	[P_PARTICIPANTS] = &pane_participants_ops,
	[P_READER] = &pane_reader_ops,
	[P_CODEBOOK] = &pane_codebook_ops,
	[P_SUMMARIES] = &pane_summaries_ops,
	[P_RETRIEVAL] = &pane_retrieval_ops,
	[P_HELP] = &pane_help_ops,
	[P_NEGOTIATE] = &pane_negotiate_ops,
	[P_LOG] = &pane_log_ops,
	[P_MEMOS] = &pane_memos_ops,
};

/* Focus order of the panes that show in the layout. */
static int focus_order(const struct tui *t, int *out)
{
	int n = 0;

	out[n++] = P_VIGNETTES;
	out[n++] = P_PARTICIPANTS;
	out[n++] = t->center;
	out[n++] = P_CODEBOOK;
	out[n++] = P_SUMMARIES;
	return n;
}

static void vmessage(struct tui *t, int role, const char *fmt, va_list ap)
{
	vsnprintf(t->msg, sizeof(t->msg), fmt, ap);
	t->msg_role = role;
}

void tui_message(struct tui *t, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmessage(t, ROLE_MESSAGE, fmt, ap);
	va_end(ap);
}

void tui_error(struct tui *t, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmessage(t, ROLE_ERROR, fmt, ap);
	va_end(ap);
}

static void count_vignettes(struct tui *t)
{
	px_err e = { 0 };

	if (browse_vignette_count(t->db, &t->filter, &t->total_vignettes, &e)) {
		tui_error(t, "%s", e.msg);
		t->total_vignettes = 0;   /* said; not asked again until a change */
	}
}

void tui_names_reload(struct tui *t)
{
	px_err e = { 0 };

	names_free(&t->names);
	/* every kind the interface names; not one entry per vignette */
	if (names_load_kinds(t->db, &t->names, ~NAMES_BIT(NAMES_VIGNETTE), &e))
		tui_error(t, "%s", e.msg);
}

px_summary *tui_summary(struct tui *t)
{
	px_err e = { 0 };

	if (!t->sum || t->sum_err)
		return NULL;
	return summary_sync(t->sum, &e) ? NULL : t->sum;
}

int tui_summary_loading(const struct tui *t)
{
	return t->sum_job != NULL || t->sum_deferred;
}

/* The panes that count from the summary state refresh when it arrives. */
static void summary_arrived(struct tui *t)
{
	t->sum_epoch++;
	t->panes[P_SUMMARIES].stale = 1;
	t->panes[P_CODEBOOK].stale = 1;
	t->panes[P_PARTICIPANTS].stale = 1;
}

/* Starts loading the summary state on its own thread (the first frame
 * does not wait for it); where no second connection can see what this
 * one sees, loads it here. */
static void start_summary(struct tui *t)
{
	px_err e = { 0 };
	int rc = summary_bg_start(t->db, &t->sum_job, &e);

	if (!rc && !t->sum_job)
		rc = summary_open(t->db, &t->sum, &e);
	free(t->sum_err);
	t->sum_err = rc ? xstrdup(e.msg) : NULL;
	/* while it loads, the total counts the change since its snapshot */
	t->total_codings = t->sum_job ? 0 : coding_count(t->db);
}

/* What was held back until the first frame was painted: the count of
 * vignettes and the summaries' load. No key has been handled before, so
 * the load's snapshot misses no write of ours. */
static void after_first_frame(struct tui *t)
{
	if (t->total_vignettes < 0)
		count_vignettes(t);
	/* the status line's unsynced and conflicts (scans, like the count) */
	tui_sync_counts(t);
	if (!t->sum_deferred)
		return;
	t->sum_deferred = 0;
	start_summary(t);
}

/* Takes the loaded state once the thread is done (wait: even if not);
 * the codings made meanwhile are in it and in the total. */
static void poll_summary(struct tui *t, int wait)
{
	px_err e = { 0 };
	int64_t n = 0;

	if (!t->sum_job || (!wait && !summary_bg_ready(t->sum_job)))
		return;
	if (summary_bg_finish(t->sum_job, &t->sum, &n, &e)) {
		t->sum_err = xstrdup(e.msg);
		t->total_codings = coding_count(t->db);
	} else {
		/* a reset came meanwhile: the listener's deltas do not cover it */
		t->total_codings = summary_stale(t->sum) ? coding_count(t->db) : t->total_codings + n;
	}
	t->sum_job = NULL;
	summary_arrived(t);
	timing_mark("summaries");
}

/* 1 if a load must be awaited here: a script sees the loaded state
 * (its screens do not depend on the loader's speed) unless a test holds
 * the load back to press keys while it runs. */
static int script_waits(const struct tui *t)
{
	return t->headless && !getenv("PRAXIS_TEST_SUMMARY_DELAY_MS");
}

/* Another process wrote (no listener saw it): the summary state reloads
 * here, the one place that asks, before any pane reads it; on its
 * thread, as at start-up. */
static void reload_summary(struct tui *t)
{
	if (!t->sum && !t->sum_job && !t->sum_err)
		return;
	summary_bg_cancel(t->sum_job);
	t->sum_job = NULL;
	summary_close(t->sum);
	t->sum = NULL;
	start_summary(t);
	summary_arrived(t);
	if (script_waits(t))
		poll_summary(t, 1);
}

/* The team's state for the status line: what this copy has not shared
 * yet and what a sync left for a decision (0 when unreadable). */
void tui_sync_counts(struct tui *t)
{
	char *synced = NULL;

	/* a project never synced has no team to be behind */
	db_meta_get(t->db, "sync_time", &synced, NULL);
	if (!synced || sync_unsynced(t->db, &t->unsynced, NULL))
		t->unsynced = 0;
	free(synced);
	if (sync_conflict_count(t->db, &t->conflicts, NULL))
		t->conflicts = 0;
}

static void reload_counts(struct tui *t)
{
	tui_sync_counts(t);
	tui_names_reload(t);
	count_vignettes(t);
	if (!tui_summary_loading(t))
		t->total_codings = coding_count(t->db);
}

void tui_changed(struct tui *t)
{
	reload_counts(t);
	for (int i = 0; i < P_COUNT; i++)
		t->panes[i].stale = 1;
	t->reload_all = 0;
}

/* 1 if the filter keeps vignettes by their codings: a coding change can
 * then move vignettes in or out of the list. */
static int filter_on_codings(const struct tui *t)
{
	return t->filter.code_id || t->filter.coder_id;
}

/* The store's listener: each coding change moves the totals and the
 * panes' counts at once; a reset or a rollback asks for a full reload. */
static void on_store_event(void *ud, int event, const px_coding *before, const px_coding *after)
{
	struct tui *t = ud;

	if (event == DB_EV_RESET || event == DB_EV_ROLLBACK) {
		t->reload_all = 1;
		before = after = NULL;
	}
	t->total_codings += (after != NULL) - (before != NULL);
	for (int i = 0; i < P_COUNT; i++)
		if (t->panes[i].ops && t->panes[i].ops->coding)
			t->panes[i].ops->coding(&t->panes[i], t, before, after);
}

void tui_codings_changed(struct tui *t)
{
	if (t->reload_all) {
		tui_changed(t);
		return;
	}
	tui_sync_counts(t);
	if (filter_on_codings(t)) {
		count_vignettes(t);
		t->panes[P_VIGNETTES].stale = 1;
	}
}

/* Only the panes that show the filtered list follow a filter: the others
 * mark the filter at draw time. */
void tui_filter_changed(struct tui *t)
{
	tui_leave_override(t);
	count_vignettes(t);
	t->panes[P_VIGNETTES].stale = 1;
	t->panes[P_SUMMARIES].stale = 1;
	t->panes[P_MEMOS].stale = 1;
}

void tui_layout(struct tui *t)
{
	int rows = display_rows(), cols = display_cols(), h = rows - 2;
	int order[P_COUNT], n = focus_order(t, order), fill = tui_fill(t);

	for (int i = 0; i < P_COUNT; i++) {
		t->panes[i].visible = 0;
		t->panes[i].r = (struct rect){ 0, 0, 0, 0 };
	}
	t->too_small = cols < TUI_MIN_COLS || rows < TUI_MIN_ROWS;
	if (t->too_small)
		return;
	t->tabs = cols < TUI_FULL_COLS || rows < TUI_FULL_ROWS;
	if (fill >= 0 || t->tabs) {
		int which = fill >= 0 ? fill : t->focus;
		int top = fill < 0 ? 1 : 0;
		t->panes[which].r = (struct rect){ top, 0, h - top, cols };
		t->panes[which].visible = 1;
		return;
	}
	int lw = cols * 30 / 100, rw = cols * 28 / 100;
	int cw = cols - lw - rw - 2;
	int lh = h * 60 / 100, rh = h * 55 / 100;
	t->panes[P_VIGNETTES].r = (struct rect){ 0, 0, lh, lw };
	t->panes[P_PARTICIPANTS].r = (struct rect){ lh, 0, h - lh, lw };
	t->panes[t->center].r = (struct rect){ 0, lw + 1, h, cw };
	t->panes[P_CODEBOOK].r = (struct rect){ 0, lw + cw + 2, rh, rw };
	t->panes[P_SUMMARIES].r = (struct rect){ rh, lw + cw + 2, h - rh, rw };
	for (int i = 0; i < n; i++)
		t->panes[order[i]].visible = 1;
}

static void draw_tabs(struct tui *t)
{
	int order[P_COUNT], n = focus_order(t, order), x = 0;

	dsp_fill(0, 0, display_cols(), ROLE_TITLE);
	for (int i = 0; i < n; i++) {
		int role = order[i] == t->focus ? ROLE_TITLE_FOCUS : ROLE_TITLE;
		x += dsp_textf(0, x, display_cols() - x, role, " %s ", pane_table[order[i]]->name);
	}
}

static void filter_text(struct tui *t, strbuf *b)
{
	const browse_filter *f = &t->filter;

	if (f->participant_id)
		sb_printf(b, " participant=%s", names_get(&t->names, NAMES_PSEUDONYM, f->participant_id));
	if (f->community_id)
		sb_printf(b, " community=%s", names_get(&t->names, NAMES_COMMUNITY, f->community_id));
	if (f->code_id)
		sb_printf(b, " code=%s", names_get(&t->names, NAMES_CODE, f->code_id));
	if (f->coder_id)
		sb_printf(b, " coder=%s", names_get(&t->names, NAMES_CODER, f->coder_id));
	if (f->date_from)
		sb_printf(b, " from=%s", f->date_from);
	if (f->date_to)
		sb_printf(b, " to=%s", f->date_to);
	if (f->search)
		sb_printf(b, " search=\"%s\"", f->search);
	if (f->drill)
		sb_printf(b, " drill=%s", f->drill_label ? f->drill_label : "");
}

/* Every override in force, in the override colour from x on: the
 * frames that change the coder say so. Returns the columns used. */
static int draw_overrides(struct tui *t, int y, int x)
{
	int used = 0, cols = display_cols();

	for (int i = 0; i < t->nframes && x + used < cols; i++) {
		if (!t->frames[i].coder)
			continue;
		used += dsp_textf(y, x + used, cols - x - used, ROLE_OVERRIDE, "coder %s (not %s)",
				  names_get(&t->names, NAMES_CODER, t->frames[i].coder),
				  names_get(&t->names, NAMES_CODER, t->own_coder));
	}
	return used;
}

static void draw_status(struct tui *t)
{
	int y = display_rows() - 2, cols = display_cols(), x;
	const char *slash = strrchr(t->db_path, '/');
	strbuf b;

	sb_init(&b);
	dsp_fill(y, 0, cols, ROLE_STATUS);
	sb_printf(&b, " %s | %s", slash ? slash + 1 : t->db_path,
		  t->read_only ? "read-only | " : "");
	if (t->coder_id == t->own_coder)
		sb_printf(&b, "coder %s", names_get(&t->names, NAMES_CODER, t->coder_id));
	x = dsp_text(y, 0, cols, sb_str(&b), ROLE_STATUS);
	if (t->coder_id != t->own_coder && x < cols)
		x += draw_overrides(t, y, x);
	sb_reset(&b);
	if (t->total_vignettes < 0)
		sb_add(&b, " | counting vignettes | ");
	else
		sb_printf(&b, " | %lld vignette%s | ", (long long)t->total_vignettes,
			  PX_S(t->total_vignettes));
	if (tui_summary_loading(t))
		sb_add(&b, "counting codings");
	else
		sb_printf(&b, "%lld coding%s", (long long)t->total_codings, PX_S(t->total_codings));
	if (t->unsynced || t->conflicts)
		sb_printf(&b, " | %lld unsynced | %lld conflict%s", (long long)t->unsynced,
			  (long long)t->conflicts, PX_S(t->conflicts));
	if (browse_filter_active(&t->filter)) {
		sb_add(&b, " | filter:");
		filter_text(t, &b);
	}
	if (x < cols)
		dsp_text(y, x, cols - x, sb_str(&b), ROLE_STATUS);
	sb_free(&b);
	dsp_fill(y + 1, 0, cols, ROLE_MESSAGE);
	dsp_text(y + 1, 0, cols, t->msg[0] ? t->msg : "? help  : command  Tab next pane  q quit",
		 t->msg[0] ? t->msg_role : ROLE_DIM);
}

static void draw_too_small(void)
{
	int rows = display_rows(), cols = display_cols();

	for (int y = 0; y < rows; y++)
		dsp_fill(y, 0, cols, ROLE_NORMAL);
	dsp_textf(rows / 2 - 1, 0, cols, ROLE_TOO_SMALL, "terminal too small");
	dsp_textf(rows / 2, 0, cols, ROLE_NORMAL, "%dx%d, need %dx%d", cols, rows, TUI_MIN_COLS,
		  TUI_MIN_ROWS);
}

static void draw(struct tui *t)
{
	int cy = -1, cx = -1, fill = tui_fill(t);

	display_clear();
	if (t->too_small) {
		draw_too_small();
		display_flush(-1, -1);
		return;
	}
	if (t->tabs && fill < 0)
		draw_tabs(t);
	for (int i = 0; i < P_COUNT; i++)
		if (t->panes[i].visible)
			pane_draw(&t->panes[i], t, i == t->focus || i == fill);
	if (!t->tabs && fill < 0) {
		struct rect c = t->panes[t->center].r;
		dsp_vline(0, c.x - 1, display_rows() - 2, ROLE_BORDER);
		dsp_vline(0, c.x + c.w, display_rows() - 2, ROLE_BORDER);
	}
	draw_status(t);
	modal_draw_all(t);
	if (t->modal) {
		cy = t->modal->cursor_y;
		cx = t->modal->cursor_x;
	}
	display_flush(cy, cx);
}

int tui_add_coding(struct tui *t, px_coding *c)
{
	px_err e = { 0 };
	int rc, dim;

	undo_begin(&t->undo, "code");
	rc = coding_add(t->db, c, &e);
	undo_end(&t->undo);
	tui_codings_changed(t);
	if (rc) {
		tui_error(t, "%s", e.msg);
		return rc;
	}
	dim = names_code_dimension(&t->names, c->code_id);
	if (dim >= 1 && dim <= 3 && c->code_id > 3)
		t->last_code[dim] = c->code_id;
	tui_message(t, "coded %s (u undoes)", names_get(&t->names, NAMES_CODE, c->code_id));
	return PX_OK;
}

int tui_apply_code(struct tui *t, int64_t code_id, int64_t start, int64_t end, int form)
{
	px_coding c = { 0 };
	int rc = PX_OK;

	if (!t->vignette_id) {
		tui_error(t, "no vignette open");
		return PX_EUSAGE;
	}
	c.vignette_id = t->vignette_id;
	c.code_id = code_id;
	c.coder_id = t->coder_id;
	c.start = start;
	c.end = end;
	if (form)
		form_open_new(t, &c);   /* the form's save adds it */
	else
		rc = tui_add_coding(t, &c);
	coding_free(&c);
	return rc;
}

int tui_code_role(struct tui *t, int64_t code_id)
{
	int dim = names_code_dimension(&t->names, code_id), role;
	px_code c = { 0 };

	role = theme_dimension_role(dim);
	if (role == ROLE_NORMAL || codebook_get(t->db, code_id, &c, NULL))
		return role;
	if (c.color)
		role = dsp_code_role(c.color, role);
	codebook_free(&c);
	return role;
}

/* ---- the code picker ---- */

struct pick_ctx {
	code_pick_fn done;
	void *ud;
	idlist ids;
	char *typed;
};

static int collect_code(const px_code *c, void *ud)
{
	idl_push(ud, c->id);
	return 0;
}

static void pick_create(struct tui *t, int yes, void *ud)
{
	struct pick_ctx *pc = ud;
	int64_t id = 0;
	int created = 0;
	px_err e = { 0 };

	if (yes) {
		if (codebook_resolve(t->db, pc->typed, 1, &id, &created, &e)) {
			tui_error(t, "%s", e.msg);
			id = 0;
		} else {
			tui_changed(t);
		}
	}
	if (id)
		pc->done(t, id, pc->ud);
	idl_free(&pc->ids);
	free(pc->typed);
	free(pc);
}

static void pick_done(struct tui *t, int index, const char *typed, void *ud)
{
	struct pick_ctx *pc = ud;
	int64_t id = 0;

	if (index >= 0) {
		pc->done(t, pc->ids.v[index], pc->ud);
	} else if (index == -1 && typed && *typed) {
		if (codebook_resolve(t->db, typed, 0, &id, NULL, NULL) == PX_OK) {
			pc->done(t, id, pc->ud);
		} else {
			char *q = xasprintf("create code %s?", typed);
			pc->typed = xstrdup(typed);
			confirm_open(t, q, pick_create, pc);
			free(q);
			return;
		}
	}
	idl_free(&pc->ids);
	free(pc);
}

void tui_pick_code(struct tui *t, const char *title, int allow_new, code_pick_fn done, void *ud)
{
	struct pick_ctx *pc = xcalloc(1, sizeof(*pc));
	strlist items = { 0 }, details = { 0 };
	px_err e = { 0 };

	pc->done = done;
	pc->ud = ud;
	if (codebook_each(t->db, collect_code, &pc->ids, &e))
		tui_error(t, "%s", e.msg);
	for (size_t i = 0; i < pc->ids.n; i++) {
		px_code c = { 0 };
		sl_push(&items, names_get(&t->names, NAMES_CODE, pc->ids.v[i]));
		codebook_get(t->db, pc->ids.v[i], &c, NULL);
		sl_push(&details, c.description ? c.description : "");
		codebook_free(&c);
	}
	picker_open(t, title, &items, &details, allow_new, pick_done, pc);
	sl_free(&items);
	sl_free(&details);
}

int tui_edit_file(struct tui *t, const char *path)
{
	const char *ed = getenv("VISUAL");
	char *cmd;
	int rc;

	(void)t;
	if (!ed || !*ed)
		ed = getenv("EDITOR");
	if (!ed || !*ed)
		ed = "vi";
	cmd = xasprintf("%s '%s'", ed, path);
	display_suspend();
	/* $EDITOR is a command line by convention ("code -w"): the shell runs it */
	rc = system(cmd);   // NOLINT(cert-env33-c)
	display_resume();
	free(cmd);
	return rc == 0 ? 0 : -1;
}

/* ---- keys ---- */

static void cycle_focus(struct tui *t, int dir)
{
	int order[P_COUNT], n = focus_order(t, order), at = 0;

	for (int i = 0; i < n; i++)
		if (order[i] == t->focus)
			at = i;
	tui_focus(t, order[(at + dir + n) % n]);
}

static void search_done(struct tui *t, const char *text, void *ud)
{
	(void)ud;
	if (!text)
		return;
	free(t->filter.search);
	t->filter.search = *text ? xstrdup(text) : NULL;
	tui_filter_changed(t);
}

void tui_search_order(struct tui *t, int order)
{
	t->filter.order = order;
	tui_filter_changed(t);
	tui_message(t, "%s%s", order == BROWSE_ORDER_DATE ? "search hits by date" :
		    "search hits by relevance", t->filter.search ? "" : " (when you search)");
}

void tui_search_prompt(struct tui *t, const char *label)
{
	prompt_open(t, label, t->filter.search, NULL, search_done, NULL);
}

/* 1 if the step undo (or redo) would apply changes only codings. */
static int step_only_codings(const struct undo *u, int redo)
{
	const struct undo_step *st;

	if (redo ? u->pos >= u->n : u->pos == 0)
		return 0;
	st = &u->steps[redo ? u->pos : u->pos - 1];
	for (size_t i = 0; i < st->n; i++)
		if (st->ops[i].kind != UNDO_CODING)
			return 0;
	return 1;
}

static void do_undo(struct tui *t, int redo)
{
	const char *label = NULL;
	px_err e = { 0 };
	int codings = step_only_codings(&t->undo, redo);
	int rc = redo ? undo_redo(&t->undo, &label, &e) : undo_undo(&t->undo, &label, &e);

	if (rc)
		tui_error(t, "%s", e.msg);
	else
		tui_message(t, "%s: %s", redo ? "redone" : "undone", label);
	if (codings)
		tui_codings_changed(t);
	else
		tui_changed(t);
}

static void command_done(struct tui *t, const char *text, void *ud)
{
	(void)ud;
	if (text && *text)
		tui_command(t, text);
}

void tui_command_prompt(struct tui *t, const char *initial)
{
	prompt_open(t, ":", initial, tui_command_complete, command_done, NULL);
}

static int global_key(struct tui *t, int action)
{
	int top = tui_top_frame(t);

	/* the negotiation view is the whole screen: no panes to move between */
	if (top == FRAME_NEGOTIATE &&
	    (action == A_NEXT_PANE || action == A_PREV_PANE || action == A_ZOOM))
		return 1;
	switch (action) {
	case A_QUIT: t->running = 0; return 1;
	case A_HELP:
		tui_post(t, (struct tui_req){ .kind = top == FRAME_HELP ? REQ_POP : REQ_PUSH, .frame = FRAME_HELP });
		return 1;
	case A_LOG:
		tui_post(t, (struct tui_req){ .kind = top == FRAME_LOG ? REQ_POP : REQ_PUSH, .frame = FRAME_LOG });
		return 1;
	case A_MEMOS:
		tui_post(t, (struct tui_req){ .kind = top == FRAME_MEMOS ? REQ_POP : REQ_PUSH,
					      .frame = FRAME_MEMOS });
		return 1;
	case A_COMMAND:
		tui_command_prompt(t, "");
		return 1;
	case A_NEXT_PANE: cycle_focus(t, 1); return 1;
	case A_PREV_PANE: cycle_focus(t, -1); return 1;
	case A_ZOOM:
		tui_post(t, (struct tui_req){ .kind = tui_in_frame(t, FRAME_ZOOM) ? REQ_POP : REQ_PUSH,
					      .frame = FRAME_ZOOM });
		return 1;
	case A_UNDO: do_undo(t, 0); return 1;
	case A_REDO: do_undo(t, 1); return 1;
	case A_SEARCH:
		tui_search_prompt(t, "search: ");
		return 1;
	case A_CLEAR_FILTER:
		browse_filter_clear(&t->filter);
		tui_filter_changed(t);
		tui_message(t, "filter cleared");
		return 1;
	case A_REDRAW: tui_changed(t); return 1;
	case A_MEMO: tui_memo_prompt(t); return 1;
	}
	return 0;
}

/* One list action for pane p, the way a key would reach it. */
static void pane_action(struct tui *t, struct pane *p, int action)
{
	if (p->ops->key && p->ops->key(p, t, action, 0))
		return;
	if (p->ops->is_list)
		pane_list_key(p, t, action);
}

static int pane_at(struct tui *t, int y, int x)
{
	for (int i = 0; i < P_COUNT; i++) {
		struct rect r = t->panes[i].r;
		if (t->panes[i].visible && y >= r.y && y < r.y + r.h && x >= r.x && x < r.x + r.w)
			return i;
	}
	return -1;
}

#define WHEEL_ROWS 3

/* A click focuses the pane under the pointer and selects the row or
 * places the reader's cursor there; the wheel scrolls the pane under the
 * pointer (three rows) without moving the focus. Popups take no mouse. */
static void handle_mouse(struct tui *t, int key)
{
	int y = TK_MOUSE_ROW(key), x = TK_MOUSE_COL(key), kind = TK_MOUSE_KIND(key);
	int which = pane_at(t, y, x);
	struct pane *p;
	struct rect b;

	if (t->modal || t->too_small || which < 0)
		return;
	p = &t->panes[which];
	if (kind == TK_WHEEL_UP || kind == TK_WHEEL_DOWN) {
		if (p->ops->wheel) {
			p->ops->wheel(p, t, kind == TK_WHEEL_UP ? -1 : 1);
			return;
		}
		for (int i = 0; i < WHEEL_ROWS; i++)
			pane_action(t, p, kind == TK_WHEEL_UP ? A_UP : A_DOWN);
		return;
	}
	if (which != t->focus && which != tui_fill(t))
		tui_focus(t, which);
	b = pane_body(p);
	if (y < b.y || y >= b.y + b.h || x < b.x || x >= b.x + b.w)
		return;
	if (p->ops->click)
		p->ops->click(p, t, y - b.y, x - b.x);
	else if (p->ops->is_list)
		pane_list_click(p, y - b.y);
}

static void handle_key(struct tui *t, int key)
{
	int fill = tui_fill(t);
	struct pane *p = &t->panes[fill >= 0 ? fill : t->focus];
	int action;

	if (key & TK_RESIZE && !(key & TK_FN)) {
		display_resize(key & 0xfff, (key >> 12) & 0xfff);
		tui_layout(t);
		return;
	}
	if (key == (TK_FN | KEY_RESIZE)) {
		tui_layout(t);
		return;
	}
	if (TK_IS_MOUSE(key)) {
		handle_mouse(t, key);
		return;
	}
	if (modal_key(t, key))
		return;
	t->msg[0] = '\0';
	if (t->too_small) {
		if (keymap_lookup(KC_GLOBAL, key) == A_QUIT)
			t->running = 0;
		return;
	}
	action = keymap_lookup(p->ops->ctx, key);
	if (action && p->ops->key && p->ops->key(p, t, action, key))
		return;
	if (p->ops->is_list || p->ops->ctx == KC_VIGNETTES || p->ops->ctx == KC_READER) {
		action = keymap_lookup(KC_LIST, key);
		if (action && p->ops->key && p->ops->key(p, t, action, key))
			return;
		if (action && p->ops->is_list && pane_list_key(p, t, action))
			return;
	}
	action = keymap_lookup(KC_GLOBAL, key);
	if (action && global_key(t, action))
		return;
	if (action == A_NONE && keymap_lookup(KC_LIST, key) == A_NONE) {
		char name[32];
		keymap_key_name(key, name, sizeof(name));
		tui_error(t, "%s: no action here (? shows the keys)", name);
	}
}

/* The one "has the database changed" check (PRAGMA data_version moves
 * only for other connections' commits): the summary state and every
 * pane reload. */
static void check_outside_changes(struct tui *t)
{
	int64_t v = db_data_version(t->db);

	if (v != t->data_version) {
		t->data_version = v;
		reload_summary(t);
		tui_changed(t);
		tui_message(t, "the database changed: reloaded");
	}
}

/* ---- startup ---- */

static int setup(struct tui *t, const struct tui_options *o, px_err *e)
{
	int rc;

	t->db = o->db;           /* ours from here: teardown closes it */
	t->db_path = o->db_path;
	t->read_only = o->read_only;
	t->own_coder = o->coder_id;
	/* the audit trail records the user's changes under their own coder */
	db_set_actor(o->db, o->coder_id);
	tui_views_init(t);
	t->theme = *o->theme;
	undo_init(&t->undo, t->db);
	db_listen(t->db, on_store_event, t);
	keymap_init();
	if ((rc = keymap_apply_config(o->config, e)))
		return rc;
	t->running = 1;
	/* the summary state is the interface's; the panes read it. Its
	 * load, like the count of vignettes (a scan of the whole table),
	 * starts after the first frame (after_first_frame): the frame shows
	 * names, the first page and the first vignette, and shares the
	 * machine with neither */
	t->sum_deferred = 1;
	t->total_vignettes = -1;
	tui_names_reload(t);
	t->data_version = db_data_version(t->db);
	/* a coding's commit never waits for the WAL's copy into the file */
	t->ckpt = checkpoint_bg_start(t->db, CHECKPOINT_PAGES);
	for (int i = 0; i < P_COUNT; i++)
		pane_init(&t->panes[i], pane_table[i], t);
	return PX_OK;
}

static void teardown(struct tui *t)
{
	modal_close_all(t);
	summary_bg_cancel(t->sum_job);
	t->sum_job = NULL;
	for (int i = 0; i < P_COUNT; i++)
		if (t->panes[i].ops)
			pane_free(&t->panes[i]);
	summary_close(t->sum);
	t->sum = NULL;
	free(t->sum_err);
	t->sum_err = NULL;
	checkpoint_bg_stop(t->ckpt, NULL);
	t->ckpt = NULL;
	if (t->db) {
		db_unlisten(t->db, on_store_event, t);
		undo_free(&t->undo);
		db_close(t->db);
	}
	names_free(&t->names);
	browse_filter_free(&t->filter);
}

static int run_loop(struct tui *t, script *sc)
{
	int key;

	if (script_waits(t)) {
		after_first_frame(t);
		poll_summary(t, 1);
	}
	tui_layout(t);
	/* the reader shows the first vignette from the start */
	t->panes[P_VIGNETTES].stale = 0;
	(t->panes[P_VIGNETTES].ops->refresh)(&t->panes[P_VIGNETTES], t);
	while (t->running) {
		poll_summary(t, 0);
		draw(t);
		timing_first_frame();
		after_first_frame(t);
		timing_key_done();
		if (sc) {
			if (!script_next(sc, &key))
				break;
		} else if ((key = display_getkey(t->sum_job ? 20 : 1000)) < 0) {
			/* while loading, the wait is short: the state shows
			 * when it arrives, without a key */
			check_outside_changes(t);
			continue;
		}
		timing_key_begin(key);
		handle_key(t, key);
		tui_dispatch(t);
		check_outside_changes(t);
	}
	return 0;
}

int tui_run(const struct tui_options *o, px_err *e)
{
	struct tui t;
	script sc = { 0 };
	int rc, headless = o->script != NULL;

	memset(&t, 0, sizeof(t));
	timing_start();
	setlocale(LC_ALL, "");
	if (headless && (rc = script_load(&sc, o->script, e))) {
		db_close(o->db);
		return rc;
	}
	if ((rc = setup(&t, o, e)) || (rc = display_init(headless, e))) {
		teardown(&t);
		script_free(&sc);
		return rc;
	}
	t.headless = headless;
	display_apply_theme(&t.theme);
	run_loop(&t, headless ? &sc : NULL);
	poll_summary(&t, 1);
	if (o->dump_screen) {
		draw(&t);
		rc = display_dump(o->dump_screen, o->dump_attrs, e);
	}
	display_end();
	teardown(&t);
	script_free(&sc);
	timing_stop();
	return rc;
}
