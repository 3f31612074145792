/* views.c: the view stack and the requests that change it.
 *
 * Every mode of the screen (help, zoom, retrieval, reading from
 * retrieval, negotiation, coding as the consensus coder) is a frame on
 * one stack; the panes ask for changes with tui_post and only this file
 * moves the frames. What a frame changes (what fills the screen, the
 * centre pane, the coder in force) is derived from the stack after every
 * change, so popping a frame restores exactly what pushing it changed. */
#include "praxis/tui.h"

/* What each kind of frame changes; center -1 keeps the one below,
 * ret_focus -1 leaves the focus where it is. */
#define FRAME(k, fill_, center_, ret) [k] = { .kind = (k), .fill = (fill_), .center = (center_), \
					    .ret_focus = (ret) }
static const struct tui_frame frame_kinds[FRAME_KIND_COUNT] = {
	FRAME(FRAME_MAIN, -1, P_READER, -1),
	FRAME(FRAME_HELP, P_HELP, -1, -1),
	FRAME(FRAME_ZOOM, TUI_FILL_FOCUS, -1, -1),
	FRAME(FRAME_RETRIEVAL, -1, P_RETRIEVAL, P_CODEBOOK),
	FRAME(FRAME_READ, -1, P_READER, P_RETRIEVAL),
	FRAME(FRAME_NEGOTIATE, P_NEGOTIATE, -1, -1),
	FRAME(FRAME_LOG, P_LOG, -1, -1),
	FRAME(FRAME_MEMOS, P_MEMOS, -1, -1),
	FRAME(FRAME_CONSENSUS, -1, P_READER, -1),
};
#undef FRAME

static void frames_init(struct tui *t)
{
	if (t->nframes == 0) {
		t->frames[0] = frame_kinds[FRAME_MAIN];
		t->nframes = 1;
	}
}

/* Derives the centre pane and the coder in force from the stack; the
 * panes reload when the coder changed. */
static void frames_apply(struct tui *t)
{
	int64_t was = t->coder_id;

	frames_init(t);
	t->center = P_READER;
	t->coder_id = t->own_coder;
	for (int i = 0; i < t->nframes; i++) {
		if (t->frames[i].center >= 0)
			t->center = t->frames[i].center;
		if (t->frames[i].coder)
			t->coder_id = t->frames[i].coder;
	}
	if (t->coder_id != was)
		tui_changed(t);
	tui_layout(t);
}

int tui_fill(const struct tui *t)
{
	int fill = t->nframes ? t->frames[t->nframes - 1].fill : -1;

	return fill == TUI_FILL_FOCUS ? t->focus : fill;
}

int tui_top_frame(const struct tui *t)
{
	return t->nframes ? t->frames[t->nframes - 1].kind : FRAME_MAIN;
}

int tui_center_frame(const struct tui *t)
{
	for (int i = t->nframes - 1; i >= 0; i--)
		if (t->frames[i].fill == -1)
			return t->frames[i].kind;
	return FRAME_MAIN;
}

/* The index of the topmost frame of kind, -1 if none. */
static int frame_find(const struct tui *t, int kind)
{
	for (int i = t->nframes - 1; i > 0; i--)
		if (t->frames[i].kind == kind)
			return i;
	return -1;
}

int tui_in_frame(const struct tui *t, int kind)
{
	return kind == FRAME_MAIN || frame_find(t, kind) > 0;
}

static void frame_push(struct tui *t, int kind, int64_t coder)
{
	frames_init(t);
	if (t->nframes == TUI_MAX_FRAMES) {
		tui_error(t, "too many views open: press Esc to close some");
		return;
	}
	t->frames[t->nframes] = frame_kinds[kind];
	t->frames[t->nframes].coder = coder;
	t->nframes++;
	frames_apply(t);
}

/* Removes frame i (never the main frame) and gives back its focus. */
static void frame_remove(struct tui *t, int i)
{
	int ret;

	if (i <= 0 || i >= t->nframes)
		return;
	ret = t->frames[i].ret_focus;
	for (int k = i; k + 1 < t->nframes; k++)
		t->frames[k] = t->frames[k + 1];
	t->nframes--;
	if (ret >= 0)
		t->focus = ret;
	frames_apply(t);
}

/* Drops frame i and every frame above it, giving back no focus. */
static void frames_cut(struct tui *t, int i)
{
	if (i <= 0 || i >= t->nframes)
		return;
	t->nframes = i;
	frames_apply(t);
}

/* Leaves the negotiation and the consensus coding over it, by whatever
 * route: the user's own coder comes back with the frames. */
static void leave_negotiation(struct tui *t)
{
	frames_cut(t, frame_find(t, FRAME_NEGOTIATE));
}

void tui_leave_override(struct tui *t)
{
	if (tui_in_frame(t, FRAME_CONSENSUS))
		leave_negotiation(t);
}

static void open_vignette(struct tui *t, int64_t id, int64_t at, int focus)
{
	struct pane *r = &t->panes[P_READER];

	if (t->vignette_id != id) {
		t->vignette_id = id;
		r->stale = 1;
		(r->ops->refresh)(r, t);
		r->stale = 0;
		pane_reader_goto(r, at >= 0 ? at : 0);
	} else if (at >= 0) {
		pane_reader_goto(r, at);
	}
	if (focus) {
		pane_vignettes_show(&t->panes[P_VIGNETTES], t, id);
		tui_focus(t, P_READER);
	}
}

void tui_open_vignette(struct tui *t, int64_t id, int64_t at, int focus)
{
	/* opening another vignette leaves the negotiation (:open there) */
	if (focus && frame_find(t, FRAME_NEGOTIATE) > 0 &&
	    !(tui_center_frame(t) == FRAME_CONSENSUS && id == t->vignette_id))
		leave_negotiation(t);
	open_vignette(t, id, at, focus);
}

void tui_focus(struct tui *t, int pane)
{
	int center = tui_center_frame(t);

	if (center == FRAME_CONSENSUS && pane != P_READER)
		leave_negotiation(t);
	else if (center == FRAME_RETRIEVAL && pane == P_READER)
		/* the reader takes the middle slot back from retrieval */
		frames_cut(t, frame_find(t, FRAME_RETRIEVAL));
	t->focus = pane;
	frames_apply(t);
}

void tui_retrieve(struct tui *t, int64_t code_id)
{
	tui_leave_override(t);
	/* a new retrieval replaces the one open (and reading from it) */
	frames_cut(t, frame_find(t, FRAME_RETRIEVAL));
	pane_retrieval_set(&t->panes[P_RETRIEVAL], code_id);
	frame_push(t, FRAME_RETRIEVAL, 0);
	tui_focus(t, P_RETRIEVAL);
}

void tui_negotiate(struct tui *t, int64_t coder_a, int64_t coder_b)
{
	if (!coder_a || !coder_b) {
		pane_negotiate_pair(&t->panes[P_NEGOTIATE], &coder_a, &coder_b);
		/* no pair yet: the sync conflicts alone, when some wait */
		tui_sync_counts(t);
		if ((!coder_a || !coder_b) && !t->conflicts) {
			tui_command_prompt(t, "negotiate ");
			return;
		}
		if (!coder_a || !coder_b)
			coder_a = coder_b = 0;
	}
	/* one negotiation at a time; a zoom does not stay under it */
	leave_negotiation(t);
	if (tui_top_frame(t) == FRAME_ZOOM)
		frames_cut(t, t->nframes - 1);
	pane_negotiate_set(&t->panes[P_NEGOTIATE], t, coder_a, coder_b);
	frame_push(t, FRAME_NEGOTIATE, 0);
}

void tui_post(struct tui *t, struct tui_req r)
{
	if (t->nreqs == TUI_MAX_REQS) {
		tui_error(t, "too many requests at once: one was dropped");
		return;
	}
	t->reqs[t->nreqs++] = r;
}

static void do_push(struct tui *t, const struct tui_req *r)
{
	switch (r->frame) {
	case FRAME_HELP:
		t->panes[P_HELP].stale = 1;
		break;
	case FRAME_LOG:
		t->panes[P_LOG].stale = 1;
		break;
	case FRAME_MEMOS:
		t->panes[P_MEMOS].stale = 1;
		break;
	case FRAME_NEGOTIATE:
		tui_negotiate(t, r->pair[0], r->pair[1]);
		return;
	case FRAME_CONSENSUS:
		frame_push(t, FRAME_CONSENSUS, r->coder);
		open_vignette(t, r->id, r->at, 1);
		return;
	case FRAME_RETRIEVAL:
	case FRAME_MAIN:
		/* retrieval opens through tui_retrieve (it names a code) */
		return;
	}
	frame_push(t, r->frame, r->coder);
}

static void do_pop(struct tui *t, int kind)
{
	int i = kind == FRAME_MAIN ? t->nframes - 1 : frame_find(t, kind);

	if (i <= 0)
		return;
	frame_remove(t, i);
	/* Esc from the consensus coding: back in the negotiation, which asks
	 * whether to record the edit */
	if (kind == FRAME_CONSENSUS)
		pane_negotiate_edited(&t->panes[P_NEGOTIATE], t);
}

/* Focuses the pane and asks it to put its cursor on the target. */
static void do_show(struct tui *t, const struct tui_req *r)
{
	struct pane *p = &t->panes[r->pane];

	tui_focus(t, r->pane);
	if (p->stale) {
		(p->ops->refresh)(p, t);
		p->stale = 0;
	}
	if (!p->ops->show || !p->ops->show(p, t, r->what, r->id))
		tui_error(t, "not listed in %s now (a filter may hide it)", p->ops->name);
}

static void dispatch(struct tui *t, const struct tui_req *r)
{
	switch (r->kind) {
	case REQ_NONE:
	case REQ_REDRAW:
		break;
	case REQ_OPEN_VIGNETTE: tui_open_vignette(t, r->id, r->at, r->focus); break;
	case REQ_PUSH: do_push(t, r); break;
	case REQ_POP: do_pop(t, r->frame); break;
	case REQ_FOCUS: tui_focus(t, r->pane); break;
	case REQ_SHOW: do_show(t, r); break;
	case REQ_RELOAD: tui_changed(t); break;
	case REQ_RELAYOUT: tui_layout(t); break;
	case REQ_QUIT: t->running = 0; break;
	}
}

void tui_dispatch(struct tui *t)
{
	/* a request may post more: they run in order, after it */
	for (int i = 0; i < t->nreqs; i++) {
		struct tui_req r = t->reqs[i];
		dispatch(t, &r);
	}
	t->nreqs = 0;
}

void tui_views_init(struct tui *t)
{
	t->nframes = 0;
	frames_init(t);
	t->focus = P_VIGNETTES;
	t->coder_id = t->own_coder;
	t->center = P_READER;
}
