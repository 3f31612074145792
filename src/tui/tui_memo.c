/* tui_memo.c: memos from the interface. The memo key: every pane may say
 * what is under its cursor (pane_ops.memo_target); the memo is written on
 * that in a one-line prompt (Enter on an empty line: in $EDITOR), as the
 * coder in force. The memos view edits, retitles and deletes memos and
 * opens their targets. Every change is one undoable step. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "praxis/coding.h"
#include "praxis/memo.h"
#include "praxis/tui.h"
#include "praxis/util.h"

/* The prompt's user data: kind in the top byte, the row id below. */
#define MEMO_UD(kind, id) ((void *)(intptr_t)(((int64_t)(kind) << 56) | (id)))
#define MEMO_UD_KIND(ud) ((int)((int64_t)(intptr_t)(ud) >> 56))
#define MEMO_UD_ID(ud) ((int64_t)(intptr_t)(ud) & (((int64_t)1 << 56) - 1))

/* The text an editor gave back, without the newlines it adds at the end;
 * NULL (freed) when nothing is left. */
static char *editor_text(char *text)
{
	size_t n = text ? strlen(text) : 0;

	while (n && (text[n - 1] == '\n' || text[n - 1] == '\r'))
		text[--n] = '\0';
	if (!n) {
		free(text);
		return NULL;
	}
	return text;
}

static void memo_write(struct tui *t, int kind, int64_t id, char *text)
{
	px_memo m = { 0 };
	px_err e = { 0 };
	char *label;
	int rc;

	memo_on_push(&m, kind, id);
	m.coder_id = t->coder_id;
	m.text = text;
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

static void memo_done(struct tui *t, const char *text, void *ud)
{
	char *long_text;

	if (!text)
		return;
	if (*text) {
		memo_write(t, MEMO_UD_KIND(ud), MEMO_UD_ID(ud), xstrdup(text));
		return;
	}
	/* Enter alone: a longer memo, in the editor */
	if ((long_text = editor_text(tui_edit_text(t, "", ".md"))))
		memo_write(t, MEMO_UD_KIND(ud), MEMO_UD_ID(ud), long_text);
	else if (!t->msg[0])
		tui_message(t, "the memo was empty: nothing written");
}

void tui_memo_prompt(struct tui *t)
{
	int fill = tui_fill(t);
	struct pane *p = &t->panes[fill >= 0 ? fill : t->focus];
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
	prompt = xasprintf("memo on %s (Enter alone: $EDITOR): ", label);
	prompt_open(t, prompt, "", NULL, memo_done, MEMO_UD(kind, id));
	free(prompt);
	free(label);
}

/* ---- changing one memo ---- */

typedef int (*memo_change_fn)(px_db *db, int64_t id, const char *arg, px_err *e);

static int change_delete(px_db *db, int64_t id, const char *arg, px_err *e)
{
	(void)arg;
	return memo_delete(db, id, e);
}

/* Runs fn on memo id as the undo step label, recording the memo before
 * and after; done is the message on success. */
static void memo_change(struct tui *t, int64_t id, const char *label, memo_change_fn fn,
			const char *arg, const char *done)
{
	px_err e = { 0 };
	px_memo *before = undo_msnap_load(t->db, id, &e);
	int rc;

	if (!before) {
		tui_error(t, "%s", e.msg);
		return;
	}
	undo_begin(&t->undo, label);
	if (!(rc = fn(t->db, id, arg, &e)))
		undo_record_memo(&t->undo, before, fn == change_delete ? NULL
				 : undo_msnap_load(t->db, id, &e));
	undo_end(&t->undo);
	if (rc) {
		memo_free(before);
		free(before);
		tui_error(t, "%s", e.msg);
	} else {
		tui_message(t, "%s (u undoes)", done);
	}
	tui_changed(t);
}

void tui_memo_edit(struct tui *t, int64_t id)
{
	px_memo m;
	px_err e = { 0 };
	char *text;

	if (memo_get(t->db, id, &m, &e)) {
		tui_error(t, "%s", e.msg);
		memo_free(&m);
		return;
	}
	text = editor_text(tui_edit_text(t, m.text, ".md"));
	if (!text) {
		if (!t->msg[0])
			tui_error(t, "a memo cannot be empty: nothing changed (D deletes it)");
	} else if (strcmp(text, m.text) == 0) {
		tui_message(t, "memo %lld unchanged", (long long)id);
	} else {
		memo_change(t, id, "edit memo", memo_update, text, "memo changed");
	}
	free(text);
	memo_free(&m);
}

static int change_title(px_db *db, int64_t id, const char *title, px_err *e)
{
	return memo_set_title(db, id, title, e);
}

static void title_done(struct tui *t, const char *text, void *ud)
{
	if (text)
		memo_change(t, MEMO_UD_ID(ud), "retitle memo", change_title, text,
			    *text ? "memo titled" : "memo title removed");
}

void tui_memo_retitle(struct tui *t, int64_t id)
{
	px_memo m;
	px_err e = { 0 };

	if (memo_get(t->db, id, &m, &e))
		tui_error(t, "%s", e.msg);
	else
		prompt_open(t, "memo title: ", m.title ? m.title : "", NULL, title_done,
			    MEMO_UD(0, id));
	memo_free(&m);
}

void tui_memo_delete(struct tui *t, int64_t id)
{
	memo_change(t, id, "delete memo", change_delete, NULL, "memo deleted");
}

/* ---- a memo's target ---- */

void tui_memo_open_target(struct tui *t, const px_memo_on *on)
{
	struct tui_req r = { .kind = REQ_SHOW, .what = on->kind, .id = on->id };
	px_coding c;
	px_err e = { 0 };

	switch (on->kind) {
	case MEMO_VIGNETTE:
		r = (struct tui_req){ .kind = REQ_OPEN_VIGNETTE, .id = on->id, .at = -1, .focus = 1 };
		break;
	case MEMO_CODING:
		if (coding_get(t->db, on->id, &c, &e)) {
			tui_error(t, "%s", e.msg);
			return;
		}
		r = (struct tui_req){ .kind = REQ_OPEN_VIGNETTE, .id = c.vignette_id,
				      .at = c.start < 0 ? 0 : c.start, .focus = 1 };
		coding_free(&c);
		break;
	case MEMO_CODE: r.pane = P_CODEBOOK; break;
	case MEMO_PARTICIPANT: r.pane = P_PARTICIPANTS; break;
	case MEMO_REPERTOIRE:
	case MEMO_ACCOUNTABILITY: r.pane = P_SUMMARIES; break;
	case MEMO_COMMUNITY:
		t->filter.community_id = on->id;
		tui_filter_changed(t);
		r = (struct tui_req){ .kind = REQ_FOCUS, .pane = P_VIGNETTES };
		tui_message(t, "vignettes of %s (F clears)",
			    names_get(&t->names, NAMES_COMMUNITY, on->id));
		break;
	default:
		tui_error(t, "a memo on the project has nothing to open");
		return;
	}
	/* the layout comes back, then what was opened shows in it */
	tui_post(t, (struct tui_req){ .kind = REQ_POP, .frame = FRAME_MEMOS });
	tui_post(t, r);
}
