/* test_checkpoint.c: the WAL checkpointer the interface runs on its own
 * thread (praxis/checkpoint.h): commits stop checkpointing themselves,
 * the thread copies the WAL into the file, nothing any connection reads
 * changes, and the connection gets its automatic checkpoint back. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>
#include "praxis/checkpoint.h"
#include "praxis/project.h"
#include "fixture.h"

/* Rows of bytes random bytes, each in its own commit. */
static void commits(px_db *db, int rows, int bytes)
{
	px_err e = { 0 };
	char sql[96];

	snprintf(sql, sizeof(sql), "INSERT INTO scratch VALUES (randomblob(%d))", bytes);
	for (int i = 0; i < rows; i++)
		assert_int_equal(db_exec(db, sql, &e), PX_OK);
}

static long long wal_bytes(px_db *db)
{
	char path[4096];
	struct stat sb;

	snprintf(path, sizeof(path), "%s-wal", sqlite3_db_filename(db_sqlite(db), "main"));
	return stat(path, &sb) == 0 ? (long long)sb.st_size : -1;
}

/* With the checkpointer in charge and a threshold never reached, no
 * commit checkpoints: the WAL grows past the 1000 pages at which SQLite's
 * own checkpoint would have restarted it. */
static void test_commits_do_not_checkpoint(void **state)
{
	px_db *db = fx_db();
	px_err e = { 0 };
	db_checkpointer *c;
	int64_t pages = -1;

	(void)state;
	assert_int_equal(db_exec(db, "CREATE TABLE scratch(x)", &e), PX_OK);
	assert_non_null(c = checkpoint_bg_start(db, 1 << 30));
	commits(db, 60, 100000);     /* about 1500 pages */
	assert_true(wal_bytes(db) > 1300LL * 4096);
	assert_int_equal(checkpoint_bg_stop(c, &pages), 0);
	assert_int_equal(pages, 0);
	/* the automatic checkpoint is back: the next commit copies the WAL */
	commits(db, 1, 10);
	assert_int_equal(db_exec(db, "PRAGMA wal_checkpoint(PASSIVE)", &e), PX_OK);
	assert_int_equal(db_scalar(db, "SELECT count(*) FROM scratch"), 61);
	db_close(db);
}

/* Past the threshold the thread checkpoints; what was written stays
 * readable by a fresh connection, and this connection sees no change
 * from another one (data_version: the interface would reload). */
static void test_thread_checkpoints(void **state)
{
	px_db *db = fx_db(), *other = NULL;
	px_err e = { 0 };
	db_checkpointer *c;
	int64_t pages = 0, runs, dv;

	(void)state;
	assert_int_equal(db_exec(db, "CREATE TABLE scratch(x)", &e), PX_OK);
	dv = db_data_version(db);
	assert_non_null(c = checkpoint_bg_start(db, 20));
	commits(db, 200, 3000);   /* about 400 pages: asked for again and again */
	runs = checkpoint_bg_stop(c, &pages);   /* runs one still asked for */
	assert_true(runs >= 1);
	assert_true(pages >= 20);
	assert_int_equal(db_data_version(db), dv);
	assert_int_equal(project_open(sqlite3_db_filename(db_sqlite(db), "main"), 0, &other, &e),
			 PX_OK);
	assert_int_equal(db_scalar(other, "SELECT count(*) FROM scratch"), 200);
	assert_int_equal(db_scalar(other, "SELECT count(*) FROM pragma_integrity_check"
				   " WHERE integrity_check <> 'ok'"), 0);
	db_close(other);
	db_close(db);
}

/* A connection that cannot write keeps SQLite's own behaviour. */
static void test_read_only_has_none(void **state)
{
	char *path = fx_path(".db");
	px_db *db = NULL;
	px_err e = { 0 };

	(void)state;
	assert_int_equal(project_open(path, PROJECT_CREATE, &db, &e), PX_OK);
	db_close(db);
	assert_int_equal(project_open(path, PROJECT_READONLY, &db, &e), PX_OK);
	assert_null(checkpoint_bg_start(db, 20));
	assert_int_equal(checkpoint_bg_stop(NULL, NULL), 0);
	db_close(db);
	unlink(path);
	free(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_commits_do_not_checkpoint),
		cmocka_unit_test(test_thread_checkpoints),
		cmocka_unit_test(test_read_only_has_none),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
