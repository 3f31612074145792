/* test_tui_hostile.c: hostile content in the interface, headless.
 *
 * Escape sequences, C0 and C1 controls and bidi overrides in vignette
 * titles and text, participant names and roles, code names and
 * descriptions, memos and register names: every pane that shows them is
 * dumped (plain and with --dump-attrs) and must hold only the inert forms
 * (^[, \x9b, <U+202E>), never a live control byte. Theme files with escape
 * sequences are refused with FILE:LINE:COL, and nothing of them reaches
 * the terminal. */
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

static const char hostile[] =
	"praxis: 1\n"
	"project: \"\\e]0;owned\\a\"\n"
	"coders:\n"
	"  - id: tester\n"
	"    name: \"\\e[2J\"\n"
	"communities:\n"
	"  - id: desk\n"
	"    name: \"desk\\e[31m\"\n"
	"repertoire:\n"
	"  - id: pile\n"
	"    name: \"\\e]8;;http://evil\\e\\\\link\"\n"
	"accountability:\n"
	"  - id: quota\n"
	"    name: \"quota\\x9b2J\"\n"
	"participants:\n"
	"  - id: ann\n"
	"    pseudonym: \"Ann\\e[31mRED\"\n"
	"    role: \"old\\rtimer\\x9b2J\"\n"
	"codebook:\n"
	"  - code: \"ME/\\e[5mblink\"\n"
	"    description: \"c1 \\x9b31m and \\u202e bidi\"\n"
	"vignettes:\n"
	"  - id: v1\n"
	"    title: \"\\e]0;pwned\\a\\e[2Jtitle\"\n"
	"    date: 2026-03-02\n"
	"    community: desk\n"
	"    participants: [ann]\n"
	"    text: \"plain \\e[1mtext\\e[0m here \\u202eevil\\u202c and \\x85next\\x07bell\"\n"
	"    memos:\n"
	"      - text: \"vignette memo \\e[41m\\u2066iso\"\n"
	"    codings:\n"
	"      - code: \"ME/\\e[5mblink\"\n"
	"        quote: plain\n"
	"        memo: \"memo \\e[8mhidden\\x07 \\u202eevil\"\n"
	"        repertoire: pile\n"
	"        interpretation: \"\\e[6n\"\n"
	"        speaker: ann\n"
	"      - code: JE/mutual accountability\n"
	"        quote: here\n"
	"        accountability: quota\n"
	"        stance: upheld\n";

static void assert_inert(const char *what, const char *screen)
{
	const char *bad = fx_live_control(screen);

	if (bad)
		fail_msg("%s: live control byte 0x%02x at offset %ld:\n%s", what,
			 (unsigned char)*bad, (long)(bad - screen), screen);
}

/* Each key script shows some of the hostile fields; each screen is
 * checked plain and with attributes, and must show the inert forms. */
static void test_screens_are_inert(void **state)
{
	static const struct {
		const char *keys, *want[3];
	} views[] = {
		/* list, reader, codebook, participants, summaries */
		{ "# start\n", { "^[]0;pwned^G^[[2Jtitle", "plain ^[[1mtext^[[0m", "Ann^[[31mRED" } },
		/* the bidi override and C1 controls in the text */
		{ ":open v1\n", { "<U+202E>evil<U+202C>", "\\x85next^Gbell", NULL } },
		/* the codings under the cursor */
		{ ":open v1\nL\n", { "ME/^[[5mblink", NULL, NULL } },
		/* the coding form, with the coding memo */
		{ ":open v1\nE\n", { "memo: memo ^[[8mhidden^G <U+202E>evil", NULL, NULL } },
		/* the codebook's code and its description */
		{ "<Tab><Tab><Tab>\n", { "^[[5mblink", NULL, NULL } },
		/* every segment of the code */
		{ "<Tab><Tab><Tab>f\nblink<Enter>\nr\n", { "Retrieval: ME/^[[5mblink", NULL, NULL } },
		/* the participants pane: name and role */
		{ "<Tab>\n", { "Ann^[[31mRED old^Mtimer\\x9b2", NULL, NULL } },
		/* registers: repertoire (with the interpretation), accountability */
		{ "<Tab><Tab><Tab><Tab>\n", { "^[]8;;http://evil^[\\link", "^[[6n", NULL } },
		{ "<Tab><Tab><Tab><Tab>2\n", { "quota\\x9b2J", NULL, NULL } },
		/* a search (the prompt echoes what was typed) */
		{ "/evil<Enter>\n", { "filter: search=\"evil\"", NULL, NULL } },
	};
	char *db = fx_screen_db(hostile);

	(void)state;
	for (size_t i = 0; i < sizeof(views) / sizeof(views[0]); i++) {
		char *plain = fx_screen_run(db, views[i].keys, 120, 30, NULL);
		char *attrs = fx_screen_run(db, views[i].keys, 120, 30, "--dump-attrs");
		assert_inert(views[i].keys, plain);
		assert_inert(views[i].keys, attrs);
		for (int k = 0; k < 3 && views[i].want[k]; k++) {
			fx_assert_has(plain, views[i].want[k]);
			fx_assert_has(attrs, views[i].want[k]);
		}
		free(plain);
		free(attrs);
	}
	/* the data itself is stored unchanged */
	assert_int_equal(fx_scalar(db, "SELECT count(*) FROM vignette WHERE instr(title,"
				   " char(27) || ']0;pwned' || char(7)) = 1"), 1);
	free(db);
}

static char *write_theme(const char *text)
{
	char *path = fx_path(".yaml");
	FILE *fp = fopen(path, "w");

	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
	return path;
}

/* Themes with escapes in a value, a quoted role name, or raw in the file:
 * exit 1 or 2 with FILE:LINE:COL, stdout and stderr free of controls, and
 * no screen (the terminal is never set up). */
static void test_hostile_theme_refused(void **state)
{
	static const struct {
		const char *text, *where, *what;
	} themes[] = {
		{ "normal: \"\\e]0;pwned\\a red\"\n", ":1:9: normal: ", "^[]0;pwned^G" },
		{ "border: red\n\"\\e[2J\\e[31m\": red\n", ":2:1: unknown role", "^[[2J^[[31m" },
		{ "border: red\nstatus: \"white on \\x9b31m\"\n", ":2:9: status: ", "\\x9b31m" },
		{ "normal: red\x1b[2J\n", ":1:12: control character U+001B", NULL },
		{ "\"\\u202etitle\": red\n", ":1:1: unknown role", "<U+202E>title" },
	};
	char *db = fx_screen_db(NULL), *keys = fx_path(".keys"), *dump = fx_path(".screen");
	FILE *fp = fopen(keys, "w");
	struct stat sb;

	(void)state;
	assert_non_null(fp);
	fputs("q\n", fp);
	fclose(fp);
	for (size_t i = 0; i < sizeof(themes) / sizeof(themes[0]); i++) {
		char *theme = write_theme(themes[i].text), *out = NULL, *err = NULL;
		char *args = xasprintf("--db '%s' --coder tester --theme '%s' --script '%s'"
				       " --dump-screen '%s'", db, theme, keys, dump);
		char *want = xasprintf("%s%s", theme, themes[i].where);
		int rc = fx_run(args, &out, &err);
		if (rc != 1 && rc != 2)
			fail_msg("theme %zu: exit %d (%s)", i, rc, err);
		if (!strstr(err, want))
			fail_msg("theme %zu: stderr '%s' lacks '%s'", i, err, want);
		if (themes[i].what && !strstr(err, themes[i].what))
			fail_msg("theme %zu: stderr '%s' lacks '%s'", i, err, themes[i].what);
		assert_inert("stderr", err);
		assert_inert("stdout", out);
		assert_int_equal(stat(dump, &sb), -1);
		free(want);
		free(args);
		free(out);
		free(err);
		unlink(theme);
		free(theme);
	}
	unlink(keys);
	free(keys);
	free(dump);
	free(db);
}

/* The :theme command with a hostile file shows its error inert on the
 * screen and keeps the old colors. */
static void test_theme_command_error_inert(void **state)
{
	char *db = fx_screen_db(NULL), *theme = write_theme("normal: \"\\e]0;x\\a red\"\n");
	char *keys = xasprintf(":theme %s\n", theme), *s;

	(void)state;
	s = fx_screen_run(db, keys, 120, 30, "--dump-attrs");
	assert_inert("screen", s);
	fx_assert_has(s, "^[]0;x^G");
	fx_assert_has(s, ":1:9: normal: ");
	free(s);
	unlink(theme);
	free(theme);
	free(keys);
	free(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_screens_are_inert),
		cmocka_unit_test(test_hostile_theme_refused),
		cmocka_unit_test(test_theme_command_error_inert),
	};
	return cmocka_run_group_tests_name("tui_hostile", tests, NULL, NULL);
}
