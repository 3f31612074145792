/* test_concurrency.c: two processes on one project. A write that cannot
 * get the lock within the busy timeout is reported (exit 2, the database
 * named) and nothing of it is written; one that gets it within the timeout
 * succeeds; readers never wait for writers; an open connection (the
 * interface) sees another process's commits. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>
#include "praxis/coding.h"
#include "praxis/util.h"
#include "praxis/project.h"
#include "fixture.h"
#include "spawn.h"

/* Another process's write transaction, held until released. */
static sqlite3 *hold_write_lock(const char *db)
{
	sqlite3 *h;

	assert_int_equal(sqlite3_open(db, &h), SQLITE_OK);
	assert_int_equal(sqlite3_exec(h, "BEGIN IMMEDIATE; UPDATE meta SET value = value;",
				      NULL, NULL, NULL), SQLITE_OK);
	return h;
}

static void release(sqlite3 *h, const char *how)
{
	assert_int_equal(sqlite3_exec(h, how, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(h);
}

static int setup(void **state)
{
	(void)state;
	setenv("PRAXIS_BUSY_TIMEOUT_MS", "300", 1);
	return 0;
}

static void test_locked_write_is_reported_then_retry_works(void **state)
{
	char *db = sp_project(), *out = NULL, *err = NULL;
	const char *args[] = { "--db", db, "code", "--vignette", "v2", "--code", "ME",
			       "--whole", NULL };
	sqlite3 *h = hold_write_lock(db);

	(void)state;
	assert_int_equal(sp_run(args, NULL, &out, &err), 2);
	assert_string_equal(out, "");
	assert_non_null(strstr(err, db));
	assert_non_null(strstr(err, "locked by another process for more than 300 ms"));
	assert_non_null(strstr(err, "nothing was written"));
	free(out);
	free(err);
	release(h, "ROLLBACK");
	assert_int_equal(sp_scalar(db, "SELECT count(*) FROM coding"), 3);
	assert_int_equal(sp_run(args, NULL, &out, &err), 0);
	assert_string_equal(out, "4\n");
	assert_int_equal(sp_scalar(db, "SELECT count(*) FROM coding WHERE id = 4"), 1);
	free(out);
	free(err);
	free(db);
}

static void test_locked_import_writes_nothing(void **state)
{
	char *db = sp_project(), *yaml = fx_path(".yaml"), *err = NULL;
	const char *args[] = { "--db", db, "import", yaml, NULL };
	FILE *fp = fopen(yaml, "w");
	sqlite3 *h;

	(void)state;
	assert_non_null(fp);
	fputs("praxis: 1\nparticipants:\n  - id: cy\n    pseudonym: Cy\n", fp);
	fclose(fp);
	h = hold_write_lock(db);
	assert_int_equal(sp_run(args, NULL, NULL, &err), 2);
	assert_non_null(strstr(err, "locked"));
	assert_non_null(strstr(err, db));
	free(err);
	release(h, "COMMIT");
	assert_int_equal(sp_scalar(db, "SELECT count(*) FROM participant"), 2);
	assert_int_equal(sp_run(args, NULL, NULL, NULL), 0);
	assert_int_equal(sp_scalar(db, "SELECT count(*) FROM participant"), 3);
	free(yaml);
	free(db);
}

/* A lock released while the writer waits (or before it starts: either
 * order must succeed) never reaches the user as an error. */
static void test_write_waits_out_a_short_lock(void **state)
{
	char *db = sp_project();
	const char *args[] = { "--db", db, "code", "--vignette", "v2", "--code", "SR",
			       "--whole", NULL };
	sqlite3 *h = hold_write_lock(db);
	int fd, wstatus;
	pid_t pid;
	char *out;

	(void)state;
	setenv("PRAXIS_BUSY_TIMEOUT_MS", "60000", 1);
	pid = sp_start(args, NULL, &fd, NULL);
	usleep(100 * 1000);
	release(h, "COMMIT");
	out = sp_read_all(fd);
	assert_int_equal(waitpid(pid, &wstatus, 0), pid);
	setenv("PRAXIS_BUSY_TIMEOUT_MS", "300", 1);
	assert_int_equal(sp_status(wstatus), 0);
	assert_string_equal(out, "4\n");
	free(out);
	free(db);
}

/* WAL: listing and exporting while a write transaction is open. */
static void test_readers_do_not_wait_for_writers(void **state)
{
	char *db = sp_project(), *out = NULL;
	const char *list[] = { "--db", db, "list", "codings", "--format", "csv", NULL };
	const char *export[] = { "--db", db, "export", NULL };
	sqlite3 *h = hold_write_lock(db);

	(void)state;
	assert_int_equal(sp_run(list, NULL, &out, NULL), 0);
	assert_non_null(strstr(out, "SR/tools"));
	free(out);
	assert_int_equal(sp_run(export, NULL, &out, NULL), 0);
	assert_non_null(strstr(out, "vignettes:"));
	free(out);
	release(h, "ROLLBACK");
	free(db);
}

/* What the interface relies on to refresh: data_version moves and the
 * new row is visible on a connection that stayed open. */
static void test_open_connection_sees_other_process(void **state)
{
	char *db = sp_project();
	const char *args[] = { "--db", db, "uncode", "1", NULL };
	px_db *mine = NULL;
	px_err e = { 0 };
	int64_t before;

	(void)state;
	assert_int_equal(project_open(db, 0, &mine, &e), PX_OK);
	before = db_data_version(mine);
	assert_int_equal(coding_count(mine), 3);
	assert_int_equal(sp_run(args, NULL, NULL, NULL), 0);
	assert_int_not_equal(db_data_version(mine), before);
	assert_int_equal(coding_count(mine), 2);
	db_close(mine);
	free(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_locked_write_is_reported_then_retry_works),
		cmocka_unit_test(test_locked_import_writes_nothing),
		cmocka_unit_test(test_write_waits_out_a_short_lock),
		cmocka_unit_test(test_readers_do_not_wait_for_writers),
		cmocka_unit_test(test_open_connection_sees_other_process),
	};
	return cmocka_run_group_tests_name("concurrency", tests, setup, NULL);
}
