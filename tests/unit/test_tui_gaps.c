/* test_tui_gaps.c: the interface headless: the reader following the
 * vignette list, vignettes added, edited and deleted through $EDITOR,
 * participant forms, undo of those, memos in $EDITOR, mouse events,
 * per-code colours and the default coder. */
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

static void test_reader_follows_list(void **state)
{
	char *db = sc_make_db(NULL), *s;

	(void)state;
	/* from the start the reader shows the first vignette */
	s = sc_run(db, "# nothing\n", 80, 24, NULL);
	sc_assert_has(s, "│ 2026-03-02  The pile  @0       │");
	sc_assert_has(s, "│M S Annie put the claim on the  │");
	free(s);
	/* moving the cursor shows the next at once; the focus stays */
	s = sc_run(db, "<Down>\n", 80, 24, NULL);
	sc_assert_has(s, "│ 2026-04-10T09:30  Quota talk  @│");
	sc_assert_has(s, "│ J  Ann said the quota can wait.│");
	sc_assert_has(s, " Vignettes 2/2");
	free(s);
	/* a filter that drops the shown vignette moves the reader along */
	s = sc_run(db, ":filter code JE\n", 80, 24, NULL);
	sc_assert_has(s, "Quota talk  @");
	sc_assert_lacks(s, "Annie put");
	free(s);
	free(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reader_follows_list),
	};
	return cmocka_run_group_tests_name("tui gaps", tests, NULL, NULL);
}
