/* db.h: the one owner of the SQLite connection.
 *
 * Opens and migrates the schema (PRAGMA user_version), turns on foreign keys,
 * WAL and a busy timeout, creates new files with mode 0600, and keeps
 * prepared statements: fixed SQL for the life of the connection (db_stmt),
 * SQL built at run time in a small cache that evicts (db_stmt_dynamic).
 * Every loop over result rows steps through db_row, so a read that fails
 * half-way is an error, never a short list. All SQL in praxis lives in
 * core/. */
#ifndef PRAXIS_DB_H
#define PRAXIS_DB_H

#include <stdint.h>
#include <sqlite3.h>
#include "praxis/err.h"
#include "praxis/util.h"

#define DB_SCHEMA_VERSION 2

enum db_open_flags {
	DB_CREATE = 1 << 0,   /* create the file (and default codebook) if absent */
	DB_READONLY = 1 << 1
};

typedef struct px_db px_db;

int db_open(const char *path, int flags, px_db **out, px_err *e);
void db_close(px_db *db);
const char *db_path(const px_db *db);
sqlite3 *db_sqlite(px_db *db);

/* A cached prepared statement for sql (compared by content), reset and with
 * bindings cleared. NULL on error, with e set. Do not finalize it. For
 * fixed SQL (string constants) only: the cache holds a bounded number of
 * texts and never evicts, so it stays valid across other calls. */
sqlite3_stmt *db_stmt(px_db *db, const char *sql, px_err *e);
/* The same for SQL built at run time (a filter's combination of clauses):
 * a cache of a few texts that finalizes the least recently used, so
 * cycling through combinations neither grows memory nor fills db_stmt's
 * table. Step and reset the statement before the next call here. */
sqlite3_stmt *db_stmt_dynamic(px_db *db, const char *sql, px_err *e);

/* The one way to loop over result rows:
 *
 *	int rc;
 *	while (db_row(db, st, &rc, e)) { ...read the row... }
 *	sqlite3_reset(st);   (or sqlite3_finalize)
 *	if (rc) ...the step failed; e says why...
 *
 * 1 with a row to read; 0 when the rows ended (*status PX_OK) or a step
 * failed (busy past the timeout, I/O error, corruption: *status the px
 * code, e set). A loop left early with break keeps *status PX_OK. db may
 * be NULL for a statement of another connection (SQLite's message then).
 * Test hook: with $PRAXIS_TEST_FAIL_ROW=N the Nth call on a connection
 * fails as an I/O error would; with N:TEXT only calls on statements whose
 * SQL contains TEXT are counted. */
int db_row(px_db *db, sqlite3_stmt *st, int *status, px_err *e);

/* Transactions nest: only the outermost begin/commit reach SQLite; a
 * rollback at any depth rolls back the whole outermost transaction. */
int db_begin(px_db *db, px_err *e);
int db_commit(px_db *db, px_err *e);
void db_rollback(px_db *db);
int db_in_transaction(const px_db *db);
/* One read snapshot for a long series of reads (an export): a deferred
 * transaction, so every query sees the same data and SQLite takes its
 * locks once instead of per statement. *began says whether one was opened
 * (not inside a transaction already); pass it to db_read_end. */
int db_read_begin(px_db *db, int *began, px_err *e);
void db_read_end(px_db *db, int began);

int db_exec(px_db *db, const char *sql, px_err *e);
/* The busy timeout in force, in ms: 5000, or $PRAXIS_BUSY_TIMEOUT_MS
 * (0..600000) when set. A write still locked after it fails with PX_EBUSY
 * and a message naming the database; nothing is half-written. */
int db_busy_ms(const px_db *db);
/* Error from the last SQLite call, as a px status with message. */
int db_fail(px_db *db, px_err *e, const char *what);

/* Steps a statement that returns no rows; resets it. */
int db_step_done(px_db *db, sqlite3_stmt *st, px_err *e, const char *what);

/* PRAGMA data_version: changes when another connection commits. */
int64_t db_data_version(px_db *db);
/* Sum of changes this connection made, for change detection by panes. */
int64_t db_change_counter(px_db *db);
void db_touch(px_db *db);

/* The first column of the first row of sql (no parameters), or 0: for
 * figures where 0 on a failed read is harmless (a progress total). */
int64_t db_scalar(px_db *db, const char *sql);
/* The same into *out (0 without a row), with a failed step reported. */
int db_scalar_get(px_db *db, const char *sql, int64_t *out, px_err *e);
/* One-row lookups through cached statements, the shape every module's
 * find/get/count takes. Each returns 1 when a row came back, 0 when none
 * did, and -1 (with e set) on an error. */
/* The first column of sql's first row, with the text key bound to ?1. */
int db_lookup_text(px_db *db, const char *sql, const char *key, int64_t *out, px_err *e);
/* The same with an integer key bound to ?1. */
int db_lookup_id(px_db *db, const char *sql, int64_t key, int64_t *out, px_err *e);
/* Runs sql with id bound to ?1 and hands its first row to read(st, out). */
int db_read_one(px_db *db, const char *sql, int64_t id,
		void (*read)(sqlite3_stmt *st, void *out), void *out, px_err *e);
/* Appends the first column of every row of sql (id bound to ?1) to ids;
 * 0 or -1. */
int db_collect_ids(px_db *db, const char *sql, int64_t id, idlist *ids, px_err *e);

/* Runs a statement that returns no rows with id bound to ?1 (a delete or
 * update of one owner's rows); what names it in an error. */
int db_run_id(px_db *db, const char *sql, int64_t id, const char *what, px_err *e);
/* Inserts one row per id with insert_sql binding (owner, id, position). */
int db_insert_id_list(px_db *db, const char *insert_sql, int64_t owner, const idlist *ids,
		      const char *what, px_err *e);

/* A fresh statement for a loop whose callbacks may reuse cached ones;
 * the caller finalizes it. NULL with e set on error. */
sqlite3_stmt *db_prepare_iter(px_db *db, const char *sql, px_err *e);

/* Helpers for reading columns: a malloc'd copy or NULL for SQL NULL. */
char *db_col_strdup(sqlite3_stmt *st, int col);
int64_t db_col_id(sqlite3_stmt *st, int col); /* 0 for NULL */
/* Binds 0 as NULL, else the id. */
int db_bind_id(sqlite3_stmt *st, int idx, int64_t id);
/* Binds NULL for a NULL pointer, else the text (SQLITE_TRANSIENT). */
int db_bind_text(sqlite3_stmt *st, int idx, const char *s);

/* Change listeners: summaries and undo follow every coding write. Events
 * are sent after the row is written (inside the caller's transaction);
 * DB_EV_ROLLBACK says earlier events of the transaction were undone and
 * DB_EV_RESET that many rows changed at once (import, merge, a code
 * deleted): listeners then rebuild from the store. */
struct px_coding;
enum db_event {
	DB_EV_CODING_ADD,    /* before NULL, after the new coding */
	DB_EV_CODING_UPDATE, /* before and after */
	DB_EV_CODING_DELETE, /* before the removed coding, after NULL */
	DB_EV_ROLLBACK,
	DB_EV_RESET
};
typedef void (*db_listener_fn)(void *ud, int event, const struct px_coding *before,
			       const struct px_coding *after);
int db_listen(px_db *db, db_listener_fn fn, void *ud);
void db_unlisten(px_db *db, db_listener_fn fn, void *ud);
void db_notify(px_db *db, int event, const struct px_coding *before,
	       const struct px_coding *after);

/* Project metadata (title, uuid, ...) in the meta table. */
int db_meta_get(px_db *db, const char *key, char **out, px_err *e);
int db_meta_set(px_db *db, const char *key, const char *value, px_err *e);

#endif
