/* test_fuzz_regressions.c: every input saved under
 * tests/fuzz-regressions/NAME/ replayed through the fuzz harness NAME
 * (the very code `make fuzz` runs, fuzz/fuzz_NAME.c, included here without
 * its libFuzzer entry point). Each must end in a status, with a message
 * if it is an error; INPUT.expect, when present, holds a text the message
 * must contain. Crashes the fuzzer finds are copied in here, together
 * with hand-made hostile inputs (deep nesting, aliases, NUL, bad UTF-8).
 *
 * Adding a harness: include its file below and add a row to targets[]. */
#include <dirent.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "fixture.h"

#define FUZZ_NO_ENTRY
#include "../../fuzz/fuzz_yaml.c"
/* fuzz slots, added as the parsers land:
 * #include "../../fuzz/fuzz_notes.c"
 * #include "../../fuzz/fuzz_qdpx.c"
 * #include "../../fuzz/fuzz_keyscript.c"
 * #include "../../fuzz/fuzz_theme.c" */

static const struct target {
	const char *name;
	int (*run)(const uint8_t *data, size_t size, px_err *e);
} targets[] = {
	{ "yaml", fuzz_yaml },
};

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n >= k && strcmp(s + n - k, suffix) == 0;
}

/* Returns how many inputs ran. */
static int replay_dir(const struct target *t)
{
	char *dir = xasprintf("%s/tests/fuzz-regressions/%s", fx_top(), t->name);
	DIR *d = opendir(dir);
	struct dirent *de;
	int n = 0;

	if (!d)
		fail_msg("%s: no regression inputs", dir);
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.' || ends_with(de->d_name, ".expect"))
			continue;
		char *path = xasprintf("%s/%s", dir, de->d_name);
		char *expect_path = xasprintf("%s.expect", path);
		size_t len = 0;
		char *data = fx_read_file(path, &len), *expect = fx_read_file(expect_path, NULL);
		px_err e = { 0 };
		assert_non_null(data);
		int rc = t->run((const uint8_t *)data, len, &e);
		if (rc < PX_OK || rc > PX_EBUSY)
			fail_msg("%s: status %d", path, rc);
		if (rc && !e.msg[0])
			fail_msg("%s: error %d without a message", path, rc);
		if (expect) {
			expect[strcspn(expect, "\n")] = '\0';
			if (!strstr(e.msg, expect))
				fail_msg("%s: message \"%s\" lacks \"%s\"", path, e.msg, expect);
		}
		n++;
		free(data);
		free(expect);
		free(expect_path);
		free(path);
	}
	closedir(d);
	free(dir);
	return n;
}

static void test_replay_all(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(targets) / sizeof(targets[0]); i++)
		assert_true(replay_dir(&targets[i]) > 0);
}

/* The harness really imports: a valid corpus succeeds and leaves nothing
 * behind (its outer transaction is rolled back). */
static void test_harness_imports_and_rolls_back(void **state)
{
	char *path = xasprintf("%s/fuzz/seeds/yaml/small.yaml", fx_top());
	size_t len = 0;
	char *data = fx_read_file(path, &len);
	px_err e = { 0 };

	(void)state;
	assert_non_null(data);
	assert_int_equal(fuzz_yaml((const uint8_t *)data, len, &e), PX_OK);
	assert_int_equal(fuzz_yaml((const uint8_t *)data, len, &e), PX_OK);
	assert_int_equal(db_scalar(fuzz_db(NULL), "SELECT count(*) FROM vignette"), 0);
	free(data);
	free(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_replay_all),
		cmocka_unit_test(test_harness_imports_and_rolls_back),
	};
	return cmocka_run_group_tests_name("fuzz_regressions", tests, NULL, NULL);
}
