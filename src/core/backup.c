/* backup.c: consistent copies with the SQLite backup API; see
 * praxis/backup.h. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "praxis/backup.h"
#include "praxis/tempfile.h"
#include "praxis/util.h"

/* Pages copied per step: small enough that a writer waiting on the same
 * file is not starved, large enough that a big project copies quickly. */
#define BACKUP_STEP_PAGES 1024
#define BACKUP_RETRY_MS 25

static void remove_temp(const char *tmp)
{
	char *journal;

	if (!tmp)
		return;
	journal = xasprintf("%s-journal", tmp);

	unlink(tmp);
	unlink(journal);
	free(journal);
}

/* Runs the backup steps, waiting out a busy source up to the busy timeout. */
static int copy_pages(sqlite3 *dst, px_db *db, const char *out, px_err *e)
{
	sqlite3_backup *bk = sqlite3_backup_init(dst, "main", db_sqlite(db), "main");
	int rc, waited = 0;

	if (!bk)
		return px_fail(e, PX_EIO, "%s: cannot start the copy: %s", out, sqlite3_errmsg(dst));
	do {
		rc = sqlite3_backup_step(bk, BACKUP_STEP_PAGES);
		if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
			if (waited >= db_busy_ms(db))
				break;
			sqlite3_sleep(BACKUP_RETRY_MS);
			waited += BACKUP_RETRY_MS;
		}
	} while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
	sqlite3_backup_finish(bk);
	if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
		return px_fail(e, PX_EBUSY, "%s: the database %s stayed locked by another process "
			       "for more than %d ms; try again", out, db_path(db), db_busy_ms(db));
	if (rc != SQLITE_DONE)
		return px_fail(e, PX_EIO, "%s: cannot write the copy: %s", out, sqlite3_errstr(rc));
	return PX_OK;
}

/* "NULL value in T.C" that a direct count refutes; see backup.h. */
static int null_report_refuted(sqlite3 *h, const char *msg)
{
	static const char prefix[] = "NULL value in ";
	const char *p = msg + sizeof(prefix) - 1, *dot;
	sqlite3_stmt *st = NULL;
	char *table, *sql;
	int refuted = 0;

	if (strncmp(msg, prefix, sizeof(prefix) - 1) != 0 || !(dot = strchr(p, '.')) ||
	    strchr(dot + 1, '.'))
		return 0;
	table = xstrndup(p, (size_t)(dot - p));
	sql = sqlite3_mprintf("SELECT count(*) FROM \"%w\" WHERE \"%w\" IS NULL", table,
			      dot + 1);
	if (sql && sqlite3_prepare_v2(h, sql, -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		refuted = sqlite3_column_int64(st, 0) == 0;
	sqlite3_finalize(st);
	sqlite3_free(sql);
	free(table);
	return refuted;
}

int backup_check(sqlite3 *h, int full, px_err *e)
{
	sqlite3_stmt *st;
	int rc, problem = 0;

	if (sqlite3_prepare_v2(h, full ? "PRAGMA integrity_check" : "PRAGMA quick_check", -1,
			       &st, NULL) != SQLITE_OK)
		return px_fail(e, PX_EDATA, "cannot check the database: %s", sqlite3_errmsg(h));
	while (!problem && db_row(NULL, st, &rc, e)) {
		const char *r = (const char *)sqlite3_column_text(st, 0);
		if (!r || strcmp(r, "ok") == 0 || null_report_refuted(h, r))
			continue;
		px_fail(e, PX_EDATA, "the database is damaged: %s", r);
		problem = 1;
	}
	if (!problem && rc) {
		px_wrap(e, "cannot check the database");
		problem = 1;
	}
	sqlite3_finalize(st);
	return problem ? PX_EDATA : PX_OK;
}

static int fsync_path(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC), rc;

	if (fd < 0)
		return -1;
	rc = fsync(fd);
	close(fd);
	return rc;
}

/* The directory entry of the rename must reach the disk too. */
static void fsync_parent(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash ? xstrndup(path, (size_t)(slash - path)) : xstrdup(".");

	if (!*dir) {
		free(dir);
		dir = xstrdup("/");
	}
	fsync_path(dir);
	free(dir);
}

/* An empty 0600 file beside out (caller frees the name), or NULL. */
static char *make_temp(const char *out, px_err *e)
{
	char *tmp = xasprintf("%s.tmp-XXXXXX", out);
	int fd = mkstemp(tmp);

	if (fd < 0) {
		px_fail(e, PX_EIO, "%s: cannot write: %s", out, strerror(errno));
		free(tmp);
		return NULL;
	}
	close(fd);
	return tmp;
}

int backup_to_file(px_db *db, const char *out, px_err *e)
{
	struct stat sb;
	sqlite3 *dst = NULL;
	char *tmp = NULL, *journal = NULL;
	int rc;

	if (!out || !*out)
		return px_fail(e, PX_EUSAGE, "no backup file given");
	if (stat(out, &sb) == 0 && S_ISDIR(sb.st_mode))
		return px_fail(e, PX_EIO, "%s: is a directory; name the backup file", out);
	if (db_path_is_part(db_path(db), out))
		return px_fail(e, PX_EUSAGE, "%s: is the database itself (or its -wal, -shm or "
			       "-journal file); name another file", out);
	if (!(tmp = make_temp(out, e)))
		return PX_EIO;
	journal = xasprintf("%s-journal", tmp);
	tempfile_track(tmp, journal);
	if (sqlite3_open_v2(tmp, &dst, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
		rc = px_fail(e, PX_EIO, "%s: cannot write: %s", out,
			     dst ? sqlite3_errmsg(dst) : "out of memory");
		goto fail;
	}
	sqlite3_extended_result_codes(dst, 1);
	if ((rc = copy_pages(dst, db, out, e)))
		goto fail;
	/* the copy must read back whole before it may replace anything */
	if ((rc = backup_check(dst, 0, e))) {
		px_wrap(e, "%s: the copy does not check out; left as it was", out);
		goto fail;
	}
	if (sqlite3_close(dst) != SQLITE_OK) {
		rc = px_fail(e, PX_EIO, "%s: cannot finish the copy: %s", out, sqlite3_errmsg(dst));
		goto fail;
	}
	dst = NULL;
	if (fsync_path(tmp) != 0 || rename(tmp, out) != 0) {
		rc = px_fail(e, PX_EIO, "%s: cannot write: %s", out, strerror(errno));
		goto fail;
	}
	fsync_parent(out);
	tempfile_untrack();
	free(journal);
	free(tmp);
	return PX_OK;
fail:
	if (dst)
		sqlite3_close(dst);
	remove_temp(tmp);
	tempfile_untrack();
	free(journal);
	free(tmp);
	return rc;
}

int backup_before_migration(px_db *db, long long from_version, char **made, px_err *e)
{
	char stamp[32];
	char *path = NULL;
	time_t t = time(NULL);
	struct tm tm;
	int rc;

	if (made)
		*made = NULL;
	gmtime_r(&t, &tm);
	strftime(stamp, sizeof(stamp), "%Y%m%dT%H%M%SZ", &tm);
	for (int n = 1; n < 1000; n++) {
		free(path);
		path = n == 1 ? xasprintf("%s.bak-v%lld-%s", db_path(db), from_version, stamp)
			      : xasprintf("%s.bak-v%lld-%s-%d", db_path(db), from_version, stamp, n);
		if (access(path, F_OK) != 0)
			break;
	}
	if ((rc = backup_to_file(db, path, e))) {
		px_wrap(e, "%s: keeping a copy before migrating the schema", db_path(db));
		free(path);
		return rc;
	}
	if (made)
		*made = path;
	else
		free(path);
	return PX_OK;
}
