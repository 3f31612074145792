/* test_tui_retrieval.c: the retrieval pane shows the segment under the
 * cursor whole below the list -- vignette title and date, code, coder,
 * participants, the text around it wrapped, the memo -- and + and -
 * widen and narrow the context. */
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

static const char corpus[] =
	"praxis: 1\n"
	"coders:\n"
	"  - id: tester\n"
	"participants:\n"
	"  - id: ann\n"
	"    pseudonym: Ann\n"
	"    aliases: [Annie]\n"
	"vignettes:\n"
	"  - id: v1\n"
	"    title: The pile\n"
	"    date: 2026-03-02\n"
	"    participants: [ann]\n"
	"    text: \"Annie put the claim on the Q pile. Bo asked why. Nobody answered him,"
	" and the pile grew.\"\n"
	"    codings:\n"
	"      - code: SR/tools\n"
	"        quote: the Q pile\n"
	"        participants: [ann]\n"
	"        memo: a place to park doubt\n";

/* The middle column of screen rows 11..18 at 80x24. */
static void assert_detail(const char *s, const char *const want[8])
{
	for (int i = 0; i < 8; i++) {
		char *line = fx_screen_line(s, 11 + i);
		/* the middle pane: 24 cells of list, then the border */
		const char *mid = strstr(line, "│");
		if (!mid || strncmp(mid, want[i], strlen(want[i])) != 0)
			fail_msg("row %d:\n got: '%s'\nwant: '%s...'\n%s", 11 + i, mid ? mid : line,
				 want[i], s);
		free(line);
	}
}

static void test_retrieval_shows_segment_whole(void **state)
{
	char *db = fx_screen_db(corpus), *s;
	static const char *const want[8] = {
		"│ The pile  2026-03-02           │",
		"│ SR/tools  coder tester  with   │",
		"│ Ann  context 40                │",
		"│ Annie put the claim on the Q   │",
		"│ pile. Bo asked why. Nobody     │",
		"│ answered him, and              │",
		"│ memo: a place to park doubt    │",
		"│                                │",
	};

	(void)state;
	s = fx_screen_run(db, ":retrieve SR\n", 80, 24, NULL);
	fx_assert_line(s, 0, " Vignettes 1/1          │ Retrieval: SR (all coders) 1/1 │ Codebook 1/29");
	assert_detail(s, want);
	free(s);
	free(db);
}

static void test_retrieval_context_keys(void **state)
{
	char *db = fx_screen_db(corpus), *s;
	static const char *const narrow[8] = {
		"│ The pile  2026-03-02           │",
		"│ SR/tools  coder tester  with   │",
		"│ Ann  context 0                 │",
		"│ the Q pile                     │",
		"│ memo: a place to park doubt    │",
		"│                                │",
		"│                                │",
		"│                                │",
	};
	static const char *const wide[8] = {
		"│ The pile  2026-03-02           │",
		"│ SR/tools  coder tester  with   │",
		"│ Ann  context 80                │",
		"│ Annie put the claim on the Q   │",
		"│ pile. Bo asked why. Nobody     │",
		"│ answered him, and the pile     │",
		"│ grew.                          │",
		"│ memo: a place to park doubt    │",
	};

	(void)state;
	/* two steps narrower: 40 -> 20 -> 0; a third stays at 0 */
	s = fx_screen_run(db, ":retrieve SR\n---\n", 80, 24, NULL);
	assert_detail(s, narrow);
	fx_assert_line(s, 23, "context 0 characters either side");
	free(s);
	s = fx_screen_run(db, ":retrieve SR\n>\n", 80, 24, NULL);
	assert_detail(s, wide);
	fx_assert_line(s, 23, "context 80 characters either side");
	free(s);
	free(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_retrieval_shows_segment_whole),
		cmocka_unit_test(test_retrieval_context_keys),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
