/* test_tui_incremental.c: coding changes move the counts on screen from
 * the store's events instead of a reload; after codings made, deleted,
 * undone and redone, every count shown (vignette badges, participants,
 * codebook, summaries, status line) must equal what a fresh start on the
 * same database shows. */
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

#define COLS 120
#define ROWS 40

/* On v1 ("Annie put the claim on the Q pile. Bo asked why."): an ME, an
 * SR (not linked) and a JE coding, the JE undone, the SR undone and
 * redone; then the SR/tools coding naming Ann (under "Q", word 6) is
 * deleted, undone and redone, and one more JE coding made: v1's badges
 * go from ME 1 JE 0 SR 1 to 2 1 1. */
static const char changes[] =
	":open v1\n"
	"vll1\n"
	"wvll3\n"
	"wvll2\n"
	"uu<C-r>\n"
	"{wwwwwwL\n<Down>d\n"
	"u<C-r>\n"
	"wwvl2\n";

/* The left column (vignettes, participants) and the right one
 * (codebook, summaries) of line n: the reader in the middle and the
 * cursor in it differ between the runs. */
static void side_panes(const char *screen, int n, char **left, char **right)
{
	char *line = fx_screen_line(screen, n);
	char *a = strstr(line, "│"), *z = NULL;

	for (char *p = a; p; p = strstr(p + 1, "│"))
		z = p;
	*left = a ? xstrndup(line, (size_t)(a - line)) : xstrdup(line);
	*right = z ? xstrdup(z + strlen("│")) : xstrdup("");
	free(line);
}

/* Row n of the vignette list shows title and ends with the badges. */
static void assert_badges(const char *screen, int n, const char *title, const char *badges)
{
	char *left, *right;
	size_t len;

	side_panes(screen, n, &left, &right);
	len = strlen(left);
	while (len && left[len - 1] == ' ')
		left[--len] = '\0';
	assert_non_null(strstr(left, title));
	assert_true(len >= strlen(badges));
	assert_string_equal(left + len - strlen(badges), badges);
	free(left);
	free(right);
}

static void assert_same_counts(const char *after, const char *fresh)
{
	for (int n = 0; n < ROWS - 2; n++) {
		char *la, *ra, *lf, *rf;
		side_panes(after, n, &la, &ra);
		side_panes(fresh, n, &lf, &rf);
		if (strcmp(la, lf) || strcmp(ra, rf))
			fprintf(stderr, "line %d differs:\n after: %s | %s\n fresh: %s | %s\n"
				"--- after ---\n%s\n--- fresh ---\n%s\n", n, la, ra, lf, rf, after, fresh);
		assert_string_equal(la, lf);
		assert_string_equal(ra, rf);
		free(la);
		free(ra);
		free(lf);
		free(rf);
	}
	/* the status line: database, coder, vignettes, codings */
	char *sa = fx_screen_line(after, ROWS - 2), *sf = fx_screen_line(fresh, ROWS - 2);
	assert_string_equal(sa, sf);
	free(sa);
	free(sf);
}

/* The changes on a fresh database: the counts shown after them equal a
 * fresh start's. */
static void assert_changes_counted(void)
{
	char *db = fx_screen_db(NULL), *after, *fresh;

	after = fx_screen_run(db, changes, COLS, ROWS, NULL);
	/* the changes happened: 3 codings before; +ME +SR, -SR/tools, +JE */
	assert_int_equal(fx_scalar(db, "SELECT count(*) FROM coding"), 5);
	assert_int_equal(fx_scalar(db, "SELECT count(*) FROM coding_participant"), 0);
	fx_assert_has(after, "| 5 codings");
	assert_badges(after, 1, "The pile", " 2 1 1");
	fresh = fx_screen_run(db, "# nothing\n", COLS, ROWS, NULL);
	assert_same_counts(after, fresh);
	free(after);
	free(fresh);
	free(db);
}

static void test_counts_match_a_fresh_start(void **state)
{
	char *db, *after, *fresh, *keys;

	(void)state;
	assert_changes_counted();
	/* the coverage tab too (Tab Tab from the reader, Shift-Tab from the
	 * list reach the summaries) */
	db = fx_screen_db(NULL);
	keys = xasprintf("%s<Tab><Tab>4\n", changes);
	after = fx_screen_run(db, keys, COLS, ROWS, NULL);
	free(keys);
	fresh = fx_screen_run(db, "<BTab>4\n", COLS, ROWS, NULL);
	fx_assert_has(fresh, "Summaries Coverage");
	assert_same_counts(after, fresh);
	free(after);
	free(fresh);
	free(db);
}

/* The same changes made while the summaries are still loading (a test
 * hook holds the loader back until the script ends): once the load
 * arrives, every count shown equals a fresh start's. */
static void test_counts_while_loading(void **state)
{
	(void)state;
	setenv("PRAXIS_TEST_SUMMARY_DELAY_MS", "600000", 1);
	assert_changes_counted();
	unsetenv("PRAXIS_TEST_SUMMARY_DELAY_MS");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_counts_match_a_fresh_start),
		cmocka_unit_test(test_counts_while_loading),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
