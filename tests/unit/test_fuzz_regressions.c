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
#include <curses.h>
#include "fixture.h"

#define FUZZ_NO_ENTRY
#include "../../fuzz/fuzz_yaml.c"
#include "../../fuzz/fuzz_notes.c"
#include "../../fuzz/fuzz_qdpx.c"
#include "../../fuzz/fuzz_keyscript.c"
#include "../../fuzz/fuzz_theme.c"
#include "../../fuzz/fuzz_keys.c"

static const struct target {
	const char *name;
	int (*run)(const uint8_t *data, size_t size, px_err *e);
} targets[] = {
	{ "yaml", fuzz_yaml },
	{ "notes", fuzz_notes },
	{ "qdpx", fuzz_qdpx },
	{ "keyscript", fuzz_keyscript },
	{ "theme", fuzz_theme },
	{ "keys", fuzz_keys },
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

static char *read_top(const char *rel, size_t *len)
{
	char *path = xasprintf("%s/%s", fx_top(), rel);
	char *data = fx_read_file(path, len);

	if (!data)
		fail_msg("%s: unreadable", path);
	free(path);
	return data;
}

/* The other harnesses reach the parsers' success paths on their seeds, so
 * the fuzzer starts from inputs that get through. */
static void test_seeds_get_through(void **state)
{
	static const struct { const char *seed; int (*run)(const uint8_t *, size_t, px_err *); } ok[] = {
		{ "fuzz/seeds/notes/plain.md", fuzz_notes },
		{ "fuzz/seeds/notes/crlf-bom.md", fuzz_notes },
		{ "fuzz/seeds/qdpx/small.qdpx", fuzz_qdpx },
		{ "fuzz/seeds/qdpx/project.qde", fuzz_qdpx },
		{ "fuzz/seeds/keyscript/mixed.keys", fuzz_keyscript },
		{ "fuzz/seeds/theme/mixed.yaml", fuzz_theme },
		{ "themes/light.yaml", fuzz_theme },
		{ "fuzz/seeds/keys/config.yaml", fuzz_keys },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		size_t len = 0;
		char *data = read_top(ok[i].seed, &len);
		px_err e = { 0 };
		if (ok[i].run((const uint8_t *)data, len, &e) != PX_OK)
			fail_msg("%s: %s", ok[i].seed, e.msg);
		free(data);
	}
	/* imports are rolled back */
	assert_int_equal(db_scalar(fuzz_db(NULL), "SELECT count(*) FROM vignette"), 0);
	assert_int_equal(db_scalar(fuzz_db(NULL), "SELECT count(*) FROM coding"), 0);
}

/* What the parsers make of the seeds: the values, not just a status. */
static void test_seed_values(void **state)
{
	size_t len = 0;
	char *data;
	px_config cfg;
	script sc;
	theme th;
	px_err e = { 0 };
	int key;

	(void)state;
	data = read_top("fuzz/seeds/keyscript/mixed.keys", &len);
	assert_int_equal(script_parse(&sc, "mixed.keys", data, &e), PX_OK);
	assert_true(script_next(&sc, &key));
	assert_int_equal(key, TK_FN | KEY_DOWN);
	assert_true(script_next(&sc, &key));
	assert_int_equal(key, TK_ENTER);
	script_free(&sc);
	free(data);
	data = read_top("fuzz/seeds/theme/mixed.yaml", &len);
	theme_default(&th);
	if (theme_load_buffer(&th, "mixed.yaml", data, len, &e))
		fail_msg("%s", e.msg);
	assert_int_equal(th.style[ROLE_ERROR].attrs, TA_UNDERLINE | TA_REVERSE | TA_DIM);
	assert_int_equal(th.style[ROLE_ERROR].bg, 52);
	free(data);
	data = read_top("fuzz/seeds/keys/config.yaml", &len);
	keymap_init();
	config_init(&cfg);
	assert_int_equal(config_load_buffer(&cfg, "config.yaml", data, len, &e), PX_OK);
	assert_int_equal(keymap_apply_config(&cfg, &e), PX_OK);
	assert_string_equal(config_value(&cfg, CFG_THEME), "light");
	config_free(&cfg);
	assert_int_equal(keymap_lookup(KC_GLOBAL, 'U'), A_UNDO);
	assert_int_equal(keymap_lookup(KC_GLOBAL, 'u'), A_NONE);
	keymap_init();
	assert_int_equal(keymap_lookup(KC_GLOBAL, 'u'), A_UNDO);
	free(data);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_replay_all),
		cmocka_unit_test(test_harness_imports_and_rolls_back),
		cmocka_unit_test(test_seeds_get_through),
		cmocka_unit_test(test_seed_values),
	};
	return cmocka_run_group_tests_name("fuzz_regressions", tests, NULL, NULL);
}
