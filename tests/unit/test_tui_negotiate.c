/* test_tui_negotiate.c: the negotiation view driven headless (--script,
 * --dump-screen) on fx_two_coder_corpus, where coders a and b disagree on
 * JE/rhythms (B only, 0-5) and SR/tools (A 23-33, B 27-33) in v1; each
 * decision is checked on screen and in the database. */
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

static char *make_db(const char *yaml_text)
{
	char *db = fx_path(".db"), *yaml = fx_path(".yaml"), *args, *err = NULL;
	FILE *fp = fopen(yaml, "w");

	assert_non_null(fp);
	fputs(yaml_text ? yaml_text : fx_two_coder_corpus, fp);
	fclose(fp);
	args = xasprintf("--db '%s' import '%s'", db, yaml);
	if (fx_run(args, NULL, &err) != 0)
		fail_msg("import: %s", err);
	free(err);
	free(args);
	free(yaml);
	return db;
}

/* The consensus coder's codings of a code (path's last name), and spans. */
#define CONSENSUS_CODINGS(code) \
	"SELECT count(*) FROM coding c JOIN coder d ON d.id = c.coder_id JOIN code k" \
	" ON k.id = c.code_id WHERE d.ext_id = 'consensus' AND k.name = '" code "'"
#define CONSENSUS_MEMOS(like) \
	"SELECT count(*) FROM memo m JOIN coder d ON d.id = m.coder_id" \
	" WHERE d.ext_id = 'consensus' AND m.text LIKE '" like "'"

/* The whole view at 80x24, line by line. */
static const char *const view_lines[] = {
	" Negotiate  A = a, B = b  0/2 resolved  1/2",
	" a vs b           kappa 0.908  alpha 0.908  observed 0.970",
	" after decisions  kappa 0.908  alpha 0.908  observed 0.970",
	"",
	" 2026-03-02 The pile         JE/rhythms     open      A only 0  both 0  B only 5",
	"                             SR/tools       open      A only 4  both 6  B only 0",
	"", "", "", "", "",
	"── The pile: JE/rhythms  A only   B only   both",
	" Annie put the claim on the Q pile. Bo asked why.",
};

/* Past 90 columns the title and code path take the extra room. */
static void test_view_wide(void **state)
{
	char *db = make_db(NULL), *s;

	(void)state;
	s = fx_screen_run(db, ":negotiate a b\n", 120, 24, "--coder a");
	fx_assert_line(s, 4, " 2026-03-02 The pile                   JE/rhythms                  "
		       "       open      A only 0  both 0  B only 5");
	free(s);
	free(db);
}

static void test_view_screen(void **state)
{
	char *db = make_db(NULL), *s;

	(void)state;
	s = fx_screen_run(db, ":negotiate a b\n", 80, 24, "--coder a");
	for (size_t i = 0; i < sizeof(view_lines) / sizeof(view_lines[0]); i++)
		fx_assert_line(s, (int)i, view_lines[i]);
	fx_assert_has(s, "| coder a | 3 vignettes | 8 codings");
	free(s);
	free(db);
}

/* The overlay's roles: A only 23-27, both 27-33 (one column of margin). */
static void test_overlay_roles(void **state)
{
	char *db = make_db(NULL), *s;

	(void)state;
	s = fx_screen_run(db, ":negotiate a b\n<Down>\n", 80, 24, "--coder a --dump-attrs");
	fx_assert_has(s, " Annie put the claim on the Q pile. Bo asked why.\n"
		   "  @24-27 negotiate.a\n  @28-33 negotiate.both+bold\n");
	free(s);
	s = fx_screen_run(db, ":negotiate a b\n", 80, 24, "--coder a --dump-attrs --theme mono");
	fx_assert_has(s, " Annie put the claim on the Q pile. Bo asked why.\n"
		   "  @1-5 negotiate.b+reverse\n");
	free(s);
	free(db);
}

static void test_drop_and_keep_a(void **state)
{
	char *db = make_db(NULL), *s;

	(void)state;
	/* drop JE/rhythms without a note; the cursor moves on to SR/tools */
	s = fx_screen_run(db, ":negotiate a b\nd<Enter>\na\nthe pile is the tool<Enter>\n", 80, 24, "--coder a");
	fx_assert_line(s, 0, " Negotiate  A = a, B = b  2/2 resolved  2/2");
	fx_assert_line(s, 2, " after decisions  kappa 1.000  alpha 1.000  observed 1.000");
	fx_assert_line(s, 4, " 2026-03-02 The pile         JE/rhythms     drop      A only 0  both 0  B only 5");
	fx_assert_line(s, 5, " 2026-03-02 The pile         SR/tools       keep A    A only 4  both 6  B only 0");
	fx_assert_line(s, 12, " decided: keep A -- the pile is the tool");
	fx_assert_has(s, "SR/tools: keep A (u undoes)");
	free(s);
	assert_int_equal(fx_scalar(db, CONSENSUS_CODINGS("rhythms")), 0);
	assert_int_equal(fx_scalar(db, CONSENSUS_CODINGS("tools")), 1);
	assert_int_equal(fx_scalar(db, CONSENSUS_CODINGS("tools") " AND c.start = 23 AND c.end = 33"), 1);
	assert_int_equal(fx_scalar(db, CONSENSUS_MEMOS("negotiated JE/rhythms (a vs b): drop")), 1);
	assert_int_equal(fx_scalar(db, CONSENSUS_MEMOS(
		"negotiated SR/tools (a vs b): keep A -- the pile is the tool")), 1);
	/* the coders' own codings are untouched */
	assert_int_equal(fx_scalar(db, "SELECT count(*) FROM coding c JOIN coder d ON d.id = c.coder_id"
				" WHERE d.ext_id IN ('a', 'b')"), 8);

	/* reopen SR/tools, then keep B: B's span replaces A's */
	s = fx_screen_run(db, ":negotiate a b\n<Down>r\n", 80, 24, "--coder a");
	fx_assert_line(s, 0, " Negotiate  A = a, B = b  1/2 resolved  2/2");
	fx_assert_line(s, 2, " after decisions  kappa 0.958  alpha 0.958  observed 0.987");
	fx_assert_has(s, "SR/tools reopened (u undoes)");
	free(s);
	assert_int_equal(fx_scalar(db, CONSENSUS_CODINGS("tools")), 0);
	s = fx_screen_run(db, ":negotiate a b\n<Down>b<Enter>\n", 80, 24, "--coder a");
	fx_assert_line(s, 0, " Negotiate  A = a, B = b  2/2 resolved  2/2");
	fx_assert_line(s, 5, " 2026-03-02 The pile         SR/tools       keep B    A only 4  both 6  B only 0");
	free(s);
	assert_int_equal(fx_scalar(db, CONSENSUS_CODINGS("tools") " AND c.start = 27 AND c.end = 33"), 1);
	assert_int_equal(fx_scalar(db, CONSENSUS_CODINGS("tools")), 1);
	free(db);
}

static void test_keep_both_cancel_and_undo(void **state)
{
	char *db = make_db(NULL), *s;

	(void)state;
	/* Esc at the note prompt takes no decision */
	s = fx_screen_run(db, ":negotiate a b\n<Down>+<Esc>\n", 80, 24, "--coder a");
	fx_assert_line(s, 0, " Negotiate  A = a, B = b  0/2 resolved  2/2");
	fx_assert_has(s, "no decision taken");
	free(s);
	assert_int_equal(fx_scalar(db, CONSENSUS_MEMOS("%")), 0);
	/* keep both, then keep A over it, then undo twice: back to keep both, then open */
	s = fx_screen_run(db, ":negotiate a b\n<Down>+<Enter>\na<Enter>\nu\n", 80, 24, "--coder a");
	fx_assert_line(s, 5, " 2026-03-02 The pile         SR/tools       keep both A only 4  both 6  B only 0");
	fx_assert_has(s, "undone: decision on SR/tools");
	free(s);
	/* keep both copies the shared span once: A 23-33 and B 27-33 */
	assert_int_equal(fx_scalar(db, CONSENSUS_CODINGS("tools")), 2);
	/* undo of a first decision opens the disagreement again */
	s = fx_screen_run(db, ":negotiate a b\nd<Enter>\nu\n", 80, 24, "--coder a");
	fx_assert_line(s, 0, " Negotiate  A = a, B = b  1/2 resolved  1/2");
	fx_assert_line(s, 4, " 2026-03-02 The pile         JE/rhythms     open      A only 0  both 0  B only 5");
	fx_assert_has(s, "undone: decision on JE/rhythms");
	free(s);
	assert_int_equal(fx_scalar(db, CONSENSUS_MEMOS("%JE/rhythms%")), 0);
	assert_int_equal(fx_scalar(db, CONSENSUS_CODINGS("tools")), 2);
	/* the undo history is the session's */
	s = fx_screen_run(db, ":negotiate a b\nu\n", 80, 24, "--coder a");
	fx_assert_has(s, "no decision to undo");
	free(s);
	free(db);
}

static void test_edit_in_reader(void **state)
{
	char *db = make_db(NULL), *s;

	(void)state;
	/* e: the reader on v1 as consensus; code "Anni" with JE/rhythms (picker,
	 * then <C-s> saves the details form), Esc comes back */
	s = fx_screen_run(db, ":negotiate a b\ne\n", 80, 24, "--coder a");
	fx_assert_has(s, "| coder consensus (not a) |");
	fx_assert_has(s, "coding as consensus: adjust JE/rhythms by hand, Esc returns");
	fx_assert_has(s, "2026-03-02  The pile  @0");
	free(s);
	s = fx_screen_run(db, ":negotiate a b\ne\nvlllc\nrhythms<Enter>\n<C-s>\n<Esc>\nmy own span<Enter>\n", 80, 24, "--coder a");
	fx_assert_line(s, 0, " Negotiate  A = a, B = b  1/2 resolved  1/2");
	fx_assert_line(s, 4, " 2026-03-02 The pile         JE/rhythms     edited    A only 0  both 0  B only 5");
	fx_assert_has(s, " decided: edited -- my own span");
	fx_assert_has(s, "| coder a |");
	free(s);
	assert_int_equal(fx_scalar(db, CONSENSUS_CODINGS("rhythms") " AND c.start = 0 AND c.end = 4"), 1);
	assert_int_equal(fx_scalar(db, CONSENSUS_MEMOS("negotiated JE/rhythms (a vs b): edited -- my own span")), 1);
	/* reopening an edit keeps the hand-made coding, only the decision goes */
	s = fx_screen_run(db, ":negotiate a b\nr\n", 80, 24, "--coder a");
	fx_assert_line(s, 0, " Negotiate  A = a, B = b  0/2 resolved  1/2");
	free(s);
	assert_int_equal(fx_scalar(db, CONSENSUS_CODINGS("rhythms")), 1);
	assert_int_equal(fx_scalar(db, CONSENSUS_MEMOS("%edited%")), 0);
	/* edit again (no change), reopen, and u records it again, note included */
	s = fx_screen_run(db, ":negotiate a b\ne\n<Esc>\nagain<Enter>\nr\nu\n", 80, 24, "--coder a");
	fx_assert_line(s, 0, " Negotiate  A = a, B = b  1/2 resolved  1/2");
	fx_assert_has(s, "undone: decision on JE/rhythms");
	free(s);
	assert_int_equal(fx_scalar(db, CONSENSUS_MEMOS("%edited -- again")), 1);
	assert_int_equal(fx_scalar(db, CONSENSUS_CODINGS("rhythms")), 1);
	free(db);
}

static void test_command_errors_and_key(void **state)
{
	char *db = make_db(NULL), *s;

	(void)state;
	s = fx_screen_run(db, ":negotiate a\n", 80, 24, "--coder a");
	fx_assert_has(s, "negotiate: give two coder ids, e.g. :negotiate mk jt");
	free(s);
	s = fx_screen_run(db, ":negotiate a zz\n", 80, 24, "--coder a");
	fx_assert_has(s, "negotiate: ");
	fx_assert_has(s, "zz");
	fx_assert_has(s, " Vignettes");
	free(s);
	s = fx_screen_run(db, ":negotiate b b\n", 80, 24, "--coder a");
	fx_assert_has(s, "negotiate: b twice: give two different coders");
	free(s);
	/* N in the vignettes asks for the pair, then remembers it; Esc closes */
	s = fx_screen_run(db, "N\n", 80, 24, "--coder a");
	fx_assert_has(s, "\n:negotiate\n");
	free(s);
	s = fx_screen_run(db, "Na b<Enter>\n<Esc>\n", 80, 24, "--coder a");
	fx_assert_has(s, " Vignettes 1/3");
	free(s);
	s = fx_screen_run(db, "Na b<Enter>\n<Esc>\nN\n", 80, 24, "--coder a");
	fx_assert_line(s, 0, " Negotiate  A = a, B = b  0/2 resolved  1/2");
	free(s);
	/* the help lists the view's keys */
	s = fx_screen_run(db, "?\nfkeep<Enter>\n", 80, 24, "--coder a");
	fx_assert_has(s, "keep coder A's spans (note prompt)");
	fx_assert_has(s, "keep both coders' spans (note prompt)");
	free(s);
	free(db);
}

static const char team_corpus[] =
	"praxis: 1\n"
	"coders:\n"
	"  - id: mk\n"
	"  - id: jt\n"
	"vignettes:\n"
	"  - id: w1\n"
	"    title: Shift change\n"
	"    date: 2026-05-01\n"
	"    text: The night crew left notes.\n"
	"    codings:\n"
	"      - {code: SR/tools, coder: mk, start: 0, end: 9}\n"
	"      - {code: SR/tools, coder: jt, start: 4, end: 9}\n"
	"  - id: w2\n"
	"    title: Agreed\n"
	"    date: 2026-05-02\n"
	"    text: Nothing to settle here.\n"
	"    codings:\n"
	"      - {code: ME, coder: mk}\n"
	"      - {code: ME, coder: jt}\n";

static void test_completion_and_agreeing_pair(void **state)
{
	char *db = make_db(team_corpus), *s;

	(void)state;
	s = fx_screen_run(db, ":negot<Tab>m<Tab>j<Tab><Enter>\n", 80, 24, "--coder mk");
	fx_assert_line(s, 0, " Negotiate  A = mk, B = jt  0/1 resolved  1/1");
	fx_assert_line(s, 4, " 2026-05-01 Shift change     SR/tools       open      A only 4  both 5  B only 0");
	free(s);
	/* a pair with nothing to settle */
	s = fx_screen_run(db, ":negotiate mk jt\na<Enter>\n:negotiate jt mk\n", 80, 24, "--coder mk");
	fx_assert_line(s, 0, " Negotiate  A = jt, B = mk  0/1 resolved  1/1");
	free(s);
	free(db);
}

/* Issue 20: a sync conflict waits in the view, listed first; b keeps
 * theirs, so our version of the coding goes. */
static void test_sync_conflict_decided_in_view(void **state)
{
	static const char corpus[] =
		"praxis: 1\n"
		"coders: [{id: a}, {id: b}]\n"
		"vignettes:\n"
		"  - id: v1\n"
		"    title: The pile\n"
		"    date: 2026-03-02\n"
		"    text: Annie put the claim on the Q pile.\n"
		"    codings:\n"
		"      - {code: SR/tools, quote: Q pile, coder: a, memo: ours, uuid: cx1}\n"
		"      - {code: SR/tools, quote: Q pile, coder: a, memo: theirs, uuid: cx2}\n"
		"conflicts:\n"
		"  - {uuid: k1, kind: coding, vignette: v1, ours: cx1, theirs: cx2,\n"
		"     description: edited on both sides}\n";
	char *db = make_db(corpus), *s;

	(void)state;
	s = fx_screen_run(db, ":negotiate a b\n", 80, 24, "--coder a");
	fx_assert_line(s, 4, " sync conflict coding  v1         edited on both sides");
	fx_assert_has(s, "── a: ours   b: theirs   +: both ──");
	/* what each side holds, to choose from */
	fx_assert_has(s, " ours:   SR/tools 'Q pile' by a, memo: ours");
	fx_assert_has(s, " theirs: SR/tools 'Q pile' by a, memo: theirs");
	free(s);
	s = fx_screen_run(db, ":negotiate a b\nb\n", 80, 24, "--coder a");
	fx_assert_has(s, "conflict 1 decided: theirs");
	free(s);
	assert_int_equal(fx_scalar(db, "SELECT count(*) FROM sync_conflict"), 0);
	assert_int_equal(fx_scalar(db, "SELECT count(*) FROM coding WHERE uuid = 'cx1'"), 0);
	assert_int_equal(fx_scalar(db, "SELECT count(*) FROM coding WHERE uuid = 'cx2'"), 1);
	free(db);
}

/* A field both sides changed: N (or :conflicts) opens the view on the
 * conflicts alone (no pair needed), the status line counts them, + is
 * refused (one value is kept) and b sets the field to theirs; a on the
 * next keeps ours. */
static void test_field_conflict_decided_in_view(void **state)
{
	char *db = make_db(fx_field_conflict_corpus), *s;

	(void)state;
	s = fx_screen_run(db, "N\n", 80, 24, "--coder a");
	fx_assert_line(s, 0, " Negotiate  2 sync conflicts  1/2");
	fx_assert_line(s, 4, " sync conflict field   -          role changed on both sides");
	fx_assert_has(s, " theirs: role: ward nurse");
	fx_assert_has(s, "| 2 conflicts");
	free(s);
	/* :conflicts goes there from any pane */
	s = fx_screen_run(db, "<Tab>\n:conflicts\n", 80, 24, "--coder a");
	fx_assert_line(s, 0, " Negotiate  2 sync conflicts  1/2");
	free(s);
	s = fx_screen_run(db, "N\n+\n", 80, 24, "--coder a");
	fx_assert_has(s, "choose ours or theirs");
	free(s);
	assert_int_equal(fx_scalar(db, "SELECT count(*) FROM sync_conflict"), 2);
	s = fx_screen_run(db, "N\nb\n", 80, 24, "--coder a");
	fx_assert_has(s, "conflict 1 decided: theirs");
	fx_assert_has(s, "| 1 conflict");
	free(s);
	assert_int_equal(fx_scalar(db, "SELECT count(*) FROM participant WHERE role = 'ward nurse'"),
			 1);
	s = fx_screen_run(db, "N\na\n", 80, 24, "--coder a");
	fx_assert_has(s, "conflict 2 decided: ours");
	free(s);
	assert_int_equal(fx_scalar(db, "SELECT count(*) FROM vignette WHERE title = 'The board'"), 1);
	assert_int_equal(fx_scalar(db, "SELECT count(*) FROM sync_conflict"), 0);
	s = fx_screen_run(db, ":conflicts\n", 80, 24, "--coder a");
	fx_assert_has(s, "conflicts: none waits for a decision");
	free(s);
	free(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_view_screen),
		cmocka_unit_test(test_view_wide),
		cmocka_unit_test(test_overlay_roles),
		cmocka_unit_test(test_drop_and_keep_a),
		cmocka_unit_test(test_keep_both_cancel_and_undo),
		cmocka_unit_test(test_edit_in_reader),
		cmocka_unit_test(test_command_errors_and_key),
		cmocka_unit_test(test_completion_and_agreeing_pair),
		cmocka_unit_test(test_sync_conflict_decided_in_view),
		cmocka_unit_test(test_field_conflict_decided_in_view),
	};
	return cmocka_run_group_tests_name("tui_negotiate", tests, NULL, NULL);
}
