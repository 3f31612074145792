/* project.c: opening, creating and migrating a praxis project file; see
 * praxis/project.h. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "praxis/project.h"
#include "praxis/backup.h"
#include "praxis/codebook.h"
#include "praxis/util.h"
#include "schema.h"

/* What the file says it is, read without writing anything. */
struct project_header {
	int64_t version;   /* PRAGMA user_version */
	int64_t app;       /* PRAGMA application_id */
	int64_t tables;    /* rows of sqlite_master */
};

static int header_empty(const struct project_header *h)
{
	return h->version == 0 && h->tables == 0;
}

/* A sidecar SQLite keeps beside path: "-wal", "-shm", "-journal". */
static char *sidecar(const char *path, const char *suffix)
{
	return xasprintf("%s%s", path, suffix);
}

/* A failed first read: what it means for the user. */
static int explain_read_failure(px_db *db, px_err *e)
{
	const char *path = db_path(db);
	sqlite3 *h = db_sqlite(db);
	int rc = sqlite3_extended_errcode(h);
	char *shm;

	if (rc == SQLITE_NOTADB || (rc & 0xff) == SQLITE_CORRUPT)
		return px_fail(e, PX_EDATA, "%s: not a praxis database (%s)", path,
			       sqlite3_errmsg(h));
	if (db_disk_full(h, rc))
		return db_fail(db, e, "reading");
	if ((rc & 0xff) != SQLITE_READONLY && (rc & 0xff) != SQLITE_CANTOPEN)
		return px_fail(e, PX_EIO, "%s: cannot read the database (%s)", path,
			       sqlite3_errmsg(h));
	shm = sidecar(path, "-shm");
	if (access(shm, F_OK) == 0 && access(shm, W_OK) != 0) {
		px_fail(e, PX_EIO, "%s: cannot use the database: %s is read-only (left "
			"by reading the project while it was read-only); make it writable, "
			"or remove %s and %s-wal while no praxis has the project open",
			path, shm, shm, path);
		free(shm);
		return PX_EIO;
	}
	free(shm);
	return px_fail(e, PX_EIO, "%s: cannot read the database: its directory is not "
		       "writable, and SQLite must create %s-shm beside a WAL database to "
		       "read it; make the directory writable or copy the file elsewhere",
		       path, path);
}

static int read_header(px_db *db, struct project_header *h, px_err *e)
{
	px_err ignored = { 0 };

	memset(h, 0, sizeof(*h));
	if (db_int(db, "PRAGMA user_version", &h->version, &ignored))
		return explain_read_failure(db, e);
	if (db_int(db, "PRAGMA application_id", &h->app, e) ||
	    db_int(db, "SELECT count(*) FROM sqlite_master", &h->tables, e))
		return px_status_of(e);
	return PX_OK;
}

/* Refuses what this praxis must not touch: another program's file, a
 * newer schema. */
static int check_header(px_db *db, const struct project_header *h, px_err *e)
{
	if (header_empty(h))
		return PX_OK;
	if (h->app != SCHEMA_APPLICATION_ID)
		return px_fail(e, PX_EDATA, "%s: not a praxis database (an SQLite file of "
			       "another program)", db_path(db));
	if (h->version > schema_active_count)
		return px_fail(e, PX_EDATA,
			       "%s: the database has schema version %lld, newer than this "
			       "praxis supports (%d); upgrade praxis to open it",
			       db_path(db), (long long)h->version, schema_active_count);
	return PX_OK;
}

static int set_version(px_db *db, const char *pragma, int value, px_err *e)
{
	char sql[64];

	snprintf(sql, sizeof(sql), "PRAGMA %s = %d", pragma, value);
	return db_exec(db, sql, e);
}

/* Migrations from+1 .. current, inside the caller's transaction. */
static int apply_migrations(px_db *db, int64_t from, px_err *e)
{
	int rc;

	for (int64_t v = from + 1; v <= schema_active_count; v++) {
		if ((rc = db_exec(db, schema_active[v], e)))
			return rc;
	}
	return set_version(db, "user_version", schema_active_count, e);
}

/* A new, empty file: schema, default codebook and project identity,
 * inside the caller's transaction. */
static int initialize(px_db *db, px_err *e)
{
	char uuid[37], now[32];
	int rc;

	if ((rc = apply_migrations(db, 0, e)) ||
	    (rc = set_version(db, "application_id", SCHEMA_APPLICATION_ID, e)) ||
	    (rc = codebook_seed(db, e)))
		return rc;
	util_uuid(uuid);
	util_now_iso(now);
	if ((rc = db_meta_set(db, "uuid", uuid, e)))
		return rc;
	return db_meta_set(db, "created", now, e);
}

/* After the migrations, inside their transaction: no row may point at
 * a row that is not there (PRAGMA foreign_key_check finds none). */
static int check_foreign_keys(px_db *db, px_err *e)
{
	int64_t bad = 0;

	if (db_int(db, "SELECT count(*) FROM pragma_foreign_key_check", &bad, e))
		return px_status_of(e);
	if (bad)
		return px_fail(e, PX_EDATA, "%s: %lld rows point at rows that are not there "
			       "after the migration; nothing was changed", db_path(db),
			       (long long)bad);
	return PX_OK;
}

/* Brings an empty file or an older schema up to date under one write
 * lock, after reading the header again inside it: another process may
 * have done it meanwhile. An older schema is first copied aside
 * (backup_before_migration): a migration is one transaction, but a bug
 * in one would still be committed, and months of coding deserve a way
 * back. */
static int upgrade(px_db *db, const struct project_header *seen, px_err *e)
{
	struct project_header h;
	int rc;

	if (!header_empty(seen) &&
	    (rc = backup_before_migration(db, (long long)seen->version, NULL, e)))
		return rc;
	/* foreign keys off while a migration rebuilds a table (SQLite's
	 * procedure: dropping the old table would otherwise cascade into
	 * its children); checked whole before the commit instead. The
	 * pragma is a no-op inside a transaction, hence here. */
	if ((rc = db_exec(db, "PRAGMA foreign_keys = OFF", e)))
		return rc;
	if ((rc = db_begin(db, e)))
		goto fk_on;
	if ((rc = read_header(db, &h, e)) || (rc = check_header(db, &h, e)))
		goto fail;
	if (header_empty(&h))
		rc = initialize(db, e);
	else if (h.version < schema_active_count)
		rc = apply_migrations(db, h.version, e);
	if (!rc)
		rc = check_foreign_keys(db, e);
	if (rc)
		goto fail;
	rc = db_commit(db, e);
	goto fk_on;
fail:
	db_rollback(db);
	db_exec(db, "PRAGMA foreign_keys = ON", NULL);
	if (!header_empty(&h) && h.version < schema_active_count)
		return px_wrap(e, "%s: migrating schema %lld to %d (a copy of the file as it "
			       "was is beside it)", db_path(db), (long long)h.version,
			       schema_active_count);
	return rc;
fk_on:
	if (db_exec(db, "PRAGMA foreign_keys = ON", rc ? NULL : e))
		return rc ? rc : px_status_of(e);
	return rc;
}

/* The -wal and -shm a read of a read-only (0400) project left carry its
 * mode: every later write would fail "read-only". Ours, they get the
 * owner's write bit back. */
static void repair_sidecars(const char *path)
{
	static const char *const suffixes[] = { "-wal", "-shm" };
	struct stat sb;

	for (size_t i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++) {
		char *p = sidecar(path, suffixes[i]);
		if (stat(p, &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_uid == geteuid() &&
		    !(sb.st_mode & S_IWUSR))
			chmod(p, (sb.st_mode & 0777) | S_IWUSR);
		free(p);
	}
}

/* Decides, from a header read without writing, what the open may do. */
static int settle(px_db *db, int flags, px_err *e)
{
	const char *path = db_path(db);
	struct project_header h;
	int rc, ro = (flags & PROJECT_READONLY) != 0;

	if ((rc = read_header(db, &h, e)) || (rc = check_header(db, &h, e)))
		return rc;
	if (header_empty(&h) && (ro || !(flags & PROJECT_CREATE)))
		return px_fail(e, PX_EDATA, "%s: the file is empty, not a praxis project "
			       "yet (an interrupted first 'praxis init' or 'praxis import' "
			       "leaves one); 'praxis init' or 'praxis import' sets it up",
			       path);
	if (h.version < schema_active_count && !header_empty(&h) && ro)
		return px_fail(e, PX_EDATA, "%s: schema version %lld needs migrating to %d "
			       "before it can be read; a command that writes (e.g. opening it "
			       "in the interface) migrates it, keeping a copy first", path,
			       (long long)h.version, schema_active_count);
	if (ro)
		return PX_OK;
	if ((rc = db_use_wal(db, e)))
		return rc;
	if (header_empty(&h) || h.version < schema_active_count)
		return upgrade(db, &h, e);
	return PX_OK;
}

/* Creates the file ourselves so that it is 0600 from the first byte:
 * field notes name real people's pseudonyms and private aliases. */
static int create_file(const char *path, px_err *e)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);

	if (fd >= 0) {
		close(fd);
		return PX_OK;
	}
	if (errno == EEXIST)
		return PX_OK;
	return px_fail(e, PX_EIO, "%s: cannot create the database: %s", path, strerror(errno));
}

int project_open(const char *path, int flags, px_db **out, px_err *e)
{
	struct stat sb;
	px_db *db;
	int rc, ro = (flags & PROJECT_READONLY) != 0;

	*out = NULL;
	if (!path || !*path)
		return px_fail(e, PX_EUSAGE, "no database file given");
	if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode))
		return px_fail(e, PX_EIO, "%s: is a directory, not a database file", path);
	if (access(path, F_OK) != 0) {
		if (!(flags & PROJECT_CREATE))
			return px_fail(e, PX_EIO, "%s: no such database (create one with "
				       "'praxis init' or 'praxis import FILE.yaml')", path);
		if ((rc = create_file(path, e)))
			return rc;
	}
	if (!ro)
		repair_sidecars(path);
	if ((rc = db_connect(path, ro, &db, e)))
		return rc;
	if ((rc = settle(db, flags, e))) {
		db_close(db);
		return rc;
	}
	*out = db;
	return PX_OK;
}

int project_clear_content(px_db *db, px_err *e)
{
	/* children before the rows they point to; the triggers drop the
	 * memos of each target and the cascades the link tables */
	return db_exec(db,
		       "DELETE FROM memo_target; DELETE FROM memo;"
		       " DELETE FROM coding; DELETE FROM vignette; DELETE FROM participant_role;"
		       " DELETE FROM participant;"
		       " DELETE FROM repertoire; DELETE FROM accountability;"
		       " DELETE FROM code WHERE parent_id IS NOT NULL;"
		       " UPDATE code SET description = NULL, color = NULL;"
		       " DELETE FROM community; DELETE FROM audit_log; DELETE FROM coder;"
		       " DELETE FROM sync_conflict; DELETE FROM meta WHERE key = 'title';", e);
}
