/* sync_state.c: what this file knows of its syncs (meta sync_time,
 * sync_head, sync_rows); see praxis/sync.h. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include "praxis/sync.h"

/* The tables whose rows the unsynced count follows: count and highest id
 * of each, in sync_rows' order. */
#define ROWS_SQL \
	"SELECT (SELECT count(*) FROM coding), (SELECT coalesce(max(id), 0) FROM coding)," \
	" (SELECT count(*) FROM memo), (SELECT coalesce(max(id), 0) FROM memo)," \
	" (SELECT count(*) FROM vignette), (SELECT coalesce(max(id), 0) FROM vignette)," \
	" (SELECT count(*) FROM sync_conflict), (SELECT coalesce(max(id), 0) FROM sync_conflict)"

int sync_mark_rows(px_db *db, px_err *e)
{
	sqlite3_stmt *st = db_stmt(db, ROWS_SQL, e);
	char buf[240];
	int rc = PX_OK;

	if (!st)
		return px_status_of(e);
	if (sqlite3_step(st) == SQLITE_ROW)
		snprintf(buf, sizeof(buf), "%lld %lld %lld %lld %lld %lld %lld %lld",
			 (long long)sqlite3_column_int64(st, 0), (long long)sqlite3_column_int64(st, 1),
			 (long long)sqlite3_column_int64(st, 2), (long long)sqlite3_column_int64(st, 3),
			 (long long)sqlite3_column_int64(st, 4), (long long)sqlite3_column_int64(st, 5),
			 (long long)sqlite3_column_int64(st, 6), (long long)sqlite3_column_int64(st, 7));
	else
		rc = px_fail(e, PX_EIO, "counting the rows a sync shared");
	sqlite3_reset(st);
	return rc ? rc : db_meta_set(db, "sync_rows", buf, e);
}

/* Up to 8 numbers of sync_rows into was; how many were read. */
static int read_rows(const char *s, long long was[8])
{
	int n = 0;

	while (n < 8) {
		char *end;
		errno = 0;
		long long v = strtoll(s, &end, 10);
		if (end == s || errno)
			break;
		was[n++] = v;
		s = end;
	}
	return n;
}

/* Of the rows the last sync shared (sync_rows: each table's count and
 * highest id then, conflicts too: only a sync brings them, so one gone is
 * one decided), how many are gone: the rows left are those with an id
 * no higher, made before the sync (sqlite gives a row made since a higher
 * id, or the id of the highest row if that was deleted: its time tells). */
int sync_deleted(px_db *db, int64_t *n, int64_t *decided, px_err *e)
{
	long long was[8] = { 0 };
	char *rows = NULL;
	sqlite3_stmt *st;
	int rc;

	*n = *decided = 0;
	if ((rc = db_meta_get(db, "sync_rows", &rows, e)) || !rows)
		return rc;
	/* (the conflicts' pair is missing from a sync_rows of before it) */
	if (read_rows(rows, was) < 6) {
		free(rows);
		return PX_OK;   /* unreadable: no figure rather than a wrong one */
	}
	free(rows);
	if (!(st = db_stmt(db, "WITH t(at) AS (SELECT coalesce((SELECT value FROM meta"
			   " WHERE key = 'sync_time'), ''))"
			   " SELECT (SELECT count(*) FROM coding, t WHERE id <= ?1 AND created <= t.at)"
			   " + (SELECT count(*) FROM memo, t WHERE id <= ?2 AND created <= t.at)"
			   " + (SELECT count(*) FROM vignette, t WHERE id <= ?3 AND created <= t.at),"
			   " (SELECT count(*) FROM sync_conflict WHERE id <= ?4)", e)))
		return px_status_of(e);
	sqlite3_bind_int64(st, 1, was[1]);
	sqlite3_bind_int64(st, 2, was[3]);
	sqlite3_bind_int64(st, 3, was[5]);
	sqlite3_bind_int64(st, 4, was[7]);
	if (sqlite3_step(st) == SQLITE_ROW) {
		int64_t left = sqlite3_column_int64(st, 0), open = sqlite3_column_int64(st, 1);
		int64_t shared = was[0] + was[2] + was[4];
		*n = shared > left ? shared - left : 0;
		*decided = was[6] > open ? was[6] - open : 0;
	} else {
		rc = px_fail(e, PX_EIO, "counting the rows deleted since the last sync");
	}
	sqlite3_reset(st);
	return rc;
}

/* A figure of the team's shared work: how many rows this copy changed
 * that the others have not seen: codings, memos and vignettes added or
 * edited (by their updated time) or deleted, and conflicts decided, since
 * the last sync. */
int sync_unsynced(px_db *db, int64_t *n, px_err *e)
{
	int64_t gone = 0, decided = 0;
	int rc = db_scalar_get(db, "WITH t(at) AS (SELECT coalesce((SELECT value FROM meta"
			       " WHERE key = 'sync_time'), ''))"
			       " SELECT (SELECT count(*) FROM coding, t WHERE updated > t.at)"
			       " + (SELECT count(*) FROM memo, t WHERE updated > t.at)"
			       " + (SELECT count(*) FROM vignette, t WHERE updated > t.at)", n, e);

	if (!rc && !(rc = sync_deleted(db, &gone, &decided, e)))
		*n += gone + decided;
	return rc;
}
