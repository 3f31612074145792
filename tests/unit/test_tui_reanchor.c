/* test_tui_reanchor.c: the report's case through the interface: sample
 * vignette v13 edited in $EDITOR ("back to back" -> "side by side"). The
 * editor's file lost the final newline, and every coding after the change
 * used to stretch to the end of the text and be flagged; now none moves. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include "praxis/util.h"
#include "fixture.h"
#include "screen.h"

#define V13 "(SELECT id FROM vignette WHERE ext_id = 'v13')"

static void test_edit_v13_keeps_codings(void **state)
{
	char *path = xasprintf("%s/samples/claims.yaml", fx_top()), *yaml, *db, *s;
	char *ed = fx_script_file("#!/bin/sh\nsed -i 's/back to back/side by side/' \"$1\"\n");
	int64_t codings, spans;

	(void)state;
	yaml = fx_read_file(path, NULL);
	assert_non_null(yaml);
	db = fx_screen_db(yaml);
	codings = fx_scalar(db, "SELECT count(*) FROM coding WHERE vignette_id = " V13);
	spans = fx_scalar(db, "SELECT sum(start * 1000 + end) FROM coding WHERE vignette_id = " V13);
	assert_true(codings >= 8);
	setenv("EDITOR", ed, 1);
	s = fx_screen_run(db, ":open v13\n<Esc>e\n", 120, 30, NULL);
	fx_assert_has(s, "vignette v13 updated (u undoes)");
	free(s);
	unsetenv("EDITOR");
	assert_int_equal(fx_scalar(db, "SELECT count(*) FROM vignette WHERE text LIKE"
				   " '%sit side by side at%' AND substr(text, -1) = char(10)"), 1);
	assert_int_equal(fx_scalar(db, "SELECT count(*) FROM coding WHERE vignette_id = " V13), codings);
	assert_int_equal(fx_scalar(db, "SELECT count(*) FROM coding WHERE needs_review = 1"), 0);
	assert_int_equal(fx_scalar(db, "SELECT sum(start * 1000 + end) FROM coding"
				   " WHERE vignette_id = " V13), spans);
	unlink(ed);
	free(ed);
	free(yaml);
	free(path);
	free(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_edit_v13_keeps_codings),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
