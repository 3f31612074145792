/* test_tui_more.c: the interface headless: mouse clicks and the wheel
 * through the script's <Click>/<WheelUp>/<WheelDown>, the coding memo in
 * $EDITOR, codes' own colors, retrieval paged by key, and undo of a
 * codebook delete and merge. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include "praxis/browse.h"
#include "praxis/codebook.h"
#include "praxis/db.h"
#include "praxis/util.h"
#include "praxis/project.h"
#include "fixture.h"
#include "screen.h"

static void set_color(const char *dbpath, const char *path, const char *color)
{
	px_db *db = NULL;
	px_err e = { 0 };
	int64_t id;

	assert_int_equal(project_open(dbpath, 0, &db, &e), PX_OK);
	assert_int_equal(codebook_resolve(db, path, 0, &id, NULL, &e), PX_OK);
	assert_int_equal(codebook_set_color(db, id, color, &e), PX_OK);
	db_close(db);
}

static void add_code(const char *dbpath, const char *path)
{
	px_db *db = NULL;
	px_err e = { 0 };
	int64_t id;

	assert_int_equal(project_open(dbpath, 0, &db, &e), PX_OK);
	assert_int_equal(codebook_resolve(db, path, 1, &id, NULL, &e), PX_OK);
	db_close(db);
}

/* ---- mouse ---- */

static void test_click_focuses_and_selects(void **state)
{
	char *db = fx_screen_db(NULL), *s;

	(void)state;
	/* the second vignette row (screen row 2), then the reader's text at
	 * column 4 of its first line (x 31 + margin 4 + 4), then codebook row 3 */
	s = fx_screen_run(db, "<Click 3 2>\n", 100, 24, NULL);
	fx_assert_has(s, " Vignettes 2/2");
	fx_assert_has(s, "Quota talk  @0");
	free(s);
	s = fx_screen_run(db, "<Click 3 2>\n<Click 39 1>\n", 100, 24, NULL);
	fx_assert_has(s, "Quota talk  @4");
	free(s);
	s = fx_screen_run(db, "<Click 3 2>\n<Click 39 1>\n<Click 75 3>\n", 100, 24, NULL);
	fx_assert_has(s, "Codebook 3/29");
	free(s);
	/* the click moved the focus: `v` then `l` keys now act in the reader */
	s = fx_screen_run(db, "<Click 39 1>\nvlll\n", 100, 24, NULL);
	fx_assert_has(s, "@7  [selecting]");
	free(s);
	/* the codebook got the focus: Enter there is a filter, not an open */
	s = fx_screen_run(db, "<Click 75 3>\n", 100, 24, "--dump-attrs");
	fx_assert_has(s, "  @72-99 pane.title.focus+bold");
	free(s);
	free(db);
}

static char *long_corpus(void)
{
	strbuf b;

	sb_init(&b);
	sb_add(&b, "praxis: 1\ncoders:\n  - id: tester\nvignettes:\n  - id: v1\n    title: Long\n"
		   "    date: 2026-01-01\n    text: |\n");
	for (int i = 0; i < 60; i++)
		sb_printf(&b, "      Line %02d of the long one.\n", i);
	return sb_steal(&b);
}

static void test_wheel_scrolls_pane_under_pointer(void **state)
{
	char *yaml = long_corpus(), *db = fx_screen_db(yaml), *s;

	(void)state;
	s = fx_screen_run(db, "# nothing\n", 100, 24, NULL);
	fx_assert_has(s, "│    Line 00 of the long one.");
	free(s);
	/* two notches over the reader: six lines down, the focus stays put */
	s = fx_screen_run(db, "<WheelDown 50 5>\n<WheelDown 50 5>\n", 100, 24, "--dump-attrs");
	fx_assert_has(s, "│    Line 06 of the long one.");
	fx_assert_lacks(s, "Line 05 of");
	fx_assert_has(s, "  @0-29 pane.title.focus+bold");
	free(s);
	s = fx_screen_run(db, "<WheelDown 50 5>\n<WheelDown 50 5>\n<WheelUp 50 5>\n", 100, 24, NULL);
	fx_assert_has(s, "│    Line 03 of the long one.");
	fx_assert_lacks(s, "Line 02 of");
	free(s);
	/* the wheel at the top does nothing */
	s = fx_screen_run(db, "<WheelUp 50 5>\n", 100, 24, NULL);
	fx_assert_has(s, "│    Line 00 of the long one.");
	free(s);
	free(db);
	free(yaml);
}

static void test_bad_mouse_token(void **state)
{
	char *db = fx_screen_db(NULL), *kp = fx_path(".keys"), *args, *err = NULL;
	FILE *fp = fopen(kp, "w");

	(void)state;
	fputs("# ok\n<Click 5>\n", fp);
	fclose(fp);
	args = xasprintf("--db '%s' --script '%s'", db, kp);
	assert_int_equal(fx_run(args, NULL, &err), 1);
	assert_non_null(strstr(err, ":2: bad mouse event '<Click 5>' (use <Click COL ROW>)"));
	free(err);
	free(args);
	free(kp);
	free(db);
}

/* ---- the memo in $EDITOR ---- */

static void test_memo_in_editor(void **state)
{
	char *db = fx_screen_db(NULL), *s;
	char *ed = fx_script_file("#!/bin/sh\ngrep -q 'old memo' \"$1\" && printf 'from the editor\\n"
				  "second line\\n\\n' > \"$1\"\n");

	(void)state;
	setenv("VISUAL", ed, 1);
	/* code "Annie" with SR/tools, memo inline first, then E on the memo row */
	s = fx_screen_run(db, ":open v1\nvllll\nc\nSR/tools<Enter>\n"
			  "<Down><Down><Down><Enter>old memo<Enter>\nE\n", 80, 24, NULL);
	fx_assert_has(s, "memo: from the editor");
	fx_assert_has(s, "E $EDITOR");
	free(s);
	s = fx_screen_run(db, ":open v1\nvllll\nc\nSR/tools<Enter>\n"
			  "<Down><Down><Down><Enter>old memo<Enter>\nE<C-s>\n", 80, 24, NULL);
	fx_assert_has(s, "coded SR/tools");
	free(s);
	assert_int_equal(fx_scalar(db, "SELECT count(*) FROM coding WHERE start = 0 AND end = 5"
				   " AND memo = 'from the editor' || char(10) || 'second line'"), 1);
	unsetenv("VISUAL");
	unlink(ed);
	free(ed);
	free(db);
}

/* ---- codes' own colors ---- */

static void test_code_color_highlights(void **state)
{
	char *db = fx_screen_db(NULL), *s;

	(void)state;
	set_color(db, "SR/tools", "#ff0000");
	/* "the Q pile" (23-33) on the reader's first line, x 29..38 at 80 cols */
	s = fx_screen_run(db, ":open v1\n<Tab>\n", 80, 24, "--dump-attrs");
	fx_assert_has(s, "code#ff0000");
	fx_assert_has(s, "code.ME");
	free(s);
	/* #rgb is the same color */
	set_color(db, "SR/tools", "#f00");
	s = fx_screen_run(db, ":open v1\n<Tab>\n", 80, 24, "--dump-attrs");
	fx_assert_has(s, "code#ff0000");
	free(s);
	/* mono and NO_COLOR keep the dimension's attribute */
	s = fx_screen_run(db, ":open v1\n<Tab>\n", 80, 24, "--dump-attrs --theme mono");
	fx_assert_lacks(s, "code#");
	fx_assert_has(s, "underline");
	free(s);
	setenv("NO_COLOR", "1", 1);
	s = fx_screen_run(db, ":open v1\n<Tab>\n", 80, 24, "--dump-attrs");
	unsetenv("NO_COLOR");
	fx_assert_lacks(s, "code#");
	fx_assert_has(s, "+underline");
	free(s);
	/* a code without a color keeps its dimension's */
	set_color(db, "SR/tools", NULL);
	s = fx_screen_run(db, ":open v1\n<Tab>\n", 80, 24, "--dump-attrs");
	fx_assert_lacks(s, "code#");
	fx_assert_has(s, "code.SR");
	free(s);
	free(db);
}

/* ---- retrieval by key ---- */

#define NSEG 300

/* One vignette of NSEG words "wNNN", each coded SR/tools. */
static char *many_segments(void)
{
	strbuf b;

	sb_init(&b);
	sb_add(&b, "praxis: 1\ncoders:\n  - id: tester\nvignettes:\n  - id: v1\n    title: Many\n"
		   "    date: 2026-01-01\n    text: \"");
	for (int i = 0; i < NSEG; i++)
		sb_printf(&b, "w%03d ", i);
	sb_add(&b, "\"\n    codings:\n");
	for (int i = 0; i < NSEG; i++)
		sb_printf(&b, "      - {code: SR/tools, start: %d, end: %d}\n", 5 * i, 5 * i + 4);
	return sb_steal(&b);
}

static void test_segments_paged_by_key(void **state)
{
	char *yaml = many_segments();
	px_db *db = fx_db_with(yaml);
	int64_t code = fx_code(db, "SR/tools"), count = 0, rank = 0;
	browse_segment *all = NULL, *pg = NULL;
	size_t nall = 0, n = 0, seen = 0;
	px_err e = { 0 };

	(void)state;
	assert_int_equal(browse_segments(db, code, 0, 10, 100000, &all, &nall, &e), PX_OK);
	assert_int_equal(nall, NSEG);
	assert_int_equal(browse_segment_count(db, code, 0, NULL, &count, &e), PX_OK);
	assert_int_equal(count, NSEG);
	/* forward in pages of 64 gives the same order */
	assert_int_equal(browse_segments_page(db, code, 0, 10, NULL, 1, 64, &pg, &n, &e), PX_OK);
	while (n) {
		browse_segment key;
		for (size_t i = 0; i < n; i++)
			assert_int_equal(pg[i].coding_id, all[seen + i].coding_id);
		seen += n;
		key = all[seen - 1];
		browse_segments_free(pg, n);
		assert_int_equal(browse_segments_page(db, code, 0, 10, &key, 1, 64, &pg, &n, &e), PX_OK);
	}
	browse_segments_free(pg, n);
	assert_int_equal(seen, NSEG);
	/* backward from the end: ascending rows, the ones before the key */
	assert_int_equal(browse_segments_page(db, code, 0, 10, NULL, -1, 64, &pg, &n, &e), PX_OK);
	assert_int_equal(n, 64);
	assert_int_equal(pg[0].coding_id, all[NSEG - 64].coding_id);
	assert_string_equal(pg[63].quote, "w299");
	browse_segments_free(pg, n);
	assert_int_equal(browse_segments_page(db, code, 0, 10, &all[100], -1, 64, &pg, &n, &e), PX_OK);
	assert_int_equal(n, 64);
	assert_string_equal(pg[0].quote, "w036");
	assert_string_equal(pg[63].quote, "w099");
	browse_segments_free(pg, n);
	assert_int_equal(browse_segment_count(db, code, 0, &all[123], &rank, &e), PX_OK);
	assert_int_equal(rank, 123);
	browse_segments_free(all, nall);
	db_close(db);
	free(yaml);
}

/* The cursor's rank from the retrieval title "N/300". */
static int title_rank(const char *screen)
{
	const char *p = strstr(screen, "(all coders) ");

	assert_non_null(p);
	return atoi(p + strlen("(all coders) "));
}

/* The rank the retrieval title shows after moves; Enter then opens the
 * reader on that segment's word (word i starts at 5 * i). */
static int rank_after(const char *db, const char *moves)
{
	char *keys = xasprintf(":retrieve SR/tools\n%s\n", moves), *s, *want;
	int n;

	s = fx_screen_run(db, keys, 100, 24, NULL);
	n = title_rank(s);
	free(s);
	free(keys);
	keys = xasprintf(":retrieve SR/tools\n%s<Enter>\n", moves);
	s = fx_screen_run(db, keys, 100, 24, NULL);
	want = xasprintf("Many  @%d", 5 * (n - 1));
	fx_assert_has(s, want);
	free(want);
	free(s);
	free(keys);
	return n;
}

static void test_retrieval_scrolls_by_key(void **state)
{
	char *yaml = many_segments(), *db = fx_screen_db(yaml), *s;
	strbuf moves;
	int n;

	(void)state;
	/* quotes in the code's own color (rows off the cursor) */
	set_color(db, "SR/tools", "#00ff00");
	s = fx_screen_run(db, ":retrieve SR/tools\n", 100, 24, "--dump-attrs");
	fx_assert_has(s, "code#00ff00");
	free(s);
	s = fx_screen_run(db, ":retrieve SR/tools\n", 100, 24, NULL);
	fx_assert_has(s, "Retrieval: SR/tools (all coders) 1/300");
	free(s);
	s = fx_screen_run(db, ":retrieve SR/tools\nG\n", 140, 24, NULL);
	fx_assert_has(s, "(all coders) 300/300");
	fx_assert_has(s, "w299");
	free(s);
	/* far past the first window (4 pages of 64) and back up past its
	 * start: the title's rank and the segment under the cursor agree */
	sb_init(&moves);
	for (int i = 0; i < 14; i++)
		sb_add(&moves, "<PgDn>");
	sb_add(&moves, "jjj");
	n = rank_after(db, sb_str(&moves));
	assert_true(n > 256 && n < 300);
	n = rank_after(db, "G<PgUp><PgUp><PgUp><PgUp><PgUp><PgUp><PgUp><PgUp><PgUp><PgUp><PgUp><PgUp>kkk");
	assert_true(n > 1 && n < 300 - 2 * 64);
	sb_free(&moves);
	free(db);
	free(yaml);
}

/* ---- undo of codebook delete and merge ---- */

static const char tools_coding[] =
	"SELECT count(*) FROM coding c JOIN code k ON k.id = c.code_id"
	" JOIN coding_participant cp ON cp.coding_id = c.id"
	" WHERE k.name = 'tools' AND c.start = 23 AND c.end = 33"
	" AND c.interpretation = 'a place to park doubt' AND c.repertoire_id IS NOT NULL";

static void test_undo_code_delete(void **state)
{
	char *db = fx_screen_db(NULL), *s;
	int64_t codes = fx_scalar(db, "SELECT count(*) FROM code");

	(void)state;
	assert_int_equal(fx_scalar(db, tools_coding), 1);
	set_color(db, "SR/tools", "#123456");
	/* find "tools" in the codebook, delete it with its coding */
	s = fx_screen_run(db, "<Tab><Tab><Tab>f\nSR/tools<Enter>\nD\ny\n", 80, 24, NULL);
	fx_assert_has(s, "code deleted (u undoes)");
	free(s);
	assert_int_equal(fx_scalar(db, "SELECT count(*) FROM code"), codes - 1);
	assert_int_equal(fx_scalar(db, tools_coding), 0);
	free(db);
	/* deleted and undone in one session: the code, its color and its coding */
	db = fx_screen_db(NULL);
	set_color(db, "SR/tools", "#123456");
	s = fx_screen_run(db, "<Tab><Tab><Tab>f\nSR/tools<Enter>\nD\ny\nu\n", 80, 24, NULL);
	fx_assert_has(s, "undone: delete code");
	free(s);
	assert_int_equal(fx_scalar(db, "SELECT count(*) FROM code"), codes);
	assert_int_equal(fx_scalar(db, tools_coding), 1);
	assert_int_equal(fx_scalar(db, "SELECT count(*) FROM code k JOIN code p ON p.id = k.parent_id"
				   " WHERE k.name = 'tools' AND k.color = '#123456' AND p.id = 3"), 1);
	/* and redone */
	s = fx_screen_run(db, "<Tab><Tab><Tab>f\nSR/tools<Enter>\nD\ny\nu<C-r>\n", 80, 24, NULL);
	fx_assert_has(s, "redone: delete code");
	free(s);
	assert_int_equal(fx_scalar(db, tools_coding), 0);
	free(db);
}

static void test_undo_code_merge(void **state)
{
	char *db = fx_screen_db(NULL), *s;
	int64_t uuid_ok;

	(void)state;
	/* a sub-code under tools: the merge moves it, the undo moves it back */
	add_code(db, "SR/tools/pens");
	s = fx_screen_run(db, "<Tab><Tab><Tab>f\nSR/tools<Enter>\nM\nSR<Enter>\ny\n", 80, 24, NULL);
	fx_assert_has(s, "codes merged (u undoes)");
	free(s);
	assert_int_equal(fx_scalar(db, "SELECT count(*) FROM code WHERE name = 'tools'"), 0);
	assert_int_equal(fx_scalar(db, "SELECT parent_id FROM code WHERE name = 'pens'"), 3);
	assert_int_equal(fx_scalar(db, "SELECT count(*) FROM coding WHERE code_id = 3"), 1);
	free(db);
	db = fx_screen_db(NULL);
	add_code(db, "SR/tools/pens");
	uuid_ok = fx_scalar(db, "SELECT count(*) FROM coding c JOIN code k ON k.id = c.code_id"
			    " WHERE k.name = 'tools'");
	assert_int_equal(uuid_ok, 1);
	s = fx_screen_run(db, "<Tab><Tab><Tab>f\nSR/tools<Enter>\nM\nSR<Enter>\ny\nu\n", 80, 24, NULL);
	fx_assert_has(s, "undone: merge codes");
	free(s);
	assert_int_equal(fx_scalar(db, tools_coding), 1);
	assert_int_equal(fx_scalar(db, "SELECT count(*) FROM code k JOIN code p ON p.id = k.parent_id"
				   " WHERE k.name = 'pens' AND p.name = 'tools'"), 1);
	assert_int_equal(fx_scalar(db, "SELECT count(*) FROM coding WHERE code_id = 3"), 0);
	s = fx_screen_run(db, "<Tab><Tab><Tab>f\nSR/tools<Enter>\nM\nSR<Enter>\ny\nu<C-r>u\n", 80, 24, NULL);
	fx_assert_has(s, "undone: merge codes");
	free(s);
	assert_int_equal(fx_scalar(db, tools_coding), 1);
	free(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_click_focuses_and_selects),
		cmocka_unit_test(test_wheel_scrolls_pane_under_pointer),
		cmocka_unit_test(test_bad_mouse_token),
		cmocka_unit_test(test_memo_in_editor),
		cmocka_unit_test(test_code_color_highlights),
		cmocka_unit_test(test_segments_paged_by_key),
		cmocka_unit_test(test_retrieval_scrolls_by_key),
		cmocka_unit_test(test_undo_code_delete),
		cmocka_unit_test(test_undo_code_merge),
	};
	return cmocka_run_group_tests_name("tui more", tests, NULL, NULL);
}
