/* test_tui_views.c: the view stack, driven headless. The consensus coding
 * a negotiation opens (`e`) overrides the coder; leaving it by any route
 * must give the user's own coder back, and while it is in force the status
 * line says so in the override colour. Other frames (help, zoom,
 * retrieval) give back what they changed when they close. */
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

/* The two-coder corpus (a and b disagree in v1). */
static char *make_db(void)
{
	return fx_screen_db(fx_two_coder_corpus);
}

/* Codings of JE/rhythms on v3 by coder ext id. */
#define RHYTHMS_ON_V3(coder) \
	"SELECT count(*) FROM coding c JOIN coder d ON d.id = c.coder_id JOIN code k" \
	" ON k.id = c.code_id JOIN vignette v ON v.id = c.vignette_id" \
	" WHERE d.ext_id = '" coder "' AND k.name = 'rhythms' AND v.ext_id = 'v3'"

/* Enters the consensus coding, leaves it by route, then codes v3 as a
 * whole: the coding must be the user's (a), never the consensus coder's. */
static void check_route(const char *route, const char *seen)
{
	char *db = make_db(), *keys, *s;

	keys = xasprintf(":negotiate a b\ne\n%s", route);
	s = fx_screen_run(db, keys, 80, 24, "--coder a");
	fx_assert_has(s, "| coder a |");
	fx_assert_lacks(s, "consensus");
	if (seen)
		fx_assert_has(s, seen);
	free(s);
	free(keys);
	keys = xasprintf(":negotiate a b\ne\n%s:open v3\nV\nrhythms<Enter>\n<C-s>\n", route);
	s = fx_screen_run(db, keys, 80, 24, "--coder a");
	fx_assert_has(s, "| coder a |");
	free(s);
	free(keys);
	assert_int_equal(fx_scalar(db, RHYTHMS_ON_V3("a")), 1);
	assert_int_equal(fx_scalar(db, RHYTHMS_ON_V3("consensus")), 0);
	free(db);
}

/* Esc asks whether to record the edit (Esc: leave it open), Esc again
 * closes the negotiation. */
static void test_leave_by_esc(void **state)
{
	(void)state;
	check_route("<Esc>\n<Esc>\n<Esc>\n", " Vignettes");
}

static void test_leave_by_tab(void **state)
{
	(void)state;
	check_route("<Tab>\n", " Codebook");
}

static void test_leave_by_open(void **state)
{
	(void)state;
	check_route(":open v2\n", "Ann said the quota can wait.");
}

static void test_leave_by_filter(void **state)
{
	(void)state;
	check_route(":filter code JE/rhythms\n", "filter: code=JE/rhythms");
}

static void test_leave_by_search(void **state)
{
	(void)state;
	check_route("/quota<Enter>\n", "search=\"quota\"");
}

/* While the override is in force the status line names it, and the
 * user's own coder, in the override colour. */
static void test_override_on_status_line(void **state)
{
	char *db = make_db(), *s;

	(void)state;
	s = fx_screen_run(db, ":negotiate a b\ne\n", 80, 24, "--coder a");
	fx_assert_has(s, " | coder consensus (not a) | 3 vignettes | 8 codings");
	free(s);
	s = fx_screen_run(db, ":negotiate a b\ne\n", 80, 24, "--coder a --dump-attrs");
	fx_assert_has(s, "status.override+bold\n");
	free(s);
	/* no override: no override colour */
	s = fx_screen_run(db, ":negotiate a b\n", 80, 24, "--coder a --dump-attrs");
	fx_assert_lacks(s, "status.override");
	free(s);
	free(db);
}

/* Help over a zoom over retrieval: each Esc gives back one frame, and
 * closing retrieval returns the focus to the codebook. */
static void test_frames_pop_in_order(void **state)
{
	char *db = make_db(), *s;

	(void)state;
	s = fx_screen_run(db, ":retrieve SR/tools\nz\n?\n", 80, 24, "--coder a");
	fx_assert_has(s, " Help");
	free(s);
	s = fx_screen_run(db, ":retrieve SR/tools\nz\n?\n<Esc>\n", 80, 24, "--coder a");
	fx_assert_lacks(s, " Help");
	fx_assert_lacks(s, " Vignettes");
	fx_assert_has(s, " Retrieval");
	free(s);
	s = fx_screen_run(db, ":retrieve SR/tools\nz\n?\n<Esc>\nz\n<Esc>\n", 80, 24, "--coder a");
	fx_assert_has(s, " Vignettes");
	fx_assert_lacks(s, " Retrieval");
	fx_assert_has(s, "The pile  @0");
	free(s);
	free(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_leave_by_esc),
		cmocka_unit_test(test_leave_by_tab),
		cmocka_unit_test(test_leave_by_open),
		cmocka_unit_test(test_leave_by_filter),
		cmocka_unit_test(test_leave_by_search),
		cmocka_unit_test(test_override_on_status_line),
		cmocka_unit_test(test_frames_pop_in_order),
	};
	return cmocka_run_group_tests_name("tui_views", tests, NULL, NULL);
}
