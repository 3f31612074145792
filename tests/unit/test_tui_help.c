/* test_tui_help.c: the help lists every `:` command and the legends of
 * the reader's margin and the vignette list; counts on the status line
 * and in messages take the right plural. */
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

/* The end of the help, scrolled to its last line (G) at 90x70. */
static const char *const help_tail[] = {
	"   :filter KIND VALUE           by participant, community, code, coder, from, to, search;",
	"   :search WORDS                full-text search; n and N step through the hits in the rea",
	"   :order [rank|date]           search hits by relevance (rank) or by date; alone: toggle",
	"   :autocode CODE               code every hit of the search with CODE (asks first)",
	"   :export FILE [--keep-names]  export the filtered project (format by the name)",
	"   :theme NAME                  switch the colours (Tab completes the themes)",
	"   :retrieve CODE               every segment coded with CODE or a sub-code",
	"   :open VIGNETTE               open the vignette with that id in the reader",
	"   :negotiate A B               the disagreements of coders A and B",
	"   :sync [DIR]                  share the project through the git work tree DIR (the last",
	"   :conflicts                   what syncs left for a decision, in the negotiation view (a",
	"   :undo                        undo the last change",
	"   :redo                        redo what was undone",
	"   :zoom                        zoom the pane to full screen and back",
	"   :help                        this help",
	"   :log                         the audit trail: codebook changes, decisions, text edits",
	"   :memos                       every memo under the filters and the search (also O)",
	"   :summaries [N|NAME]          focus the summaries pane (on tab 1-11 or by name); also Ta",
	"   :quit                        quit praxis (also :q)",
	"   (:export picks the format by the file name's extension:",
	"    .md .html .csv .yaml .qdpx .qdc .codebook.md .codebook.html or .graphml)",
	"",
	" reader margin",
	"   M J S          the line holds a span coded ME, JE or SR (in its colour)",
	"   *              a coding with a memo (its own or memos on it) starts on the line",
	"   * below text   the vignette's memos: author, date, title, text",
	"   !              an edit of the text cut into a span: it needs review",
	"   \xe2\x8c\x80              in the text: a coding whose text an edit deleted (flagged)",
	"",
	" vignette list",
	"   date title     the vignette's date (month-day when narrow) and title",
	"   N N N          its codings under ME, JE and SR (in their colours)",
	"   searching      best hits first (o or :order date: by date), each with",
	"                  the piece of text that matched, its words highlighted",
	"",
	" summaries pane",
	"   reaching it    last in the Tab order; Shift-Tab from the vignettes, or",
	"                  Tab four times, or :summaries [N|NAME] (any terminal)",
	"   Engagement     one row per person, the matrix of ties; then, pinned,",
	"                  one per role: codings naming someone with it (once each)",
	"   Ties           one row per pair and quality of engagement (as summary --kind",
	"                  engagement), Enter: the vignettes where the two are engaged",
	"",
	" analyses (tabs 6-0; Co-occurrence: ] from Brokers or :summaries cooc)",
	"   Network        who holds whom to account, by norm and stance (6)",
	"   Trajectory     each person by month: role then, codings per dimension (bars),",
	"                  holding / held to account, repertoire first taken up",
	"   History        the uses of a repertoire entry in date order, who read it how",
	"   Boundary       entries used in 2+ communities, each community's readings",
	"   Brokers        people present in 2+ communities",
	"   Co-occurrence  codes found in the same vignettes; cells ░1..█4, Enter lists them",
	"   exported       :export F.html draws them: network, trajectories, timelines of",
	"                  readings, co-occurrence heat map; F.md has them as tables",
	"",
	" mouse",
	"   click          focus the pane; select the row / put the reader's cursor there",
	"   wheel          scroll the pane under the pointer",
};

static void test_help_lists_commands_and_legends(void **state)
{
	char *db = fx_screen_db(NULL), *s;
	size_t n = sizeof(help_tail) / sizeof(help_tail[0]);

	(void)state;
	s = fx_screen_run(db, "?G\n", 90, 70, NULL);
	for (size_t i = 0; i < n; i++)
		fx_assert_line(s, (int)(68 - n + i), help_tail[i]);
	free(s);
	free(db);
}

/* One vignette with one coding: singular on the status line. */
static void test_status_line_plurals(void **state)
{
	char *db = fx_screen_db("praxis: 1\n"
				"coders:\n"
				"  - id: tester\n"
				"vignettes:\n"
				"  - id: v1\n"
				"    title: Alone\n"
				"    date: 2026-01-05\n"
				"    text: One line.\n"
				"    codings:\n"
				"      - code: ME\n"), *s;

	(void)state;
	s = fx_screen_run(db, "# nothing\n", 80, 24, NULL);
	fx_assert_has(s, "| coder tester | 1 vignette | 1 coding\n");
	free(s);
	free(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_help_lists_commands_and_legends),
		cmocka_unit_test(test_status_line_plurals),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
