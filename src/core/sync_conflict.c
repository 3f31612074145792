/* sync_conflict.c: the conflicts a sync left for a decision; see
 * praxis/sync_conflict.h. */
#include <stdlib.h>
#include <string.h>
#include "praxis/coding.h"
#include "praxis/sync_conflict.h"
#include "praxis/util.h"
#include "praxis/vignette.h"

#define CONFLICT_COLS "id, uuid, kind, vignette, ours, theirs, theirs_text, description, created"

int sync_conflict_kind_valid(const char *kind)
{
	static const char *const kinds[] = { "coding", "deleted", "text", "field", NULL };

	for (int i = 0; kind && kinds[i]; i++)
		if (strcmp(kind, kinds[i]) == 0)
			return 1;
	return 0;
}

int sync_side_parse(const char *s)
{
	if (!s)
		return -1;
	if (strcmp(s, "ours") == 0)
		return SYNC_OURS;
	if (strcmp(s, "theirs") == 0)
		return SYNC_THEIRS;
	if (strcmp(s, "both") == 0)
		return SYNC_BOTH;
	return -1;
}

void sync_conflict_free(sync_conflict *c)
{
	free(c->uuid);
	free(c->kind);
	free(c->vignette);
	free(c->ours);
	free(c->theirs);
	free(c->theirs_text);
	free(c->description);
	free(c->created);
	memset(c, 0, sizeof(*c));
}

void sync_conflict_copy(sync_conflict *dst, const sync_conflict *src)
{
	dst->id = src->id;
	dst->uuid = xstrdup(src->uuid);
	dst->kind = xstrdup(src->kind);
	dst->vignette = xstrdup(src->vignette);
	dst->ours = xstrdup(src->ours);
	dst->theirs = xstrdup(src->theirs);
	dst->theirs_text = xstrdup(src->theirs_text);
	dst->description = xstrdup(src->description);
	dst->created = xstrdup(src->created);
}

int sync_conflict_add(px_db *db, sync_conflict *c, px_err *e)
{
	sqlite3_stmt *st;
	char uuid[37], now[32];

	if (!sync_conflict_kind_valid(c->kind))
		return px_fail(e, PX_EDATA, "unknown conflict kind '%s' (coding, deleted, text or "
			       "field)", c->kind ? c->kind : "");
	if (!c->description)
		return px_fail(e, PX_EDATA, "a conflict needs a description");
	if (!c->uuid) {
		util_uuid(uuid);
		c->uuid = xstrdup(uuid);
	}
	if (!c->created) {
		util_now_iso(now);
		c->created = xstrdup(now);
	}
	if (!(st = db_stmt(db, "INSERT OR IGNORE INTO sync_conflict(uuid, kind, vignette, ours,"
			   " theirs, theirs_text, description, created)"
			   " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", e)))
		return px_status_of(e);
	db_bind_text(st, 1, c->uuid);
	db_bind_text(st, 2, c->kind);
	db_bind_text(st, 3, c->vignette);
	db_bind_text(st, 4, c->ours);
	db_bind_text(st, 5, c->theirs);
	db_bind_text(st, 6, c->theirs_text);
	db_bind_text(st, 7, c->description);
	db_bind_text(st, 8, c->created);
	if (db_step_done(db, st, e, "recording a sync conflict"))
		return px_status_of(e);
	c->id = sqlite3_last_insert_rowid(db_sqlite(db));
	db_touch(db);
	return PX_OK;
}

static void read_row(sqlite3_stmt *st, void *out)
{
	sync_conflict *c = out;

	c->id = sqlite3_column_int64(st, 0);
	c->uuid = db_col_strdup(st, 1);
	c->kind = db_col_strdup(st, 2);
	c->vignette = db_col_strdup(st, 3);
	c->ours = db_col_strdup(st, 4);
	c->theirs = db_col_strdup(st, 5);
	c->theirs_text = db_col_strdup(st, 6);
	c->description = db_col_strdup(st, 7);
	c->created = db_col_strdup(st, 8);
}

int sync_conflict_each(px_db *db, const char *vignette, sync_conflict_fn fn, void *ud,
		       px_err *e)
{
	sqlite3_stmt *st = db_prepare_iter(db, "SELECT " CONFLICT_COLS " FROM sync_conflict"
					   " WHERE ?1 IS NULL OR coalesce(vignette, '') = ?1"
					   " ORDER BY id", e);
	int rc = PX_OK, stop = 0;

	if (!st)
		return px_status_of(e);
	db_bind_text(st, 1, vignette);
	while (!stop && db_row(db, st, &rc, e)) {
		sync_conflict c = { 0 };
		read_row(st, &c);
		stop = fn(&c, ud);
		sync_conflict_free(&c);
	}
	sqlite3_finalize(st);
	return rc;
}

int sync_conflict_count(px_db *db, int64_t *n, px_err *e)
{
	return db_scalar_get(db, "SELECT count(*) FROM sync_conflict", n, e);
}

int sync_conflict_get(px_db *db, int64_t id, sync_conflict *out, px_err *e)
{
	int found;

	memset(out, 0, sizeof(*out));
	found = db_read_one(db, "SELECT " CONFLICT_COLS " FROM sync_conflict WHERE id = ?1", id,
			    read_row, out, e);
	if (found < 0)
		return px_status_of(e);
	if (!found)
		return px_fail(e, PX_ENOTFOUND, "no conflict %lld (praxis conflicts lists them)",
			       (long long)id);
	return PX_OK;
}

int sync_conflict_clear(px_db *db, px_err *e)
{
	return db_exec(db, "DELETE FROM sync_conflict", e);
}

/* Deletes the coding with that uuid, if it is still there. */
static int drop_coding(px_db *db, const char *uuid, px_err *e)
{
	int64_t id;
	int found = db_lookup_text(db, "SELECT id FROM coding WHERE uuid = ?1", uuid, &id, e);

	if (found < 0)
		return px_status_of(e);
	return found ? coding_delete(db, id, e) : PX_OK;
}

/* Their text replaces ours, re-anchoring the codings as an edit does. */
static int take_their_text(px_db *db, const sync_conflict *c, px_err *e)
{
	px_vignette v = { 0 };
	int64_t vid;
	int rc;

	if (!c->vignette || !c->theirs_text)
		return px_fail(e, PX_EDATA, "conflict %lld has no text of theirs", (long long)c->id);
	if ((rc = vignette_find(db, c->vignette, &vid, e)) || (rc = vignette_get(db, vid, &v, e)))
		return rc;
	free(v.text);
	v.text = xstrdup(c->theirs_text);
	rc = vignette_update(db, &v, NULL, e);
	vignette_free(&v);
	return rc;
}

static int apply(px_db *db, const sync_conflict *c, int side, px_err *e)
{
	const char *chosen = side == SYNC_OURS ? c->ours : c->theirs;
	const char *other = side == SYNC_OURS ? c->theirs : c->ours;

	int field = strcmp(c->kind, "field") == 0;

	if (side == SYNC_BOTH && (field || strcmp(c->kind, "text") == 0))
		return px_fail(e, PX_EUSAGE, "one value is kept for %s: choose ours or theirs",
			       field ? "a field" : "a text");
	if (strcmp(c->kind, "text") == 0)
		return side == SYNC_THEIRS ? take_their_text(db, c, e) : PX_OK;
	/* a field: ours is what the project holds; theirs is written through
	 * the project's tree, which sync_decide (sync.h) does */
	if (field)
		return side == SYNC_THEIRS ? px_fail(e, PX_EUSAGE, "conflict %lld: a field is "
						     "decided for theirs by sync_decide",
						     (long long)c->id) : PX_OK;
	if (side == SYNC_BOTH)
		return PX_OK;
	/* the side not chosen goes, unless it is the very coding kept */
	if (other && (!chosen || strcmp(chosen, other) != 0))
		return drop_coding(db, other, e);
	return PX_OK;
}

int sync_conflict_decide(px_db *db, int64_t id, int side, px_err *e)
{
	sync_conflict c;
	int rc;

	if (side < SYNC_OURS || side > SYNC_BOTH)
		return px_fail(e, PX_EUSAGE, "decide ours, theirs or both");
	if ((rc = db_begin(db, e)))
		return rc;
	if (!(rc = sync_conflict_get(db, id, &c, e))) {
		rc = apply(db, &c, side, e);
		if (!rc)
			rc = db_run_id(db, "DELETE FROM sync_conflict WHERE id = ?1", id,
				       "removing a conflict", e);
		sync_conflict_free(&c);
	}
	if (rc) {
		db_rollback(db);
		return rc;
	}
	return db_commit(db, e);
}
