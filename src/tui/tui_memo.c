/* tui_memo.c: the memo key. Every pane may say what is under its cursor
 * (pane_ops.memo_target); the memo is written on that in a one-line
 * prompt, as the coder in force, and undone like any change. */
#include <stdint.h>
#include <stdlib.h>
#include "praxis/memo.h"
#include "praxis/tui.h"
#include "praxis/util.h"

/* The prompt's user data: kind in the top byte, the row id below. */
#define MEMO_UD(kind, id) ((void *)(intptr_t)(((int64_t)(kind) << 56) | (id)))

static void memo_done(struct tui *t, const char *text, void *ud)
{
	int64_t packed = (int64_t)(intptr_t)ud;
	px_memo m = { 0 };
	px_err e = { 0 };
	char *label;
	int rc;

	if (!text || !*text)
		return;
	memo_on_push(&m, (int)(packed >> 56), packed & (((int64_t)1 << 56) - 1));
	m.coder_id = t->coder_id;
	m.text = xstrdup(text);
	label = memo_target_label(t->db, &t->names, &m.on[0]);
	undo_begin(&t->undo, "write memo");
	if (!(rc = memo_add(t->db, &m, &e)))
		undo_record_memo(&t->undo, NULL, undo_msnap_load(t->db, m.id, &e));
	undo_end(&t->undo);
	if (rc)
		tui_error(t, "%s", e.msg);
	else
		tui_message(t, "memo on %s written (u undoes)", label);
	free(label);
	memo_free(&m);
	tui_changed(t);
}

void tui_memo_prompt(struct tui *t)
{
	struct pane *p = &t->panes[t->focus];
	int kind = MEMO_PROJECT;
	int64_t id = 0;
	px_memo_on on;
	char *label, *prompt;

	if (!p->ops->memo_target || !p->ops->memo_target(p, t, &kind, &id)) {
		kind = MEMO_PROJECT;
		id = 0;
	}
	on.kind = kind;
	on.id = id;
	label = memo_target_label(t->db, &t->names, &on);
	prompt = xasprintf("memo on %s: ", label);
	prompt_open(t, prompt, "", NULL, memo_done, MEMO_UD(kind, id));
	free(prompt);
	free(label);
}
