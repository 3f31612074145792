/* test_hostile.c: data that tries to attack the terminal or a spreadsheet,
 * and input too large to hold. Escape sequences, C0/C1 controls and bidi
 * overrides in every field `praxis list` shows come out inert; CSV cells
 * that a spreadsheet would run as formulas are neutralized; a 100 MB
 * vignette and oversize values are refused with FILE:LINE:COL, and a
 * million-line text is handled. */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE /* posix_openpt and friends */
#endif
#include <fcntl.h>
#include <poll.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include "praxis/corpus.h"
#include "praxis/tabular.h"
#include "praxis/util.h"
#include "praxis/vignette.h"
#include "praxis/ytree.h"
#include "praxis/project.h"
#include "fixture.h"
#include "spawn.h"

/* Every field list shows, each carrying something a terminal would obey:
 * OSC title setting, screen clearing, colors, blink, hidden text, a bell,
 * a carriage return, the one-byte C1 CSI (U+009B) and a right-to-left
 * override. */
static const char hostile_corpus[] =
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
	"    text: \"plain \\e[1mtext\\e[0m here\"\n"
	"    codings:\n"
	"      - code: \"ME/\\e[5mblink\"\n"
	"        quote: plain\n"
	"        memo: \"memo \\e[8mhidden\\x07 \\u202eevil\"\n"
	"        repertoire: pile\n"
	"        interpretation: \"\\e[6n\"\n";

static char *hostile_project(void)
{
	char *path = fx_path(".db");
	px_db *db = NULL;
	px_err e = { 0 };
	char msg[1024];

	assert_int_equal(project_open(path, PROJECT_CREATE, &db, &e), PX_OK);
	if (fx_import(db, hostile_corpus, msg, sizeof(msg)))
		fail_msg("%s", msg);
	db_close(db);
	return path;
}

static void test_list_tables_are_inert(void **state)
{
	static const char *const what[] = { "participants", "vignettes", "codes", "codings" };
	char *db = hostile_project();

	(void)state;
	for (size_t i = 0; i < sizeof(what) / sizeof(what[0]); i++) {
		const char *args[] = { "--db", db, "list", what[i], NULL };
		char *out = NULL;
		assert_int_equal(sp_run(args, NULL, &out, NULL), 0);
		const char *bad = fx_live_control(out);
		if (bad)
			fail_msg("list %s: live control byte 0x%02x at offset %td", what[i],
				 (unsigned char)*bad, bad - out);
		/* shown, not dropped: the reader can see something was there */
		assert_non_null(strstr(out, "^["));
		free(out);
	}
	/* the data itself is kept exactly (export gives it back) */
	assert_int_equal(sp_scalar(db, "SELECT count(*) FROM participant WHERE pseudonym = "
				   "'Ann' || char(27) || '[31mRED'"), 1);
	free(db);
}

static void test_json_escapes_controls(void **state)
{
	char *db = hostile_project(), *out = NULL;
	const char *args[] = { "--db", db, "list", "codings", "--format", "json", NULL };

	(void)state;
	assert_int_equal(sp_run(args, NULL, &out, NULL), 0);
	assert_null(fx_live_control(out));
	assert_non_null(strstr(out, "\\u001b[8mhidden\\u0007"));
	assert_non_null(strstr(out, "\\u202eevil"));
	free(out);
	free(db);
}

static void csv_cell(const char *in, const char *want)
{
	strbuf b;

	sb_init(&b);
	tab_csv_cell(&b, in);
	assert_string_equal(sb_str(&b), want);
	sb_free(&b);
}

static void test_csv_formulas_neutralized(void **state)
{
	(void)state;
	csv_cell("=1+2", "\"'=1+2\"");
	csv_cell("+1", "\"'+1\"");
	csv_cell("-2+3", "\"'-2+3\"");
	csv_cell("@SUM(A1:A9)", "\"'@SUM(A1:A9)\"");
	csv_cell("\t=1", "\"'\t=1\"");
	csv_cell("\r=1", "\"'\r=1\"");
	csv_cell("=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
	csv_cell("plain", "plain");
	csv_cell("a=b", "a=b");
	csv_cell("a,b", "\"a,b\"");
	csv_cell("say \"hi\"", "\"say \"\"hi\"\"\"");
	csv_cell("", "");
}

static void test_csv_output_neutralized_end_to_end(void **state)
{
	char *db = fx_path(".db"), *out = NULL;
	const char *list[] = { "--db", db, "list", "participants", "--format", "csv", NULL };
	px_db *h = NULL;
	px_err e = { 0 };
	char msg[1024];

	(void)state;
	assert_int_equal(project_open(db, PROJECT_CREATE, &h, &e), PX_OK);
	assert_int_equal(fx_import(h, "praxis: 1\nparticipants:\n"
				   "  - id: x\n    pseudonym: \"=cmd|' /C calc'!A0\"\n"
				   "    role: \"@SUM(1+1)\"\n", msg, sizeof(msg)), PX_OK);
	db_close(h);
	assert_int_equal(sp_run(list, NULL, &out, NULL), 0);
	assert_string_equal(out, "id,pseudonym,role,vignettes,codings\r\n"
			    "x,\"'=cmd|' /C calc'!A0\",\"'@SUM(1+1)\",0,0\r\n");
	free(out);
	free(db);
}

/* CSV to a file keeps the bytes; to a terminal it is made inert. */
static void test_csv_on_terminal_is_inert(void **state)
{
	int master = posix_openpt(O_RDWR | O_NOCTTY);
	tabular t;
	FILE *slave;
	char buf[4096];
	struct pollfd pfd;
	size_t got = 0;

	(void)state;
	assert_true(master >= 0);
	assert_int_equal(grantpt(master), 0);
	assert_int_equal(unlockpt(master), 0);
	slave = fopen(ptsname(master), "w");
	assert_non_null(slave);
	assert_true(isatty(fileno(slave)));
	tab_init(&t);
	tab_col(&t, "name", TAB_TEXT);
	tab_cell(&t, "Ann\x1b[31mRED");
	assert_int_equal(tab_write(&t, slave, TAB_CSV), 0);
	fflush(slave);
	pfd.fd = master;
	pfd.events = POLLIN;
	while (got < sizeof(buf) - 1 && poll(&pfd, 1, 1000) > 0) {
		ssize_t r = read(master, buf + got, sizeof(buf) - 1 - got);
		if (r <= 0)
			break;
		got += (size_t)r;
		if (memchr(buf, 'D', got))
			break;
	}
	buf[got] = '\0';
	assert_non_null(strstr(buf, "Ann^[[31mRED"));
	assert_null(memchr(buf, 0x1b, got));
	tab_free(&t);
	fclose(slave);
	close(master);
}

/* ---- oversize input ------------------------------------------------ */

static char *vignette_with_text(size_t text_bytes, const char *fill)
{
	static const char head[] = "praxis: 1\nvignettes:\n  - id: big\n    title: Big\n"
				   "    date: 2026-01-01\n    text: ";
	size_t fl = strlen(fill), n = strlen(head);
	char *s = xmalloc(n + text_bytes + 2);

	memcpy(s, head, n);
	for (size_t i = 0; i < text_bytes; i++)
		s[n + i] = fill[i % fl];
	s[n + text_bytes] = '\n';
	s[n + text_bytes + 1] = '\0';
	return s;
}

static void test_oversize_value_refused_in_memory_bound(void **state)
{
	px_db *db = fx_db();
	px_err e = { 0 };
	char *yaml = vignette_with_text((size_t)20 << 20, "field notes ");
	int64_t coder = 0;

	(void)state;
	ytree_set_limits((size_t)1 << 20, 0);
	int rc = corpus_import_buffer(db, "big.yaml", yaml, strlen(yaml), coder, NULL, &e);
	ytree_set_limits(0, 0);
	assert_int_equal(rc, PX_EDATA);
	assert_non_null(strstr(e.msg, "big.yaml:6:"));
	assert_non_null(strstr(e.msg, "longer than 1 MiB"));
	assert_int_equal(vignette_count(db), 0);
	free(yaml);
	db_close(db);
}

/* Exactly at the limit is fine; one byte more is not. */
static void test_value_limit_is_exact(void **state)
{
	px_db *db = fx_db();
	char msg[1024];
	char *ok = vignette_with_text(4096, "abcd"), *over = vignette_with_text(4097, "abcd");

	(void)state;
	ytree_set_limits(4096, 0);
	int rc_ok = fx_import(db, ok, msg, sizeof(msg));
	int rc_over = fx_import(db, over, msg, sizeof(msg));
	ytree_set_limits(0, 0);
	assert_int_equal(rc_ok, PX_OK);
	assert_int_equal(rc_over, PX_EDATA);
	assert_non_null(strstr(msg, "fixture.yaml:6:11: a value of 4097 bytes"));
	free(ok);
	free(over);
	db_close(db);
}

static void test_file_limit(void **state)
{
	char *path = fx_path(".yaml");
	FILE *fp = fopen(path, "w");
	px_db *db = fx_db();
	px_err e = { 0 };
	const char *files[] = { path };

	(void)state;
	assert_non_null(fp);
	fputs("praxis: 1\nparticipants:\n", fp);
	for (int i = 0; i < 200; i++)
		fprintf(fp, "  - id: p%d\n    pseudonym: P%d\n", i, i);
	fclose(fp);
	ytree_set_limits(0, 2048);
	int rc = corpus_import(db, files, 1, 0, NULL, &e);
	ytree_set_limits(0, 0);
	assert_int_equal(rc, PX_EDATA);
	assert_non_null(strstr(e.msg, path));
	assert_non_null(strstr(e.msg, "split it"));
	assert_int_equal(db_scalar(db, "SELECT count(*) FROM participant"), 0);
	unlink(path);
	free(path);
	db_close(db);
}

static char *write_yaml_file(const char *yaml)
{
	char *path = fx_path(".yaml");
	FILE *fp = fopen(path, "w");

	assert_non_null(fp);
	assert_int_equal(fwrite(yaml, 1, strlen(yaml), fp), strlen(yaml));
	assert_int_equal(fclose(fp), 0);
	return path;
}

/* The real thing, through the CLI at its default limits. */
static void test_100mb_vignette_refused(void **state)
{
	char *yaml = vignette_with_text((size_t)100 << 20, "x");
	char *file = write_yaml_file(yaml), *db = sp_project(), *err = NULL;
	const char *args[] = { "--db", db, "import", file, NULL };

	(void)state;
	free(yaml);
	assert_int_equal(sp_run(args, NULL, NULL, &err), 2);
	assert_non_null(strstr(err, ".yaml:6:"));
	assert_non_null(strstr(err, "longer than 16 MiB"));
	assert_int_equal(sp_scalar(db, "SELECT count(*) FROM vignette"), 2);
	unlink(file);
	free(file);
	free(err);
	free(db);
}

/* A million lines in one text (8 MB, under the limit) imports whole. */
static void test_million_line_text_handled(void **state)
{
	static const char head[] = "praxis: 1\nvignettes:\n  - id: long\n    title: Long\n"
				   "    date: 2026-01-01\n    text: |\n";
	strbuf b;
	char *file, *db = sp_project();

	(void)state;
	sb_init(&b);
	sb_add(&b, head);
	for (int i = 0; i < 1000000; i++)
		sb_add(&b, "      l\n");
	file = write_yaml_file(sb_str(&b));
	sb_free(&b);
	const char *args[] = { "--db", db, "import", "--quiet", file, NULL };
	assert_int_equal(sp_run(args, NULL, NULL, NULL), 0);
	assert_int_equal(sp_scalar(db, "SELECT length FROM vignette WHERE ext_id = 'long'"),
			 2 * 1000000);
	unlink(file);
	free(file);
	free(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_list_tables_are_inert),
		cmocka_unit_test(test_json_escapes_controls),
		cmocka_unit_test(test_csv_formulas_neutralized),
		cmocka_unit_test(test_csv_output_neutralized_end_to_end),
		cmocka_unit_test(test_csv_on_terminal_is_inert),
		cmocka_unit_test(test_oversize_value_refused_in_memory_bound),
		cmocka_unit_test(test_value_limit_is_exact),
		cmocka_unit_test(test_file_limit),
		cmocka_unit_test(test_100mb_vignette_refused),
		cmocka_unit_test(test_million_line_text_handled),
	};
	return cmocka_run_group_tests_name("hostile", tests, NULL, NULL);
}
