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
	char *db = fx_screen_db(NULL), *s;

	(void)state;
	/* from the start the reader shows the first vignette */
	s = fx_screen_run(db, "# nothing\n", 80, 24, NULL);
	fx_assert_has(s, "│ 2026-03-02  The pile  @0       │");
	fx_assert_has(s, "│M S Annie put the claim on the  │");
	free(s);
	/* moving the cursor shows the next at once; the focus stays */
	s = fx_screen_run(db, "<Down>\n", 80, 24, NULL);
	fx_assert_has(s, "│ 2026-04-10T09:30  Quota talk  @│");
	fx_assert_has(s, "│ J  Ann said the quota can wait.│");
	fx_assert_has(s, " Vignettes 2/2");
	free(s);
	/* a filter that drops the shown vignette moves the reader along */
	s = fx_screen_run(db, ":filter code JE\n", 80, 24, NULL);
	fx_assert_has(s, "Quota talk  @");
	fx_assert_lacks(s, "Annie put");
	free(s);
	free(db);
}

/* An editor that writes body into the file ($1). */
static char *editor_writing(const char *body)
{
	char *sh = xasprintf("#!/bin/sh\ncat > \"$1\" <<'PRAXIS_EOF'\n%sPRAXIS_EOF\n", body);
	char *path = fx_script_file(sh);

	free(sh);
	return path;
}

static const char night[] =
	"---\nid: v9\ntitle: \"Night shift\"\ndate: 2026-05-01\ncommunity: desk\n"
	"participants: [bo]\n---\nBo stayed late.\n";

static void test_vignette_add_and_undo(void **state)
{
	char *db = fx_screen_db(NULL), *ed = editor_writing(night), *s;

	(void)state;
	setenv("EDITOR", ed, 1);
	s = fx_screen_run(db, "a\n", 80, 24, NULL);
	fx_assert_has(s, "vignette v9 added (u undoes)");
	fx_assert_has(s, "05-01 Night shift");
	fx_assert_has(s, "│    Bo stayed late.");
	free(s);
	assert_int_equal(fx_scalar(db, "SELECT count(*) FROM vignette"), 3);
	assert_int_equal(fx_scalar(db, "SELECT count(*) FROM vignette_participant vp JOIN vignette v"
				   " ON v.id = vp.vignette_id WHERE v.ext_id = 'v9'"), 1);
	/* added and undone in one session */
	free(db);
	db = fx_screen_db(NULL);
	s = fx_screen_run(db, "au\n", 80, 24, NULL);
	fx_assert_has(s, "undone: add vignette");
	fx_assert_lacks(s, "Night shift");
	free(s);
	assert_int_equal(fx_scalar(db, "SELECT count(*) FROM vignette"), 2);
	unsetenv("EDITOR");
	unlink(ed);
	free(ed);
	free(db);
}

static void test_vignette_add_unchanged_template(void **state)
{
	char *db = fx_screen_db(NULL), *ed = fx_script_file("#!/bin/sh\nexit 0\n"), *s;

	(void)state;
	setenv("EDITOR", ed, 1);
	s = fx_screen_run(db, "a\n", 80, 24, NULL);
	fx_assert_has(s, "no vignette added (the template was not changed)");
	free(s);
	assert_int_equal(fx_scalar(db, "SELECT count(*) FROM vignette"), 2);
	unsetenv("EDITOR");
	unlink(ed);
	free(ed);
	free(db);
}

/* A bad file names line:col, writes nothing, and y edits it again: this
 * editor writes a bad participant over the template, then fixes it. */
static void test_vignette_parse_error_and_reedit(void **state)
{
	char *db = fx_screen_db(NULL), *s;
	char *ed = fx_script_file("#!/bin/sh\nif grep -q zed \"$1\"; then sed -i 's/zed/bo/' \"$1\"; "
				  "else cat > \"$1\" <<'X'\n---\nid: v9\ntitle: Late\ndate: 2026-05-01\n"
				  "participants: [ann, zed]\n---\nStill here.\nX\nfi\n");

	(void)state;
	setenv("EDITOR", ed, 1);
	s = fx_screen_run(db, "a\n", 80, 24, NULL);
	fx_assert_has(s, "vignette:5:21: unknown participant 'zed' -- nothing written; edit again? (y/n)");
	free(s);
	assert_int_equal(fx_scalar(db, "SELECT count(*) FROM vignette"), 2);
	s = fx_screen_run(db, "an\n", 80, 24, NULL);
	fx_assert_has(s, "nothing written");
	free(s);
	assert_int_equal(fx_scalar(db, "SELECT count(*) FROM vignette"), 2);
	s = fx_screen_run(db, "ay\n", 80, 24, NULL);
	fx_assert_has(s, "vignette v9 added");
	free(s);
	assert_int_equal(fx_scalar(db, "SELECT count(*) FROM vignette_participant vp JOIN vignette v"
				   " ON v.id = vp.vignette_id WHERE v.ext_id = 'v9'"), 2);
	unsetenv("EDITOR");
	unlink(ed);
	free(ed);
	free(db);
}

/* Editing the text: the span after the edit shifts, the span it cuts
 * is flagged, marked ! in the margin and listed by !; undo restores. */
static void test_vignette_edit_keeps_codings_anchored(void **state)
{
	char *db = fx_screen_db(NULL), *s;
	char *ed = fx_script_file("#!/bin/sh\nsed -i 's/the Q pile/the heap/; s/^title: .*/title: Heap/' \"$1\"\n");

	(void)state;
	setenv("EDITOR", ed, 1);
	s = fx_screen_run(db, "e\n", 80, 24, NULL);
	fx_assert_has(s, "vignette v1 updated; 1 coding flagged for review (! lists them)");
	fx_assert_has(s, "│ 2026-03-02  Heap  @0");
	fx_assert_has(s, "│M S!Annie put the claim on the  │");
	fx_assert_has(s, "│M S!heap. Bo asked why.");
	free(s);
	assert_int_equal(fx_scalar(db, "SELECT needs_review FROM coding WHERE id = 1"), 1);
	assert_int_equal(fx_scalar(db, "SELECT start FROM coding WHERE id = 1"), 23);
	assert_int_equal(fx_scalar(db, "SELECT end FROM coding WHERE id = 1"), 31);
	assert_int_equal(fx_scalar(db, "SELECT count(*) FROM coding"), 3);
	s = fx_screen_run(db, "<Enter>!\n", 80, 24, NULL);
	fx_assert_has(s, "Flagged for review");
	fx_assert_has(s, "! SR/tools  @23-31  tester");
	free(s);
	s = fx_screen_run(db, "<Enter>!r\n", 80, 24, NULL);
	fx_assert_has(s, "SR/tools marked reviewed");
	free(s);
	assert_int_equal(fx_scalar(db, "SELECT needs_review FROM coding WHERE id = 1"), 0);
	free(db);
	/* edit and undo in one session: text and spans come back exactly */
	db = fx_screen_db(NULL);
	s = fx_screen_run(db, "eu\n", 80, 24, NULL);
	fx_assert_has(s, "undone: edit vignette");
	fx_assert_has(s, "│M S Annie put the claim on the  │");
	free(s);
	assert_int_equal(fx_scalar(db, "SELECT start FROM coding WHERE id = 1"), 23);
	assert_int_equal(fx_scalar(db, "SELECT needs_review FROM coding WHERE id = 1"), 0);
	unsetenv("EDITOR");
	unlink(ed);
	free(ed);
	free(db);
}

static void test_vignette_delete_confirms_and_undoes(void **state)
{
	char *db = fx_screen_db(NULL), *s;

	(void)state;
	s = fx_screen_run(db, "D\n", 80, 24, NULL);
	fx_assert_has(s, "delete vignette v1 \"The pile\" and its 2 codings? (y/n)");
	free(s);
	s = fx_screen_run(db, "Dn\n", 80, 24, NULL);
	free(s);
	assert_int_equal(fx_scalar(db, "SELECT count(*) FROM vignette"), 2);
	s = fx_screen_run(db, "Dyu\n", 80, 24, NULL);
	fx_assert_has(s, "undone: delete vignette");
	fx_assert_has(s, "The pile");
	free(s);
	assert_int_equal(fx_scalar(db, "SELECT count(*) FROM vignette"), 2);
	assert_int_equal(fx_scalar(db, "SELECT count(*) FROM coding"), 3);
	assert_int_equal(fx_scalar(db, "SELECT count(*) FROM coding_participant"), 1);
	s = fx_screen_run(db, "Dy\n", 80, 24, NULL);
	fx_assert_has(s, "vignette v1 deleted (u undoes)");
	/* the reader moved on to the vignette now under the cursor */
	fx_assert_has(s, "Quota talk  @");
	free(s);
	assert_int_equal(fx_scalar(db, "SELECT count(*) FROM coding"), 1);
	free(db);
}

static void test_participant_form_and_undo(void **state)
{
	char *db = fx_screen_db(NULL), *s;

	(void)state;
	s = fx_screen_run(db, "<Tab>e\n", 80, 24, NULL);
	fx_assert_has(s, "Participant: ann");
	fx_assert_has(s, "aliases: Annie");
	free(s);
	s = fx_screen_run(db, "<Tab>ejj<Enter><C-u>age=60; site=desk<Enter>j<Enter>, Nan<Enter><C-s>\n",
		   80, 24, NULL);
	fx_assert_has(s, "participant Ann updated (u undoes)");
	free(s);
	assert_int_equal(fx_scalar(db, "SELECT count(*) FROM participant_attr WHERE key = 'site'"
				   " AND value = 'desk'"), 1);
	assert_int_equal(fx_scalar(db, "SELECT count(*) FROM participant_alias"), 2);
	s = fx_screen_run(db, "<Tab>ejj<Enter><C-u>x=1<Enter><C-s>u\n", 80, 24, NULL);
	fx_assert_has(s, "undone: edit participant");
	free(s);
	assert_int_equal(fx_scalar(db, "SELECT count(*) FROM participant_attr"), 2);
	assert_int_equal(fx_scalar(db, "SELECT count(*) FROM participant_attr WHERE key = 'x'"), 0);
	s = fx_screen_run(db, "<Tab>ejj<Enter><C-u>oops<Enter><C-s>\n", 80, 24, NULL);
	fx_assert_has(s, "attributes: 'oops' is not key=value");
	free(s);
	assert_int_equal(fx_scalar(db, "SELECT count(*) FROM participant_attr"), 2);
	free(db);
}

static void test_participant_add_delete_undo(void **state)
{
	char *db = fx_screen_db(NULL), *s;

	(void)state;
	s = fx_screen_run(db, "<Tab>acy/Cy/newcomer<Enter>u\n", 80, 24, NULL);
	fx_assert_has(s, "undone: add participant");
	free(s);
	assert_int_equal(fx_scalar(db, "SELECT count(*) FROM participant"), 2);
	s = fx_screen_run(db, "<Tab>acy/Cy/newcomer<Enter>\n", 80, 24, NULL);
	fx_assert_has(s, "participant Cy added");
	free(s);
	assert_int_equal(fx_scalar(db, "SELECT count(*) FROM participant"), 3);
	/* Ann is in use: refused, nothing changes */
	s = fx_screen_run(db, "<Tab>D\n", 80, 24, NULL);
	fx_assert_has(s, "Ann is in 2 vignettes and 1 coding: remove them there first");
	free(s);
	s = fx_screen_run(db, "<Tab>GDy\n", 80, 24, NULL);
	fx_assert_has(s, "participant Cy deleted (u undoes)");
	free(s);
	assert_int_equal(fx_scalar(db, "SELECT count(*) FROM participant"), 2);
	s = fx_screen_run(db, "<Tab>acy/Cy/newcomer<Enter>GDyu\n", 80, 24, NULL);
	fx_assert_has(s, "undone: delete participant");
	free(s);
	assert_int_equal(fx_scalar(db, "SELECT count(*) FROM participant WHERE ext_id = 'cy'"), 1);
	free(db);
}

/* The coder is the database's first when none is named (not $USER). */
static void test_default_coder_is_first_in_database(void **state)
{
	char *db = fx_path(".db"), *yaml = fx_path(".yaml"), *kp = fx_path(".keys");
	char *out = fx_path(".screen"), *args, *screen;
	FILE *fp = fopen(yaml, "w");

	(void)state;
	fputs(fx_two_coder_corpus, fp);
	fclose(fp);
	fp = fopen(kp, "w");
	fputs("# nothing\n", fp);
	fclose(fp);
	args = xasprintf("--db '%s' import '%s'", db, yaml);
	assert_int_equal(fx_run(args, NULL, NULL), 0);
	free(args);
	setenv("COLUMNS", "80", 1);
	setenv("LINES", "24", 1);
	args = xasprintf("USER=zed '%s' --db '%s' --script '%s' --dump-screen '%s'",
			 getenv("PRAXIS_BIN") ? getenv("PRAXIS_BIN") : "./praxis", db, kp, out);
	assert_int_equal(system(args), 0);
	screen = fx_read_file(out, NULL);
	fx_assert_has(screen, "| coder a |");
	free(screen);
	assert_int_equal(fx_scalar(db, "SELECT count(*) FROM coder WHERE ext_id IN ('zed', 'me')"), 0);
	free(args);
	free(db);
	free(yaml);
	free(kp);
	free(out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reader_follows_list),
		cmocka_unit_test(test_vignette_add_and_undo),
		cmocka_unit_test(test_vignette_add_unchanged_template),
		cmocka_unit_test(test_vignette_parse_error_and_reedit),
		cmocka_unit_test(test_vignette_edit_keeps_codings_anchored),
		cmocka_unit_test(test_vignette_delete_confirms_and_undoes),
		cmocka_unit_test(test_participant_form_and_undo),
		cmocka_unit_test(test_participant_add_delete_undo),
		cmocka_unit_test(test_default_coder_is_first_in_database),
	};
	return cmocka_run_group_tests_name("tui gaps", tests, NULL, NULL);
}
