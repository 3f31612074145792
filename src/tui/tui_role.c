/* tui_role.c: a participant's dated roles from the participants pane (r):
 * "old-timer from 2026-04-01" adds a change, "newcomer" sets the role from
 * the start, "-2026-04-01" drops a change; one undoable step each. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "praxis/participant.h"
#include "praxis/tui.h"

/* Applies text to p; PX_OK or an error in e. */
static int role_edit(px_participant *p, char *text, px_err *e)
{
	char *from;

	if (text[0] == '-')
		return participant_role_remove(p, text + 1, e);
	if ((from = strstr(text, " from "))) {
		*from = '\0';
		return participant_role_set(p, text, from + 6, e);
	}
	free(p->role);
	p->role = *text ? xstrdup(text) : NULL;
	return PX_OK;
}

static void role_done(struct tui *t, const char *text, void *ud)
{
	int64_t id = (int64_t)(intptr_t)ud;
	px_participant *before, p = { 0 };
	px_err e = { 0 };
	char *copy;
	int rc;

	if (!text)
		return;
	if (!(before = undo_psnap_load(t->db, id, &e)) || participant_get(t->db, id, &p, &e)) {
		tui_error(t, "%s", e.msg);
		if (before) {
			participant_free(before);
			free(before);
		}
		return;
	}
	copy = xstrdup(text);
	if ((rc = role_edit(&p, copy, &e)) == PX_OK) {
		undo_begin(&t->undo, "participant role");
		t->undo.quiet = 1;   /* the snapshots are the record */
		rc = participant_update(t->db, &p, &e);
		t->undo.quiet = 0;
		if (!rc) {
			undo_record_participant(&t->undo, before, undo_psnap_load(t->db, id, NULL));
			before = NULL;
			tui_message(t, "%s: roles changed (u undoes)", p.pseudonym);
		}
		undo_end(&t->undo);
	}
	if (rc)
		tui_error(t, "role: %s", e.msg);
	if (before) {
		participant_free(before);
		free(before);
	}
	free(copy);
	participant_free(&p);
	tui_changed(t);
}

void tui_participant_role(struct tui *t, int64_t id)
{
	px_participant p = { 0 };
	px_err e = { 0 };
	strbuf label;

	if (participant_get(t->db, id, &p, &e)) {
		tui_error(t, "%s", e.msg);
		return;
	}
	sb_init(&label);
	sb_printf(&label, "%s: %s", p.pseudonym, p.role ? p.role : "(no role)");
	for (size_t i = 0; i < p.nroles; i++)
		sb_printf(&label, "; %s from %s", p.roles[i].role, p.roles[i].from);
	sb_printf(&label, " | ROLE [from YYYY-MM-DD] or -YYYY-MM-DD: ");
	prompt_open(t, sb_str(&label), "", NULL, role_done, (void *)(intptr_t)id);
	sb_free(&label);
	participant_free(&p);
}
