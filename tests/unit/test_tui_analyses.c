/* test_tui_analyses.c: the summaries pane's analysis tabs (5-0) and the
 * participants pane's role key, headless on the corpus of
 * analysis_corpus.c (its numbers are counted by hand there). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "praxis/util.h"
#include "analysis_corpus.h"
#include "fixture.h"
#include "screen.h"

/* Focus the summaries (Shift-Tab from the vignettes) and zoom. */
#define SUM "<BTab>z"

static char *run(const char *db, const char *keys)
{
	return fx_screen_run(db, keys, 90, 16, NULL);
}

/* Cy's months as rows, a bar per dimension, his role then. */
static void test_trajectory_tab(void **state)
{
	char *db = fx_screen_db(fx_analysis_corpus), *s;

	(void)state;
	s = run(db, SUM "7\n");
	fx_assert_line(s, 0, " Summaries Trajectory 1/5");
	/* the analyses' row of tabs, short at this width */
	fx_assert_line(s, 1, "6Net 7Trj 8His 9Bnd 0Brk Coo  1-5: summaries");
	fx_assert_line(s, 2, " who month   role           ME   JE   SR hold held first uses");
	fx_assert_line(s, 3, " Cy  2026-03 newcomer     ██ 1 ██ 1 ██ 1    0    1 pile");
	fx_assert_line(s, 4, " Cy  2026-04 old-timer    ██ 1 ██ 1 ██ 1    1    0 stamp");
	fx_assert_line(s, 6, " Di  2026-04 supervisor   ██ 1    0 ██ 1    0    0 pile");
	fx_assert_line(s, 7, " Ed  2026-04 clerk      ████ 2 ██ 1 ██ 1    0    1 pile");
	fx_assert_has(s, " Cy in 2026-03 as newcomer: ME 1, JE 1, SR 1; holds 0, held 1; first uses pile");
	free(s);
	/* Enter: Cy's vignettes */
	s = run(db, SUM "7<Enter>\n");
	fx_assert_has(s, "filter: participant=Cy");
	fx_assert_has(s, " Vignettes 1/2 (filtered)");
	free(s);
	free(db);
}

/* The history of the entry under the Repertoire cursor (the stamp, second
 * row); Enter opens the vignette at the use. */
static void test_history_tab(void **state)
{
	char *db = fx_screen_db(fx_analysis_corpus), *s;

	(void)state;
	s = run(db, SUM "8\n");
	fx_assert_line(s, 0, " Summaries History 1/3");
	fx_assert_line(s, 3, " pile  2026-03-05 v1       desk      Cy      P    where doubt goes");
	fx_assert_line(s, 4, " pile  2026-04-10 v2       ward      Ed           a shortcut");
	fx_assert_line(s, 5, " pile  2026-04-20 v3       desk      Di           where doubt goes");
	fx_assert_has(s, " pile: where doubt goes, said by Cy (Enter opens the vignette)");
	free(s);
	s = run(db, SUM "<Down>8\n");
	fx_assert_line(s, 0, " Summaries History 1/1");
	fx_assert_line(s, 3, " stamp 2026-04-10 v2       ward              R");
	free(s);
	/* 6 again: every entry */
	s = run(db, SUM "<Down>88\n");
	fx_assert_line(s, 0, " Summaries History 1/4");
	free(s);
	s = run(db, SUM "8<Down><Enter>\n");
	fx_assert_has(s, "2026-04-10  two  @29");
	free(s);
	free(db);
}

static void test_boundary_brokers_network(void **state)
{
	char *db = fx_screen_db(fx_analysis_corpus), *s;

	(void)state;
	s = run(db, SUM "9\n");
	fx_assert_line(s, 3, " pile  desk            2      2        1 \"where doubt goes\"");
	fx_assert_line(s, 4, " pile  ward            1      1        1 \"a shortcut\"");
	free(s);
	/* Enter: the desk's vignettes behind the row (v1, v3) */
	s = run(db, SUM "9<Enter>\n");
	fx_assert_has(s, " Vignettes 1/2 (filtered)");
	fx_assert_has(s, "2026-03-05 one");
	fx_assert_has(s, "2026-04-20 three");
	free(s);
	s = run(db, SUM "0\n");
	fx_assert_line(s, 3, " Cy          2 desk, ward");
	fx_assert_line(s, 4, " Ed          2 desk, ward");
	free(s);
	s = run(db, SUM "6\n");
	fx_assert_line(s, 3, " Cy     Ed   quota          contested       1 2026-04-10 2026-04-10");
	fx_assert_line(s, 4, " Di     Cy   quota          upheld          1 2026-03-05 2026-03-05");
	fx_assert_has(s, " Cy held Ed to account: quota, contested");
	free(s);
	free(db);
}

/* The matrix: shaded cells with a digit (readable without color), h/l
 * moves the column, Enter lists the vignettes behind the cell. */
static void test_cooccurrence_tab(void **state)
{
	char *db = fx_screen_db(fx_analysis_corpus), *s;

	(void)state;
	s = run(db, SUM "0]\n");
	fx_assert_line(s, 2, " code                             mut con sup too");
	fx_assert_line(s, 3, " JE/mutual accountability          \\   ·  █4  █4");
	fx_assert_line(s, 4, " ME/mutual relationships/conflict  ·   \\   ·  ▒2");
	free(s);
	s = run(db, SUM "0]<Right><Right>\n");
	fx_assert_has(s, " JE/mutual accountability × ME/mutual relationships/support: 2 vignettes, "
		      "1 overlapping pa");
	free(s);
	s = run(db, SUM "0]<Right><Right><Enter>\n");
	fx_assert_has(s, " Vignettes 1/2 (filtered)");
	fx_assert_has(s, "2026-03-05 one");
	fx_assert_has(s, "2026-04-10 two");
	fx_assert_lacks(s, "three");
	free(s);
	free(db);
}

/* r in the participants pane: a dated role, one undoable step. */
static void test_role_key(void **state)
{
	char *db = fx_screen_db(fx_analysis_corpus), *s;

	(void)state;
	s = run(db, "<Tab>r");
	fx_assert_has(s, "Cy: newcomer; old-timer from 2026-04-01 | ROLE");
	free(s);
	s = run(db, "<Tab>rveteran from 2026-04-15<Enter>\n");
	fx_assert_has(s, "Cy: roles changed (u undoes)");
	free(s);
	assert_int_equal(fx_scalar(db, "SELECT count(*) FROM participant_role WHERE role ="
				   " 'veteran' AND from_date = '2026-04-15'"), 1);
	s = run(db, "<Tab>r-2026-04-15<Enter>u\n");
	assert_int_equal(fx_scalar(db, "SELECT count(*) FROM participant_role"), 2);
	free(s);
	s = run(db, "<Tab>rx from 2026-02-30<Enter>\n");
	fx_assert_has(s, "role: participant 'cy': bad role date '2026-02-30'");
	free(s);
	assert_int_equal(fx_scalar(db, "SELECT count(*) FROM participant_role"), 2);
	free(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_trajectory_tab),
		cmocka_unit_test(test_history_tab),
		cmocka_unit_test(test_boundary_brokers_network),
		cmocka_unit_test(test_cooccurrence_tab),
		cmocka_unit_test(test_role_key),
	};
	return cmocka_run_group_tests_name("tui_analyses", tests, NULL, NULL);
}
