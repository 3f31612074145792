/* regentry.c: editing the registers; see praxis/regentry.h. */
#include <stdlib.h>
#include <string.h>
#include "praxis/audit.h"
#include "praxis/coding.h"
#include "praxis/regentry.h"
#include "praxis/util.h"

int regentry_kind_parse(const char *s)
{
	if (s && strcmp(s, "repertoire") == 0)
		return ENT_REPERTOIRE;
	if (s && strcmp(s, "accountability") == 0)
		return ENT_ACCOUNTABILITY;
	return -1;
}

const char *regentry_kind_name(enum entity_kind k)
{
	return k == ENT_REPERTOIRE ? "repertoire" : "accountability";
}

int regentry_memo_kind(enum entity_kind k)
{
	return k == ENT_REPERTOIRE ? MEMO_REPERTOIRE : MEMO_ACCOUNTABILITY;
}

int64_t regentry_links(px_db *db, enum entity_kind k, int64_t id)
{
	int64_t n = 0;

	db_lookup_id(db, k == ENT_REPERTOIRE
		     ? "SELECT count(*) FROM coding WHERE repertoire_id = ?"
		     : "SELECT count(*) FROM coding WHERE accountability_id = ?", id, &n, NULL);
	return n;
}

static int linked_ids(px_db *db, enum entity_kind k, int64_t id, idlist *out, px_err *e)
{
	return db_collect_ids(db, k == ENT_REPERTOIRE
			      ? "SELECT id FROM coding WHERE repertoire_id = ? ORDER BY id"
			      : "SELECT id FROM coding WHERE accountability_id = ? ORDER BY id",
			      id, out, e);
}

/* Ends the transaction a logged change opened. */
static int logged_end(px_db *db, int rc, px_err *e)
{
	if (rc) {
		db_rollback(db);
		return rc;
	}
	return db_commit(db, e);
}

static char *action_name(enum entity_kind k, const char *what)
{
	strbuf b;

	sb_init(&b);
	sb_printf(&b, "%s-%s", regentry_kind_name(k), what);
	return sb_steal(&b);
}

static int logged(px_db *db, enum entity_kind k, const char *what, const char *desc,
		  px_err *e)
{
	char *action = action_name(k, what);
	int rc = audit_record(db, action, e, "%s", desc);

	free(action);
	return rc;
}

static char *community_ext(px_db *db, int64_t id)
{
	px_entity c;
	char *ext;

	if (!id || entity_get(db, ENT_COMMUNITY, id, &c, NULL))
		return NULL;
	ext = c.ext_id;
	c.ext_id = NULL;
	entity_free(&c);
	return ext;
}

int regentry_add(px_db *db, enum entity_kind k, px_entity *ent, px_err *e)
{
	strbuf d;
	int rc;

	if ((rc = db_begin(db, e)))
		return rc;
	rc = entity_add(db, k, ent, e);
	if (!rc) {
		sb_init(&d);
		sb_printf(&d, "added %s %s", entity_label(k), ent->ext_id);
		if (ent->name && *ent->name)
			sb_printf(&d, " (%s)", ent->name);
		rc = logged(db, k, "add", sb_str(&d), e);
		sb_free(&d);
	}
	return logged_end(db, rc, e);
}

static int same(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") == 0;
}

/* The audit entries of an edit: one per aspect changed. */
static int log_edit(px_db *db, enum entity_kind k, const px_entity *old, const px_entity *now,
		    px_err *e)
{
	const char *label = entity_label(k);
	strbuf d;
	int rc = PX_OK;

	sb_init(&d);
	if (!same(old->ext_id, now->ext_id)) {
		sb_printf(&d, "renamed %s %s to %s", label, old->ext_id, now->ext_id);
		rc = logged(db, k, "rename", sb_str(&d), e);
	}
	if (!rc && (!same(old->name, now->name) || !same(old->kind, now->kind) ||
		    old->reified != now->reified)) {
		sb_free(&d);
		sb_init(&d);
		sb_printf(&d, "edited %s %s: name '%s'", label, now->ext_id,
			  now->name ? now->name : "");
		if (k == ENT_REPERTOIRE)
			sb_printf(&d, ", kind '%s'", now->kind ? now->kind : "");
		sb_printf(&d, ", reified %s", now->reified < 0 ? "unknown"
			  : now->reified ? "yes" : "no");
		rc = logged(db, k, "edit", sb_str(&d), e);
	}
	if (!rc && !same(old->description, now->description)) {
		sb_free(&d);
		sb_init(&d);
		if (now->description && *now->description)
			sb_printf(&d, "described %s %s: %s", label, now->ext_id, now->description);
		else
			sb_printf(&d, "cleared the description of %s %s", label, now->ext_id);
		rc = logged(db, k, "describe", sb_str(&d), e);
	}
	if (!rc && old->community_id != now->community_id) {
		char *c = community_ext(db, now->community_id);
		sb_free(&d);
		sb_init(&d);
		if (c)
			sb_printf(&d, "set the community of %s %s to %s", label, now->ext_id, c);
		else
			sb_printf(&d, "cleared the community of %s %s", label, now->ext_id);
		free(c);
		rc = logged(db, k, "community", sb_str(&d), e);
	}
	sb_free(&d);
	return rc;
}

int regentry_edit(px_db *db, enum entity_kind k, const px_entity *ent, px_err *e)
{
	px_entity old;
	int rc;

	if ((rc = entity_get(db, k, ent->id, &old, e)))
		return rc;
	if ((rc = db_begin(db, e))) {
		entity_free(&old);
		return rc;
	}
	rc = entity_update(db, k, ent, e);
	if (!rc)
		rc = log_edit(db, k, &old, ent, e);
	entity_free(&old);
	return logged_end(db, rc, e);
}

/* Rewrites each linked coding through coding_update: `into` the entry it
 * now names (0: none, and what hangs on the link goes too). */
static int relink(px_db *db, enum entity_kind k, int64_t from, int64_t into, px_err *e)
{
	idlist ids = { 0 };
	int rc = linked_ids(db, k, from, &ids, e);

	for (size_t i = 0; i < ids.n && !rc; i++) {
		px_coding c;
		if ((rc = coding_get(db, ids.v[i], &c, e)))
			break;
		if (k == ENT_REPERTOIRE)
			c.repertoire_id = into;
		else
			c.accountability_id = into;
		if (!into) {
			/* the interpretation reads the repertoire entry, else the
			 * accountability entry */
			if (k == ENT_REPERTOIRE || !c.repertoire_id) {
				free(c.interpretation);
				c.interpretation = NULL;
				c.speaker_id = 0;
			}
			if (k == ENT_ACCOUNTABILITY) {
				c.stance = STANCE_NONE;
				/* who held whom stays a moment of mutual
				 * accountability under its code */
				if (!coding_under_accountability(db, c.code_id))
					c.held_by.n = 0;
			}
		}
		rc = coding_update(db, &c, e);
		coding_free(&c);
	}
	idl_free(&ids);
	return rc;
}

int regentry_drop(px_db *db, enum entity_kind k, int64_t id, int64_t into, px_err *e)
{
	static const char *const move[] = {
		/* a memo on both keeps one target */
		"UPDATE OR IGNORE memo_target SET target_id = ?3 WHERE kind = ?1 AND target_id = ?2",
		"DELETE FROM memo_target WHERE kind = ?1 AND target_id = ?2 AND ?3 IS NOT NULL",
	};
	int rc = PX_OK;

	for (size_t i = 0; into && i < 2 && !rc; i++) {
		sqlite3_stmt *st = db_stmt(db, move[i], e);
		if (!st)
			return px_status_of(e);
		sqlite3_bind_int(st, 1, regentry_memo_kind(k));
		sqlite3_bind_int64(st, 2, id);
		sqlite3_bind_int64(st, 3, into);
		rc = db_step_done(db, st, e, "moving an entry's memos");
	}
	return rc ? rc : entity_delete(db, k, id, e);
}

static int check_pair(px_db *db, enum entity_kind k, int64_t from, int64_t into, px_entity *a,
		      px_entity *b, px_err *e)
{
	int rc;

	if (from == into)
		return px_fail(e, PX_EDATA, "an entry cannot be merged into itself");
	if ((rc = entity_get(db, k, from, a, e)))
		return rc;
	if ((rc = entity_get(db, k, into, b, e))) {
		entity_free(a);
		return rc;
	}
	return PX_OK;
}

int regentry_merge(px_db *db, enum entity_kind k, int64_t from, int64_t into, px_err *e)
{
	px_entity a, b;
	int64_t n = regentry_links(db, k, from);
	int rc;

	if ((rc = check_pair(db, k, from, into, &a, &b, e)))
		return rc;
	if (!(rc = db_begin(db, e))) {
		if (!(rc = relink(db, k, from, into, e)) && !(rc = regentry_drop(db, k, from, into, e))) {
			strbuf d;
			sb_init(&d);
			sb_printf(&d, "merged %s %s into %s (%lld coding%s)", entity_label(k),
				  a.ext_id, b.ext_id, (long long)n, n == 1 ? "" : "s");
			rc = logged(db, k, "merge", sb_str(&d), e);
			sb_free(&d);
		}
		rc = logged_end(db, rc, e);
	}
	entity_free(&a);
	entity_free(&b);
	return rc;
}

int regentry_delete(px_db *db, enum entity_kind k, int64_t id, int force, int64_t *unlinked,
		    px_err *e)
{
	int64_t n = regentry_links(db, k, id);
	px_entity ent;
	int rc;

	if (unlinked)
		*unlinked = 0;
	if ((rc = entity_get(db, k, id, &ent, e)))
		return rc;
	if (n && !force) {
		rc = px_fail(e, PX_EDATA, "%s '%s' is linked to %lld coding%s", entity_label(k),
			     ent.ext_id, (long long)n, n == 1 ? "" : "s");
		entity_free(&ent);
		return rc;
	}
	if (!(rc = db_begin(db, e))) {
		if (!(rc = relink(db, k, id, 0, e)) && !(rc = regentry_drop(db, k, id, 0, e))) {
			strbuf d;
			sb_init(&d);
			sb_printf(&d, "deleted %s %s", entity_label(k), ent.ext_id);
			if (n)
				sb_printf(&d, " (%lld coding%s unlinked)", (long long)n,
					  n == 1 ? "" : "s");
			rc = logged(db, k, "delete", sb_str(&d), e);
			sb_free(&d);
		}
		rc = logged_end(db, rc, e);
	}
	entity_free(&ent);
	if (!rc && unlinked)
		*unlinked = n;
	return rc;
}

struct memo_collect {
	px_memo *v;
	size_t n;
};

static int collect_memo(const px_memo *m, void *ud)
{
	struct memo_collect *c = ud;
	px_memo *dst;

	c->v = xrealloc(c->v, (c->n + 1) * sizeof(*c->v));
	dst = &c->v[c->n++];
	memset(dst, 0, sizeof(*dst));
	dst->id = m->id;
	for (size_t i = 0; i < m->n_on; i++)
		memo_on_push(dst, m->on[i].kind, m->on[i].id);
	dst->target = m->target;
	dst->target_id = m->target_id;
	dst->coder_id = m->coder_id;
	dst->title = m->title ? xstrdup(m->title) : NULL;
	dst->text = xstrdup(m->text);
	dst->uuid = xstrdup(m->uuid);
	dst->created = m->created ? xstrdup(m->created) : NULL;
	dst->updated = m->updated ? xstrdup(m->updated) : NULL;
	return 0;
}

int regentry_memos(px_db *db, enum entity_kind k, int64_t id, px_memo **out, size_t *n,
		   px_err *e)
{
	struct memo_collect c = { NULL, 0 };
	int rc = memo_each(db, regentry_memo_kind(k), id, collect_memo, &c, e);

	if (rc) {
		for (size_t i = 0; i < c.n; i++)
			memo_free(&c.v[i]);
		free(c.v);
		return rc;
	}
	*out = c.v;
	*n = c.n;
	return PX_OK;
}

int regentry_memos_restore(px_db *db, const px_memo *memos, size_t n, px_err *e)
{
	int rc = PX_OK;

	for (size_t i = 0; i < n && !rc; i++) {
		const px_memo *m = &memos[i];
		int64_t id = 0;
		int found = memo_find_uuid(db, m->uuid, &id, e);
		sqlite3_stmt *st;
		if (found < 0)
			return px_status_of(e);
		if (!found) {
			px_memo copy = *m;
			rc = memo_restore(db, &copy, e);
			continue;
		}
		if (!(st = db_stmt(db, "DELETE FROM memo_target WHERE memo_id = ?", e)))
			return px_status_of(e);
		sqlite3_bind_int64(st, 1, id);
		if ((rc = db_step_done(db, st, e, "restoring a memo's targets")))
			break;
		if (!(st = db_stmt(db, "INSERT INTO memo_target(memo_id, ord, kind, target_id)"
				   " VALUES (?, ?, ?, ?)", e)))
			return px_status_of(e);
		for (size_t t = 0; t < m->n_on && !rc; t++) {
			sqlite3_bind_int64(st, 1, id);
			sqlite3_bind_int64(st, 2, (int64_t)t);
			sqlite3_bind_int(st, 3, m->on[t].kind);
			sqlite3_bind_int64(st, 4, m->on[t].id);
			rc = db_step_done(db, st, e, "restoring a memo's target");
		}
	}
	return rc;
}
