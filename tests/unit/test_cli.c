/* test_cli.c: the command line as a user meets it, through the built
 * binary: help and usage errors, exit statuses, init, code/uncode, list
 * formats, and how the database and the coder are chosen. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <cmocka.h>
#include <sqlite3.h>
#include "praxis/cli.h"
#include "praxis/util.h"
#include "fixture.h"

/* Runs praxis with "--db DB ARGS"; returns the status, fills out and err. */
static int run_db(const char *db, const char *args, char **out, char **err)
{
	char *cmd = xasprintf("--db '%s' %s", db, args);
	int rc = fx_run(cmd, out, err);

	free(cmd);
	return rc;
}

static char *run_ok(const char *db, const char *args)
{
	char *out = NULL, *err = NULL;
	int rc = run_db(db, args, &out, &err);

	if (rc != 0)
		fail_msg("praxis %s: status %d: %s", args, rc, err ? err : "");
	free(err);
	return out;
}

static void test_help_for_every_command(void **state)
{
	char *out, *err, *args;

	(void)state;
	for (int i = 0; cli_commands[i]; i++) {
		const struct cli_command *c = cli_commands[i];
		args = xasprintf("%s --help", c->name);
		assert_int_equal(fx_run(args, &out, &err), 0);
		assert_string_equal(out, c->usage);
		assert_string_equal(err, "");
		assert_true(strncmp(c->usage, "usage: praxis", 13) == 0);
		free(out);
		free(err);
		free(args);
		args = xasprintf("help %s", c->name);
		assert_int_equal(fx_run(args, &out, NULL), 0);
		assert_string_equal(out, c->usage);
		free(out);
		free(args);
	}
	assert_int_equal(fx_run("--help", &out, NULL), 0);
	for (int i = 0; cli_commands[i]; i++) {
		char *line = xasprintf("\n  %-10s %s\n", cli_commands[i]->name,
				       cli_commands[i]->summary);
		assert_non_null(strstr(out, line));
		free(line);
	}
	free(out);
	/* help on an unknown command: the overview, then the error, status 1 */
	assert_int_equal(fx_run("help frobnicate", &out, &err), 1);
	assert_true(strncmp(out, "usage: praxis", 13) == 0);
	assert_string_equal(err, "praxis: no command 'frobnicate'\n");
	free(out);
	free(err);
}

static void test_version(void **state)
{
	char *out, *err, want[128];

	(void)state;
	snprintf(want, sizeof(want), "praxis %s (SQLite %s)\n", PRAXIS_VERSION,
		 sqlite3_libversion());
	assert_int_equal(fx_run("--version", &out, &err), 0);
	assert_string_equal(out, want);
	assert_string_equal(err, "");
	free(out);
	free(err);
}

static const struct usage_case {
	const char *args;        /* after --db DB */
	const char *err;
} usage_cases[] = {
	{ "frobnicate", "praxis: no command 'frobnicate'\ntry 'praxis --help'\n" },
	{ "--bogus", "praxis: unknown option '--bogus'\ntry 'praxis --help'\n" },
	{ "list", "praxis list: name one of participants, vignettes, codes, codings\n"
		  "try 'praxis list --help'\n" },
	{ "list foo", "praxis list: cannot list 'foo' (participants, vignettes, codes or "
		      "codings)\ntry 'praxis list --help'\n" },
	{ "list codings --format xml", "praxis list: --format 'xml': use table, csv or json\n"
				       "try 'praxis list --help'\n" },
	{ "list codings --format", "praxis list: --format needs a value\n"
				   "try 'praxis list --help'\n" },
	{ "list codings --colour", "praxis list: unknown option '--colour'\n"
				   "try 'praxis list --help'\n" },
	{ "list codings -x", "praxis list: unknown option '-x'\ntry 'praxis list --help'\n" },
	{ "import", "praxis import: name at least one corpus file\n"
		    "try 'praxis import --help'\n" },
	{ "import --quiet=yes x.yaml", "praxis import: --quiet takes no value\n"
				       "try 'praxis import --help'\n" },
	{ "export --format pdf", "praxis export: --format 'pdf': use md, html, csv, yaml,"
				 " qdpx, qdc, codebook, codebook-html or graphml\ntry 'praxis export --help'\n" },
	{ "export extra", "praxis export: unexpected argument 'extra'\n"
			  "try 'praxis export --help'\n" },
	{ "init extra", "praxis init: unexpected argument 'extra'\ntry 'praxis init --help'\n" },
	{ "code --vignette v1", "praxis code: --vignette and --code are required\n"
				"try 'praxis code --help'\n" },
	{ "code --vignette v1 --code ME", "praxis code: give exactly one of --quote, "
					  "--start/--end, --whole\ntry 'praxis code --help'\n" },
	{ "code --vignette v1 --code ME --whole --quote pile",
	  "praxis code: give exactly one of --quote, --start/--end, --whole\n"
	  "try 'praxis code --help'\n" },
	{ "code --vignette v1 --code ME --start x --end 3",
	  "praxis code: --start and --end take code point offsets (whole numbers, end "
	  "exclusive)\ntry 'praxis code --help'\n" },
	{ "code --vignette v1 --code ME --quote the --occurrence 0",
	  "praxis code: --occurrence takes a number from 1\ntry 'praxis code --help'\n" },
	{ "code --vignette v1 --code ME --whole --mode musing",
	  "praxis code: --mode 'musing': use participation, reification or "
	  "participation,reification\n"
	  "try 'praxis code --help'\n" },
	{ "uncode", "praxis uncode: name the coding id to remove\ntry 'praxis uncode --help'\n" },
	{ "uncode abc", "praxis uncode: 'abc' is not a coding id\ntry 'praxis uncode --help'\n" },
};

/* Bad data: status 2 and the exact message. */
static const struct usage_case data_cases[] = {
	{ "code --vignette nope --code ME --whole", "praxis: no vignette 'nope'\n" },
	{ "code --vignette v1 --code ME/nope --whole",
	  "praxis: code path 'ME/nope': no code 'nope' (add --create to make it)\n" },
	{ "code --vignette v1 --code XX --whole",
	  "praxis: code path 'XX': 'XX' is not a dimension (use ME, JE, SR or mutual "
	  "engagement, joint enterprise, shared repertoire)\n" },
	{ "code --vignette v1 --code ME --quote zebra",
	  "praxis: quote \"zebra\" not found in vignette 'v1'\n" },
	{ "code --vignette v1 --code ME --quote the",
	  "praxis: quote \"the\" occurs 2 times in vignette 'v1'; say which with "
	  "--occurrence\n" },
	{ "code --vignette v1 --code ME --quote the --occurrence 3",
	  "praxis: quote \"the\" occurs only 2 times in vignette 'v1'\n" },
	/* regression: the occurrence was cast to int and 2^32+1 became 1 */
	{ "code --vignette v1 --code ME --quote the --occurrence 4294967297",
	  "praxis: quote \"the\" occurs only 2 times in vignette 'v1'\n" },
	{ "code --vignette v2 --code ME --start 4 --end 99",
	  "praxis: span 4-99 lies outside the text (28 characters)\n" },
	{ "code --vignette v2 --code ME --start 4 --end 4",
	  "praxis: span 4-4 is empty: a coding needs at least one character\n" },
	{ "uncode 999", "praxis: no coding 999\n" },
	{ "uncode 1 999", "praxis: no coding 999\n" },
	{ "init", "praxis: DB: already exists; remove it first or use another --db\n" },
};

/* Each case gives the status, the exact message ("DB" after "praxis: "
 * stands for the database path), nothing on stdout, and leaves the
 * database as it was (all or nothing: "uncode 1 999" keeps coding 1). */
static void run_cases(const struct usage_case *cases, size_t n, int status)
{
	char *db = fx_project_with(fx_small_corpus), *before = run_ok(db, "export");

	for (size_t i = 0; i < n; i++) {
		char *out, *err, *after, *want;
		int rc = run_db(db, cases[i].args, &out, &err);
		const char *p = strstr(cases[i].err, "DB");
		want = p ? xasprintf("praxis: %s%s", db, p + 2) : xstrdup(cases[i].err);
		if (rc != status || strcmp(err, want) != 0)
			fail_msg("praxis %s: status %d (want %d)\n got:  %s want: %s",
				 cases[i].args, rc, status, err, want);
		assert_string_equal(out, "");
		after = run_ok(db, "export");
		assert_string_equal(after, before);
		free(after);
		free(want);
		free(out);
		free(err);
	}
	free(before);
	free(db);
}

/* Bad usage: status 1. */
static void test_usage_errors(void **state)
{
	(void)state;
	run_cases(usage_cases, sizeof(usage_cases) / sizeof(usage_cases[0]), 1);
}

/* Bad data: status 2. */
static void test_data_errors(void **state)
{
	(void)state;
	run_cases(data_cases, sizeof(data_cases) / sizeof(data_cases[0]), 2);
}

static void test_code_list_uncode(void **state)
{
	char *db = fx_project_with(fx_small_corpus), *out, *json, *err;

	(void)state;
	out = run_ok(db, "code --vignette v1 --code SR/tools --quote 'Q pile' "
		     "--participants ann,bo --mode reification --memo 'the pile, again'");
	assert_string_equal(out, "4\n");
	free(out);
	json = run_ok(db, "list codings --format json");
	assert_non_null(strstr(json, "{\"id\": 4, \"vignette\": \"v1\", \"code\": \"SR/tools\", "
			       "\"start\": 27, \"end\": 33, \"coder\": \"tester\", "
			       "\"participants\": \"ann,bo\", \"mode\": \"reification\", "
			       "\"memo\": \"the pile, again\", \"repertoire\": null, "
			       "\"interpretation\": null, \"accountability\": null, "
			       "\"stance\": null, \"held_by\": \"\", \"needs_review\": 0, "
			       "\"speaker\": null, \"uuid\": \""));
	free(json);
	/* a whole-vignette coding lists null offsets, and --create makes a code */
	out = run_ok(db, "code --vignette v2 --code 'JE/new\\/code' --create --whole");
	assert_string_equal(out, "5\n");
	free(out);
	json = run_ok(db, "list codings --format json");
	assert_non_null(strstr(json, "{\"id\": 5, \"vignette\": \"v2\", \"code\": "
			       "\"JE/new\\\\/code\", \"start\": null, \"end\": null,"));
	free(json);
	/* uncode removes exactly those */
	out = run_ok(db, "uncode 4 5");
	assert_string_equal(out, "");
	free(out);
	json = run_ok(db, "list codings --format json");
	assert_null(strstr(json, "\"id\": 4,"));
	assert_null(strstr(json, "\"id\": 5,"));
	assert_non_null(strstr(json, "\"id\": 1,"));
	free(json);
	assert_int_equal(run_db(db, "uncode 4", NULL, &err), 2);
	assert_string_equal(err, "praxis: no coding 4\n");
	free(err);
	free(db);
}

static const char tricky_corpus[] =
	"praxis: 1\n"
	"participants:\n"
	"  - id: eve\n"
	"    pseudonym: \"Eve \\\"the boss\\\", sr.\"\n"
	"    role: \"=SUM(A1:A9)\"\n"
	"  - id: dash\n"
	"    pseudonym: \"-dash\"\n"
	"    role: \"@admin\"\n"
	"vignettes:\n"
	"  - id: t1\n"
	"    title: \"Commas, \\\"quotes\\\" and\\nnewlines\"\n"
	"    date: 2026-05-01\n"
	"    participants: [eve]\n"
	"    text: \"+1 for tabs and dashes\"\n"
	"    codings:\n"
	"      - code: ME\n"
	"        memo: \"=HYPERLINK(\\\"http://x\\\")\"\n"
	"        participants: [eve]\n"
	"      - code: SR\n"
	"        quote: \"+1\"\n"
	"        memo: \"+tab\\there\"\n";

static void test_list_csv(void **state)
{
	char *db = fx_project_with(tricky_corpus), *out;

	(void)state;
	out = run_ok(db, "list participants --format csv");
	assert_string_equal(out, "id,pseudonym,role,vignettes,codings\r\n"
			    "eve,\"Eve \"\"the boss\"\", sr.\",\"'=SUM(A1:A9)\",1,1\r\n"
			    "dash,\"'-dash\",\"'@admin\",0,0\r\n");
	free(out);
	out = run_ok(db, "list vignettes --format csv");
	assert_string_equal(out, "id,date,title,community,observer,participants,length,codings,"
			    "me,je,sr\r\n"
			    "t1,2026-05-01,\"Commas, \"\"quotes\"\" and\nnewlines\",,,eve,22,2,1,"
			    "0,1\r\n");
	free(out);
	out = run_ok(db, "list codings --format csv");
	assert_non_null(strstr(out, "\r\n1,t1,ME,,,tester,eve,,\"'=HYPERLINK(\"\"http://x\"\")\","));
	assert_non_null(strstr(out, "\r\n2,t1,SR,0,2,tester,,,\"'+tab\there\","));
	free(out);
	free(db);
}

static void test_list_json(void **state)
{
	char *db = fx_project_with(tricky_corpus), *out;

	(void)state;
	out = run_ok(db, "list participants --format json");
	assert_string_equal(out, "[\n"
			    "  {\"id\": \"eve\", \"pseudonym\": \"Eve \\\"the boss\\\", sr.\", "
			    "\"role\": \"=SUM(A1:A9)\", \"vignettes\": 1, \"codings\": 1},\n"
			    "  {\"id\": \"dash\", \"pseudonym\": \"-dash\", \"role\": \"@admin\", "
			    "\"vignettes\": 0, \"codings\": 0}\n"
			    "]\n");
	free(out);
	out = run_ok(db, "list codings --format json");
	/* JSON keeps values as they are: no formula prefix, escapes instead */
	assert_non_null(strstr(out, "\"memo\": \"=HYPERLINK(\\\"http://x\\\")\""));
	assert_non_null(strstr(out, "\"memo\": \"+tab\\there\""));
	assert_non_null(strstr(out, "\"start\": null, \"end\": null"));
	assert_non_null(strstr(out, "\"start\": 0, \"end\": 2"));
	free(out);
	free(db);
}

static void test_init(void **state)
{
	char *db = fx_path(".db"), *out, *err, *want;
	struct stat sb;

	(void)state;
	out = run_ok(db, "init --title 'Ward 7'");
	want = xasprintf("created %s with the default codebook (29 codes)\n", db);
	assert_string_equal(out, want);
	free(want);
	free(out);
	assert_int_equal(stat(db, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	out = run_ok(db, "export");
	assert_non_null(strstr(out, "project: Ward 7\n"));
	free(out);
	/* a second init refuses, whatever the file holds */
	assert_int_equal(run_db(db, "init", &out, &err), 2);
	want = xasprintf("praxis: %s: already exists; remove it first or use another --db\n", db);
	assert_string_equal(err, want);
	free(want);
	free(out);
	free(err);
	free(db);
}

static void test_missing_db(void **state)
{
	char *db = fx_path(".db"), *want;
	static const char *const cmds[] = {
		"list codings", "export", "code --vignette v1 --code ME --whole", "uncode 1"
	};

	(void)state;
	want = xasprintf("praxis: %s: no such database (create one with 'praxis init' or "
			 "'praxis import FILE.yaml')\n", db);
	for (size_t i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++) {
		char *out, *err;
		assert_int_equal(run_db(db, cmds[i], &out, &err), 2);
		assert_string_equal(err, want);
		assert_string_equal(out, "");
		assert_int_equal(access(db, F_OK), -1);
		free(out);
		free(err);
	}
	free(want);
	free(db);
}

/* --db beats $PRAXIS_DB, which beats ./praxis.db. */
static void test_db_precedence(void **state)
{
	char *a = fx_project_with(fx_small_corpus), *b = fx_path(".db"), *out, *args;

	(void)state;
	args = xasprintf("--db '%s' init --title B", b);
	assert_int_equal(fx_run(args, NULL, NULL), 0);
	free(args);
	setenv("PRAXIS_DB", a, 1);
	assert_int_equal(fx_run("list vignettes --format csv", &out, NULL), 0);
	assert_non_null(strstr(out, "\r\nv1,"));
	free(out);
	args = xasprintf("--db '%s' list vignettes --format csv", b);
	assert_int_equal(fx_run(args, &out, NULL), 0);
	assert_string_equal(out, "id,date,title,community,observer,participants,length,"
			    "codings,me,je,sr\r\n");
	free(out);
	free(args);
	/* the global option may also follow the command */
	args = xasprintf("list vignettes --format csv --db '%s'", b);
	assert_int_equal(fx_run(args, &out, NULL), 0);
	assert_null(strstr(out, "v1"));
	free(out);
	free(args);
	unsetenv("PRAXIS_DB");
	free(a);
	free(b);
}

static void test_coder_choice(void **state)
{
	char *db = fx_project_with(fx_small_corpus), *json, *out, *err;

	(void)state;
	/* no --coder, no $PRAXIS_CODER: the first coder in the database */
	free(run_ok(db, "code --vignette v2 --code ME --whole"));
	setenv("PRAXIS_CODER", "other", 1);
	free(run_ok(db, "code --vignette v2 --code JE --whole"));
	/* --coder beats the environment; a new coder id is created */
	free(run_ok(db, "--coder newbie code --vignette v2 --code SR --whole"));
	setenv("PRAXIS_CODER", "Not Valid", 1);
	assert_int_equal(run_db(db, "code --vignette v2 --code SR --whole", &out, &err), 1);
	assert_string_equal(err, "praxis code: coder id 'Not Valid': use only a-z, 0-9, '_' "
			    "and '-'\ntry 'praxis code --help'\n");
	free(out);
	free(err);
	unsetenv("PRAXIS_CODER");
	json = run_ok(db, "list codings --format json");
	assert_non_null(strstr(json, "{\"id\": 4, \"vignette\": \"v2\", \"code\": \"ME\", "
			       "\"start\": null, \"end\": null, \"coder\": \"tester\","));
	assert_non_null(strstr(json, "{\"id\": 5, \"vignette\": \"v2\", \"code\": \"JE\", "
			       "\"start\": null, \"end\": null, \"coder\": \"other\","));
	assert_non_null(strstr(json, "{\"id\": 6, \"vignette\": \"v2\", \"code\": \"SR\", "
			       "\"start\": null, \"end\": null, \"coder\": \"newbie\","));
	assert_null(strstr(json, "\"id\": 7,"));
	free(json);
	free(db);
}

/* Into an empty project, an import without --coder attributes codings
 * that name no coder to the first coder the file lists, and adds no
 * coder of its own; with no coder listed it falls back to $USER. */
static void test_import_coder_fallback(void **state)
{
	static const char listed[] =
		"praxis: 1\ncoders:\n  - id: kim\nvignettes:\n  - id: v1\n    title: T\n"
		"    date: 2026-01-05\n    text: some text\n    codings:\n      - code: ME\n";
	static const char unlisted[] =
		"praxis: 1\nvignettes:\n  - id: v1\n    title: T\n"
		"    date: 2026-01-05\n    text: some text\n    codings:\n      - code: ME\n";
	char *file = fx_path(".yaml"), *db = fx_path(".db"), *args, *out;
	FILE *fp;

	(void)state;
	setenv("USER", "Alice.B", 1);
	fp = fopen(file, "w");
	fputs(listed, fp);
	fclose(fp);
	args = xasprintf("--db '%s' import --quiet '%s'", db, file);
	assert_int_equal(fx_run(args, NULL, NULL), 0);
	free(args);
	out = run_ok(db, "list codings --format csv");
	assert_non_null(strstr(out, ",ME,,,kim,"));
	free(out);
	out = run_ok(db, "export");
	assert_null(strstr(out, "alice"));
	free(out);
	free(db);
	db = fx_path(".db");
	fp = fopen(file, "w");
	fputs(unlisted, fp);
	fclose(fp);
	args = xasprintf("--db '%s' import --quiet '%s'", db, file);
	assert_int_equal(fx_run(args, NULL, NULL), 0);
	free(args);
	out = run_ok(db, "list codings --format csv");
	assert_non_null(strstr(out, ",ME,,,aliceb,"));
	free(out);
	free(db);
	free(file);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_help_for_every_command),
		cmocka_unit_test(test_version),
		cmocka_unit_test(test_usage_errors),
		cmocka_unit_test(test_data_errors),
		cmocka_unit_test(test_code_list_uncode),
		cmocka_unit_test(test_list_csv),
		cmocka_unit_test(test_list_json),
		cmocka_unit_test(test_init),
		cmocka_unit_test(test_missing_db),
		cmocka_unit_test(test_db_precedence),
		cmocka_unit_test(test_coder_choice),
		cmocka_unit_test(test_import_coder_fallback),
	};
	return cmocka_run_group_tests_name("cli", tests, NULL, NULL);
}
