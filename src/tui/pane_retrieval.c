/* pane_retrieval.c: every segment coded with one code (and its
 * sub-codes), with context; Enter jumps to the vignette, and Esc in the
 * reader comes back here. */
#include <stdlib.h>
#include <string.h>
#include "praxis/keymap.h"
#include "praxis/text.h"
#include "praxis/tui.h"

#define RETRIEVAL_CONTEXT 40
#define RETRIEVAL_LIMIT 5000

struct rstate {
	int64_t code_id;
	int mine;                /* only the current coder */
	browse_segment *seg;
	size_t n;
	char **text;             /* row text for the quick filter */
};

static void r_clear(struct rstate *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->text[i]);
	free(s->text);
	browse_segments_free(s->seg, s->n);
	s->seg = NULL;
	s->text = NULL;
	s->n = 0;
}

static void r_init(struct pane *p, struct tui *t)
{
	(void)t;
	p->st = xcalloc(1, sizeof(struct rstate));
}

static void r_free(struct pane *p)
{
	r_clear(p->st);
	free(p->st);
}

static void r_refresh(struct pane *p, struct tui *t)
{
	struct rstate *s = p->st;
	px_err e = { 0 };

	r_clear(s);
	if (s->code_id && browse_segments(t->db, s->code_id, s->mine ? t->coder_id : 0,
					  RETRIEVAL_CONTEXT, RETRIEVAL_LIMIT, &s->seg, &s->n, &e))
		tui_error(t, "%s", e.msg);
	s->text = xcalloc(s->n + 1, sizeof(*s->text));
	for (size_t i = 0; i < s->n; i++)
		s->text[i] = xasprintf("%s %s", s->seg[i].title, s->seg[i].quote);
	pane_list_reset(p);
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
	int role = pane_row_role(sel, ROLE_NORMAL), used = 1, dim = names_code_dimension(&t->names, g->code_id);
	int qrole = sel ? role : dim == 1 ? ROLE_CODE_ME : dim == 2 ? ROLE_CODE_JE : ROLE_CODE_SR;
	const char *before = g->before;
	size_t bw = text_width(before), room = (size_t)(w / 4);

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

static int r_key(struct pane *p, struct tui *t, int action, int key)
{
	struct rstate *s = p->st;
	int ok;
	size_t i = pane_list_current(p, &ok);

	(void)key;
	switch (action) {
	case A_OPEN:
		if (ok) {
			t->from_retrieval = 1;
			tui_open_vignette(t, s->seg[i].vignette_id, s->seg[i].start > 0 ? s->seg[i].start : 0, 1);
		}
		return 1;
	case A_T_CODERS:
		s->mine = !s->mine;
		p->stale = 1;
		return 1;
	case A_BACK:
		t->center = P_READER;
		tui_layout(t);
		tui_focus(t, P_CODEBOOK);
		return 1;
	}
	return 0;
}

static void r_title(struct pane *p, struct tui *t, char *buf, size_t n)
{
	struct rstate *s = p->st;
	char pos[32];

	pane_list_position(p, pos, sizeof(pos));
	snprintf(buf, n, "Retrieval: %s (%s) %s", names_get(&t->names, NAMES_CODE, s->code_id),
		 s->mine ? "my codings" : "all coders", pos);
}

void pane_retrieval_set(struct pane *p, int64_t code_id)
{
	struct rstate *s = p->st;

	s->code_id = code_id;
	p->list.cursor = p->list.top = 0;
	p->stale = 1;
}

const struct pane_ops pane_retrieval_ops = {
	.name = "Retrieval",
	.ctx = KC_RETRIEVAL,
	.is_list = 1,
	.init = r_init,
	.free = r_free,
	.refresh = r_refresh,
	.key = r_key,
	.title = r_title,
	.rows = r_rows,
	.row_text = r_row_text,
	.draw_row = r_draw_row,
};
