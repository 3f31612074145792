/* test_bench_smoke.c: `make bench` at its smallest size, so the benchmark
 * cannot rot. Only that every measure runs and reports numbers is checked:
 * timings belong to `make bench`, never to the test suite. */
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

static const char *const measures[] = {
	"import YAML corpus", "CSV export of all codings", "summaries: full load",
	"summaries: apply one coding", "start-up to first frame",
	"start-up to summaries loaded",
	"keystroke: list move / open", "add a coding (commit+summary+draw)",
	"ranked search, first page", "search by relevance: count + page",
	"search by date: count + page", "peak RSS of the interface (MB)",
};

/* The row for a measure: "| tiny  | NAME ... | MEDIAN |" with a number. */
static void assert_row(const char *table, const char *name)
{
	const char *row = strstr(table, name), *cell;
	double v = 0;

	if (!row)
		fail_msg("no row '%s' in:\n%s", name, table);
	cell = strchr(row, '|');
	assert_non_null(cell);
	while (*++cell == ' ')
		;
	if (sscanf(cell, "%lf", &v) != 1 || v <= 0)
		fail_msg("row '%s' has no median: %.60s", name, cell);
}

static void test_bench_tiny(void **state)
{
	char *data = fx_path("-bench"), *results = fx_path(".md"), *cmd, *out, *md;
	const char *build = getenv("BUILD") && *getenv("BUILD") ? getenv("BUILD") : "build";
	const char *bin = getenv("PRAXIS_BIN");
	FILE *fp;
	int status;

	(void)state;
	cmd = xasprintf("cd '%s' && '%s/bench/bench' --sizes tiny --data '%s' --results '%s'"
			" --praxis '%s' --gen '%s/bench/gen' 2>&1", fx_top(), build, data, results,
			bin && *bin ? bin : "./praxis", build);
	fp = popen(cmd, "r");
	assert_non_null(fp);
	strbuf b;
	char buf[4096];
	size_t n;
	sb_init(&b);
	while ((n = fread(buf, 1, sizeof(buf), fp)) > 0)
		sb_addn(&b, buf, n);
	status = pclose(fp);
	out = sb_steal(&b);
	if (status != 0)
		fail_msg("bench failed (%d):\n%s", status, out);
	for (size_t i = 0; i < sizeof(measures) / sizeof(measures[0]); i++)
		assert_row(out, measures[i]);
	md = fx_read_file(results, NULL);
	assert_non_null(md);
	assert_non_null(strstr(md, "# praxis benchmark"));
	assert_non_null(strstr(md, "Machine: "));
	assert_row(md, "start-up to first frame");
	free(md);
	free(out);
	free(cmd);
	free(data);
	free(results);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bench_tiny),
	};
	return cmocka_run_group_tests_name("bench smoke", tests, NULL, NULL);
}
