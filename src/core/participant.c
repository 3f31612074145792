/* participant.c: people observed; see praxis/participant.h. */
#include <stdlib.h>
#include <string.h>
#include "praxis/participant.h"

void participant_attr_add(px_participant *p, const char *key, const char *value)
{
	p->attrs = xrealloc(p->attrs, (p->nattrs + 1) * sizeof(*p->attrs));
	p->attrs[p->nattrs].key = xstrdup(key);
	p->attrs[p->nattrs].value = xstrdup(value);
	p->nattrs++;
}

void participant_free(px_participant *p)
{
	free(p->ext_id);
	free(p->pseudonym);
	free(p->role);
	free(p->uuid);
	participant_roles_free(p);
	for (size_t i = 0; i < p->nattrs; i++) {
		free(p->attrs[i].key);
		free(p->attrs[i].value);
	}
	free(p->attrs);
	sl_free(&p->aliases);
	sl_free(&p->alias_as);
	memset(p, 0, sizeof(*p));
}

static int participant_check(const px_participant *p, px_err *e)
{
	if (!p->ext_id || !*p->ext_id)
		return px_fail(e, PX_EDATA, "participant: empty id");
	if (!p->pseudonym || !*p->pseudonym)
		return px_fail(e, PX_EDATA, "participant '%s': empty pseudonym", p->ext_id);
	for (size_t i = 0; i < p->aliases.n; i++)
		if (!*p->aliases.v[i])
			return px_fail(e, PX_EDATA, "participant '%s': empty alias", p->ext_id);
	return PX_OK;
}

/* Attributes, aliases and dated roles are rewritten whole: they are few and ordered. */
static int participant_write_lists(px_db *db, const px_participant *p, px_err *e)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = db_run_id(db, "DELETE FROM participant_attr WHERE participant_id = ?", p->id,
			    "participant attributes", e)) ||
	    (rc = db_run_id(db, "DELETE FROM participant_alias WHERE participant_id = ?", p->id,
			    "participant aliases", e)))
		return rc;
	for (size_t i = 0; i < p->nattrs; i++) {
		if (!(st = db_stmt(db, "INSERT INTO participant_attr(participant_id, ord, key, value)"
				   " VALUES (?, ?, ?, ?)", e)))
			return px_status_of(e);
		sqlite3_bind_int64(st, 1, p->id);
		sqlite3_bind_int64(st, 2, (int64_t)i);
		db_bind_text(st, 3, p->attrs[i].key);
		db_bind_text(st, 4, p->attrs[i].value ? p->attrs[i].value : "");
		if ((rc = db_step_done(db, st, e, "participant attribute")))
			return px_wrap(e, "participant '%s', attribute '%s'", p->ext_id,
				       p->attrs[i].key);
	}
	for (size_t i = 0; i < p->aliases.n; i++) {
		if (!(st = db_stmt(db, "INSERT OR IGNORE INTO participant_alias"
				   "(participant_id, ord, alias, alias_as) VALUES (?, ?, ?, ?)", e)))
			return px_status_of(e);
		sqlite3_bind_int64(st, 1, p->id);
		sqlite3_bind_int64(st, 2, (int64_t)i);
		db_bind_text(st, 3, p->aliases.v[i]);
		if (i < p->alias_as.n && *p->alias_as.v[i])
			db_bind_text(st, 4, p->alias_as.v[i]);
		else
			sqlite3_bind_null(st, 4);
		if ((rc = db_step_done(db, st, e, "participant alias")))
			return rc;
	}
	return participant_roles_write(db, p, e);
}

int participant_add(px_db *db, px_participant *p, px_err *e)
{
	sqlite3_stmt *st;
	char uuid[37];
	int rc;

	if ((rc = participant_check(p, e)))
		return rc;
	if (!(st = db_stmt(db, "INSERT INTO participant(ext_id, pseudonym, role, uuid)"
			   " VALUES (?, ?, ?, ?)", e)))
		return px_status_of(e);
	if ((rc = db_begin(db, e)))
		return rc;
	if (!p->uuid) {
		util_uuid(uuid);
		p->uuid = xstrdup(uuid);
	}
	db_bind_text(st, 1, p->ext_id);
	db_bind_text(st, 2, p->pseudonym);
	db_bind_text(st, 3, p->role);
	db_bind_text(st, 4, p->uuid);
	if (sqlite3_step(st) != SQLITE_DONE) {
		int ext = sqlite3_extended_errcode(db_sqlite(db));
		sqlite3_reset(st);
		rc = ext == SQLITE_CONSTRAINT_UNIQUE
			? px_fail(e, PX_EDATA, "participant '%s' already exists", p->ext_id)
			: db_fail(db, e, "participant");
		db_rollback(db);
		return rc;
	}
	sqlite3_reset(st);
	p->id = sqlite3_last_insert_rowid(db_sqlite(db));
	if ((rc = participant_write_lists(db, p, e))) {
		db_rollback(db);
		return rc;
	}
	return db_commit(db, e);
}

int participant_update(px_db *db, const px_participant *p, px_err *e)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = participant_check(p, e)))
		return rc;
	if ((rc = db_begin(db, e)))
		return rc;
	if (!(st = db_stmt(db, "UPDATE participant SET ext_id = ?, pseudonym = ?, role = ?"
			   " WHERE id = ?", e))) {
		rc = px_status_of(e);
		goto fail;
	}
	db_bind_text(st, 1, p->ext_id);
	db_bind_text(st, 2, p->pseudonym);
	db_bind_text(st, 3, p->role);
	sqlite3_bind_int64(st, 4, p->id);
	if ((rc = db_step_done(db, st, e, "participant")) ||
	    (rc = participant_write_lists(db, p, e)))
		goto fail;
	/* a role change regroups the engagement summaries */
	db_notify(db, DB_EV_RESET, NULL, NULL);
	return db_commit(db, e);
fail:
	db_rollback(db);
	return rc;
}

int participant_delete(px_db *db, int64_t id, int force, px_err *e)
{
	static const char *const unlink_sql[] = {
		"DELETE FROM vignette_participant WHERE participant_id = ?",
		"DELETE FROM coding_participant WHERE participant_id = ?",
		"DELETE FROM coding_held_by WHERE participant_id = ?",
		/* their readings stay, as the analyst's glosses */
		"UPDATE coding SET speaker_id = NULL WHERE speaker_id = ?",
		"DELETE FROM participant_role WHERE participant_id = ?",
		"DELETE FROM participant WHERE id = ?",
	};
	sqlite3_stmt *st;
	int rc;

	if (!force) {
		/* held_by counts too: unforced, it must not silently lose them */
		if (!(st = db_stmt(db, "SELECT (SELECT count(*) FROM vignette_participant"
				   " WHERE participant_id = ?1) + (SELECT count(*) FROM"
				   " coding_participant WHERE participant_id = ?1) + (SELECT"
				   " count(*) FROM coding_held_by WHERE participant_id = ?1)", e)))
			return px_status_of(e);
		sqlite3_bind_int64(st, 1, id);
		int64_t refs = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
		sqlite3_reset(st);
		if (refs > 0)
			return px_fail(e, PX_EDATA, "the participant is still named %lld time%s "
				       "in vignettes or codings", (long long)refs, PX_S(refs));
	}
	if ((rc = db_begin(db, e)))
		return rc;
	for (size_t i = 0; i < sizeof(unlink_sql) / sizeof(unlink_sql[0]); i++) {
		if (!(st = db_stmt(db, unlink_sql[i], e))) {
			rc = px_status_of(e);
			goto fail;
		}
		sqlite3_bind_int64(st, 1, id);
		if ((rc = db_step_done(db, st, e, "deleting a participant")))
			goto fail;
	}
	if ((rc = db_commit(db, e)))
		return rc;
	db_notify(db, DB_EV_RESET, NULL, NULL);
	return PX_OK;
fail:
	db_rollback(db);
	return rc;
}

int participant_find(px_db *db, const char *ext_id, int64_t *id, px_err *e)
{
	int found = db_lookup_text(db, "SELECT id FROM participant WHERE ext_id = ?", ext_id, id, e);

	if (found < 0)
		return px_status_of(e);
	return found ? PX_OK : px_fail(e, PX_ENOTFOUND, "no participant '%s'", ext_id);
}

static int participant_read_lists(px_db *db, px_participant *p, px_err *e)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT key, value FROM participant_attr"
				   " WHERE participant_id = ? ORDER BY ord", e);
	int rc;

	if (!st)
		return px_status_of(e);
	sqlite3_bind_int64(st, 1, p->id);
	while (db_row(db, st, &rc, e))
		participant_attr_add(p, (const char *)sqlite3_column_text(st, 0),
				     (const char *)sqlite3_column_text(st, 1));
	sqlite3_reset(st);
	if (rc)
		return rc;
	if (!(st = db_stmt(db, "SELECT alias, coalesce(alias_as, '') FROM participant_alias"
			   " WHERE participant_id = ? ORDER BY ord", e)))
		return px_status_of(e);
	sqlite3_bind_int64(st, 1, p->id);
	while (db_row(db, st, &rc, e)) {
		sl_push(&p->aliases, (const char *)sqlite3_column_text(st, 0));
		sl_push(&p->alias_as, (const char *)sqlite3_column_text(st, 1));
	}
	sqlite3_reset(st);
	return rc ? rc : participant_roles_read(db, p, e);
}

static void participant_read_row(sqlite3_stmt *st, void *row)
{
	px_participant *p = row;

	memset(p, 0, sizeof(*p));
	p->id = sqlite3_column_int64(st, 0);
	p->ext_id = db_col_strdup(st, 1);
	p->pseudonym = db_col_strdup(st, 2);
	p->role = db_col_strdup(st, 3);
	p->uuid = db_col_strdup(st, 4);
}

int participant_get(px_db *db, int64_t id, px_participant *out, px_err *e)
{
	int found = db_read_one(db, "SELECT id, ext_id, pseudonym, role, uuid FROM participant"
				" WHERE id = ?", id, participant_read_row, out, e);

	if (found < 0)
		return px_status_of(e);
	if (!found)
		return px_fail(e, PX_ENOTFOUND, "no participant with row id %lld", (long long)id);
	return participant_read_lists(db, out, e);
}

int participant_each(px_db *db, participant_fn fn, void *ud, px_err *e)
{
	sqlite3_stmt *st = db_prepare_iter(db, "SELECT id, ext_id, pseudonym, role, uuid"
					   " FROM participant ORDER BY id", e);
	int rc = PX_OK;

	if (!st)
		return px_status_of(e);
	while (db_row(db, st, &rc, e)) {
		px_participant p;
		participant_read_row(st, &p);
		rc = participant_read_lists(db, &p, e);
		if (!rc)
			rc = fn(&p, ud);
		participant_free(&p);
		if (rc)
			break;
	}
	sqlite3_finalize(st);
	return rc;
}

int64_t participant_count(px_db *db)
{
	return db_scalar(db, "SELECT count(*) FROM participant");
}

void participant_usage(px_db *db, int64_t id, int64_t *vignettes, int64_t *codings)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT (SELECT count(*) FROM vignette_participant"
				   " WHERE participant_id = ?1), (SELECT count(*) FROM"
				   " coding_participant WHERE participant_id = ?1)", NULL);

	*vignettes = *codings = 0;
	if (!st)
		return;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		*vignettes = sqlite3_column_int64(st, 0);
		*codings = sqlite3_column_int64(st, 1);
	}
	sqlite3_reset(st);
}
