/* test_tui_memo.c: the memo key (W), headless: a memo on what is under
 * the cursor of the focused pane, written in a one-line prompt as the
 * coder in force, and undone and redone like any change. */
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

#define MEMOS_ON(kind, text) \
	"SELECT count(*) FROM memo m JOIN memo_target t ON t.memo_id = m.id" \
	" JOIN coder d ON d.id = m.coder_id WHERE d.ext_id = 'tester'" \
	" AND t.kind = " kind " AND m.text = '" text "'"

static void test_memo_on_the_vignette_and_undo(void **state)
{
	char *db = fx_screen_db(fx_small_corpus), *s;

	(void)state;
	s = fx_screen_run(db, "W\nthe pile as a parking lot<Enter>\n", 80, 24, "--coder tester");
	fx_assert_has(s, "memo on vignette:v1 written (u undoes)");
	free(s);
	assert_int_equal(fx_scalar(db, MEMOS_ON("1", "the pile as a parking lot")), 1);
	s = fx_screen_run(db, "W\nsecond thoughts<Enter>\nu\n", 80, 24, "--coder tester");
	fx_assert_has(s, "undone: write memo");
	free(s);
	assert_int_equal(fx_scalar(db, "SELECT count(*) FROM memo"), 1);
	/* Esc writes nothing */
	s = fx_screen_run(db, "W\nnever<Esc>\n", 80, 24, "--coder tester");
	free(s);
	assert_int_equal(fx_scalar(db, "SELECT count(*) FROM memo"), 1);
	free(db);
}

/* In the reader the memo goes on the coding under the cursor. */
static void test_memo_on_a_coding_then_redo(void **state)
{
	char *db = fx_screen_db(fx_small_corpus), *s;

	(void)state;
	s = fx_screen_run(db, "<Tab>\n<Tab>\nW\nwhere doubt goes<Enter>\nu\n<C-r>\n", 80, 24,
			  "--coder tester");
	fx_assert_has(s, "redone: write memo");
	free(s);
	assert_int_equal(fx_scalar(db, MEMOS_ON("5", "where doubt goes")), 1);
	free(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_memo_on_the_vignette_and_undo),
		cmocka_unit_test(test_memo_on_a_coding_then_redo),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
