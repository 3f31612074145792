/* test_tui_log.c: the audit trail in the interface: `H` or `:log` fills
 * the screen with it (FRAME_LOG), newest first, and Esc gives the layout
 * back. A code deleted in the codebook pane is there with its coder. */
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
#include "screen.h"

#define DELETE_TOOLS "<Tab><Tab><Tab>f\nSR/tools<Enter>\nD\ny\n"

static void test_key_shows_change(void **state)
{
	char *db = fx_screen_db(NULL), *s;

	(void)state;
	s = fx_screen_run(db, DELETE_TOOLS "H\n", 120, 24, NULL);
	fx_assert_has(s, "Log");
	fx_assert_has(s, "tester    code-delete    deleted SR/tools with its sub-codes (1 coding)");
	fx_assert_lacks(s, " Vignettes");
	free(s);
	/* newest first: a rename made after the delete is on top */
	s = fx_screen_run(db, "<Tab><Tab><Tab>f\nSR/words<Enter>\nR\n<C-u>talk<Enter>\nH\n", 120,
			  24, NULL);
	fx_assert_has(s, "code-rename    renamed SR/words to SR/talk");
	assert_true(strstr(s, "renamed SR/words") < strstr(s, "deleted SR/tools"));
	free(s);
	free(db);
}

static void test_command_and_back(void **state)
{
	char *db = fx_screen_db(NULL), *s;

	(void)state;
	s = fx_screen_run(db, ":log\n", 80, 24, NULL);
	fx_assert_has(s, "(no changes logged yet");
	free(s);
	s = fx_screen_run(db, ":log\n<Esc>\n", 80, 24, NULL);
	fx_assert_lacks(s, "no changes logged");
	fx_assert_has(s, " Vignettes");
	free(s);
	s = fx_screen_run(db, "HH\n", 80, 24, NULL);
	fx_assert_has(s, " Vignettes");
	free(s);
	free(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_key_shows_change),
		cmocka_unit_test(test_command_and_back),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
