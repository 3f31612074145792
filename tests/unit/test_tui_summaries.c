/* test_tui_summaries.c: the summaries pane driven headless on a small
 * corpus whose numbers are worked out by hand below. */
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

/* Ann (old-timer), Bo and Cy (newcomers); four vignettes.
 * v1 03-02 [ann bo]: SR/tools -> the Q pile (names ann; Ann's reading);
 *                    ME whole.
 * v2 04-10 [ann]:    JE/mutual accountability -> quota, negotiated, held
 *                    by ann, coder other.
 * v3 04-20 [bo cy]:  SR/words -> pend twice (names bo, then cy); SR not
 *                    linked; ME/.../support (names bo cy); JE/mutual
 *                    accountability -> quota, upheld, cy holds bo.
 * v4 05-05 [cy]:     nothing coded.
 * So: the Q pile 1 occurrence, 1 person, 1 vignette, a member's reading;
 * pend 2, 2, 1 and the analyst's gloss (no speaker); one
 * SR coding unlinked (v3). quota 2: upheld 1, negotiated 1, both in April.
 * ME engagement: Bo-Cy (v3, named by the support coding); Ann and Bo are
 * only present together at v1 (the ME coding names nobody), so no tie;
 * nothing coded complementary or overlapping. Coverage ME 2, JE 2,
 * SR 4; no coding: v4; a single dimension: v2 (JE). */
static const char corpus[] =
	"praxis: 1\n"
	"project: Summaries\n"
	"coders:\n"
	"  - id: tester\n"
	"  - id: other\n"
	"communities:\n"
	"  - id: desk\n"
	"    name: The desk\n"
	"repertoire:\n"
	"  - id: pile\n"
	"    name: the Q pile\n"
	"    kind: tool\n"
	"    reified: true\n"
	"  - id: pend\n"
	"    name: pend\n"
	"    kind: word\n"
	"    reified: false\n"
	"accountability:\n"
	"  - id: quota\n"
	"    name: meet the daily quota\n"
	"    reified: true\n"
	"  - id: notes\n"
	"    name: write notes\n"
	"    reified: false\n"
	"participants:\n"
	"  - id: ann\n"
	"    pseudonym: Ann\n"
	"    role: old-timer\n"
	"    aliases: [Annie]\n"
	"  - id: bo\n"
	"    pseudonym: Bo\n"
	"    role: newcomer\n"
	"  - id: cy\n"
	"    pseudonym: Cy\n"
	"    role: newcomer\n"
	"vignettes:\n"
	"  - id: v1\n"
	"    title: The pile\n"
	"    date: 2026-03-02\n"
	"    community: desk\n"
	"    participants: [ann, bo]\n"
	"    text: Annie put the claim on the Q pile. Bo asked why.\n"
	"    codings:\n"
	"      - code: SR/tools\n"
	"        quote: the Q pile\n"
	"        participants: [ann]\n"
	"        repertoire: pile\n"
	"        interpretation: a place to park doubt\n"
	"        speaker: ann\n"
	"      - code: ME\n"
	"  - id: v2\n"
	"    title: Quota talk\n"
	"    date: 2026-04-10T09:30\n"
	"    community: desk\n"
	"    participants: [ann]\n"
	"    text: Ann said the quota can wait.\n"
	"    codings:\n"
	"      - code: JE/mutual accountability\n"
	"        start: 4\n"
	"        end: 27\n"
	"        accountability: quota\n"
	"        stance: negotiated\n"
	"        held_by: [ann]\n"
	"        coder: other\n"
	"  - id: v3\n"
	"    title: Pending\n"
	"    date: 2026-04-20\n"
	"    community: desk\n"
	"    participants: [bo, cy]\n"
	"    text: Bo will pend it. Cy said pend it too.\n"
	"    codings:\n"
	"      - code: SR/words\n"
	"        quote: pend it\n"
	"        occurrence: 1\n"
	"        participants: [bo]\n"
	"        repertoire: pend\n"
	"        interpretation: wait for more\n"
	"      - code: SR/words\n"
	"        quote: Cy said pend it too.\n"
	"        participants: [cy]\n"
	"        repertoire: pend\n"
	"        interpretation: wait for more\n"
	"      - code: SR\n"
	"        quote: Bo will\n"
	"      - code: ME/mutual relationships/support\n"
	"        participants: [bo, cy]\n"
	"      - code: JE/mutual accountability\n"
	"        quote: Cy said\n"
	"        accountability: quota\n"
	"        stance: upheld\n"
	"        held_by: [cy]\n"
	"        participants: [bo]\n"
	"  - id: v4\n"
	"    title: Quiet day\n"
	"    date: 2026-05-05\n"
	"    community: desk\n"
	"    participants: [cy]\n"
	"    text: Nothing happened.\n";

/* Focus the summaries (Shift-Tab from the vignettes) and zoom. */
#define SUM "<BTab>z"

static char *db_new(void)
{
	return fx_screen_db(corpus);
}

static char *run(const char *db, const char *keys)
{
	return fx_screen_run(db, keys, 90, 16, NULL);
}

static void test_repertoire_tab(void **state)
{
	char *db = db_new(), *s;

	(void)state;
	s = run(db, SUM "\n");
	fx_assert_line(s, 0, " Summaries Repertoire 1/3");
	fx_assert_line(s, 1, " 1 Repertoire  2 Accountability  3 Engagement  4 Coverage  5 Ties   6-0: analyses");
	fx_assert_line(s, 2, " name            occ ppl vig kind reif      first       last gls par rei interpretations");
	fx_assert_line(s, 3, " the Q pile        1   1   1 tool yes  2026-03-02 2026-03-02   0   0   0 1: a place to par");
	fx_assert_line(s, 4, " pend              2   2   1 word no   2026-04-20 2026-04-20   1   0   0 0: gloss: wait fo");
	fx_assert_line(s, 5, " (SR not linked)   1       1");
	fx_assert_line(s, 13, " the Q pile: a place to park doubt (1)");
	free(s);
	free(db);
}

static void test_accountability_tab(void **state)
{
	char *db = db_new(), *s;

	(void)state;
	s = run(db, SUM "2<Down>\n");
	fx_assert_line(s, 0, " Summaries Accountability 2/2");
	fx_assert_line(s, 2, " name                 occ up br neg con reif      first       last int par rei 2026-04..20");
	fx_assert_line(s, 3, " meet the daily quota   2  1  0   1   0 yes  2026-04-10 2026-04-20   0   0   0 █");
	fx_assert_line(s, 4, " write notes            0  0  0   0   0 no                           0   0   0");
	fx_assert_line(s, 13, " write notes: nobody named as holding to account");
	free(s);
	s = run(db, SUM "2\n");
	fx_assert_line(s, 13, " meet the daily quota: Cy held Bo (1)");
	free(s);
	free(db);
}

static void test_engagement_tab(void **state)
{
	char *db = db_new(), *s;

	(void)state;
	s = run(db, SUM "3l\n");
	fx_assert_line(s, 0, " Summaries Engagement 1/5");
	fx_assert_line(s, 2, " name        Ann Bo  Cy   all ME JE SR cmp ovl cnf sup");
	fx_assert_line(s, 3, " Ann              ·   ·     1  0  0  1   0   0   0 0");
	fx_assert_line(s, 4, " Bo           ·      ███    3  1  1  1   0   0   0 1");
	fx_assert_line(s, 5, " Cy           ·  ███        2  1  0  1   0   0   0 1");
	/* per role, pinned below the people (no matrix cells): newcomers
	 * (Bo, Cy) are named by v3's two SR/words codings, its support coding
	 * (ME; both named, counted once) and the quota coding naming Bo (JE):
	 * 4 = 1 + 1 + 2; old-timers (Ann) by v1's SR/tools only (v2 holds no
	 * one named as participant: held_by is not counted) */
	fx_assert_line(s, 6, " (newcomer)                 4  1  1  2");
	fx_assert_line(s, 7, " (old-timer)                1  0  0  1");
	fx_assert_line(s, 12, " Ann × Bo: 0 vignettes");
	fx_assert_line(s, 13, " complementary 0  overlapping 0  conflict 0  support 1");
	free(s);
	/* Ann and Cy never meet under ME */
	s = run(db, SUM "3ll\n");
	fx_assert_line(s, 12, " Ann × Cy: 0 vignettes");
	free(s);
	/* a role row's footer spells its totals out; the matrix has no role
	 * column (l stops at the last person) */
	s = run(db, SUM "3<Down><Down><Down>llll\n");
	fx_assert_line(s, 0, " Summaries Engagement 4/5");
	fx_assert_line(s, 12, " role newcomer: 4 codings naming someone with it (ME 1, JE 1, SR 2)");
	free(s);
	/* roles stay below whatever the sort */
	s = run(db, SUM "3sS\n");
	fx_assert_line(s, 6, " (newcomer)                 4  1  1  2");
	fx_assert_line(s, 7, " (old-timer)                1  0  0  1");
	free(s);
	free(db);
}

/* The ties as `praxis summary --kind engagement` lists them: the support
 * coding in v3 names Bo and Cy, so one tie with three qualities (all, the
 * code and its parent), 1 coding in 1 vignette each, 2026-04-20; Ann is
 * in no tie (the ME coding in v1 names nobody). Enter on a tie shows the
 * vignettes where it was coded. */
static void test_ties_tab(void **state)
{
	char *db = db_new(), *s;

	(void)state;
	s = run(db, SUM "5j\n");
	fx_assert_line(s, 0, " Summaries Ties 2/3");
	fx_assert_line(s, 2, " a  b  quality                         codings vig      first last");
	fx_assert_line(s, 3, " Bo Cy all                                   1   1 2026-04-20 2026-04-20");
	fx_assert_line(s, 4, " Bo Cy ME/mutual relationships               1   1 2026-04-20 2026-04-20");
	fx_assert_line(s, 5, " Bo Cy ME/mutual relationships/support       1   1 2026-04-20 2026-04-20");
	fx_assert_line(s, 6, "");
	fx_assert_line(s, 13, " Bo × Cy, ME/mutual relationships: 1 coding in 1 vignette");
	fx_assert_lacks(s, "Ann");
	free(s);
	s = run(db, SUM "5j<Enter>\n");
	fx_assert_has(s, "1 vignette: engaged: Bo × Cy (F clears)");
	fx_assert_has(s, "Pending");
	free(s);
	/* the coder other coded no engagement */
	s = run(db, ":filter coder other\n" SUM "5\n");
	fx_assert_line(s, 0, " Summaries Ties 0/0");
	fx_assert_line(s, 3, " (none)");
	free(s);
	free(db);
}

/* Who holds whom as `praxis summary --kind network` lists it: in v3 Cy
 * holds Bo to the quota (upheld); in v2 Ann holds nobody named, so no
 * row. */
static void test_network_tab(void **state)
{
	char *db = db_new(), *s;

	(void)state;
	s = run(db, SUM "6\n");
	fx_assert_line(s, 0, " Summaries Network 1/1");
	fx_assert_line(s, 2, " holder held accountability stance codings      first last");
	fx_assert_line(s, 3, " Cy     Bo   quota          upheld       1 2026-04-20 2026-04-20");
	fx_assert_line(s, 4, "");
	fx_assert_line(s, 13, " Cy held Bo to account: quota, upheld");
	free(s);
	free(db);
}

static void test_coverage_tab(void **state)
{
	char *db = db_new(), *s;

	(void)state;
	s = run(db, SUM "4\n");
	fx_assert_line(s, 0, " Summaries Coverage 1/31");
	fx_assert_line(s, 2, " code                       codings vig ppl 2026-03..2026-04");
	/* ME: one coding each month, of at most 3 (SR in April) */
	fx_assert_line(s, 3, " mutual engagement                2   2   2 ▃▃");
	fx_assert_line(s, 9, "   mutual relationships           1   1   2");
	fx_assert_line(s, 11, "     support                      1   1   2");
	fx_assert_line(s, 12, " joint enterprise                 2   2   1  ▆");
	free(s);
	s = run(db, SUM "4G\n");
	fx_assert_line(s, 0, " Summaries Coverage 31/31");
	fx_assert_line(s, 11, " (no coding)                          1");
	fx_assert_line(s, 12, " (one dimension)                      1");
	fx_assert_line(s, 13, " 1 vignette coded in a single dimension");
	free(s);
	free(db);
}

static void test_sorting(void **state)
{
	char *db = db_new(), *s;

	(void)state;
	/* by name: the cursor stays on the Q pile, now second */
	s = run(db, SUM "s\n");
	fx_assert_line(s, 0, " Summaries Repertoire 2/3 by name ↑");
	fx_assert_line(s, 3, " pend              2   2   1 word no   2026-04-20 2026-04-20   1   0   0 0: gloss: wait fo");
	fx_assert_line(s, 5, " (SR not linked)   1       1");
	free(s);
	/* by occurrences, most first; then reversed */
	s = run(db, SUM "ss\n");
	fx_assert_line(s, 0, " Summaries Repertoire 2/3 by occ ↓");
	fx_assert_has(s, "\n pend              2");
	fx_assert_line(s, 4, " the Q pile        1   1   1 tool yes  2026-03-02 2026-03-02   0   0   0 1: a place to par");
	free(s);
	s = run(db, SUM "ssS\n");
	fx_assert_line(s, 0, " Summaries Repertoire 1/3 by occ ↑");
	fx_assert_has(s, "\n the Q pile        1");
	fx_assert_line(s, 5, " (SR not linked)   1       1");
	free(s);
	/* engagement: people sorted by codings, the matrix follows */
	s = run(db, SUM "3ss\n");
	fx_assert_line(s, 2, " name        Bo  Cy  Ann  all ME JE SR cmp ovl cnf sup");
	fx_assert_line(s, 3, " Bo              ███  ·     3  1  1  1   0   0   0 1");
	fx_assert_line(s, 6, " (newcomer)                 4  1  1  2");
	free(s);
	free(db);
}

static void test_drill_down(void **state)
{
	char *db = db_new(), *s;

	(void)state;
	/* a repertoire entry: the vignettes with codings linked to it */
	s = run(db, SUM "<Down><Enter>\n");
	fx_assert_has(s, " Vignettes 1/1 (filtered");
	fx_assert_has(s, "04-20 Pending");
	fx_assert_lacks(s, "The pile");
	fx_assert_has(s, "filter: drill=Repertoire: pend");
	fx_assert_has(s, "1 vignette: Repertoire: pend (F clears)");
	free(s);
	/* a matrix cell: where both are engaged */
	s = run(db, SUM "3l<Enter>\n");
	fx_assert_has(s, "03-02 The pile");
	fx_assert_lacks(s, "Pending");
	fx_assert_has(s, "drill=engaged: Ann × Bo");
	free(s);
	/* thin notes: the uncoded vignette; F brings all four back */
	s = run(db, SUM "4G<Up><Enter>\n");
	fx_assert_has(s, "05-05 Quiet day");
	fx_assert_lacks(s, "Quota talk");
	free(s);
	s = run(db, SUM "4G<Up><Enter>F\n");
	fx_assert_has(s, " Vignettes 4/4");
	fx_assert_has(s, "Quota talk");
	fx_assert_lacks(s, "drill=");
	free(s);
	/* a code row: the vignettes with that code */
	s = run(db, SUM "4<Down><Down><Down><Down><Down><Down><Down><Down><Enter>\n");
	fx_assert_has(s, "1 vignette: Coverage: ME/mutual relationships/support (F clears)");
	fx_assert_has(s, "04-20 Pending");
	fx_assert_has(s, " Vignettes 1/1 (filtered");
	free(s);
	free(db);
}

/* The pane in the full layout at 120x30: its rows start at column 87. */
static void test_live_after_coding(void **state)
{
	char *db = db_new(), *s;

	(void)state;
	s = fx_screen_run(db, ":open v1\n", 120, 30, NULL);
	fx_assert_has(s, "│ (SR not linked)   1       1");
	free(s);
	/* code "Anni" with SR (not linked to an entry): same dump, new numbers */
	s = fx_screen_run(db, ":open v1\nvlll3\n", 120, 30, NULL);
	fx_assert_has(s, "coded SR (u undoes)");
	fx_assert_has(s, "│ (SR not linked)   2       2");
	free(s);
	assert_int_equal(fx_scalar(db, "SELECT count(*) FROM coding WHERE code_id = 3"), 2);
	free(db);
	/* coverage sorted by codings: SR 4 -> 5 after coding */
	db = db_new();
	s = fx_screen_run(db, "<BTab>4ss\n:open v1\n", 120, 30, NULL);
	fx_assert_has(s, "│ shared repertoire             4\n");
	free(s);
	s = fx_screen_run(db, "<BTab>4ss\n:open v1\nvlll3\n", 120, 30, NULL);
	fx_assert_has(s, "│ shared repertoire             5\n");
	free(s);
	free(db);
	/* undo takes it back in the same dump */
	db = db_new();
	s = fx_screen_run(db, "<BTab>4ss\n:open v1\nvlll3u\n", 120, 30, NULL);
	fx_assert_has(s, "│ shared repertoire             4\n");
	free(s);
	free(db);
}

static void test_filter_follows(void **state)
{
	char *db = db_new(), *s;

	(void)state;
	s = run(db, ":filter from 2026-04-01\n" SUM "\n");
	fx_assert_line(s, 3, " the Q pile        0   0   0 tool yes                          0   0   0 0");
	fx_assert_line(s, 4, " pend              2   2   1 word no   2026-04-20 2026-04-20   1   0   0 0: gloss: wait fo");
	free(s);
	s = run(db, ":filter coder other\n" SUM "2\n");
	fx_assert_line(s, 3, " meet the daily quota   1  0  0   1   0 yes  2026-04-10 2026-04-10   0   0   0 █");
	free(s);
	/* clearing the filter brings the numbers back */
	s = run(db, ":filter coder other\n" SUM "2F\n");
	fx_assert_line(s, 3, " meet the daily quota   2  1  0   1   0 yes  2026-04-10 2026-04-20   0   0   0 █");
	free(s);
	free(db);
}

/* :summaries focuses the pane (on a tab), for terminals without
 * Shift-Tab; a bad tab is a message, the focus stays. */
static void test_summaries_command(void **state)
{
	char *db = db_new(), *s;

	(void)state;
	s = run(db, ":summaries 5\nz\n");
	fx_assert_line(s, 0, " Summaries Ties 1/3");
	free(s);
	s = run(db, ":summaries\nz\n");
	fx_assert_line(s, 0, " Summaries Repertoire 1/3");
	free(s);
	s = run(db, ":summaries cooc\nz\n");
	fx_assert_line(s, 0, " Summaries Co-occurrence 1/6");
	free(s);
	s = run(db, ":summaries Co-Occurrence\nz\n");
	fx_assert_line(s, 0, " Summaries Co-occurrence 1/6");
	free(s);
	s = run(db, ":summaries 6\nz\n");
	fx_assert_line(s, 0, " Summaries Network 1/1");
	free(s);
	s = run(db, ":summaries 12\n");
	fx_assert_has(s, ":summaries '12': give a tab from 1 to 11, a tab's name");
	free(s);
	s = run(db, ":summaries co\n");
	fx_assert_has(s, ":summaries 'co': give a tab from 1 to 11");
	free(s);
	free(db);
}

static void test_help_lists_summary_keys(void **state)
{
	char *db = db_new(), *s;

	(void)state;
	s = fx_screen_run(db, "?\n", 90, 130, NULL);
	fx_assert_has(s, " summaries\n");
	fx_assert_has(s, "1 2 3 4 5 6 7 8 9 0 tabs 1-5 summaries, 6-0 analyses");
	fx_assert_has(s, "s              sort by the next column");
	fx_assert_has(s, "S              reverse the sort");
	free(s);
	/* how to reach the pane anywhere, what the Engagement tab holds */
	s = fx_screen_run(db, "?G\n", 100, 48, NULL);
	fx_assert_has(s, "   :summaries [N|NAME]          focus the summaries pane (on tab 1-11 or by name)");
	fx_assert_has(s, "\n summaries pane\n"
		      "   reaching it    last in the Tab order; Shift-Tab from the vignettes, or\n"
		      "                  Tab four times, or :summaries [N|NAME] (any terminal)\n");
	fx_assert_has(s, "                  one per role: codings naming someone with it (once each)");
	free(s);
	free(db);
}

/* Zoomed wide, register names are shown whole (capped at 24 columns in
 * the narrow pane): the claims sample has longer norms. */
static void test_wide_pane_shows_whole_names(void **state)
{
	char *path = xasprintf("%s/samples/claims.yaml", fx_top());
	char *yaml = fx_read_file(path, NULL), *db, *s;

	(void)state;
	assert_non_null(yaml);
	db = fx_screen_db(yaml);
	s = fx_screen_run(db, "<Tab><Tab><Tab><Tab>z2\n", 130, 30, "--coder mk");
	fx_assert_has(s, " don't make the next person's work harder ");
	free(s);
	s = fx_screen_run(db, "<Tab><Tab><Tab><Tab>2\n", 80, 24, "--coder mk");
	fx_assert_lacks(s, "don't make the next person's work harder");
	free(s);
	free(db);
	free(yaml);
	free(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_repertoire_tab),
		cmocka_unit_test(test_wide_pane_shows_whole_names),
		cmocka_unit_test(test_accountability_tab),
		cmocka_unit_test(test_engagement_tab),
		cmocka_unit_test(test_ties_tab),
		cmocka_unit_test(test_network_tab),
		cmocka_unit_test(test_coverage_tab),
		cmocka_unit_test(test_sorting),
		cmocka_unit_test(test_drill_down),
		cmocka_unit_test(test_live_after_coding),
		cmocka_unit_test(test_filter_follows),
		cmocka_unit_test(test_summaries_command),
		cmocka_unit_test(test_help_lists_summary_keys),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
