/* test_retrieve.c: `praxis retrieve` on the small fixture corpus, exact
 * output per format, the sub-codes included, the filters and context. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "fixture.h"
#include "spawn.h"

/* Runs praxis retrieve on a fresh fixture project with args after
 * "retrieve"; checks the exit status and stdout (stderr if want_err). */
static void check(const char *const *args, int status, const char *want_out,
		  const char *want_err)
{
	char *db = sp_project(), *out = NULL, *err = NULL;
	const char *argv[16] = { "--db", db, "retrieve" };
	int n = 3;

	for (int i = 0; args[i]; i++)
		argv[n++] = args[i];
	argv[n] = NULL;
	assert_int_equal(sp_run(argv, NULL, &out, &err), status);
	assert_string_equal(out, want_out);
	if (want_err)
		assert_string_equal(err, want_err);
	free(out);
	free(err);
	free(db);
}

static void test_retrieve_md_whole_vignette(void **state)
{
	const char *args[] = { "--code", "ME", NULL };

	(void)state;
	check(args, 0,
	      "# Retrieval: ME\n"
	      "\n"
	      "1 segment (with the sub-codes), context 40 characters.\n"
	      "\n"
	      "## 1. The pile (v1), 2026-03-02\n"
	      "\n"
	      "- code: ME\n"
	      "- coder: tester\n"
	      "- span: the whole vignette\n"
	      "\n"
	      "> Ann put the claim on the Q pile. Bo asked why.\n", "");
}

/* SR holds no coding itself: SR/tools comes in as a sub-code; the
 * context is cut to 5 characters, names pseudonymized (Annie -> Ann). */
static void test_retrieve_md_subcode_and_context(void **state)
{
	const char *args[] = { "--code", "SR", "--context", "5", NULL };

	(void)state;
	check(args, 0,
	      "# Retrieval: SR\n"
	      "\n"
	      "1 segment (with the sub-codes), context 5 characters.\n"
	      "\n"
	      "## 1. The pile (v1), 2026-03-02\n"
	      "\n"
	      "- code: SR/tools\n"
	      "- coder: tester\n"
	      "- participants: Ann\n"
	      "- span: 21-31\n"
	      "\n"
	      "> m on **the Q pile**. Bo \n", "");
}

static void test_retrieve_csv_keep_names(void **state)
{
	const char *args[] = { "--code", "SR", "--format", "csv", "--context", "3",
			       "--keep-names", NULL };

	(void)state;
	check(args, 0,
	      "vignette,title,date,code,coder,participants,start,end,before,quote,after,memo\r\n"
	      "v1,The pile,2026-03-02,SR/tools,tester,Ann,23,33,on ,the Q pile,. B,\r\n", "");
}

static void test_retrieve_json_filters(void **state)
{
	const char *je[] = { "--code", "JE", "--from", "2026-04-01", "--format", "json",
			     "--coder", "other", NULL };
	const char *none[] = { "--code", "ME", "--to", "2026-01-01", "--format", "json", NULL };

	(void)state;
	check(je, 0,
	      "[\n"
	      "  {\"vignette\": \"v2\", \"title\": \"Quota talk\", \"date\": \"2026-04-10T09:30\", "
	      "\"code\": \"JE/mutual accountability\", \"coder\": \"other\", \"participants\": \"\", "
	      "\"start\": 4, \"end\": 27, \"before\": \"Ann \", \"quote\": \"said the quota can "
	      "wait\", \"after\": \".\", \"memo\": null}\n"
	      "]\n", "");
	check(none, 0, "[]\n", "");
}

static void test_retrieve_bad_input(void **state)
{
	const char *no_code[] = { "--format", "md", NULL };
	const char *bad_ctx[] = { "--code", "ME", "--context", "-1", NULL };
	const char *bad_fmt[] = { "--code", "ME", "--format", "html", NULL };
	const char *unknown[] = { "--code", "ME", "--participant", "zed", NULL };

	(void)state;
	check(no_code, 1, "", "praxis retrieve: --code PATH is required\n"
	      "try 'praxis retrieve --help'\n");
	check(bad_ctx, 1, "", "praxis retrieve: --context '-1': use a whole number of "
	      "characters from 0 to 100000\ntry 'praxis retrieve --help'\n");
	check(bad_fmt, 1, "", "praxis retrieve: --format 'html': use md, csv or json\n"
	      "try 'praxis retrieve --help'\n");
	check(unknown, 2, "", "praxis: --participant: no participant 'zed'\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_retrieve_md_whole_vignette),
		cmocka_unit_test(test_retrieve_md_subcode_and_context),
		cmocka_unit_test(test_retrieve_csv_keep_names),
		cmocka_unit_test(test_retrieve_json_filters),
		cmocka_unit_test(test_retrieve_bad_input),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
