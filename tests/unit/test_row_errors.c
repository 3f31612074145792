/* test_row_errors.c: a read that fails half-way is an error the user
 * sees, never a short list. Every step of `praxis list`, `praxis export`
 * and `praxis summary` is failed in turn (the PRAXIS_TEST_FAIL_ROW hook of
 * db_row): each must exit 2 with the message, print nothing, and leave no
 * file; the interface shows the error on its message line. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>
#include <sqlite3.h>
#include "praxis/browse.h"
#include "praxis/cli.h"
#include "praxis/project.h"
#include "praxis/util.h"
#include "fixture.h"
#include "screen.h"

#define HOOK "PRAXIS_TEST_FAIL_ROW"

static char *fixture_db(void)
{
	px_db *db = fx_db_with(fx_small_corpus);
	char *path = xstrdup(db_path(db));

	db_close(db);
	return path;
}

static const struct cli_command *command(const char *name)
{
	for (int i = 0; cli_commands[i]; i++)
		if (strcmp(cli_commands[i]->name, name) == 0)
			return cli_commands[i];
	fail_msg("no command %s", name);
	return NULL;
}

/* Runs "praxis --db DB ARGV..." in this process with the hook set to
 * fail_at (0: off); returns the exit status, fills out and err. */
static int run_cmd(const char *db, char **argv, int argc, int fail_at, char **out, char **err)
{
	struct cli c = { 0 };
	size_t nout = 0, nerr = 0;
	char n[32];
	int rc;

	if (fail_at) {
		snprintf(n, sizeof(n), "%d", fail_at);
		setenv(HOOK, n, 1);
	}
	c.db_path = db;
	c.argc = argc;
	c.argv = argv;
	c.out = open_memstream(out, &nout);
	c.err = open_memstream(err, &nerr);
	rc = command(argv[0])->run(&c);
	fclose(c.out);
	fclose(c.err);
	unsetenv(HOOK);
	return rc;
}

static int dir_is_empty(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int empty = 1;

	assert_non_null(d);
	while ((de = readdir(d)))
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
			empty = 0;
	closedir(d);
	return empty;
}

/* Fails the 1st, 2nd, ... step of the command until a run no longer
 * reaches the failing step; every earlier run must exit 2 with the
 * injected error, print nothing and (with file) leave its directory
 * empty: no partial or temporary file. The run that gets through must
 * give what a run without the hook gives (stdout, and the file, only
 * its length if file_varies: a zip stamped with the time): a failure
 * swallowed on the way would show there. Returns how many steps failed. */
static int fail_every_step(const char *db, char **argv, int argc, const char *file,
			   int file_varies)
{
	char *out, *err, *clean_out, *clean_file = NULL, *dir = NULL, want[64];
	size_t clean_len = 0;
	int n;

	assert_int_equal(run_cmd(db, argv, argc, 0, &clean_out, &err), 0);
	free(err);
	if (file) {
		assert_non_null(clean_file = fx_read_file(file, &clean_len));
		unlink(file);
		dir = xstrndup(file, (size_t)(strrchr(file, '/') - file));
	}
	for (n = 1; n < 5000; n++) {
		int rc = run_cmd(db, argv, argc, n, &out, &err);
		if (rc == 0)
			break;
		snprintf(want, sizeof(want), "injected at row %d by " HOOK, n);
		if (rc != 2 || !strstr(err, want) || *out)
			fail_msg("%s, step %d failed: exit %d, out '%s', err '%s'", argv[0], n, rc,
				 out, err);
		if (dir && !dir_is_empty(dir))
			fail_msg("%s, step %d failed: a file was left in %s", argv[0], n, dir);
		free(out);
		free(err);
	}
	assert_in_range(n, 2, 4999);
	assert_string_equal(out, clean_out);
	if (file) {
		size_t len = 0;
		char *got = fx_read_file(file, &len);
		assert_non_null(got);
		/* a zip's time stamps differ, never its length */
		assert_int_equal(len, clean_len);
		if (!file_varies)
			assert_memory_equal(got, clean_file, len);
		unlink(file);
		free(got);
	}
	free(out);
	free(err);
	free(clean_out);
	free(clean_file);
	free(dir);
	return n - 1;
}

static void test_list_reports_every_failed_step(void **state)
{
	char *db = fixture_db();
	char *what[] = { "vignettes", "codings", "participants", "codes" };

	(void)state;
	for (size_t i = 0; i < sizeof(what) / sizeof(what[0]); i++) {
		char *argv[] = { "list", what[i], "--format", "csv", NULL };
		fail_every_step(db, argv, 4, NULL, 0);
	}
	free(db);
}

static void test_export_reports_every_failed_step_and_leaves_no_file(void **state)
{
	char *db = fixture_db(), *dir = fx_path(".d");
	const char *formats[] = { "md", "html", "csv", "yaml", "qdpx" };

	(void)state;
	assert_int_equal(mkdir(dir, 0700), 0);
	for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++) {
		char *file = xasprintf("%s/out.%s", dir, formats[i]);
		char *argv[] = { "export", "--format", (char *)formats[i], "-o", file, NULL };
		assert_true(fail_every_step(db, argv, 5, file, strcmp(formats[i], "qdpx") == 0) >
			    10);
		free(file);
	}
	rmdir(dir);
	free(dir);
	free(db);
}

static void test_summary_reports_every_failed_step(void **state)
{
	char *db = fixture_db();
	char *kinds[] = { "repertoire", "accountability", "engagement", "coverage" };

	(void)state;
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		char *argv[] = { "summary", "--kind", kinds[i], NULL };
		fail_every_step(db, argv, 3, NULL, 0);
	}
	free(db);
}

/* The built binary: exit status 2 and "praxis: ..." on standard error. */
static void test_binary_exits_2_on_a_failed_step(void **state)
{
	char *db = fixture_db(), *args, *out, *err;

	(void)state;
	setenv(HOOK, "2:FROM vignette", 1);
	args = xasprintf("--db '%s' list vignettes", db);
	assert_int_equal(fx_run(args, &out, &err), 2);
	unsetenv(HOOK);
	assert_string_equal(out, "");
	assert_non_null(strstr(err, "praxis: reading "));
	assert_non_null(strstr(err, "disk I/O error"));
	free(out);
	free(err);
	free(args);
	free(db);
}

static void test_db_row_returns_the_final_step_error(void **state)
{
	static const char sql[] = "SELECT CASE WHEN value < 3 THEN value"
				  " ELSE abs(-9223372036854775807 - 1) END FROM json_each('[1,2,3,4]')";
	px_db *db = fx_db();
	px_err e = { 0 };
	sqlite3_stmt *st = db_prepare_iter(db, sql, &e);
	int rc, rows = 0;

	(void)state;
	assert_non_null(st);
	while (db_row(db, st, &rc, &e))
		rows++;
	assert_int_equal(rows, 2);
	assert_int_equal(rc, PX_EIO);
	assert_non_null(strstr(e.msg, "integer overflow"));
	/* without a px_db (another connection's statement): SQLite's message */
	sqlite3_reset(st);
	memset(&e, 0, sizeof(e));
	rows = 0;
	while (db_row(NULL, st, &rc, &e))
		rows++;
	assert_int_equal(rows, 2);
	assert_int_equal(rc, PX_EIO);
	assert_non_null(strstr(e.msg, "reading the database: integer overflow"));
	/* a loop left with break keeps PX_OK */
	sqlite3_reset(st);
	while (db_row(db, st, &rc, &e))
		break;
	assert_int_equal(rc, PX_OK);
	sqlite3_finalize(st);
	db_close(db);
}

/* A page that fails after its first row is no page, with the error. */
static void test_browse_page_fails_whole(void **state)
{
	char *path = fixture_db();
	px_db *db = NULL;
	px_err e = { 0 };
	browse_filter f = { 0 };
	browse_row *rows = NULL;
	size_t n = 0;

	(void)state;
	setenv(HOOK, "2:SELECT v.id, v.date", 1);
	assert_int_equal(project_open(path, PROJECT_READONLY, &db, &e), PX_OK);
	assert_int_equal(browse_vignettes(db, &f, NULL, 0, 1, 50, &rows, &n, &e), PX_EIO);
	unsetenv(HOOK);
	assert_null(rows);
	assert_int_equal(n, 0);
	assert_non_null(strstr(e.msg, "listing vignettes: reading "));
	/* one failure only: the next page reads both */
	assert_int_equal(browse_vignettes(db, &f, NULL, 0, 1, 50, &rows, &n, &e), PX_OK);
	assert_int_equal(n, 2);
	browse_rows_free(rows, n);
	db_close(db);
	free(path);
}

/* The interface: the vignette list that failed half-way is empty and the
 * message line says why. */
static void test_tui_shows_a_failed_listing(void **state)
{
	char *db = fx_screen_db(NULL), *screen;

	(void)state;
	setenv(HOOK, "2:SELECT v.id, v.date", 1);
	screen = fx_screen_run(db, "", 200, 20, NULL);
	unsetenv(HOOK);
	fx_assert_has(screen, "(no vignettes)");
	fx_assert_has(screen, "listing vignettes: reading ");
	fx_assert_has(screen, "disk I/O error (injected at row 2");
	free(screen);
	free(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_list_reports_every_failed_step),
		cmocka_unit_test(test_export_reports_every_failed_step_and_leaves_no_file),
		cmocka_unit_test(test_summary_reports_every_failed_step),
		cmocka_unit_test(test_binary_exits_2_on_a_failed_step),
		cmocka_unit_test(test_db_row_returns_the_final_step_error),
		cmocka_unit_test(test_browse_page_fails_whole),
		cmocka_unit_test(test_tui_shows_a_failed_listing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
