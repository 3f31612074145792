/* audit.c: the audit trail; see praxis/audit.h. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "praxis/audit.h"
#include "praxis/util.h"

void audit_free(px_audit *a)
{
	free(a->time);
	free(a->action);
	free(a->description);
	free(a->uuid);
	memset(a, 0, sizeof(*a));
}

int audit_add(px_db *db, px_audit *a, int *added, px_err *e)
{
	sqlite3_stmt *st;
	char uuid[37], now[32];

	if (added)
		*added = 0;
	if (!a->action || !*a->action || !a->description)
		return px_fail(e, PX_EDATA, "a log entry needs an action and a description");
	if (!a->uuid) {
		util_uuid(uuid);
		a->uuid = xstrdup(uuid);
	}
	if (!a->time) {
		util_now_iso(now);
		a->time = xstrdup(now);
	}
	if (!(st = db_stmt(db, "INSERT OR IGNORE INTO audit_log(time, coder_id, action,"
			   " description, uuid) VALUES (?, ?, ?, ?, ?)", e)))
		return px_status_of(e);
	db_bind_text(st, 1, a->time);
	db_bind_id(st, 2, a->coder_id);
	db_bind_text(st, 3, a->action);
	db_bind_text(st, 4, a->description);
	db_bind_text(st, 5, a->uuid);
	if (sqlite3_step(st) != SQLITE_DONE) {
		sqlite3_reset(st);
		return db_fail(db, e, "recording a log entry");
	}
	sqlite3_reset(st);
	if (sqlite3_changes(db_sqlite(db)) > 0) {
		a->id = sqlite3_last_insert_rowid(db_sqlite(db));
		if (added)
			*added = 1;
		db_touch(db);
	}
	return PX_OK;
}

int audit_record(px_db *db, const char *action, px_err *e, const char *fmt, ...)
{
	px_audit a = { 0 };
	strbuf b;
	va_list ap;
	int rc;

	if (db_audit_paused(db))
		return PX_OK;
	sb_init(&b);
	va_start(ap, fmt);
	sb_vprintf(&b, fmt, ap);
	va_end(ap);
	a.description = sb_steal(&b);
	a.action = xstrdup(action);
	a.coder_id = db_actor(db);
	rc = audit_add(db, &a, NULL, e);
	audit_free(&a);
	return rc;
}

int audit_each(px_db *db, const char *since, audit_fn fn, void *ud, px_err *e)
{
	sqlite3_stmt *st = db_prepare_iter(db, "SELECT id, time, coder_id, action, description,"
					   " uuid FROM audit_log WHERE ?1 IS NULL OR time >= ?1"
					   " ORDER BY time, id", e);
	int rc = PX_OK;

	if (!st)
		return px_status_of(e);
	db_bind_text(st, 1, since);
	while (db_row(db, st, &rc, e)) {
		px_audit a;
		a.id = sqlite3_column_int64(st, 0);
		a.time = db_col_strdup(st, 1);
		a.coder_id = db_col_id(st, 2);
		a.action = db_col_strdup(st, 3);
		a.description = db_col_strdup(st, 4);
		a.uuid = db_col_strdup(st, 5);
		rc = fn(&a, ud);
		audit_free(&a);
		if (rc)
			break;
	}
	sqlite3_finalize(st);
	return rc;
}

int64_t audit_count(px_db *db)
{
	return db_scalar(db, "SELECT count(*) FROM audit_log");
}
