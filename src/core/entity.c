/* entity.c: coders, communities and register entries; see praxis/entity.h. */
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include "praxis/entity.h"
#include "praxis/util.h"

struct entity_sql {
	const char *label;
	const char *insert;
	const char *update;
	const char *remove;
	const char *find;
	const char *get;
	const char *each;
	const char *count;
};

/* Parameters: ?1 ext_id, ?2 name, ?3 kind, ?4 reified, ?5 uuid (NULL in an
 * update keeps it), ?7 description, ?8 community, ?9 the row id (in an
 * insert: the id to take, NULL for the next free one). Coders and
 * communities have no description nor community: they read NULL. */
#define ENTITY_SQL(label, t, cols, vals, set, sel) { label, \
	"INSERT INTO " t "(ext_id, name, kind, reified, uuid, id" cols ")" \
	" VALUES (?1, ?2, ?3, ?4, ?5, ?9" vals ")", \
	"UPDATE " t " SET ext_id = ?1, name = ?2, kind = ?3, reified = ?4," \
	" uuid = coalesce(?5, uuid)" set " WHERE id = ?9", \
	"DELETE FROM " t " WHERE id = ?", \
	"SELECT id FROM " t " WHERE ext_id = ?", \
	"SELECT id, ext_id, name, kind, reified, uuid, " sel " FROM " t " WHERE id = ?", \
	"SELECT id, ext_id, name, kind, reified, uuid, " sel " FROM " t " ORDER BY id", \
	"SELECT count(*) FROM " t }
#define NAMED_SQL(label, t) ENTITY_SQL(label, t, "", "", "", "NULL, NULL")
#define REGISTER_SQL(label, t) ENTITY_SQL(label, t, ", description, community_id", ", ?7, ?8", \
					  ", description = ?7, community_id = ?8", \
					  "description, community_id")

static const struct entity_sql entity_sql[ENT_KIND_COUNT] = {
	[ENT_CODER] = NAMED_SQL("coder", "coder"),
	[ENT_COMMUNITY] = NAMED_SQL("community", "community"),
	[ENT_REPERTOIRE] = REGISTER_SQL("repertoire entry", "repertoire"),
	[ENT_ACCOUNTABILITY] = REGISTER_SQL("accountability entry", "accountability"),
};

const char *const entity_repertoire_kinds[] = {
	"routine", "word", "tool", "way of doing", "story", "gesture", "symbol",
	"genre", "action", "concept", "event", "style", "discourse", NULL
};

const char *entity_label(enum entity_kind k)
{
	return entity_sql[k].label;
}

int entity_repertoire_kind_valid(const char *kind)
{
	for (int i = 0; entity_repertoire_kinds[i]; i++)
		if (strcmp(kind, entity_repertoire_kinds[i]) == 0)
			return 1;
	return 0;
}

int entity_coder_id_valid(const char *id)
{
	if (!id || !*id)
		return 0;
	for (; *id; id++) {
		char c = *id;
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-'))
			return 0;
	}
	return 1;
}

static void bind_reified(sqlite3_stmt *st, int idx, int reified)
{
	if (reified < 0)
		sqlite3_bind_null(st, idx);
	else
		sqlite3_bind_int(st, idx, reified ? 1 : 0);
}

static int entity_check(enum entity_kind k, const px_entity *ent, px_err *e)
{
	if (!ent->ext_id || !*ent->ext_id)
		return px_fail(e, PX_EDATA, "%s: empty id", entity_label(k));
	if (k == ENT_CODER && !entity_coder_id_valid(ent->ext_id))
		return px_fail(e, PX_EDATA, "coder id '%s': use only a-z, 0-9, '_' and '-'",
			       ent->ext_id);
	if (k == ENT_REPERTOIRE && ent->kind && !entity_repertoire_kind_valid(ent->kind))
		return px_fail(e, PX_EDATA, "repertoire entry '%s': unknown kind '%s'",
			       ent->ext_id, ent->kind);
	return PX_OK;
}

/* Binds everything but the row id (?9). */
static void entity_bind(sqlite3_stmt *st, const px_entity *ent)
{
	db_bind_text(st, 1, ent->ext_id);
	db_bind_text(st, 2, ent->name);
	db_bind_text(st, 3, ent->kind);
	bind_reified(st, 4, ent->reified);
	db_bind_text(st, 5, ent->uuid);
	db_bind_text(st, 7, ent->description && *ent->description ? ent->description : NULL);
	db_bind_id(st, 8, ent->community_id);
}

/* Runs an insert or update: an id or row already taken is the data's
 * fault, said in words. */
static int entity_step(px_db *db, enum entity_kind k, sqlite3_stmt *st, const px_entity *ent,
		       px_err *e)
{
	if (sqlite3_step(st) != SQLITE_DONE) {
		int ext = sqlite3_extended_errcode(db_sqlite(db));
		sqlite3_reset(st);
		if (ext == SQLITE_CONSTRAINT_UNIQUE)
			return px_fail(e, PX_EDATA, "%s '%s' already exists", entity_label(k),
				       ent->ext_id);
		if (ext == SQLITE_CONSTRAINT_PRIMARYKEY)
			return px_fail(e, PX_EDATA, "%s '%s': its row %lld is taken",
				       entity_label(k), ent->ext_id, (long long)ent->id);
		return db_fail(db, e, entity_label(k));
	}
	sqlite3_reset(st);
	db_touch(db);
	return PX_OK;
}

static int entity_insert(px_db *db, enum entity_kind k, px_entity *ent, int keep_id, px_err *e)
{
	sqlite3_stmt *st;
	char uuid[37];
	int rc;

	if ((rc = entity_check(k, ent, e)))
		return rc;
	if (!(st = db_stmt(db, entity_sql[k].insert, e)))
		return px_status_of(e);
	if (!ent->uuid) {
		util_uuid(uuid);
		ent->uuid = xstrdup(uuid);
	}
	entity_bind(st, ent);
	db_bind_id(st, 9, keep_id ? ent->id : 0);
	if ((rc = entity_step(db, k, st, ent, e)))
		return rc;
	ent->id = sqlite3_last_insert_rowid(db_sqlite(db));
	return PX_OK;
}

int entity_add(px_db *db, enum entity_kind k, px_entity *ent, px_err *e)
{
	return entity_insert(db, k, ent, 0, e);
}

int entity_restore(px_db *db, enum entity_kind k, px_entity *ent, px_err *e)
{
	return entity_insert(db, k, ent, 1, e);
}

int entity_update(px_db *db, enum entity_kind k, const px_entity *ent, px_err *e)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = entity_check(k, ent, e)))
		return rc;
	if (!(st = db_stmt(db, entity_sql[k].update, e)))
		return px_status_of(e);
	entity_bind(st, ent);
	sqlite3_bind_int64(st, 9, ent->id);
	return entity_step(db, k, st, ent, e);
}

int entity_delete(px_db *db, enum entity_kind k, int64_t id, px_err *e)
{
	sqlite3_stmt *st = db_stmt(db, entity_sql[k].remove, e);

	if (!st)
		return px_status_of(e);
	sqlite3_bind_int64(st, 1, id);
	return db_step_done(db, st, e, entity_label(k));
}

int entity_find(px_db *db, enum entity_kind k, const char *ext_id, int64_t *id, px_err *e)
{
	int found = db_lookup_text(db, entity_sql[k].find, ext_id, id, e);

	if (found < 0)
		return px_status_of(e);
	if (!found)
		return px_fail(e, PX_ENOTFOUND, "no %s '%s'", entity_label(k), ext_id);
	return PX_OK;
}

static void entity_read(sqlite3_stmt *st, void *row)
{
	px_entity *out = row;

	out->id = sqlite3_column_int64(st, 0);
	out->ext_id = db_col_strdup(st, 1);
	out->name = db_col_strdup(st, 2);
	out->kind = db_col_strdup(st, 3);
	out->reified = sqlite3_column_type(st, 4) == SQLITE_NULL ? -1 : sqlite3_column_int(st, 4);
	out->uuid = db_col_strdup(st, 5);
	out->description = db_col_strdup(st, 6);
	out->community_id = db_col_id(st, 7);
}

int entity_get(px_db *db, enum entity_kind k, int64_t id, px_entity *out, px_err *e)
{
	int found;

	memset(out, 0, sizeof(*out));
	if ((found = db_read_one(db, entity_sql[k].get, id, entity_read, out, e)) < 0)
		return px_status_of(e);
	if (!found)
		return px_fail(e, PX_ENOTFOUND, "no %s with row id %lld", entity_label(k),
			       (long long)id);
	return PX_OK;
}

int entity_each(px_db *db, enum entity_kind k, entity_fn fn, void *ud, px_err *e)
{
	/* Not the cached statement: callbacks may look entities up again. */
	sqlite3_stmt *st;
	int rc = PX_OK;

	if (!(st = db_prepare_iter(db, entity_sql[k].each, e)))
		return px_status_of(e);
	while (db_row(db, st, &rc, e)) {
		px_entity ent;
		entity_read(st, &ent);
		rc = fn(&ent, ud);
		entity_free(&ent);
		if (rc)
			break;
	}
	sqlite3_finalize(st);
	return rc;
}

int64_t entity_count(px_db *db, enum entity_kind k)
{
	return db_scalar(db, entity_sql[k].count);
}

void entity_free(px_entity *ent)
{
	free(ent->ext_id);
	free(ent->name);
	free(ent->kind);
	free(ent->uuid);
	free(ent->description);
	memset(ent, 0, sizeof(*ent));
}

char *entity_coder_default_id(void)
{
	const char *user = getenv("USER");
	strbuf b;

	sb_init(&b);
	for (const char *p = user ? user : ""; *p; p++) {
		char ch = *p;
		if (ch >= 'A' && ch <= 'Z')
			ch = (char)(ch - 'A' + 'a');
		if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_' || ch == '-')
			sb_addc(&b, ch);
	}
	if (b.len == 0)
		sb_add(&b, "me");
	return sb_steal(&b);
}

int entity_ensure(px_db *db, enum entity_kind k, const char *ext_id, int64_t *id, px_err *e)
{
	px_entity ent = { 0 };
	int rc;

	if (entity_find(db, k, ext_id, id, NULL) == PX_OK)
		return PX_OK;
	ent.ext_id = xstrdup(ext_id);
	ent.reified = -1;
	rc = entity_add(db, k, &ent, e);
	*id = ent.id;
	entity_free(&ent);
	return rc;
}

int entity_coder_ensure(px_db *db, const char *ext_id, int64_t *id, px_err *e)
{
	return entity_ensure(db, ENT_CODER, ext_id, id, e);
}
