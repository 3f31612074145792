/* test_tui_register.c: the summaries pane edits the registers (issue 15):
 * describe and set the community of an entry (shown on the footer), add,
 * rename, merge and delete; each action one undo step that gives back the
 * project as it was, memos and codings included, and redo does it again. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "praxis/db.h"
#include "praxis/project.h"
#include "praxis/util.h"
#include "fixture.h"
#include "screen.h"

/* pile: 2 codings, one a member's reading by Cy; sheet: 1 coding; quota:
 * 1 coding, contested, held by Di. */
static const char corpus[] =
	"praxis: 1\n"
	"coders:\n  - id: tester\n"
	"communities:\n  - {id: intake, name: Intake}\n"
	"repertoire:\n"
	"  - {id: pile, name: the pile, kind: tool}\n"
	"  - {id: sheet, name: the pink sheet, kind: tool}\n"
	"accountability:\n"
	"  - {id: quota, name: meet the quota, reified: true}\n"
	"participants:\n  - {id: cy, pseudonym: Cy}\n  - {id: di, pseudonym: Di}\n"
	"vignettes:\n"
	"  - id: v1\n    title: one\n    date: 2026-02-01\n    participants: [cy, di]\n"
	"    text: Cy put it on the pile. Di frowned at the quota.\n"
	"    codings:\n"
	"      - {code: SR/tools, start: 0, end: 5, repertoire: pile, participants: [cy],"
	" interpretation: a safe place, speaker: cy}\n"
	"      - {code: SR/tools, start: 6, end: 9, repertoire: pile}\n"
	"      - {code: SR/tools, start: 10, end: 13, repertoire: sheet}\n"
	"      - {code: JE/mutual accountability, start: 24, end: 40, accountability: quota,"
	" stance: contested, participants: [cy], held_by: [di]}\n";

/* Focus the summaries (Shift-Tab from the vignettes) and zoom. */
#define SUM "<BTab>z"

static char *run(const char *db, const char *keys)
{
	return fx_screen_run(db, keys, 90, 16, NULL);
}

/* The project as corpus YAML without its audit trail (which keeps the
 * record of a change undone) and the codings' update times (an undo
 * writes the coding back: it is updated now). */
static char *project_text(const char *path)
{
	px_db *db;
	px_err e = { 0 };
	char *text, *log;

	assert_int_equal(project_open(path, 0, &db, &e), 0);
	text = fx_corpus_text(db);
	db_close(db);
	if ((log = strstr(text, "\nlog:\n"))) {
		/* to the next top-level key (memos: follows the log) */
		char *next = log + 5;
		while ((next = strchr(next + 1, '\n')) && (next[1] == ' ' || next[1] == '-'))
			;
		if (next)
			memmove(log, next, strlen(next) + 1);
		else
			log[1] = '\0';
	}
	for (char *u; (u = strstr(text, "\n    updated: "));) {
		char *eol = strchr(u + 1, '\n');
		memmove(u, eol, strlen(eol) + 1);
	}
	return text;
}

static void cli(const char *db, const char *args)
{
	char *cmd = xasprintf("--db '%s' --coder tester %s", db, args), *err = NULL;

	if (fx_run(cmd, NULL, &err) != 0)
		fail_msg("praxis %s: %s", args, err);
	free(err);
	free(cmd);
}

static void test_describe_and_community(void **state)
{
	char *db = fx_screen_db(corpus), *s;

	(void)state;
	s = run(db, SUM "dwhere doubt waits<Enter>cintake<Enter>");
	fx_assert_line(s, 12, " community intake: where doubt waits");
	fx_assert_line(s, 13, " the pile: a safe place (1)");
	free(s);
	assert_int_equal(fx_scalar(db, "SELECT count(*) FROM repertoire WHERE ext_id = 'pile'"
				   " AND description = 'where doubt waits' AND community_id = 1"), 1);
	assert_int_equal(fx_scalar(db, "SELECT count(*) FROM audit_log WHERE action IN"
				   " ('repertoire-describe', 'repertoire-community')"), 2);
	/* an unknown community: the message line, nothing written */
	s = run(db, SUM "c<C-u>nowhere<Enter>");
	fx_assert_has(s, "no community 'nowhere'");
	free(s);
	assert_int_equal(fx_scalar(db, "SELECT community_id FROM repertoire WHERE ext_id = 'pile'"),
			 1);
	free(db);
}

static void test_merge_undo_redo(void **state)
{
	char *db = fx_screen_db(corpus), *before, *after, *s;

	(void)state;
	cli(db, "memo add --on repertoire:pile 'the pile is a mood'");
	cli(db, "memo add --on repertoire:pile --on repertoire:sheet 'paper things'");
	before = project_text(db);
	/* merge, then one u */
	s = run(db, SUM "Msheet<Enter>u");
	fx_assert_has(s, "undone: merge register entries");
	free(s);
	after = project_text(db);
	assert_string_equal(before, after);
	free(after);
	/* merge, undo, redo: merged again */
	s = run(db, SUM "Msheet<Enter>u<C-r>");
	fx_assert_has(s, "redone: merge register entries");
	free(s);
	assert_int_equal(fx_scalar(db, "SELECT count(*) FROM repertoire"), 1);
	assert_int_equal(fx_scalar(db, "SELECT count(*) FROM coding WHERE repertoire_id ="
				   " (SELECT id FROM repertoire WHERE ext_id = 'sheet')"), 3);
	assert_int_equal(fx_scalar(db, "SELECT count(*) FROM memo_target WHERE kind = 6"), 2);
	free(before);
	free(db);
}

static void test_delete_undo(void **state)
{
	char *db = fx_screen_db(corpus), *before, *after, *s;

	(void)state;
	cli(db, "memo add --on accountability:quota 'whose quota?'");
	before = project_text(db);
	s = run(db, SUM "2Dyu");
	fx_assert_has(s, "undone: delete register entry");
	free(s);
	after = project_text(db);
	assert_string_equal(before, after);
	free(after);
	/* deleted for good without the u: codings keep their code, lose the
	 * entry, its stance; the memo goes with its only target */
	s = run(db, SUM "2Dy");
	fx_assert_has(s, "entry deleted (u undoes)");
	free(s);
	assert_int_equal(fx_scalar(db, "SELECT count(*) FROM accountability"), 0);
	assert_int_equal(fx_scalar(db, "SELECT count(*) FROM coding"), 4);
	assert_int_equal(fx_scalar(db, "SELECT count(*) FROM coding WHERE stance IS NOT NULL"), 0);
	assert_int_equal(fx_scalar(db, "SELECT count(*) FROM memo"), 0);
	free(before);
	free(db);
}

static void test_add_rename_id_undo(void **state)
{
	char *db = fx_screen_db(corpus), *before, *after, *s;

	(void)state;
	before = project_text(db);
	s = run(db, SUM "aboard<Enter>");
	fx_assert_has(s, "entry added (u undoes)");
	free(s);
	assert_int_equal(fx_scalar(db, "SELECT count(*) FROM repertoire WHERE ext_id = 'board'"),
			 1);
	/* rename the name, then the id: the memo stays on the entry */
	cli(db, "memo add --on repertoire:sheet 'pink'");
	s = run(db, SUM "jR<C-u>the pink form<Enter>i<C-u>form<Enter>");
	free(s);
	assert_int_equal(fx_scalar(db, "SELECT count(*) FROM repertoire WHERE ext_id = 'form'"
				   " AND name = 'the pink form'"), 1);
	assert_int_equal(fx_scalar(db, "SELECT count(*) FROM memo_target WHERE kind = 6 AND"
				   " target_id = (SELECT id FROM repertoire WHERE ext_id = 'form')"), 1);
	free(before);
	/* two edits, two undos */
	before = project_text(db);
	s = run(db, SUM "dpaper<Enter>Rpapers<Enter>uu");
	free(s);
	after = project_text(db);
	assert_string_equal(before, after);
	free(after);
	free(before);
	/* an add undone leaves no entry */
	s = run(db, SUM "aspare<Enter>u");
	free(s);
	assert_int_equal(fx_scalar(db, "SELECT count(*) FROM repertoire WHERE ext_id = 'spare'"),
			 0);
	free(db);
}

/* The coding form on an accountability code: the norm, who held whom,
 * a reading of the norm and whose reading it is (the speaker cycles
 * through the people present); saved as set. Without a norm, held_by
 * alone is kept (a moment of accountability nobody spelled out). */
static void test_form_reading_speaker_held_by(void **state)
{
	char *db = fx_screen_db(corpus), *s;
	const char *form = ":open v1\nvllll\nc\nJE/mutual accountability<Enter>\n"
			   "<Enter><Down><Down><Down><Down><Enter>quota<Enter><Down><Down><Down>"
			   "<Enter><Down><Enter>it is theirs<Enter><Down><Enter>";
	char *keys;

	(void)state;
	s = fx_screen_run(db, form, 80, 24, NULL);
	fx_assert_has(s, "[x] held by Di");
	fx_assert_has(s, "interpretation: it is theirs");
	fx_assert_has(s, "speaker: Cy (a member's reading)");
	free(s);
	keys = xasprintf("%s<C-s>", form);
	s = fx_screen_run(db, keys, 80, 24, NULL);
	free(s);
	free(keys);
	assert_int_equal(fx_scalar(db, "SELECT count(*) FROM coding c JOIN coding_held_by h"
				   " ON h.coding_id = c.id WHERE c.start = 0 AND c.end = 5"
				   " AND c.reading = 'it is theirs' AND c.speaker_id = 1"
				   " AND h.participant_id = 2 AND c.accountability_id = 1"), 1);
	/* no norm: held_by alone */
	s = fx_screen_run(db, ":open v1\nvllll\nc\nJE/mutual accountability<Enter>\n"
			  "<Enter><Down><Down><Down><Down><Down><Down><Down><Enter><C-s>", 80, 24, NULL);
	free(s);
	assert_int_equal(fx_scalar(db, "SELECT count(*) FROM coding c JOIN coding_held_by h"
				   " ON h.coding_id = c.id WHERE c.accountability_id IS NULL"
				   " AND h.participant_id = 2"), 1);
	free(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_describe_and_community),
		cmocka_unit_test(test_merge_undo_redo),
		cmocka_unit_test(test_delete_undo),
		cmocka_unit_test(test_add_rename_id_undo),
		cmocka_unit_test(test_form_reading_speaker_held_by),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
