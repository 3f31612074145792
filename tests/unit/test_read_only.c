/* test_read_only.c: --read-only, and the interface's automatic read-only
 * mode when the database or its directory may not be written. Reading
 * (list, summary, export, browsing) works; every write is refused with
 * one message line (exit 2 on the command line) and changes nothing. */
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
#include "praxis/util.h"
#include "fixture.h"
#include "screen.h"
#include "spawn.h"

static void test_cli_read_only_refuses_writes(void **state)
{
	char *db = sp_project(), *out = NULL, *err = NULL;
	const char *code[] = { "--db", db, "--read-only", "code", "--vignette", "v1", "--code",
			       "ME", "--whole", NULL };
	const char *list[] = { "--read-only", "--db", db, "list", "vignettes", NULL };
	const char *summary[] = { "--db", db, "summary", "--kind", "coverage", "--format", "csv",
				  "--read-only", NULL };

	(void)state;
	assert_int_equal(sp_run(code, NULL, &out, &err), 2);
	assert_string_equal(out, "");
	assert_string_equal(err, "praxis: read-only: 'praxis code' changes the database and "
			    "--read-only is given; nothing was changed\n");
	free(out);
	free(err);
	assert_int_equal(sp_scalar(db, "SELECT count(*) FROM coding"), 3);
	assert_int_equal(sp_run(list, NULL, &out, NULL), 0);
	assert_non_null(strstr(out, "The pile"));
	free(out);
	assert_int_equal(sp_run(summary, NULL, &out, NULL), 0);
	assert_non_null(strstr(out, "dimension,code,codings,vignettes,participants\r\nME,ME,1,1,0\r\n"));
	free(out);
	free(db);
}

/* The reader, a selection of one word, then `1` (code with ME). */
static const char code_keys[] = "<Enter>\nvll1\n";

/* The status and message lines of screen s for database db. */
static void assert_refused(const char *s, const char *db, int rows)
{
	const char *base = strrchr(db, '/') ? strrchr(db, '/') + 1 : db;
	char *want = xasprintf(" %s | read-only | coder tester | 2 vignettes | 3 codings", base);

	fx_assert_line(s, rows - 2, want);
	free(want);
	want = xasprintf("read-only: %s is open read-only; nothing was changed", db);
	fx_assert_line(s, rows - 1, want);
	free(want);
}

static void test_tui_read_only_status_and_message(void **state)
{
	char *db = fx_screen_db(NULL), *s;

	(void)state;
	s = fx_screen_run(db, code_keys, 160, 24, "--read-only");
	assert_refused(s, db, 24);
	free(s);
	assert_int_equal(sp_scalar(db, "SELECT count(*) FROM coding"), 3);
	free(db);
}

/* A project in a directory nobody may write, opened by the interface as
 * nobody (when the tests run as root, so that permissions apply): it goes
 * read-only by itself and says so; the same keys then change nothing. */
static void test_tui_unwritable_directory_goes_read_only(void **state)
{
	char dir[] = "/tmp/praxis-rodir-XXXXXX", io[] = "/tmp/praxis-roio-XXXXXX";
	char *db, *src = sp_project(), *keys, *dump, *err = NULL, *s, *cmd;
	sp_opts as_nobody = { .as_nobody = 1 };
	FILE *fp;

	(void)state;
	assert_non_null(mkdtemp(dir));
	assert_non_null(mkdtemp(io));
	db = xasprintf("%s/p.db", dir);
	cmd = xasprintf("cp '%s' '%s'", src, db);
	assert_int_equal(system(cmd), 0);
	keys = xasprintf("%s/keys", io);
	dump = xasprintf("%s/screen", io);
	assert_non_null(fp = fopen(keys, "w"));
	fputs(code_keys, fp);
	fclose(fp);
	assert_int_equal(chmod(io, 0777), 0);
	assert_int_equal(chmod(db, 0644), 0);
	assert_int_equal(chmod(dir, 0555), 0);
	setenv("COLUMNS", "80", 1);
	setenv("LINES", "24", 1);
	const char *args[] = { "--db", db, "--coder", "tester", "--script", keys,
			       "--dump-screen", dump, NULL };
	assert_int_equal(sp_run(args, &as_nobody, NULL, &err), 0);
	assert_string_equal(err, "");
	assert_non_null(s = fx_read_file(dump, NULL));
	assert_refused(s, db, 24);
	free(s);
	free(err);
	assert_int_equal(sp_scalar(db, "SELECT count(*) FROM coding"), 3);
	chmod(dir, 0700);
	unlink(db);
	rmdir(dir);
	unlink(keys);
	unlink(dump);
	rmdir(io);
	free(cmd);
	free(keys);
	free(dump);
	free(db);
	free(src);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cli_read_only_refuses_writes),
		cmocka_unit_test(test_tui_read_only_status_and_message),
		cmocka_unit_test(test_tui_unwritable_directory_goes_read_only),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
