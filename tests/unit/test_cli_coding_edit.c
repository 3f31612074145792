/* test_cli_coding_edit.c: `praxis set-text`, `recode` and `respan`
 * through the built binary on the small fixture corpus: exact output and
 * exit statuses, and nothing written on bad input. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <sqlite3.h>
#include "praxis/util.h"
#include "fixture.h"
#include "screen.h"

/* Coding 1 is SR/tools on "the Q pile" (23-33) of v1, "Annie put the
 * claim on the Q pile. Bo asked why.", with a participant, a repertoire
 * entry and an interpretation. */
#define CODING_1 "SELECT code_id || ' ' || start || '-' || end || ' ' || needs_review" \
	" || ' ' || interpretation || ' ' || (SELECT count(*) FROM coding_participant" \
	" WHERE coding_id = 1) FROM coding WHERE id = 1"

static char *text_of(const char *db, const char *sql)
{
	sqlite3 *s;
	sqlite3_stmt *st;
	char *out = NULL;

	assert_int_equal(sqlite3_open(db, &s), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(s, sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		out = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	sqlite3_close(s);
	return out ? out : xstrdup("");
}

static void exec_sql(const char *db, const char *sql)
{
	sqlite3 *s;

	assert_int_equal(sqlite3_open(db, &s), SQLITE_OK);
	assert_int_equal(sqlite3_exec(s, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(s);
}

/* Runs praxis on db; checks the status, stdout and stderr exactly. */
static void expect(const char *db, const char *args, int status, const char *out_want,
		   const char *err_want)
{
	char *cmd = xasprintf("--db '%s' %s", db, args), *out, *err;
	int rc = fx_run(cmd, &out, &err);

	if (rc != status || strcmp(out, out_want) != 0 || strcmp(err, err_want) != 0)
		fail_msg("praxis %s: status %d, out \"%s\", err \"%s\"", args, rc, out, err);
	free(out);
	free(err);
	free(cmd);
}

static void expect_coding_1(const char *db, const char *want)
{
	char *got = text_of(db, CODING_1);

	assert_string_equal(got, want);
	free(got);
}

static char *code_id(const char *db, const char *name)
{
	char *sql = xasprintf("SELECT id FROM code WHERE name = '%s'", name);
	char *id = text_of(db, sql);

	free(sql);
	return id;
}

static void test_recode(void **state)
{
	char *db = fx_screen_db(fx_small_corpus), *tools = code_id(db, "tools");
	char *words = code_id(db, "words"), *want;

	(void)state;
	want = xasprintf("%s 23-33 0 a place to park doubt 1", tools);
	expect_coding_1(db, want);
	free(want);
	expect(db, "recode 1 --code SR/words", 0, "coding 1: SR/tools -> SR/words\n", "");
	want = xasprintf("%s 23-33 0 a place to park doubt 1", words);
	expect_coding_1(db, want);
	/* bad input: nothing written */
	expect(db, "recode 1 --code SR/nothing", 2, "", "praxis: code path 'SR/nothing': no "
	       "code 'nothing' (add --create to make it)\n");
	expect(db, "recode 9 --code ME", 2, "", "praxis: no coding 9\n");
	expect(db, "recode one --code ME", 1, "", "praxis recode: 'one' is not a coding id\n"
	       "try 'praxis recode --help'\n");
	expect(db, "recode 1", 1, "", "praxis recode: --code is required\n"
	       "try 'praxis recode --help'\n");
	expect_coding_1(db, want);
	free(want);
	expect(db, "recode 1 --code SR/words/slang --create", 0,
	       "coding 1: SR/words -> SR/words/slang\n", "");
	free(tools);
	free(words);
	free(db);
}

static void test_respan(void **state)
{
	char *db = fx_screen_db(fx_small_corpus), *tools = code_id(db, "tools"), *want;

	(void)state;
	expect(db, "respan 1 --quote 'Bo asked why.'", 0, "coding 1: 35-48\n", "");
	want = xasprintf("%s 35-48 0 a place to park doubt 1", tools);
	expect_coding_1(db, want);
	free(want);
	expect(db, "respan 1 --quote the --occurrence 2", 0, "coding 1: 23-26\n", "");
	expect(db, "respan 1 --start 0 --end 5", 0, "coding 1: 0-5\n", "");
	want = xasprintf("%s 0-5 0 a place to park doubt 1", tools);
	/* bad input: nothing written */
	expect(db, "respan 1 --quote the", 2, "", "praxis: quote \"the\" occurs 2 times in "
	       "vignette 'v1'; say which with --occurrence\n");
	expect(db, "respan 1 --quote heap", 2, "", "praxis: quote \"heap\" not found in "
	       "vignette 'v1'\n");
	expect(db, "respan 1 --start 40 --end 49", 2, "", "praxis: span 40-49 lies outside "
	       "the text (48 characters)\n");
	expect(db, "respan 1 --start 9 --end 9", 2, "", "praxis: span 9-9 is empty: a coding needs at "
	       "least one character\n");
	expect(db, "respan 7 --whole", 2, "", "praxis: no coding 7\n");
	expect(db, "respan 1", 1, "", "praxis respan: give exactly one of --quote, "
	       "--start/--end, --whole\ntry 'praxis respan --help'\n");
	expect(db, "respan 1 --whole --start 1 --end 2", 1, "", "praxis respan: give exactly "
	       "one of --quote, --start/--end, --whole\ntry 'praxis respan --help'\n");
	expect(db, "respan 1 2 --whole", 1, "", "praxis respan: give one coding id\n"
	       "try 'praxis respan --help'\n");
	expect_coding_1(db, want);
	free(want);
	/* a flagged coding is reviewed by moving it */
	exec_sql(db, "UPDATE coding SET needs_review = 1 WHERE id = 1");
	expect(db, "respan 1 --whole", 0, "coding 1: the whole vignette\n", "");
	assert_int_equal(fx_scalar(db, "SELECT start IS NULL AND needs_review = 0"
				   " FROM coding WHERE id = 1"), 1);
	free(tools);
	free(db);
}

static void test_set_text(void **state)
{
	char *db = fx_screen_db(fx_small_corpus), *tools = code_id(db, "tools"), *want, *args;
	char *moved = fx_file_with(".txt", "Yesterday Annie put the claim on the Q pile. Bo asked why.\n");
	char *cut = fx_file_with(".txt", "Yesterday Annie put the claim on the Q heap. Bo asked why.");
	char *empty = fx_file_with(".txt", "\n\n"), *bad = fx_file_with(".txt", "Annie \xff");

	(void)state;
	args = xasprintf("set-text --vignette v1 '%s'", moved);
	expect(db, args, 0, "vignette v1: 1 coding moved, 0 flagged for review\n", "");
	free(args);
	want = xasprintf("%s 33-43 0 a place to park doubt 1", tools);
	expect_coding_1(db, want);
	free(want);
	/* the same text again: nothing to do */
	args = xasprintf("set-text --vignette v1 '%s'", moved);
	expect(db, args, 0, "vignette v1: 0 codings moved, 0 flagged for review\n", "");
	free(args);
	args = xasprintf("set-text --vignette v1 '%s'", cut);
	expect(db, args, 0, "vignette v1: 0 codings moved, 1 flagged for review\n", "");
	free(args);
	want = xasprintf("%s 33-43 1 a place to park doubt 1", tools);
	expect_coding_1(db, want);
	free(want);
	/* bad input: exit 2, nothing written */
	args = xasprintf("set-text --vignette v1 '%s'", empty);
	want = xasprintf("praxis: %s: the file has no text (a vignette needs some)\n", empty);
	expect(db, args, 2, "", want);
	free(args);
	free(want);
	args = xasprintf("set-text --vignette v1 '%s'", bad);
	want = xasprintf("praxis: %s: not UTF-8 text at byte 6\n", bad);
	expect(db, args, 2, "", want);
	free(args);
	free(want);
	args = xasprintf("set-text --vignette v9 '%s'", moved);
	expect(db, args, 2, "", "praxis: no vignette 'v9'\n");
	free(args);
	expect(db, "set-text --vignette v1 /nonexistent/file", 2, "",
	       "praxis: /nonexistent/file: cannot read: No such file or directory\n");
	expect(db, "set-text --vignette v1", 1, "", "praxis set-text: name the FILE with the "
	       "new text\ntry 'praxis set-text --help'\n");
	want = xasprintf("%s 33-43 1 a place to park doubt 1", tools);
	expect_coding_1(db, want);
	free(want);
	assert_int_equal(fx_scalar(db, "SELECT count(*) FROM vignette WHERE text = 'Yesterday "
				   "Annie put the claim on the Q heap. Bo asked why.'"), 1);
	free(moved);
	free(cut);
	free(empty);
	free(bad);
	free(tools);
	free(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_recode),
		cmocka_unit_test(test_respan),
		cmocka_unit_test(test_set_text),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
