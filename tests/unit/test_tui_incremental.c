/* test_tui_incremental.c: coding changes move the counts on screen from
 * the store's events instead of a reload; after codings made, deleted,
 * undone and redone, every count shown (vignette badges, participants,
 * codebook, summaries, status line) must equal what a fresh start on the
 * same database shows. The list reads a row's badges when it comes into
 * view, not with its page: after scrolling, jumping and coding far from
 * the first page, every row shown carries the database's counts. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <sqlite3.h>
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

/* 300 more vignettes (L001..L300) dated in an order their ids do not
 * follow, as an import in any order leaves them, with i % 4 ME, i % 3
 * JE and i % 5 SR codings each. */
static char *long_list_db(void)
{
	char *db = fx_screen_db(NULL);
	sqlite3 *h = NULL;
	char *err = NULL;
	static const char sql[] =
		"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300)"
		" INSERT INTO vignette(ext_id, title, date, text, length, uuid, created, updated)"
		" SELECT printf('l%03d', i), printf('L%03d', i),"
		" printf('2027-%02d-%02d', 1 + (i * 7) % 12, 1 + (i * 13) % 28),"
		" 'some text here', 14, printf('lu%d', i), 't', 't' FROM n;"
		"WITH RECURSIVE k(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM k WHERE k < 4)"
		" INSERT INTO coding(vignette_id, code_id, coder_id, uuid, created, updated)"
		" SELECT v.id, (SELECT min(id) FROM code WHERE dimension = d.d),"
		" (SELECT min(id) FROM coder), printf('lc%d-%d-%d', v.id, d.d, k.k), 't', 't'"
		" FROM vignette v, (SELECT 1 AS d, 4 AS m UNION SELECT 2, 3 UNION SELECT 3, 5) d, k"
		" WHERE v.ext_id LIKE 'l%' AND k.k <= CAST(substr(v.ext_id, 2) AS INTEGER) % d.m;";

	assert_int_equal(sqlite3_open(db, &h), SQLITE_OK);
	if (sqlite3_exec(h, sql, NULL, NULL, &err) != SQLITE_OK)
		fail_msg("long list: %s", err);
	sqlite3_close(h);
	return db;
}

/* Every list row of screen showing an L vignette ends with its badges as
 * the database counts them; at least min rows are checked. */
static void assert_list_badges(const char *db, const char *screen, int min)
{
	int checked = 0;

	for (int n = 1; n < ROWS - 2; n++) {
		char *left, *right, *at, sql[160], want[48];
		size_t len;
		side_panes(screen, n, &left, &right);
		at = strstr(left, " L");
		if (at && at[2] >= '0' && at[2] <= '9') {
			int64_t c[4];
			for (int d = 1; d <= 3; d++) {
				snprintf(sql, sizeof(sql), "SELECT count(*) FROM coding c JOIN code"
					 " ON code.id = c.code_id JOIN vignette v ON v.id ="
					 " c.vignette_id WHERE v.title = '%.4s' AND code.dimension"
					 " = %d", at + 1, d);
				c[d] = fx_scalar(db, sql);
			}
			snprintf(want, sizeof(want), " %lld %lld %lld", (long long)c[1],
				 (long long)c[2], (long long)c[3]);
			len = strlen(left);
			while (len && left[len - 1] == ' ')
				left[--len] = '\0';
			if (len < strlen(want) || strcmp(left + len - strlen(want), want))
				fail_msg("line %d: '%s', want badges '%s'\n%s", n, left, want, screen);
			checked++;
		}
		free(left);
		free(right);
	}
	if (checked < min)
		fail_msg("only %d list rows checked:\n%s", checked, screen);
}

static void test_badges_far_down_the_list(void **state)
{
	char *db = long_list_db(), *keys, *screen;
	strbuf b;

	(void)state;
	/* down past three pages (the window drops its far side), back up
	 * over rows fetched again, a jump to the middle and on from there */
	sb_init(&b);
	for (int i = 0; i < 230; i++)
		sb_addc(&b, 'j');
	sb_add(&b, "\n");
	keys = sb_steal(&b);
	screen = fx_screen_run(db, keys, COLS, ROWS, NULL);
	assert_list_badges(db, screen, 15);
	free(screen);
	char *up = xasprintf("%s<PgUp><PgUp><PgUp><PgUp><PgUp><PgUp><PgUp>kk\n", keys);
	screen = fx_screen_run(db, up, COLS, ROWS, NULL);
	assert_list_badges(db, screen, 15);
	free(screen);
	free(up);
	free(keys);
	screen = fx_screen_run(db, ":open l150\njjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjj"
			       "jjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjj\n",
			       COLS, ROWS, NULL);
	assert_list_badges(db, screen, 15);
	free(screen);
	free(db);
}

/* A coding made on a row, the row scrolled out of view and out of the
 * window, an undo while it is away, and back: its badges follow the
 * database, never counted twice (once from the change, once on view);
 * then a search codes every hit, most of them rows not yet in view. */
static void test_badges_follow_codings_out_of_view(void **state)
{
	char *db = long_list_db(), *screen, *keys;
	strbuf b;

	(void)state;
	sb_init(&b);
	sb_add(&b, ":open l150\nvll1\nwvll3\n");
	for (int i = 0; i < 300; i++)
		sb_addc(&b, 'j');
	sb_add(&b, "\nu\n");
	for (int i = 0; i < 300; i++)
		sb_addc(&b, 'k');
	sb_add(&b, "\n");
	keys = sb_steal(&b);
	screen = fx_screen_run(db, keys, COLS, ROWS, NULL);
	/* l150 gained an ME coding (the SR one was undone) */
	assert_int_equal(fx_scalar(db, "SELECT count(*) FROM coding c JOIN vignette v ON"
				   " v.id = c.vignette_id WHERE v.ext_id = 'l150'"),
			 150 % 4 + 150 % 3 + 150 % 5 + 1);
	fx_assert_has(screen, "L150");
	assert_list_badges(db, screen, 15);
	free(screen);
	free(keys);
	/* a search (a filter: the list reloads in rank order) and every hit
	 * coded at once, rows in view and rows not yet seen alike */
	sb_init(&b);
	sb_add(&b, "/some<Enter>\n:autocode ME\ny\n");
	for (int i = 0; i < 120; i++)
		sb_addc(&b, 'j');
	sb_add(&b, "\n");
	keys = sb_steal(&b);
	int64_t before = fx_scalar(db, "SELECT count(*) FROM coding");
	screen = fx_screen_run(db, keys, COLS, ROWS, NULL);
	/* one ME coding per hit of "some" in each L vignette */
	assert_true(fx_scalar(db, "SELECT count(*) FROM coding") - before >= 300);
	assert_list_badges(db, screen, 15);
	free(screen);
	free(keys);
	free(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_counts_match_a_fresh_start),
		cmocka_unit_test(test_counts_while_loading),
		cmocka_unit_test(test_badges_far_down_the_list),
		cmocka_unit_test(test_badges_follow_codings_out_of_view),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
