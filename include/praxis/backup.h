/* backup.h: consistent copies of an open project.
 *
 * A copy is taken with SQLite's online backup API, so it is a consistent
 * snapshot even while another process writes (WAL readers do not block
 * writers). It is written beside the target as a temp file, checked
 * (PRAGMA quick_check), synced and renamed into place: the target is the
 * old file or the complete new copy, never half of one. Copies are 0600
 * like the database: they hold the same private data. */
#ifndef PRAXIS_BACKUP_H
#define PRAXIS_BACKUP_H

#include "praxis/db.h"

/* Copies db to out (replacing out if it exists). Refuses out naming the
 * database itself or a directory. */
int backup_to_file(px_db *db, const char *out, px_err *e);

/* PRAGMA integrity_check (full) or quick_check on h: PX_OK, or PX_EDATA
 * with the first problem. A "NULL value in T.C" report is double-checked
 * with a direct count and dropped when no such NULL exists: SQLite 3.40
 * reports one for every row of a WITHOUT ROWID table whose NOT NULL
 * column sits between primary key columns (participant_alias.ord), which
 * is a false alarm, not damage. */
int backup_check(sqlite3 *h, int full, px_err *e);

/* The copy project_open keeps before migrating a schema: PATH.bak-vFROM-STAMP
 * (UTC, YYYYMMDDTHHMMSSZ; "-2", "-3", ... added if taken). *made gets the
 * file name (caller frees; may be NULL). */
int backup_before_migration(px_db *db, long long from_version, char **made, px_err *e);

#endif
