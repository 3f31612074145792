/* test_tui_colors.c: the interface on an 8-color terminal (TERM=xterm),
 * without colors (NO_COLOR) and on a vt100: pane titles stay readable and
 * the focused one stands out, and ME, JE and SR spans are three different
 * looks. --dump-attrs shows the attribute runs and the colors each role
 * got from the terminal. */
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

/* "one" ME, "three" JE, "five" SR. */
static const char three_dims[] =
	"praxis: 1\n"
	"coders:\n"
	"  - id: tester\n"
	"vignettes:\n"
	"  - id: v1\n"
	"    title: Three\n"
	"    date: 2026-01-05\n"
	"    text: one two three four five\n"
	"    codings:\n"
	"      - code: ME\n"
	"        quote: one\n"
	"      - code: JE\n"
	"        quote: three\n"
	"      - code: SR\n"
	"        quote: five\n";

/* The reader open on v1 at 80x24 under TERM term (NO_COLOR if no_color). */
static char *screen_on(const char *term, int no_color)
{
	char *db = fx_screen_db(three_dims), *s, *old = xstrdup(getenv("TERM"));

	setenv("TERM", term, 1);
	if (no_color)
		setenv("NO_COLOR", "1", 1);
	s = fx_screen_run(db, "<Enter>\n", 80, 24, "--dump-attrs");
	unsetenv("NO_COLOR");
	setenv("TERM", old, 1);
	free(old);
	free(db);
	return s;
}

static const char titles_8[] =
	" Vignettes 1/1          │ 2026-01-05  Three  @0          │ Codebook 1/29\n"
	"  @0-23 pane.title\n"
	"  @24-24 border\n"
	"  @25-56 pane.title.focus+bold\n"
	"  @57-57 border\n"
	"  @58-79 pane.title\n";

static const char reader_8[] =
	"01-05 Three        1 1 1│MJS one two three four five     │- ME                1\n"
	"  @0-23 cursor.unfocused\n"
	"  @24-24 border\n"
	"  @25-25 code.ME\n"
	"  @26-26 code.JE\n"
	"  @27-27 code.SR\n"
	"  @29-29 reader.cursor\n"
	"  @30-31 code.ME\n"
	"  @37-41 code.JE\n"
	"  @48-51 code.SR\n";

/* The greys of the titles and the pastels of the dimensions would all
 * step to white on 8 colors: they get basic colors of their own. */
static const char colors_8[] =
	"colors: 8\n"
	"  pane.title: black on white\n"
	"  pane.title.focus: black on cyan\n"
	"  border: white on default\n"
	"  cursor.unfocused: black on white\n"
	"  status: black on white\n"
	"  message: default on default\n"
	"  code.ME: white on red\n"
	"  code.JE: white on blue\n"
	"  code.SR: black on green\n";

static void test_eight_colors(void **state)
{
	char *s = screen_on("xterm", 0);

	(void)state;
	fx_assert_has(s, titles_8);
	fx_assert_has(s, reader_8);
	fx_assert_has(s, colors_8);
	free(s);
}

/* Without colors: the focused title reversed, the others bold; ME
 * underline, JE bold, SR both. */
static const char titles_mono[] =
	" Vignettes 1/1          │ 2026-01-05  Three  @0          │ Codebook 1/29\n"
	"  @0-23 normal+bold\n"
	"  @25-56 normal+bold+reverse\n"
	"  @58-79 normal+bold\n";

static const char reader_mono[] =
	"01-05 Three        1 1 1│MJS one two three four five     │- ME                1\n"
	"  @0-23 normal+bold\n"
	"  @25-25 normal+underline\n"
	"  @26-26 normal+bold\n"
	"  @27-27 normal+bold+underline\n"
	"  @29-29 normal+reverse\n"
	"  @30-31 normal+underline\n"
	"  @37-41 normal+bold\n"
	"  @48-51 normal+bold+underline\n"
	"  @58-79 normal+bold\n";

static void test_no_color_and_vt100(void **state)
{
	const char *terms[] = { "xterm-256color", "vt100" };

	(void)state;
	for (int i = 0; i < 2; i++) {
		char *s = screen_on(terms[i], i == 0);
		fx_assert_has(s, titles_mono);
		fx_assert_has(s, reader_mono);
		fx_assert_has(s, "\ncolors: none\n");
		/* nothing but text on the screen: no escape sequence leaked */
		fx_assert_lacks(s, "\033");
		free(s);
	}
}

/* A theme file's own color for a role wins over the 8-color fallback. */
static void test_theme_role_kept_on_eight_colors(void **state)
{
	char *db = fx_screen_db(three_dims), *theme = fx_path(".yaml"), *opts, *s;
	char *old = xstrdup(getenv("TERM"));
	FILE *fp = fopen(theme, "w");

	(void)state;
	assert_non_null(fp);
	fputs("code.JE: black on magenta\n", fp);
	fclose(fp);
	opts = xasprintf("--dump-attrs --theme %s", theme);
	setenv("TERM", "xterm", 1);
	s = fx_screen_run(db, "<Enter>\n", 80, 24, opts);
	setenv("TERM", old, 1);
	fx_assert_has(s, "  code.ME: white on red\n  code.JE: black on magenta\n"
		      "  code.SR: black on green\n");
	free(s);
	free(opts);
	free(old);
	free(theme);
	free(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_eight_colors),
		cmocka_unit_test(test_no_color_and_vt100),
		cmocka_unit_test(test_theme_role_kept_on_eight_colors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
