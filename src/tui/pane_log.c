/* pane_log.c: `:log` / `H` -- the audit trail (praxis/audit.h), newest
 * first, filling the screen in FRAME_LOG. Esc, q or H closes it. */
#include <stdlib.h>
#include <string.h>
#include "praxis/audit.h"
#include "praxis/keymap.h"
#include "praxis/tui.h"

static void l_init(struct pane *p, struct tui *t)
{
	(void)t;
	p->st = xcalloc(1, sizeof(strlist));
}

static void l_free(struct pane *p)
{
	sl_free(p->st);
	free(p->st);
}

/* One line per entry: "2026-03-06 09:00  mk  code-rename  renamed ...". */
static int l_line(const px_audit *a, void *ud)
{
	struct tui *t = ((void **)ud)[0];
	strlist *lines = ((void **)ud)[1];
	char *line;

	line = xasprintf("%.10s %.5s  %-8s  %-13s  %s", a->time, a->time + (strlen(a->time) > 11
			 ? 11 : strlen(a->time)), a->coder_id ? names_get(&t->names, NAMES_CODER,
			 a->coder_id) : "-", a->action, a->description);
	sl_push(lines, line);
	free(line);
	return 0;
}

static void l_refresh(struct pane *p, struct tui *t)
{
	strlist *lines = p->st, oldest = { 0 };
	void *ud[2] = { t, &oldest };
	px_err e = { 0 };

	sl_free(lines);
	if (audit_each(t->db, NULL, l_line, ud, &e))
		tui_error(t, "log: %s", e.msg);
	for (size_t i = oldest.n; i-- > 0;)
		sl_push(lines, oldest.v[i]);
	if (!lines->n)
		sl_push(lines, "(no changes logged yet: codebook edits, negotiation decisions "
			"and text edits appear here)");
	sl_free(&oldest);
	pane_list_reset(p);
}

static size_t l_rows(struct pane *p)
{
	return ((strlist *)p->st)->n;
}

static const char *l_row_text(struct pane *p, size_t i)
{
	return ((strlist *)p->st)->v[i];
}

static void l_draw_row(struct pane *p, struct tui *t, size_t i, int y, int x, int w, int sel)
{
	const char *line = ((strlist *)p->st)->v[i];

	(void)t;
	if (w > 18 && strlen(line) > 18 && line[0] != '(') {
		char when[17];
		snprintf(when, sizeof(when), "%.16s", line);
		dsp_text(y, x + 1, 17, when, pane_row_role(sel, ROLE_DIM));
		dsp_text(y, x + 18, w - 18, line + 18, pane_row_role(sel, ROLE_NORMAL));
		return;
	}
	dsp_text(y, x + 1, w - 1, line, pane_row_role(sel, ROLE_NORMAL));
}

static int l_key(struct pane *p, struct tui *t, int action, int key)
{
	(void)p;
	if (action == A_BACK || action == A_LOG || key == 'q') {
		tui_post(t, (struct tui_req){ .kind = REQ_POP, .frame = FRAME_LOG });
		return 1;
	}
	return 0;
}

const struct pane_ops pane_log_ops = {
	.name = "Log",
	.ctx = KC_GLOBAL,
	.is_list = 1,
	.init = l_init,
	.free = l_free,
	.refresh = l_refresh,
	.key = l_key,
	.rows = l_rows,
	.row_text = l_row_text,
	.draw_row = l_draw_row,
};
