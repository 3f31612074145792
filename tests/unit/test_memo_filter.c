/* test_memo_filter.c: what the project's filters mean for a memo (memo.h,
 * memo_filter), through `praxis export --format csv --table memos`: the
 * coder is the author; participant, community, code and dates keep the
 * memos on targets inside them. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "praxis/util.h"
#include "fixture.h"

#define UUID(n) "00000000-0000-4000-8000-00000000000" #n
#define TIME "2026-05-01T10:00:00Z"
#define MEMO(n, author, on, text) \
	"  - uuid: " UUID(n) "\n    author: " author "\n    created: " TIME "\n" \
	"    updated: " TIME "\n    on: [" on "]\n    text: " text "\n"

/* A memo on every kind of target, after fx_memo_corpus. */
static const char memos[] =
	"memos:\n"
	MEMO(1, "tester", "project", "the whole")
	MEMO(2, "tester", "code:SR/tools", "tools")
	MEMO(3, "other", "participant:bo", "on Bo")
	MEMO(4, "tester", "community:desk", "the desk")
	MEMO(5, "tester", "vignette:v1", "the pile vignette")
	MEMO(6, "other", "vignette:v2", "quota vignette")
	MEMO(7, "tester", "coding:" UUID(b), "the quota coding")
	MEMO(8, "tester", "repertoire:pile", "the pile entry")
	MEMO(9, "tester", "accountability:quota", "the quota entry");

#define HEAD "id,uuid,author,created,updated,title,targets,text\r\n"
#define ROW(n, author, on, text) \
	#n "," UUID(n) "," author "," TIME "," TIME ",," on "," text "\r\n"
#define R1 ROW(1, "tester", "project", "the whole")
#define R2 ROW(2, "tester", "code:SR/tools", "tools")
#define R3 ROW(3, "other", "participant:bo", "on Bo")
#define R4 ROW(4, "tester", "community:desk", "the desk")
#define R5 ROW(5, "tester", "vignette:v1", "the pile vignette")
#define R6 ROW(6, "other", "vignette:v2", "quota vignette")
#define R7 ROW(7, "tester", "coding:" UUID(b), "the quota coding")
#define R8 ROW(8, "tester", "repertoire:pile", "the pile entry")
#define R9 ROW(9, "tester", "accountability:quota", "the quota entry")

static void expect_export(const char *path, const char *filters, const char *want)
{
	char *cmd = xasprintf("--db %s export --format csv --table memos %s", path, filters);
	char *out = NULL, *err = NULL;

	assert_int_equal(fx_run(cmd, &out, &err), 0);
	assert_string_equal(err, "");
	assert_string_equal(out, want);
	free(out);
	free(err);
	free(cmd);
}

static void test_each_filter(void **state)
{
	char *corpus = xasprintf("%s%s", fx_memo_corpus, memos);
	char *path = fx_project_with(corpus);

	(void)state;
	expect_export(path, "", HEAD R1 R2 R3 R4 R5 R6 R7 R8 R9);
	/* the coder is the memo's author */
	expect_export(path, "--coder other", HEAD R3 R6);
	/* Bo is at v1, whose coding carries the pile */
	expect_export(path, "--participant bo", HEAD R3 R5 R8);
	expect_export(path, "--community desk", HEAD R4 R5 R6 R7 R8 R9);
	/* SR/tools is under SR; v1 holds it; its coding carries the pile */
	expect_export(path, "--code SR", HEAD R2 R5 R8);
	/* v2 (with a time of day) is in range, so are its coding and the quota */
	expect_export(path, "--from 2026-04-01 --to 2026-04-10", HEAD R6 R7 R9);
	expect_export(path, "--to 2026-03-31", HEAD R5 R8);
	/* filters add up: a code filter keeps no participant memo */
	expect_export(path, "--code JE --coder tester", HEAD R7 R9);
	expect_export(path, "--participant bo --code SR", HEAD R5 R8);
	free(path);
	free(corpus);
}

static void test_bad_filter(void **state)
{
	char *corpus = xasprintf("%s%s", fx_memo_corpus, memos);
	char *path = fx_project_with(corpus), *out = NULL, *err = NULL;
	char *cmd = xasprintf("--db %s export --format csv --table memos --participant zed", path);

	(void)state;
	assert_int_equal(fx_run(cmd, &out, &err), 2);
	assert_string_equal(out, "");
	assert_non_null(strstr(err, "--participant: no participant 'zed'"));
	free(out);
	free(err);
	free(cmd);
	free(path);
	free(corpus);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_each_filter),
		cmocka_unit_test(test_bad_filter),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
