/* tui_register.c: editing the repertoire and accountability registers
 * from the summaries pane's rows (praxis/regentry.h): add, rename, change
 * the id, describe, set the community, merge, delete. Each action is one
 * undo step: the entry's snapshots before and after, and the codings a
 * merge or a delete rewrites (recorded from their own events). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "praxis/keymap.h"
#include "praxis/regentry.h"
#include "praxis/tui.h"
#include "praxis/undo.h"
#include "praxis/widget.h"

/* What a prompt's answer is for: the register, the entry, the field. */
struct reg_ask {
	int kind;
	int64_t id;
	int action;
};

static struct reg_ask *ask_new(int kind, int64_t id, int action)
{
	struct reg_ask *a = xcalloc(1, sizeof(*a));

	a->kind = kind;
	a->id = id;
	a->action = action;
	return a;
}

static void done_msg(struct tui *t, int rc, const px_err *e, const char *what)
{
	if (rc)
		tui_error(t, "%s", e->msg);
	else
		tui_message(t, "%s (u undoes)", what);
	tui_changed(t);
}

static void add_done(struct tui *t, const char *text, void *ud)
{
	struct reg_ask *a = ud;
	px_entity ent = { 0 };
	px_err e = { 0 };
	int rc;

	if (text && *text) {
		ent.ext_id = xstrdup(text);
		ent.reified = -1;
		undo_begin(&t->undo, "add register entry");
		rc = regentry_add(t->db, (enum entity_kind)a->kind, &ent, &e);
		if (!rc)
			undo_record_register(&t->undo, NULL, undo_rsnap_load(t->db, a->kind, ent.id, &e));
		undo_end(&t->undo);
		done_msg(t, rc, &e, "entry added");
		entity_free(&ent);
	}
	free(a);
}

/* Rename (name), id, describe, community: one field of the entry. */
static int set_field(px_db *db, const struct reg_ask *a, const char *text, px_entity *ent,
		     px_err *e)
{
	char *v = *text ? xstrdup(text) : NULL;

	switch (a->action) {
	case A_S_RENAME: free(ent->name); ent->name = v; return PX_OK;
	case A_S_DESCRIBE: free(ent->description); ent->description = v; return PX_OK;
	case A_S_ENTRY_ID:
		free(ent->ext_id);
		ent->ext_id = v;
		return v ? PX_OK : px_fail(e, PX_EDATA, "an entry's id cannot be empty");
	default:
		free(v);
		if (!*text) {
			ent->community_id = 0;
			return PX_OK;
		}
		return entity_find(db, ENT_COMMUNITY, text, &ent->community_id, e);
	}
}

static void field_done(struct tui *t, const char *text, void *ud)
{
	struct reg_ask *a = ud;
	struct undo_rsnap *before;
	px_entity ent = { 0 };
	px_err e = { 0 };
	int rc;

	if (!text) {
		free(a);
		return;
	}
	if (!(before = undo_rsnap_load(t->db, a->kind, a->id, &e))) {
		rc = px_status_of(&e);
	} else if (!(rc = entity_get(t->db, (enum entity_kind)a->kind, a->id, &ent, &e)) &&
		   !(rc = set_field(t->db, a, text, &ent, &e))) {
		undo_begin(&t->undo, "edit register entry");
		if (!(rc = regentry_edit(t->db, (enum entity_kind)a->kind, &ent, &e))) {
			undo_record_register(&t->undo, before,
					     undo_rsnap_load(t->db, a->kind, a->id, &e));
			before = NULL;
		}
		undo_end(&t->undo);
	}
	undo_rsnap_free(before);
	done_msg(t, rc, &e, "entry changed");
	entity_free(&ent);
	free(a);
}

/* Merge and delete: the entry's snapshot (with its memos) after the store
 * call, the codings it rewrote already recorded from their events. */
static int entry_goes(struct tui *t, int kind, int64_t id, int64_t into, px_err *e)
{
	struct undo_rsnap *before = undo_rsnap_load(t->db, kind, id, e);
	int rc;

	if (!before)
		return px_status_of(e);
	before->into = into;
	undo_begin(&t->undo, into ? "merge register entries" : "delete register entry");
	rc = into ? regentry_merge(t->db, (enum entity_kind)kind, id, into, e)
		  : regentry_delete(t->db, (enum entity_kind)kind, id, 1, NULL, e);
	if (rc)
		undo_rsnap_free(before);
	else
		undo_record_register(&t->undo, before, NULL);
	undo_end(&t->undo);
	return rc;
}

static void merge_done(struct tui *t, const char *text, void *ud)
{
	struct reg_ask *a = ud;
	px_err e = { 0 };
	int64_t into;
	int rc;

	if (text && *text) {
		rc = entity_find(t->db, (enum entity_kind)a->kind, text, &into, &e);
		if (!rc)
			rc = entry_goes(t, a->kind, a->id, into, &e);
		done_msg(t, rc, &e, "entries merged");
	}
	free(a);
}

static void delete_confirmed(struct tui *t, int yes, void *ud)
{
	struct reg_ask *a = ud;
	px_err e = { 0 };

	if (yes)
		done_msg(t, entry_goes(t, a->kind, a->id, 0, &e), &e, "entry deleted");
	free(a);
}

int tui_register_key(struct tui *t, int action, int kind, int64_t id)
{
	px_entity ent;
	px_err e = { 0 };
	char *q;
	int64_t n;

	if (action == A_S_ADD) {
		q = xasprintf("new %s id: ", entity_label((enum entity_kind)kind));
		prompt_open(t, q, "", NULL, add_done, ask_new(kind, 0, action));
		free(q);
		return 1;
	}
	if (action != A_S_RENAME && action != A_S_ENTRY_ID && action != A_S_DESCRIBE &&
	    action != A_S_COMMUNITY && action != A_S_MERGE && action != A_S_DELETE)
		return 0;
	if (!id || entity_get(t->db, (enum entity_kind)kind, id, &ent, &e)) {
		tui_error(t, "not a register entry: choose an entry's row");
		return 1;
	}
	switch (action) {
	case A_S_RENAME:
		prompt_open(t, "name: ", ent.name ? ent.name : "", NULL, field_done,
			    ask_new(kind, id, action));
		break;
	case A_S_ENTRY_ID:
		prompt_open(t, "id: ", ent.ext_id, NULL, field_done, ask_new(kind, id, action));
		break;
	case A_S_DESCRIBE:
		prompt_open(t, "description: ", ent.description ? ent.description : "", NULL,
			    field_done, ask_new(kind, id, action));
		break;
	case A_S_COMMUNITY:
		prompt_open(t, "community id (empty clears): ",
			    ent.community_id ? names_get(&t->names, NAMES_COMMUNITY, ent.community_id)
					     : "", NULL, field_done, ask_new(kind, id, action));
		break;
	case A_S_MERGE:
		q = xasprintf("merge %s into (id): ", ent.ext_id);
		prompt_open(t, q, "", NULL, merge_done, ask_new(kind, id, action));
		free(q);
		break;
	default:
		n = regentry_links(t->db, (enum entity_kind)kind, id);
		q = n ? xasprintf("delete %s (%lld coding%s lose it)?", ent.ext_id, (long long)n,
				  PX_S(n))
		      : xasprintf("delete %s?", ent.ext_id);
		confirm_open(t, q, delete_confirmed, ask_new(kind, id, action));
		free(q);
		break;
	}
	entity_free(&ent);
	return 1;
}
