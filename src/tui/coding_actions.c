/* coding_actions.c: changing a coding that exists, from the reader and
 * its codings list: delete (after a confirmation naming the coder when
 * the coding is another coder's), recode (a picker for the new code) and
 * respan (a new span). Each is one undoable step (undo.c records the
 * coding_update / coding_delete the store reports). */
#include <stdint.h>
#include <stdlib.h>
#include "praxis/coding.h"
#include "praxis/coding_edit.h"
#include "praxis/tui.h"

/* Runs one coding change between undo_begin and undo_end, then shows
 * either its error or done (a format with the code's name). */
static void coding_step(struct tui *t, const char *label, int rc, const px_err *e,
			const char *done, int64_t code_id)
{
	if (rc)
		tui_error(t, "%s: %s", label, e->msg);
	else
		tui_message(t, done, names_get(&t->names, NAMES_CODE, code_id));
	tui_codings_changed(t);
}

static void delete_now(struct tui *t, int64_t id, int64_t code_id)
{
	px_err e = { 0 };
	int rc;

	undo_begin(&t->undo, "delete coding");
	rc = coding_delete(t->db, id, &e);
	undo_end(&t->undo);
	coding_step(t, "delete coding", rc, &e, "coding deleted: %s (u undoes)", code_id);
}

static void delete_confirmed(struct tui *t, int yes, void *ud)
{
	px_coding c = { 0 };

	if (!yes || coding_get(t->db, (int64_t)(intptr_t)ud, &c, NULL))
		return;
	delete_now(t, c.id, c.code_id);
	coding_free(&c);
}

void tui_coding_delete(struct tui *t, int64_t id)
{
	px_coding c = { 0 };
	px_err e = { 0 };

	if (coding_get(t->db, id, &c, &e)) {
		tui_error(t, "%s", e.msg);
		return;
	}
	if (c.coder_id != t->coder_id) {
		char *q = xasprintf("delete %s's coding %s?", names_get(&t->names, NAMES_CODER, c.coder_id),
				    names_get(&t->names, NAMES_CODE, c.code_id));
		confirm_open(t, q, delete_confirmed, (void *)(intptr_t)id);
		free(q);
	} else {
		delete_now(t, id, c.code_id);
	}
	coding_free(&c);
}

static void recode_picked(struct tui *t, int64_t code_id, void *ud)
{
	px_err e = { 0 };
	int rc;

	if (!code_id)
		return;
	undo_begin(&t->undo, "recode");
	rc = coding_recode(t->db, (int64_t)(intptr_t)ud, code_id, &e);
	undo_end(&t->undo);
	coding_step(t, "recode", rc, &e, "recoded as %s (u undoes)", code_id);
}

void tui_coding_recode(struct tui *t, int64_t id)
{
	tui_pick_code(t, "recode as", 1, recode_picked, (void *)(intptr_t)id);
}

int tui_coding_respan(struct tui *t, int64_t id, int64_t start, int64_t end)
{
	px_coding c = { 0 };
	px_err e = { 0 };
	int rc;

	if ((rc = coding_get(t->db, id, &c, &e))) {
		tui_error(t, "%s", e.msg);
		return rc;
	}
	undo_begin(&t->undo, "resize coding");
	rc = coding_respan(t->db, id, start, end, &e);
	undo_end(&t->undo);
	coding_step(t, "resize coding", rc, &e, "coding resized: %s (u undoes)", c.code_id);
	coding_free(&c);
	return rc;
}
