/* test_tui_memos.c: the memos view (O, :memos) headless: every memo with
 * its date, author, title and targets, the selected one whole below;
 * narrowed by the kind of target (t), the filters and the search; Enter
 * edits in $EDITOR, T titles, D deletes, each undone by u; o opens the
 * target. Also the memo key's $EDITOR path, W on a register row, and the
 * reader's memo block and coding-memo marks. */
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

#define UUID(n) "00000000-0000-4000-8000-00000000000" #n
#define MEMO(n, author, day, on, text) \
	"  - uuid: " UUID(n) "\n    author: " author "\n    created: 2026-05-0" day \
	"T10:00:00Z\n    updated: 2026-05-0" day "T10:00:00Z\n    on: [" on "]\n" text

/* Memos after fx_memo_corpus. */
static const char memos[] =
	"memos:\n"
	MEMO(1, "tester", "1", "project", "    title: Where this goes\n    text: the whole\n")
	MEMO(2, "tester", "2", "vignette:v1, code:SR/tools",
	     "    text: |\n      The pile is where doubt waits, a long sentence that wraps"
	     " over the end of the line.\n      A second paragraph.\n")
	MEMO(3, "other", "4", "participant:bo", "    text: Bo asks the questions\n")
	MEMO(4, "tester", "5", "coding:" UUID(a), "    text: why this span\n");

static char *memo_db(void)
{
	char *corpus = xasprintf("%s%s", fx_memo_corpus, memos), *db = fx_screen_db(corpus);

	free(corpus);
	return db;
}

static const char *const memos_view[] = {
	" Memos 1/4",
	" 2026-05-01 tester    Where this goes: the whole      project",
	" 2026-05-02 tester    The pile is where doubt waits,  vignette:v1; code:SR/tools",
	" 2026-05-04 other     Bo asks the questions           participant:bo",
	" 2026-05-05 tester    why this span                   coding:00000000-0000-4000-",
	"", "", "", "", "", "", "", "", "",
	" memo 1 by tester, 2026-05-01 10:00",
	" on project",
	" Where this goes",
	" the whole",
	"", "", "", "",
	NULL
};

static void test_view_lists_every_memo(void **state)
{
	char *db = memo_db(), *s;

	(void)state;
	s = fx_screen_run(db, "O\n", 80, 24, NULL);
	for (int i = 0; memos_view[i]; i++)
		fx_assert_line(s, i, memos_view[i]);
	free(s);
	/* the second memo whole, wrapped; :memos opens the same view */
	s = fx_screen_run(db, ":memos\nj\n", 80, 24, NULL);
	fx_assert_line(s, 0, " Memos 2/4");
	fx_assert_line(s, 14, " memo 2 by tester, 2026-05-02 10:00");
	fx_assert_line(s, 15, " on vignette:v1; code:SR/tools");
	fx_assert_line(s, 16, " The pile is where doubt waits, a long sentence that wraps over the end of the");
	fx_assert_line(s, 17, " line.");
	fx_assert_line(s, 18, " A second paragraph.");
	free(s);
	/* Esc (or O again) gives the panes back */
	s = fx_screen_run(db, "O\n<Esc>\n", 80, 24, NULL);
	fx_assert_has(s, " Vignettes 1/2");
	fx_assert_lacks(s, "Memos");
	free(s);
	s = fx_screen_run(db, "OO\n", 80, 24, NULL);
	fx_assert_has(s, " Vignettes 1/2");
	free(s);
	free(db);
}

static void test_kind_filter_and_search(void **state)
{
	char *db = memo_db(), *s;

	(void)state;
	s = fx_screen_run(db, "Ottt\n", 80, 24, NULL);
	fx_assert_line(s, 0, " Memos 1/1  on: code");
	fx_assert_line(s, 1, " 2026-05-02 tester    The pile is where doubt waits,  vignette:v1; code:SR/tools");
	fx_assert_line(s, 2, "");
	fx_assert_has(s, "memos on code");
	free(s);
	/* the search (FTS5 over memo texts) */
	s = fx_screen_run(db, "/questions<Enter>\nO\n", 80, 24, NULL);
	fx_assert_line(s, 0, " Memos 1/1");
	fx_assert_line(s, 1, " 2026-05-04 other     Bo asks the questions           participant:bo");
	fx_assert_line(s, 2, "");
	free(s);
	/* the filters as memo_filter reads them: Bo is at v1, so its memo and
	 * its coding's stay with the memo on Bo; the coder is the author */
	s = fx_screen_run(db, ":filter participant bo\nO\n", 80, 24, NULL);
	fx_assert_line(s, 0, " Memos 1/3");
	fx_assert_line(s, 1, " 2026-05-02 tester    The pile is where doubt waits,  vignette:v1; code:SR/tools");
	fx_assert_line(s, 2, " 2026-05-04 other     Bo asks the questions           participant:bo");
	fx_assert_line(s, 3, " 2026-05-05 tester    why this span                   coding:00000000-0000-4000-");
	free(s);
	s = fx_screen_run(db, ":filter coder other\nO\n", 80, 24, NULL);
	fx_assert_line(s, 0, " Memos 1/1");
	fx_assert_line(s, 1, " 2026-05-04 other     Bo asks the questions           participant:bo");
	free(s);
	/* ... and their titles: "Where this goes" is memo 1's title, its
	 * text is "the whole" */
	s = fx_screen_run(db, "/goes<Enter>\nO\n", 80, 24, NULL);
	fx_assert_line(s, 0, " Memos 1/1");
	fx_assert_has(s, "Where this goes");
	fx_assert_line(s, 2, "");
	free(s);
	s = fx_screen_run(db, "/nowhere<Enter>\nO\n", 80, 24, NULL);
	fx_assert_line(s, 1, " (no memo under the filters: F clears them, t shows every kind)");
	free(s);
	free(db);
}

#define MEMO_TEXT(id) "SELECT text FROM memo WHERE uuid = '" UUID(id) "'"
#define TEXT_IS(id, want) "SELECT count(*) FROM memo WHERE uuid = '" UUID(id) "' AND " want

static void test_edit_title_delete_undo(void **state)
{
	char *db = memo_db(), *s;
	int64_t id;
	char *ed = fx_script_file("#!/bin/sh\nprintf 'the whole, rethought\\n\\n' > \"$1\"\n");
	char *ed2 = fx_script_file("#!/bin/sh\nprintf 'third take' > \"$1\"\n");

	(void)state;
	setenv("EDITOR", ed, 1);
	s = fx_screen_run(db, "O<Enter>\n", 80, 24, NULL);
	fx_assert_has(s, "memo changed (u undoes)");
	fx_assert_line(s, 1, " 2026-05-01 tester    Where this goes: the whole, re  project");
	fx_assert_line(s, 17, " the whole, rethought");
	free(s);
	assert_int_equal(fx_scalar(db, TEXT_IS(1, "text = 'the whole, rethought'")), 1);
	setenv("EDITOR", ed2, 1);
	s = fx_screen_run(db, "O<Enter>u\n", 80, 24, NULL);
	fx_assert_has(s, "undone: edit memo");
	free(s);
	assert_int_equal(fx_scalar(db, TEXT_IS(1, "text = 'the whole, rethought'")), 1);
	unsetenv("EDITOR");
	/* T titles; D deletes; u brings it back with its targets */
	s = fx_screen_run(db, "OjT\nDoubt<Enter>\n", 80, 24, NULL);
	fx_assert_has(s, "memo titled (u undoes)");
	fx_assert_line(s, 2, " 2026-05-02 tester    Doubt: The pile is where doubt  vignette:v1; code:SR/tools");
	free(s);
	assert_int_equal(fx_scalar(db, TEXT_IS(2, "title = 'Doubt'")), 1);
	id = fx_scalar(db, "SELECT id FROM memo WHERE uuid = '" UUID(2) "'");
	s = fx_screen_run(db, "OjDu\n", 80, 24, NULL);
	fx_assert_has(s, "undone: delete memo");
	free(s);
	assert_int_equal(fx_scalar(db, "SELECT count(*) FROM memo"), 4);
	assert_int_equal(fx_scalar(db, "SELECT count(*) FROM memo_target WHERE memo_id ="
				   " (SELECT id FROM memo WHERE uuid = '" UUID(2) "')"), 2);
	/* back under its own row id, the one `praxis memo edit|rm` take: still
	 * the second row, and `memo rm ID` finds it */
	assert_int_equal(fx_scalar(db, "SELECT id FROM memo WHERE uuid = '" UUID(2) "'"), id);
	s = fx_screen_run(db, "O\n", 80, 24, NULL);
	fx_assert_line(s, 2, " 2026-05-02 tester    Doubt: The pile is where doubt  vignette:v1; code:SR/tools");
	free(s);
	s = fx_screen_run(db, "OjD\n", 80, 24, NULL);
	fx_assert_has(s, "memo deleted (u undoes)");
	fx_assert_line(s, 0, " Memos 2/3");
	fx_assert_line(s, 2, " 2026-05-04 other     Bo asks the questions           participant:bo");
	fx_assert_lacks(s, "Doubt");
	free(s);
	assert_int_equal(fx_scalar(db, "SELECT count(*) FROM memo"), 3);
	unlink(ed);
	free(ed);
	unlink(ed2);
	free(ed2);
	free(db);
}

static void test_open_targets(void **state)
{
	char *db = memo_db(), *s;

	(void)state;
	/* the project has nothing to open */
	s = fx_screen_run(db, "Oo\n", 80, 24, NULL);
	fx_assert_has(s, "a memo on the project has nothing to open");
	free(s);
	/* two targets: a picker; the code shows in the codebook */
	s = fx_screen_run(db, "Ojo\n<Down><Enter>\n", 80, 24, NULL);
	fx_assert_has(s, "Codebook 19/29");
	fx_assert_lacks(s, "Memos");
	free(s);
	s = fx_screen_run(db, "Ojo\n<Enter>\n", 80, 24, NULL);
	fx_assert_line(s, 0, " Vignettes 1/2          │ 2026-03-02  The pile  @0       │ Codebook 1/29");
	free(s);
	s = fx_screen_run(db, "Ojjo\n", 80, 24, NULL);
	fx_assert_has(s, " Participants 2/2");
	free(s);
	/* a coding: its vignette in the reader, the cursor at its start */
	s = fx_screen_run(db, "Ojjjo\n", 80, 24, NULL);
	fx_assert_line(s, 0, " Vignettes 1/2          │ 2026-03-02  The pile  @23      │ Codebook 1/29");
	free(s);
	free(db);
}

/* W then Enter alone writes the memo in $EDITOR; W on a repertoire row
 * of the summaries writes on that entry. */
static void test_memo_key_editor_and_register(void **state)
{
	char *db = memo_db(), *s;
	char *ed = fx_script_file("#!/bin/sh\nprintf 'a longer memo\\n\\nin two paragraphs\\n' > \"$1\"\n");

	(void)state;
	setenv("EDITOR", ed, 1);
	s = fx_screen_run(db, "W\n<Enter>\n", 80, 24, NULL);
	fx_assert_has(s, "memo on vignette:v1 written (u undoes)");
	free(s);
	assert_int_equal(fx_scalar(db, "SELECT count(*) FROM memo WHERE text = 'a longer memo\n\n"
				   "in two paragraphs'"), 1);
	unsetenv("EDITOR");
	s = fx_screen_run(db, "<BTab>W\nthe pile holds doubt<Enter>\n", 80, 24, NULL);
	fx_assert_has(s, "memo on repertoire:pile written (u undoes)");
	free(s);
	assert_int_equal(fx_scalar(db, "SELECT count(*) FROM memo m JOIN memo_target t ON"
				   " t.memo_id = m.id WHERE t.kind = 6 AND m.text ="
				   " 'the pile holds doubt'"), 1);
	unlink(ed);
	free(ed);
	free(db);
}

/* The reader: the vignette's memos below its text, and * where a coding
 * with memos on it starts. */
static void test_reader_memo_block(void **state)
{
	char *db = memo_db(), *s;

	(void)state;
	s = fx_screen_run(db, "<Enter>z\n", 80, 24, NULL);
	fx_assert_line(s, 1, "  S*Annie put the claim on the Q pile. Bo asked why.");
	fx_assert_line(s, 2, "");
	fx_assert_line(s, 3, "   *memo by tester, 2026-05-02");
	fx_assert_line(s, 4, "    The pile is where doubt waits, a long sentence that wraps over the end of");
	fx_assert_line(s, 5, "    the line.");
	fx_assert_line(s, 6, "    A second paragraph.");
	fx_assert_line(s, 7, "");
	free(s);
	/* v2 has no memo: no block */
	s = fx_screen_run(db, "j<Enter>z\n", 80, 24, NULL);
	fx_assert_line(s, 1, " J  Ann said the quota can wait.");
	fx_assert_line(s, 2, "");
	fx_assert_lacks(s, "memo by");
	free(s);
	free(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_view_lists_every_memo),
		cmocka_unit_test(test_kind_filter_and_search),
		cmocka_unit_test(test_edit_title_delete_undo),
		cmocka_unit_test(test_open_targets),
		cmocka_unit_test(test_memo_key_editor_and_register),
		cmocka_unit_test(test_reader_memo_block),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
