/* test_tui_live.c: the interface and other processes on one project.
 *
 * The headless interface keeps its database open for the whole run. The
 * key `e` opens $EDITOR on a vignette; the editor here is a shell script
 * that runs praxis CLI commands on the same file while the interface waits
 * for it, and leaves the vignette file as it was (so the interface itself
 * saves nothing and reloads nothing). What the interface shows afterwards
 * comes from its PRAGMA data_version check alone; what the commands print
 * shows whether a "database is locked" ever reached a user. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>
#include "praxis/util.h"
#include "fixture.h"
#include "screen.h"

static const char *praxis_bin(void)
{
	const char *b = getenv("PRAXIS_BIN");

	return b && *b ? b : "./praxis";
}

/* An editor that runs body (sh) with $DB set and its output in $LOG; it
 * never touches the file it is given. */
static char *editor_running(const char *db, const char *log, const char *body)
{
	char *sh = xasprintf("#!/bin/sh\nDB='%s'\nLOG='%s'\nPRAXIS='%s'\n%s\nexit 0\n", db, log,
			     praxis_bin(), body);
	char *path = fx_script_file(sh);

	free(sh);
	return path;
}

static char *read_log(const char *log)
{
	char *s = fx_read_file(log, NULL);

	return s ? s : xstrdup("");
}

static void test_other_process_change_shows(void **state)
{
	char *db = fx_screen_db(NULL), *log = fx_path(".log"), *ed, *s, *out;

	(void)state;
	ed = editor_running(db, log, "\"$PRAXIS\" --db \"$DB\" --coder other code --vignette v2"
			    " --code ME --whole >>\"$LOG\" 2>&1\necho \"rc=$?\" >>\"$LOG\"");
	setenv("EDITOR", ed, 1);
	unsetenv("VISUAL");
	/* before: 3 codings, Quota talk has none for ME */
	s = fx_screen_run(db, "# nothing\n", 100, 24, NULL);
	fx_assert_has(s, "| 2 vignettes | 3 codings");
	fx_assert_has(s, "04-10 Quota talk         0 1 0│");
	free(s);
	/* the editor's coding appears without a reload key */
	s = fx_screen_run(db, "<Down>e\n", 100, 24, NULL);
	out = read_log(log);
	assert_non_null(strstr(out, "rc=0"));
	fx_assert_has(s, "the database changed: reloaded");
	fx_assert_has(s, "| 2 vignettes | 4 codings");
	fx_assert_has(s, "04-10 Quota talk         1 1 0│");
	fx_assert_has(s, "│MJ  Ann said the quota can wait.");
	fx_assert_lacks(s, "locked");
	assert_int_equal(fx_scalar(db, "SELECT count(*) FROM coding"), 4);
	free(out);
	free(s);
	unsetenv("EDITOR");
	unlink(ed);
	unlink(log);
	free(ed);
	free(log);
	free(db);
}

/* An import and a merge run to the end while the interface holds the
 * project open: no lock error, and the interface shows both. */
static void test_cli_import_and_merge_while_open(void **state)
{
	char *db = fx_screen_db(NULL), *other = fx_screen_db(NULL), *log = fx_path(".log");
	char *note = fx_path(".md"), *args, *err = NULL, *body, *ed, *s, *out;
	FILE *fp;

	(void)state;
	/* the other coder's copy has one more coding */
	args = xasprintf("--db '%s' --coder other code --vignette v1 --code JE --whole", other);
	assert_int_equal(fx_run(args, NULL, &err), 0);
	free(args);
	free(err);
	fp = fopen(note, "w");
	assert_non_null(fp);
	fputs("---\ntitle: Late shift\ndate: 2026-05-01\n---\nBo stayed late.\n", fp);
	fclose(fp);
	body = xasprintf("\"$PRAXIS\" --db \"$DB\" --coder tester import '%s' >>\"$LOG\" 2>&1\n"
			 "echo \"import rc=$?\" >>\"$LOG\"\n"
			 "\"$PRAXIS\" --db \"$DB\" merge '%s' >>\"$LOG\" 2>&1\n"
			 "echo \"merge rc=$?\" >>\"$LOG\"", note, other);
	ed = editor_running(db, log, body);
	setenv("EDITOR", ed, 1);
	unsetenv("VISUAL");
	s = fx_screen_run(db, "<Down>e\n", 100, 24, NULL);
	out = read_log(log);
	if (!strstr(out, "import rc=0") || !strstr(out, "merge rc=0") || strstr(out, "locked"))
		fail_msg("the commands said:\n%s", out);
	fx_assert_has(s, "the database changed: reloaded");
	fx_assert_has(s, "| 3 vignettes | 4 codings");
	fx_assert_has(s, "Late shift");
	fx_assert_has(s, "03-02 The pile           1 1 1│");
	fx_assert_lacks(s, "locked");
	free(out);
	free(s);
	unsetenv("EDITOR");
	unlink(ed);
	unlink(log);
	unlink(note);
	free(body);
	free(ed);
	free(log);
	free(note);
	free(other);
	free(db);
}

/* The interface writes while a CLI import is writing: whichever gets the
 * lock first, the other waits (busy timeout), and both changes land. The
 * editor starts the import in the background and returns at once; the
 * keys that follow code a span while the import may still run. */
static void test_tui_write_while_cli_imports(void **state)
{
	char *db = fx_screen_db(NULL), *log = fx_path(".log"), *big = fx_path(".yaml");
	char *body, *ed, *s, *out = NULL;
	FILE *fp = fopen(big, "w");

	(void)state;
	assert_non_null(fp);
	fputs("praxis: 1\nproject: Big\nvignettes:\n", fp);
	for (int i = 0; i < 3000; i++)
		fprintf(fp, "  - id: b%d\n    title: Big %d\n    date: 2026-01-01\n"
			"    text: Line %d of the big import, with some words to index.\n", i, i, i);
	fclose(fp);
	body = xasprintf("( \"$PRAXIS\" --db \"$DB\" --coder tester import '%s' >\"$LOG.tmp\" 2>&1;"
			 " echo \"rc=$?\" >>\"$LOG.tmp\"; mv \"$LOG.tmp\" \"$LOG\" ) &", big);
	ed = editor_running(db, log, body);
	setenv("EDITOR", ed, 1);
	unsetenv("VISUAL");
	s = fx_screen_run(db, "<Down>e\n:open v1\nvlll1\n", 100, 24, NULL);
	fx_assert_has(s, "coded ME");
	fx_assert_lacks(s, "locked");
	/* wait for the background import to finish (not a timing assertion:
	 * the test only needs its result) */
	for (int i = 0; i < 600 && !(out = fx_read_file(log, NULL)); i++)
		nanosleep(&(struct timespec){ 0, 50 * 1000 * 1000 }, NULL);
	assert_non_null(out);
	if (!strstr(out, "rc=0") || strstr(out, "locked"))
		fail_msg("the import said:\n%s", out);
	assert_int_equal(fx_scalar(db, "SELECT count(*) FROM vignette"), 3002);
	assert_int_equal(fx_scalar(db, "SELECT count(*) FROM coding"), 4);
	free(out);
	free(s);
	unsetenv("EDITOR");
	unlink(ed);
	unlink(log);
	unlink(big);
	free(body);
	free(ed);
	free(log);
	free(big);
	free(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_other_process_change_shows),
		cmocka_unit_test(test_cli_import_and_merge_while_open),
		cmocka_unit_test(test_tui_write_while_cli_imports),
	};
	return cmocka_run_group_tests_name("tui_live", tests, NULL, NULL);
}
