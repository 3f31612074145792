/* test_refi_qualcoder.c: our .qdpx read the way QualCoder's importer
 * reads it (tests/refi_qualcoder_check.py, python3 standard library):
 * a project with memos on every target, a coding whose text was deleted
 * and a short colour loses nothing; and the checker itself finds each
 * thing QualCoder chokes on or drops in a file made to have them. */
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
#include "praxis/codebook.h"
#include "praxis/coding.h"
#include "praxis/export.h"
#include "praxis/util.h"
#include "fixture.h"
#include "refifx.h"

/* Runs the checker on path; its exit status, its output in *out. */
static int check(const char *path, char **out)
{
	char *cmd, *script = xasprintf("%s/tests/refi_qualcoder_check.py", fx_top());
	char buf[4096];
	strbuf b;
	FILE *p;
	int st;

	/* python3 is a dependency (make deps): its absence fails, never skips */
	if (system("command -v python3 >/dev/null 2>&1") != 0)
		fail_msg("python3 is not installed: run `make deps` (the QualCoder reader check"
			 " needs it)");
	cmd = xasprintf("python3 '%s' '%s' 2>&1", script, path);
	p = popen(cmd, "r");
	assert_non_null(p);
	sb_init(&b);
	sb_add(&b, "");
	while (fgets(buf, sizeof(buf), p))
		sb_add(&b, buf);
	st = pclose(p);
	*out = sb_steal(&b);
	free(cmd);
	free(script);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static void test_our_qdpx_loads_whole(void **state)
{
	px_db *db = fx_db_with(fx_refi_memo_corpus);
	struct export_options o = { 0 };
	char *path = fx_path(".qdpx"), *out, *want;
	px_err e = { 0 };

	(void)state;
	/* a coding whose text an edit deleted (a note on the source) and a
	 * colour in the short form */
	assert_int_equal(db_exec(db, "UPDATE coding SET start = 4, end = 4, needs_review = 1"
				 " WHERE uuid = '00000000-0000-4000-8000-00000000000b';"
				 " UPDATE code SET color = '#0a0' WHERE name = 'rhythms'", &e), 0);
	o.format = EXP_QDPX;
	o.output = path;
	if (export_run(db, &o, &e))
		fail_msg("export: %s", e.msg);
	if (check(path, &out) != 0)
		fail_msg("QualCoder would not load it whole:\n%s", out);
	/* every coding with text, both sources and cases; a memo-bearing
	 * Description for the project, the vignette and its deleted coding,
	 * the coded passage, the participant and each described code */
	want = xasprintf("qualcoder would load: users=2, codes=%lld, sources=2, codings=%lld,"
			 " cases=2,", (long long)codebook_count(db),
			 (long long)coding_count(db) - 1);
	if (!strstr(out, want))
		fail_msg("want '%s' in %s", want, out);
	free(want);
	free(out);
	unlink(path);
	free(path);
	db_close(db);
}

/* What QualCoder trips on, one of each: the checker must name them all. */
static const char broken_qde[] =
	"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
	"<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"broken\">\n"
	"<Users><User guid=\"a1b2c3d4-0000-4000-8000-000000000001\" name=\"u\"/></Users>\n"
	"<CodeBook><Codes>"
	"<Code guid=\"c0de0000-0000-4000-8000-000000000001\" name=\"same\" isCodable=\"true\""
	" color=\"#0f0\"><NoteRef targetGUID=\"40740000-0000-4000-8000-000000000001\"/></Code>"
	"<Code guid=\"c0de0000-0000-4000-8000-000000000002\" name=\"same\" isCodable=\"true\"/>"
	"</Codes></CodeBook>\n"
	"<Sources><TextSource guid=\"50050000-0000-4000-8000-000000000001\" name=\"S\""
	" plainTextPath=\"internal://s.txt\">"
	"<PlainTextSelection guid=\"5e100000-0000-4000-8000-000000000001\" name=\"drew\""
	" startPosition=\"0\" endPosition=\"4\""
	" creatingUser=\"a1b2c3d4-0000-4000-8000-000000000001\">"
	"<Coding guid=\"c0d10000-0000-4000-8000-000000000001\">"
	"<CodeRef targetGUID=\"c0de0000-0000-4000-8000-000000000001\"/></Coding>"
	"</PlainTextSelection>"
	"<Coding guid=\"c0d10000-0000-4000-8000-000000000002\">"
	"<CodeRef targetGUID=\"c0de0000-0000-4000-8000-000000000002\"/></Coding>"
	"</TextSource></Sources>\n"
	"<Notes><Note guid=\"40740000-0000-4000-8000-000000000001\">"
	"<PlainTextContent>only in a note</PlainTextContent></Note></Notes>\n"
	"</Project>\n";

static void test_checker_finds_each_fault(void **state)
{
	char *path = fx_path(".qdpx"), *out;
	const struct fx_zent ents[] = {
		{ "project.qde", broken_qde, 0 },
		{ "sources/s.txt", "Rosa drew.", 0 },
		{ NULL, NULL, 0 },
	};
	static const char *const faults[] = {
		"<Project> has no origin",
		"code name 'same' repeats",
		"code 'same' has color '#0f0', not #RRGGBB",
		"code 'same': the memo in note 40740000-0000-4000-8000-000000000001 is in no"
		" Description QualCoder reads (dropped)",
		"note 40740000-0000-4000-8000-000000000001 has no creationDateTime",
		"selection 5e100000-0000-4000-8000-000000000001 is named 'drew' but 0-4 is 'Rosa'",
		"source 'S': a <Coding> directly under the source (QualCoder ignores it)",
	};

	(void)state;
	fx_make_zip(path, ents);
	assert_int_equal(check(path, &out), 1);
	for (size_t i = 0; i < sizeof(faults) / sizeof(faults[0]); i++)
		if (!strstr(out, faults[i]))
			fail_msg("'%s' not reported in:\n%s", faults[i], out);
	free(out);
	unlink(path);
	free(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_our_qdpx_loads_whole),
		cmocka_unit_test(test_checker_finds_each_fault),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
