/* db.c: the SQLite connection: opening, transactions, statements; see
 * praxis/db.h. What a praxis file is (schema, migrations) is project.c's. */
#include <errno.h>
#include <stdio.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "praxis/db.h"
#include "praxis/util.h"

/* How long a write waits for another process's transaction before it is
 * reported (PX_EBUSY, naming the file). $PRAXIS_BUSY_TIMEOUT_MS overrides
 * it (tests use a short one; a shared network home may want a longer). */
#define DB_BUSY_TIMEOUT_MS 5000
#define DB_BUSY_TIMEOUT_MAX_MS (10L * 60 * 1000)
/* Fixed SQL (string constants) lives in an open-addressing table that is
 * never evicted from: callers keep its statements across other calls. It
 * holds at most STMT_FIXED_MAX texts, so a probe always meets an empty
 * slot; a text past that is an error, never a spin. SQL built at run
 * time (filters) goes to a small table that evicts the least recently
 * used instead (db_stmt_dynamic). */
#define STMT_SLOTS 256          /* power of two */
#define STMT_FIXED_MAX (STMT_SLOTS * 3 / 4)
#define STMT_DYNAMIC 16

struct stmt_slot {
	char *sql;
	sqlite3_stmt *st;
	uint64_t used;           /* dynamic slots: the clock at the last use */
};

struct listener {
	db_listener_fn fn;
	void *ud;
};

struct px_db {
	sqlite3 *h;
	char *path;
	int readonly;
	int busy_ms;             /* the busy timeout in force */
	int depth;               /* nesting of db_begin */
	int failed;              /* an inner level rolled back */
	int64_t changes;         /* bumped by db_touch on every write */
	struct stmt_slot stmts[STMT_SLOTS];
	int nstmts;              /* filled slots of stmts */
	struct stmt_slot dyn[STMT_DYNAMIC];
	uint64_t dyn_clock;
	/* the PRAXIS_TEST_FAIL_ROW hook (see db_row) */
	int64_t rows;            /* db_row calls counted so far */
	int64_t fail_row;        /* 0: not read yet, -1: off, else the call that fails */
	char *fail_sql;          /* count only statements whose SQL holds this */
	struct listener *listeners;
	size_t nlisteners;
	int64_t actor;           /* the coder changes are logged under (audit.h) */
	int audit_paused;        /* nesting of db_audit_pause */
};

int db_disk_full(sqlite3 *h, int rc)
{
	int kind = rc & 0xff;

	if (kind == SQLITE_FULL)
		return 1;
	/* an I/O error (rebuilding FILE-shm, growing FILE-wal) whose cause
	 * was ENOSPC reads only "disk I/O error" without this */
	return (kind == SQLITE_IOERR || kind == SQLITE_CANTOPEN) &&
	       sqlite3_system_errno(h) == ENOSPC;
}

int db_refuse_write(const px_db *db, px_err *e)
{
	return px_fail(e, PX_EDATA, "read-only: %s is open read-only; nothing was changed",
		       db->path);
}

int db_fail(px_db *db, px_err *e, const char *what)
{
	int rc = sqlite3_extended_errcode(db->h);
	int code = PX_EIO;

	if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
		code = PX_EBUSY;
	else if ((rc & 0xff) == SQLITE_CONSTRAINT)
		code = PX_EDATA;
	if ((rc & 0xff) == SQLITE_BUSY)
		return px_fail(e, code, "%s: the database %s stayed locked by another "
			       "process for more than %d ms; nothing was written, try again",
			       what, db->path, db->busy_ms);
	if ((rc & 0xff) == SQLITE_READONLY && db->readonly)
		return db_refuse_write(db, e);
	if ((rc & 0xff) == SQLITE_READONLY)
		return px_fail(e, code, "%s: the database %s is read-only (%s); nothing was "
			       "written", what, db->path, sqlite3_errmsg(db->h));
	if (db_disk_full(db->h, rc) || rc == SQLITE_IOERR_WRITE ||
	    rc == SQLITE_IOERR_FSYNC || rc == SQLITE_IOERR_TRUNCATE)
		return px_fail(e, code, "%s: cannot write to %s (%s; is the disk full?); the "
			       "change was not saved", what, db->path, sqlite3_errmsg(db->h));
	return px_fail(e, code, "%s: %s", what, sqlite3_errmsg(db->h));
}

static uint32_t hash_sql(const char *s)
{
	uint32_t h = 2166136261u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

static sqlite3_stmt *stmt_prepare(px_db *db, struct stmt_slot *slot, const char *sql,
				   unsigned flags, px_err *e)
{
	if (sqlite3_prepare_v3(db->h, sql, -1, flags, &slot->st, NULL) != SQLITE_OK) {
		db_fail(db, e, "preparing a query");
		slot->st = NULL;
		return NULL;
	}
	slot->sql = xstrdup(sql);
	return slot->st;
}

static sqlite3_stmt *stmt_reuse(struct stmt_slot *s)
{
	sqlite3_reset(s->st);
	sqlite3_clear_bindings(s->st);
	return s->st;
}

sqlite3_stmt *db_stmt(px_db *db, const char *sql, px_err *e)
{
	uint32_t i = hash_sql(sql) & (STMT_SLOTS - 1);

	/* ends: fewer than STMT_SLOTS slots are ever filled */
	for (; db->stmts[i].sql; i = (i + 1) & (STMT_SLOTS - 1)) {
		if (strcmp(db->stmts[i].sql, sql) == 0)
			return stmt_reuse(&db->stmts[i]);
	}
	if (db->nstmts >= STMT_FIXED_MAX) {
		px_fail(e, PX_EIO, "preparing a query: more than %d distinct fixed statements "
			"(SQL built at run time belongs in db_stmt_dynamic)", STMT_FIXED_MAX);
		return NULL;
	}
	if (!stmt_prepare(db, &db->stmts[i], sql, SQLITE_PREPARE_PERSISTENT, e))
		return NULL;
	db->nstmts++;
	return db->stmts[i].st;
}

sqlite3_stmt *db_stmt_dynamic(px_db *db, const char *sql, px_err *e)
{
	struct stmt_slot *victim = &db->dyn[0];

	for (int i = 0; i < STMT_DYNAMIC; i++) {
		struct stmt_slot *s = &db->dyn[i];
		if (s->sql && strcmp(s->sql, sql) == 0) {
			s->used = ++db->dyn_clock;
			return stmt_reuse(s);
		}
		if (!s->sql || (victim->sql && s->used < victim->used))
			victim = s;
	}
	sqlite3_finalize(victim->st);
	free(victim->sql);
	victim->sql = NULL;
	victim->used = ++db->dyn_clock;
	return stmt_prepare(db, victim, sql, 0, e);
}

/* The PRAXIS_TEST_FAIL_ROW hook ("N" or "N:SQL"): 1 if this step is
 * the one to fail. */
static int row_fails(px_db *db, sqlite3_stmt *st)
{
	if (!db->fail_row) {
		const char *env = getenv("PRAXIS_TEST_FAIL_ROW");
		char *end = NULL;
		long long n = env && *env ? strtoll(env, &end, 10) : 0;
		db->fail_row = n > 0 && (*end == '\0' || *end == ':') ? n : -1;
		if (db->fail_row > 0 && *end == ':')
			db->fail_sql = xstrdup(end + 1);
	}
	if (db->fail_row < 0 || (db->fail_sql && !strstr(sqlite3_sql(st), db->fail_sql)))
		return 0;
	return ++db->rows == db->fail_row;
}

int db_row(px_db *db, sqlite3_stmt *st, int *status, px_err *e)
{
	int rc;

	*status = PX_OK;
	if (db && row_fails(db, st)) {
		*status = px_fail(e, PX_EIO, "reading %s: disk I/O error (injected at row %lld "
				  "by PRAXIS_TEST_FAIL_ROW)", db->path, (long long)db->rows);
		return 0;
	}
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	if (db)
		*status = db_fail(db, e, "reading the database");
	else
		*status = px_fail(e, (rc & 0xff) == SQLITE_BUSY ? PX_EBUSY : PX_EIO,
				  "reading the database: %s",
				  sqlite3_errmsg(sqlite3_db_handle(st)));
	return 0;
}

int db_exec(px_db *db, const char *sql, px_err *e)
{
	if (sqlite3_exec(db->h, sql, NULL, NULL, NULL) != SQLITE_OK)
		return db_fail(db, e, "database");
	return PX_OK;
}

int db_step_done(px_db *db, sqlite3_stmt *st, px_err *e, const char *what)
{
	int rc = sqlite3_step(st);

	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		int code = db_fail(db, e, what);
		sqlite3_reset(st);
		return code;
	}
	sqlite3_reset(st);
	db->changes++;
	return PX_OK;
}

int db_begin(px_db *db, px_err *e)
{
	if (db->readonly)
		return db_refuse_write(db, e);
	if (db->depth == 0) {
		if (sqlite3_exec(db->h, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
			return db_fail(db, e, "cannot write");
		db->failed = 0;
	}
	db->depth++;
	return PX_OK;
}

static void db_finish_rollback(px_db *db)
{
	sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
	db->changes++;
	db_notify(db, DB_EV_ROLLBACK, NULL, NULL);
}

int db_commit(px_db *db, px_err *e)
{
	if (db->depth == 0)
		return px_fail(e, PX_EIO, "commit without a transaction");
	if (--db->depth > 0)
		return PX_OK;
	if (db->failed) {
		db_finish_rollback(db);
		return px_fail(e, PX_EIO, "the transaction was rolled back");
	}
	if (sqlite3_exec(db->h, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
		int code = db_fail(db, e, "saving");
		db_finish_rollback(db);
		return code;
	}
	return PX_OK;
}

void db_rollback(px_db *db)
{
	if (db->depth == 0)
		return;
	db->failed = 1;
	if (--db->depth == 0)
		db_finish_rollback(db);
}

int db_in_transaction(const px_db *db)
{
	return db->depth > 0;
}

int db_read_begin(px_db *db, int *began, px_err *e)
{
	*began = 0;
	if (db->depth > 0 || !sqlite3_get_autocommit(db->h))
		return PX_OK;
	if (sqlite3_exec(db->h, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
		return db_fail(db, e, "reading");
	*began = 1;
	return PX_OK;
}

void db_read_end(px_db *db, int began)
{
	if (began && !sqlite3_get_autocommit(db->h))
		sqlite3_exec(db->h, "COMMIT", NULL, NULL, NULL);
}

char *db_col_strdup(sqlite3_stmt *st, int col)
{
	const unsigned char *s = sqlite3_column_text(st, col);

	return s ? xstrdup((const char *)s) : NULL;
}

int64_t db_col_id(sqlite3_stmt *st, int col)
{
	return sqlite3_column_type(st, col) == SQLITE_NULL ? 0 : sqlite3_column_int64(st, col);
}

int db_bind_id(sqlite3_stmt *st, int idx, int64_t id)
{
	return id ? sqlite3_bind_int64(st, idx, id) : sqlite3_bind_null(st, idx);
}

int db_bind_text(sqlite3_stmt *st, int idx, const char *s)
{
	return s ? sqlite3_bind_text(st, idx, s, -1, SQLITE_TRANSIENT) : sqlite3_bind_null(st, idx);
}

int db_scalar_get(px_db *db, const char *sql, int64_t *out, px_err *e)
{
	sqlite3_stmt *st = db_stmt(db, sql, e);
	int rc;

	*out = 0;
	if (!st)
		return px_status_of(e);
	if (db_row(db, st, &rc, e))
		*out = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return rc;
}

int64_t db_scalar(px_db *db, const char *sql)
{
	int64_t v;

	db_scalar_get(db, sql, &v, NULL);
	return v;
}

/* Steps st (bound, cached) once: 1 with a row (left for the caller to
 * read, then reset), 0 without (reset), -1 on error (reset, e set). */
static int step_one(px_db *db, sqlite3_stmt *st, px_err *e)
{
	int rc = sqlite3_step(st);

	if (rc == SQLITE_ROW)
		return 1;
	if (rc != SQLITE_DONE)
		db_fail(db, e, "reading");
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

static int lookup(px_db *db, sqlite3_stmt *st, int64_t *out, px_err *e)
{
	int found = step_one(db, st, e);

	*out = found == 1 ? sqlite3_column_int64(st, 0) : 0;
	if (found == 1)
		sqlite3_reset(st);
	return found;
}

int db_lookup_text(px_db *db, const char *sql, const char *key, int64_t *out, px_err *e)
{
	sqlite3_stmt *st = db_stmt(db, sql, e);

	*out = 0;
	if (!st)
		return -1;
	db_bind_text(st, 1, key);
	return lookup(db, st, out, e);
}

int db_lookup_id(px_db *db, const char *sql, int64_t key, int64_t *out, px_err *e)
{
	sqlite3_stmt *st = db_stmt(db, sql, e);

	*out = 0;
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, key);
	return lookup(db, st, out, e);
}

int db_read_one(px_db *db, const char *sql, int64_t id,
		void (*read)(sqlite3_stmt *st, void *out), void *out, px_err *e)
{
	sqlite3_stmt *st = db_stmt(db, sql, e);
	int found;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	if ((found = step_one(db, st, e)) == 1) {
		read(st, out);
		sqlite3_reset(st);
	}
	return found;
}

int db_collect_ids(px_db *db, const char *sql, int64_t id, idlist *ids, px_err *e)
{
	sqlite3_stmt *st = db_stmt(db, sql, e);
	int rc;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	while (db_row(db, st, &rc, e))
		idl_push(ids, sqlite3_column_int64(st, 0));
	sqlite3_reset(st);
	return rc ? -1 : 0;
}

int db_run_id(px_db *db, const char *sql, int64_t id, const char *what, px_err *e)
{
	sqlite3_stmt *st = db_stmt(db, sql, e);

	if (!st)
		return px_status_of(e);
	sqlite3_bind_int64(st, 1, id);
	return db_step_done(db, st, e, what);
}

int db_insert_id_list(px_db *db, const char *insert_sql, int64_t owner, const idlist *ids,
		      const char *what, px_err *e)
{
	int rc;

	for (size_t i = 0; i < ids->n; i++) {
		sqlite3_stmt *st = db_stmt(db, insert_sql, e);
		if (!st)
			return px_status_of(e);
		sqlite3_bind_int64(st, 1, owner);
		sqlite3_bind_int64(st, 2, ids->v[i]);
		sqlite3_bind_int64(st, 3, (int64_t)i);
		if ((rc = db_step_done(db, st, e, what)))
			return rc;
	}
	return PX_OK;
}

sqlite3_stmt *db_prepare_iter(px_db *db, const char *sql, px_err *e)
{
	sqlite3_stmt *st = NULL;

	if (sqlite3_prepare_v2(db->h, sql, -1, &st, NULL) != SQLITE_OK) {
		db_fail(db, e, "preparing a query");
		return NULL;
	}
	return st;
}

int64_t db_data_version(px_db *db)
{
	/* a pragma, not the project's rows: stepped here, and a failure
	 * (-1) reads as a change, so the caller reloads and meets it there */
	sqlite3_stmt *st = db_stmt(db, "PRAGMA data_version", NULL);
	int64_t v = -1;

	if (st && sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	if (st)
		sqlite3_reset(st);
	return v;
}

void db_set_actor(px_db *db, int64_t coder_id)
{
	db->actor = coder_id;
}

int64_t db_actor(px_db *db)
{
	return db->actor;
}

void db_audit_pause(px_db *db, int pause)
{
	db->audit_paused += pause ? 1 : -1;
}

int db_audit_paused(px_db *db)
{
	return db->audit_paused > 0;
}

int64_t db_change_counter(px_db *db)
{
	return db->changes;
}

void db_touch(px_db *db)
{
	db->changes++;
}

int db_listen(px_db *db, db_listener_fn fn, void *ud)
{
	db->listeners = xrealloc(db->listeners, (db->nlisteners + 1) * sizeof(*db->listeners));
	db->listeners[db->nlisteners].fn = fn;
	db->listeners[db->nlisteners].ud = ud;
	db->nlisteners++;
	return PX_OK;
}

void db_unlisten(px_db *db, db_listener_fn fn, void *ud)
{
	for (size_t i = 0; i < db->nlisteners; i++) {
		if (db->listeners[i].fn == fn && db->listeners[i].ud == ud) {
			memmove(&db->listeners[i], &db->listeners[i + 1],
				(db->nlisteners - i - 1) * sizeof(*db->listeners));
			db->nlisteners--;
			return;
		}
	}
}

void db_notify(px_db *db, int event, const struct px_coding *before,
	       const struct px_coding *after)
{
	for (size_t i = 0; i < db->nlisteners; i++)
		db->listeners[i].fn(db->listeners[i].ud, event, before, after);
}

int db_meta_get(px_db *db, const char *key, char **out, px_err *e)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT value FROM meta WHERE key = ?", e);
	int rc;

	*out = NULL;
	if (!st)
		return px_status_of(e);
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	if (db_row(db, st, &rc, e))
		*out = db_col_strdup(st, 0);
	sqlite3_reset(st);
	return rc;
}

int db_meta_set(px_db *db, const char *key, const char *value, px_err *e)
{
	sqlite3_stmt *st = db_stmt(db, "INSERT INTO meta(key, value) VALUES (?, ?)"
				   " ON CONFLICT(key) DO UPDATE SET value = excluded.value", e);

	if (!st)
		return px_status_of(e);
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	db_bind_text(st, 2, value ? value : "");
	return db_step_done(db, st, e, "saving project metadata");
}

const char *db_path(const px_db *db)
{
	return db->path;
}

sqlite3 *db_sqlite(px_db *db)
{
	return db->h;
}

int db_int(px_db *db, const char *sql, int64_t *out, px_err *e)
{
	sqlite3_stmt *st;
	int rc;

	*out = 0;
	if (sqlite3_prepare_v2(db->h, sql, -1, &st, NULL) != SQLITE_OK)
		return db_fail(db, e, "reading");
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	else if (rc != SQLITE_DONE)
		db_fail(db, e, "reading");
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? PX_OK : px_status_of(e);
}

static int busy_timeout_ms(void)
{
	const char *env = getenv("PRAXIS_BUSY_TIMEOUT_MS");
	char *end;
	long v;

	if (!env || !*env)
		return DB_BUSY_TIMEOUT_MS;
	v = strtol(env, &end, 10);
	if (*end || v < 0 || v > DB_BUSY_TIMEOUT_MAX_MS)
		return DB_BUSY_TIMEOUT_MS;
	return (int)v;
}

int db_busy_ms(const px_db *db)
{
	return db->busy_ms;
}

int db_is_readonly(const px_db *db)
{
	return db->readonly;
}

int db_use_wal(px_db *db, px_err *e)
{
	int64_t ignored;

	/* journal_mode returns a row; read it so errors surface here */
	if (db_int(db, "PRAGMA journal_mode = WAL", &ignored, e))
		return px_wrap(e, "%s: cannot write", db->path);
	return db_exec(db, "PRAGMA synchronous = NORMAL", e);
}

/* The directory holding path ("." for a bare name); caller frees. */
static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

int db_path_writable(const char *path)
{
	char *dir = dir_of(path);
	int ok = access(dir, W_OK) == 0 && (access(path, F_OK) != 0 || access(path, W_OK) == 0);

	free(dir);
	return ok;
}

/* A read-only WAL database in a directory nobody may write: SQLite cannot
 * create the -shm file it reads through, so such a file is opened as
 * immutable (no locks, no -shm) -- nobody can be writing it there either.
 * NULL (open by name) when the directory is writable or -shm exists. */
static char *readonly_uri(const char *path)
{
	char *dir = dir_of(path), *shm = xasprintf("%s-shm", path);
	int plain = access(dir, W_OK) == 0 || access(shm, F_OK) == 0;
	strbuf b;

	free(dir);
	free(shm);
	if (plain)
		return NULL;
	sb_init(&b);
	sb_add(&b, "file:");
	for (const unsigned char *c = (const unsigned char *)path; *c; c++) {
		if (*c == '%' || *c == '?' || *c == '#' || *c < 0x21 || *c > 0x7e)
			sb_printf(&b, "%%%02X", *c);
		else
			sb_addc(&b, (char)*c);
	}
	sb_add(&b, "?immutable=1");
	return sb_steal(&b);
}

int db_connect(const char *path, int readonly, px_db **out, px_err *e)
{
	px_db *db = xcalloc(1, sizeof(*db));
	int oflags = readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;

	/* no allocation statistics: they take one global mutex on every
	 * allocation, which the summaries' loader thread and the interface
	 * would fight over. Only before SQLite initializes (the first open);
	 * later calls are refused and change nothing. */
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);

	*out = NULL;
	db->path = xstrdup(path);
	char *uri = readonly ? readonly_uri(path) : NULL;

	db->readonly = readonly;
	if (sqlite3_open_v2(uri ? uri : path, &db->h,
			    oflags | SQLITE_OPEN_NOMUTEX | (uri ? SQLITE_OPEN_URI : 0),
			    NULL) != SQLITE_OK) {
		free(uri);
		px_fail(e, PX_EIO, "%s: cannot open: %s", path,
			db->h ? sqlite3_errmsg(db->h) : "out of memory");
		db_close(db);
		return PX_EIO;
	}
	free(uri);
	/* SQLite quietly opens a file it may not write read-only; a command
	 * that means to write must hear it now, not at its first change */
	if (!readonly && sqlite3_db_readonly(db->h, "main") == 1) {
		px_fail(e, PX_EIO, "%s: the database file is read-only (no permission to "
			"write it); nothing was written", path);
		db_close(db);
		return PX_EIO;
	}
	sqlite3_extended_result_codes(db->h, 1);
	db->busy_ms = busy_timeout_ms();
	sqlite3_busy_timeout(db->h, db->busy_ms);
	if (db_exec(db, "PRAGMA foreign_keys = ON", e)) {
		db_close(db);
		return px_status_of(e);
	}
	/* 32 MiB of page cache: imports and whole-corpus summaries touch
	 * far more pages than the 2 MiB default holds. Only a speed-up and
	 * no write to the file. */
	sqlite3_exec(db->h, "PRAGMA cache_size = -32768", NULL, NULL, NULL);
	*out = db;
	return PX_OK;
}

void db_close(px_db *db)
{
	if (!db)
		return;
	for (int i = 0; i < STMT_SLOTS; i++) {
		sqlite3_finalize(db->stmts[i].st);
		free(db->stmts[i].sql);
	}
	for (int i = 0; i < STMT_DYNAMIC; i++) {
		sqlite3_finalize(db->dyn[i].st);
		free(db->dyn[i].sql);
	}
	if (db->h)
		sqlite3_close(db->h);
	free(db->listeners);
	free(db->fail_sql);
	free(db->path);
	free(db);
}

/* path with its directory resolved (symbolic links, "..") and its last
 * name kept: how two names of one file, existing or not, compare. */
static char *db_canonical(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash ? xstrndup(path, (size_t)(slash - path)) : xstrdup(".");
	char *real, *out;

	real = realpath(*dir ? dir : "/", NULL);
	free(dir);
	if (!real)
		return NULL;
	out = xasprintf("%s/%s", strcmp(real, "/") ? real : "", slash ? slash + 1 : path);
	free(real);
	return out;
}

int db_path_is_part(const char *db_path, const char *path)
{
	static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };
	char *want = db_canonical(path), *have = db_canonical(db_path);
	struct stat target, part;
	int exists = stat(path, &target) == 0, hit = 0;

	for (size_t i = 0; !hit && i < sizeof(suffixes) / sizeof(suffixes[0]); i++) {
		char *p = xasprintf("%s%s", db_path, suffixes[i]);
		if (exists && stat(p, &part) == 0 && part.st_dev == target.st_dev &&
		    part.st_ino == target.st_ino)
			hit = 1;
		free(p);
		if (!hit && want && have) {
			p = xasprintf("%s%s", have, suffixes[i]);
			hit = strcmp(p, want) == 0;
			free(p);
		}
	}
	free(want);
	free(have);
	return hit;
}
