/* test_tui_screens.c: the interface driven headless (--script,
 * --dump-screen) on the small fixture corpus; expected screens and lines
 * are kept here. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include "praxis/codebook.h"
#include "praxis/coding.h"
#include "praxis/util.h"
#include "fixture.h"
#include "screen.h"

/* A scratch database with the fixture corpus imported as coder tester. */
static char *make_db(const char *extra_yaml)
{
	return fx_screen_db(extra_yaml ? extra_yaml : fx_small_corpus);
}

/* Runs keys as coder tester (see fx_screen). */
static char *run_keys(const char *db, const char *keys, int cols, int rows, const char *opts)
{
	return fx_screen_run(db, keys, cols, rows, opts);
}

#define assert_line fx_assert_line
#define assert_has fx_assert_has
#define assert_lacks fx_assert_lacks
#define scalar fx_scalar

/* Exact top of the screen at 80x24: three columns, titles, badges. */
static const char *const start_lines[] = {
	" Vignettes 1/2          │ 2026-03-02  The pile  @0       │ Codebook 1/29",
	"03-02 The pile     1 0 1│M S Annie put the claim on the  │- ME                1",
	"04-10 Quota talk   0 1 0│M S Q pile. Bo asked why.       │    enabling engage 0",
};

static void test_start_screen_shows_every_pane(void **state)
{
	char *db = make_db(NULL), *s;

	(void)state;
	s = run_keys(db, "# nothing\n", 80, 24, NULL);
	for (int i = 0; i < 3; i++)
		assert_line(s, i, start_lines[i]);
	assert_has(s, " Participants 1/2");
	assert_has(s, " Summaries");
	assert_has(s, "coder tester | 2 vignettes | 3 codings");
	free(s);
	free(db);
}

static void test_vignette_list_moves(void **state)
{
	char *db = make_db(NULL), *s;

	(void)state;
	s = run_keys(db, "<Down>\n", 80, 24, NULL);
	assert_has(s, " Vignettes 2/2");
	assert_has(s, "Ann said the quota can wait.");
	free(s);
	free(db);
}

static void test_reader_shows_text_and_stripes(void **state)
{
	char *db = make_db(NULL), *s;

	(void)state;
	s = run_keys(db, "<Enter>\n", 80, 24, NULL);
	assert_has(s, "│M S Annie put the claim on the  │");
	assert_has(s, "│M S Q pile. Bo asked why.       │");
	assert_has(s, "2026-03-02  The pile  @0");
	free(s);
	free(db);
}

static void test_participants_pane_filters(void **state)
{
	char *db = make_db(NULL), *s;

	(void)state;
	s = run_keys(db, "<Tab><Down><Enter>\n", 120, 30, NULL);
	assert_has(s, " Ann old-timer                2v 1c │");
	assert_has(s, "filter: participant=Bo");
	assert_has(s, " Vignettes 1/1 (filtered");
	assert_lacks(s, "Quota talk");
	free(s);
	free(db);
}

static void test_code_span_with_key_3(void **state)
{
	char *db = make_db(NULL), *s;

	(void)state;
	/* "Bo asked why." starts at code point 35 */
	s = run_keys(db, ":open v1\n)v" "llllllllllll" "3\n", 80, 24, NULL);
	assert_has(s, "coded SR (u undoes)");
	assert_has(s, "4 codings");
	free(s);
	assert_int_equal(scalar(db, "SELECT count(*) FROM coding"), 4);
	assert_int_equal(scalar(db, "SELECT start FROM coding WHERE id = 4"), 35);
	assert_int_equal(scalar(db, "SELECT end FROM coding WHERE id = 4"), 48);
	assert_int_equal(scalar(db, "SELECT code_id FROM coding WHERE id = 4"), 3);
	free(db);
}

static void test_undo_and_redo(void **state)
{
	char *db = make_db(NULL), *s;

	(void)state;
	s = run_keys(db, ":open v1\nvlll1u\n", 80, 24, NULL);
	assert_has(s, "undone: code");
	assert_has(s, "3 codings");
	free(s);
	assert_int_equal(scalar(db, "SELECT count(*) FROM coding"), 3);
	s = run_keys(db, ":open v1\nvlll1uu<C-r>\n", 80, 24, NULL);
	assert_has(s, "redone: code");
	free(s);
	assert_int_equal(scalar(db, "SELECT count(*) FROM coding WHERE start = 0 AND end = 4"), 1);
	free(db);
}

static void test_picker_creates_code_and_form_saves(void **state)
{
	char *db = make_db(NULL), *s;

	(void)state;
	/* select "Annie", pick a new code, confirm, fill the form */
	s = run_keys(db, ":open v1\nvllll\nc\nSR/words/slang<Enter>\ny\n"
		     "<Down><Space>\n"        /* participant Bo */
		     "<Down><Down><Enter>nickname<Enter>\n" /* memo */
		     "<C-s>\n", 80, 24, NULL);
	assert_has(s, "coded SR/words/slang");
	free(s);
	assert_int_equal(scalar(db, "SELECT count(*) FROM code WHERE name = 'slang'"), 1);
	assert_int_equal(scalar(db, "SELECT count(*) FROM coding c JOIN code k ON k.id = c.code_id"
				" WHERE k.name = 'slang' AND c.start = 0 AND c.end = 5"
				" AND c.memo = 'nickname'"), 1);
	assert_int_equal(scalar(db, "SELECT count(*) FROM coding_participant cp JOIN participant p"
				" ON p.id = cp.participant_id WHERE p.ext_id = 'bo'"), 1);
	free(db);
}

static void test_picker_screen(void **state)
{
	char *db = make_db(NULL), *s;

	(void)state;
	s = run_keys(db, ":open v1\nvll\nc\ntools\n", 80, 24, NULL);
	assert_has(s, "code the selection");
	assert_has(s, "> tools");
	assert_has(s, "SR/tools");
	assert_has(s, "Enter picks, Esc cancels");
	free(s);
	free(db);
}

static void test_filter_by_code(void **state)
{
	char *db = make_db(NULL), *s;

	(void)state;
	s = run_keys(db, ":filter code SR/tools\n", 120, 30, NULL);
	assert_has(s, "filter: code=SR/tools");
	assert_has(s, " Vignettes 1/1 (filtered");
	assert_lacks(s, "Quota talk");
	free(s);
	free(db);
}

static void test_search_and_clear(void **state)
{
	char *db = make_db(NULL), *s;

	(void)state;
	s = run_keys(db, "/quota<Enter>\n", 120, 30, NULL);
	assert_has(s, "search=\"quota\"");
	assert_has(s, "Quota talk");
	assert_lacks(s, "The pile");
	free(s);
	s = run_keys(db, "/nothinglikethis<Enter>\n", 80, 24, NULL);
	assert_has(s, " (no vignette passes the");
	free(s);
	s = run_keys(db, "/quota<Enter>F\n", 80, 24, NULL);
	assert_has(s, "filter cleared");
	assert_has(s, "The pile");
	free(s);
	free(db);
}

static void test_retrieval_and_back(void **state)
{
	char *db = make_db(NULL), *s;

	(void)state;
	s = run_keys(db, ":retrieve SR/tools\nz\n", 100, 24, NULL);
	assert_line(s, 0, " Retrieval: SR/tools (all coders) 1/1");
	assert_line(s, 1, " 2026-03-02 The pile  Annie put the claim on the Q pile. Bo asked why.");
	free(s);
	s = run_keys(db, ":retrieve SR/tools\n<Enter>\n", 80, 24, NULL);
	assert_has(s, "The pile  @23");
	free(s);
	s = run_keys(db, ":retrieve SR/tools\n<Enter><Esc>\n", 80, 24, NULL);
	assert_has(s, "Retrieval: SR/tools");
	free(s);
	free(db);
}

static void test_codebook_merge(void **state)
{
	char *db = make_db(NULL), *s;

	(void)state;
	s = run_keys(db, "<Tab><Tab><Tab>f\ntools<Enter>\nM\nSR/words<Enter>\ny\n", 80, 24, NULL);
	assert_has(s, "codes merged");
	free(s);
	assert_int_equal(scalar(db, "SELECT count(*) FROM code WHERE name = 'tools'"), 0);
	assert_int_equal(scalar(db, "SELECT count(*) FROM coding c JOIN code k ON k.id = c.code_id"
				" WHERE k.name = 'words'"), 1);
	free(db);
}

static void test_codebook_add_and_undo(void **state)
{
	char *db = make_db(NULL), *s;

	(void)state;
	s = run_keys(db, "<Tab><Tab><Tab>a\nrituals<Enter>\n", 80, 24, NULL);
	assert_has(s, "code added");
	assert_has(s, "rituals");
	free(s);
	assert_int_equal(scalar(db, "SELECT count(*) FROM code WHERE name = 'rituals' AND parent_id = 1"), 1);
	s = run_keys(db, "<Tab><Tab><Tab>a\nhabits<Enter>u\n", 80, 24, NULL);
	free(s);
	assert_int_equal(scalar(db, "SELECT count(*) FROM code WHERE name = 'habits'"), 0);
	free(db);
}

static void test_resize_to_tabs(void **state)
{
	char *db = make_db(NULL), *s;

	(void)state;
	s = run_keys(db, "<Resize 60x20>\n", 80, 24, NULL);
	assert_line(s, 0, " Vignettes  Participants  Reader  Codebook  Summaries");
	assert_has(s, " Vignettes 1/2");
	free(s);
	free(db);
}

static void test_too_small(void **state)
{
	char *db = make_db(NULL), *s;

	(void)state;
	s = run_keys(db, "<Down><Resize 30x8>\n", 80, 24, NULL);
	assert_has(s, "terminal too small");
	assert_has(s, "30x8, need 40x10");
	free(s);
	/* state survives the round trip */
	s = run_keys(db, "<Down><Resize 30x8><Resize 80x24>\n", 80, 24, NULL);
	assert_has(s, " Vignettes 2/2");
	free(s);
	free(db);
}

static void test_help(void **state)
{
	char *db = make_db(NULL), *s;

	(void)state;
	s = run_keys(db, "?\n", 80, 24, NULL);
	assert_has(s, "quit praxis");
	assert_has(s, "<C-r>");
	assert_has(s, "redo");
	free(s);
	free(db);
}

/* `?` lists the form and prompt keys with the rest (from the key table). */
static void test_help_lists_form_and_prompt_keys(void **state)
{
	char *db = make_db(NULL), *s;

	(void)state;
	s = run_keys(db, "?\n", 100, 200, NULL);
	assert_has(s, "forms");
	assert_has(s, "  <C-s>          save the form");
	assert_has(s, "  <Esc> q        close the form without saving");
	assert_has(s, "prompts and pickers");
	assert_has(s, "  <C-u>          clear the line");
	assert_has(s, "  <Down> <C-n>   picker: next match");
	free(s);
	free(db);
}

static void test_theme_attrs(void **state)
{
	char *db = make_db(NULL), *s;

	(void)state;
	s = run_keys(db, "\n", 80, 24, "--dump-attrs");
	assert_has(s, "  @0-23 pane.title.focus+bold");
	assert_has(s, "  @0-23 cursor");
	free(s);
	s = run_keys(db, "\n", 80, 24, "--dump-attrs --theme mono");
	assert_has(s, "  @0-23 pane.title.focus+bold+reverse");
	free(s);
	free(db);
}

static void test_bad_theme_names_line(void **state)
{
	char *db = make_db(NULL), *theme = fx_path(".yaml"), *args, *err = NULL;
	FILE *fp = fopen(theme, "w");

	(void)state;
	fputs("cursor: black on cyan\npane.titel: red\n", fp);
	fclose(fp);
	args = xasprintf("--db '%s' --theme '%s' --script /dev/null", db, theme);
	assert_int_not_equal(fx_run(args, NULL, &err), 0);
	assert_non_null(strstr(err, ":2:1: unknown role 'pane.titel'"));
	free(err);
	free(args);
	fp = fopen(theme, "w");
	fputs("cursor: black on nocolor\n", fp);
	fclose(fp);
	args = xasprintf("--db '%s' --theme '%s' --script /dev/null", db, theme);
	assert_int_not_equal(fx_run(args, NULL, &err), 0);
	assert_non_null(strstr(err, ":1:"));
	assert_non_null(strstr(err, "nocolor"));
	free(err);
	free(args);
	free(theme);
	free(db);
}

static const char wide_corpus[] =
	"praxis: 1\n"
	"participants:\n"
	"  - id: wf\n"
	"    pseudonym: 王芳\n"
	"vignettes:\n"
	"  - id: w1\n"
	"    title: 王芳の記録\n"
	"    date: 2026-01-05\n"
	"    participants: [wf]\n"
	"    text: \"王芳は言った。\\e[31mred\\u0007 café\"\n";

static void test_wide_characters_and_controls(void **state)
{
	char *db = make_db(wide_corpus), *s;

	(void)state;
	s = run_keys(db, "<Enter>\n", 80, 24, NULL);
	assert_line(s, 1, "01-05 王芳の記録   0 0 0│    王芳は言った。^[[31mred^G   │- ME                0");
	assert_has(s, " 王芳             1v 0c");
	assert_has(s, "café");
	free(s);
	free(db);
}

static void test_codings_under_cursor(void **state)
{
	char *db = make_db(NULL), *s;

	(void)state;
	s = run_keys(db, ":open v1\nwwwwww\nL\n", 80, 24, NULL);
	assert_has(s, "Codings under the cursor");
	assert_has(s, "SR/tools  tester");
	assert_has(s, "ME  (whole vignette) tester");
	free(s);
	s = run_keys(db, ":open v1\nwwwwwwL<Down>d\n", 80, 24, NULL);
	assert_has(s, "coding deleted");
	free(s);
	assert_int_equal(scalar(db, "SELECT count(*) FROM coding"), 2);
	free(db);
}

static void test_zoom_and_completion(void **state)
{
	char *db = make_db(NULL), *s;

	(void)state;
	s = run_keys(db, "z\n", 80, 24, NULL);
	assert_line(s, 0, " Vignettes 1/2");
	assert_lacks(s, "Codebook");
	free(s);
	s = run_keys(db, ":fil<Tab>par<Tab>bo<Enter>\n", 120, 30, NULL);
	assert_has(s, "filter: participant=Bo");
	free(s);
	free(db);
}

/* Writes the settings file under $XDG_CONFIG_HOME; returns its path. */
static char *write_config(const char *yaml)
{
	const char *xdg = getenv("XDG_CONFIG_HOME");
	char *dir, *path;
	FILE *fp;

	assert_non_null(xdg);
	dir = xasprintf("mkdir -p '%s/praxis'", xdg);
	assert_int_equal(system(dir), 0);
	free(dir);
	path = xasprintf("%s/praxis/config.yaml", xdg);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(yaml, fp);
	fclose(fp);
	return path;
}

/* Form and prompt keys rebind through settings like any other: with
 * form-save on <C-w> and form-next on J, <C-s> no longer saves; <C-k>
 * clears a prompt line once prompt-clear names it. */
static void test_config_rebinds_form_keys(void **state)
{
	static const char script[] =
		":open v1\nvllll\nc\nSR/words/slang<Enter>\ny\n"
		"J<Space>\n"                            /* participant Bo */
		"JJ<Enter>junk<C-k>nickname<Enter>\n"   /* memo */
		"%s\n";
	char *db, *s, *keys, *path;

	(void)state;
	path = write_config("keys:\n  form-save: \"<C-w>\"\n  form-next: \"J <Down>\"\n"
			    "  prompt-clear: \"<C-k>\"\n");
	for (int rebound = 0; rebound < 2; rebound++) {
		db = make_db(NULL);
		keys = xasprintf(script, rebound ? "<C-w>" : "<C-s>");
		s = run_keys(db, keys, 80, 24, NULL);
		if (rebound)
			assert_has(s, "coded SR/words/slang");
		else
			assert_lacks(s, "coded SR/words/slang");
		free(s);
		assert_int_equal(scalar(db, "SELECT count(*) FROM coding c JOIN code k"
				       " ON k.id = c.code_id WHERE k.name = 'slang'"
				       " AND c.memo = 'nickname'"), rebound);
		free(keys);
		free(db);
	}
	unlink(path);
	free(path);
}

static void test_config_rebinds_keys(void **state)
{
	char *db = make_db(NULL), *s, *path;

	(void)state;
	path = write_config("keys:\n  help: \"H\"\n");
	s = run_keys(db, "H\n", 80, 24, NULL);
	assert_has(s, "show this help");
	free(s);
	free(path);
	path = write_config("keys:\n  hlep: \"H\"\n");
	char *args = xasprintf("--db '%s' --script /dev/null", db), *err = NULL;
	assert_int_not_equal(fx_run(args, NULL, &err), 0);
	assert_non_null(strstr(err, "config.yaml:2:3: keys: unknown action 'hlep'"));
	unlink(path);
	free(err);
	free(args);
	free(path);
	free(db);
}

/* :export picks the format from the name, follows the filter and
 * pseudonymizes: v1's "Annie" (Ann's alias) is written as "Ann". */
static void test_export_command(void **state)
{
	char *db = make_db(NULL), *md = fx_path(".md"), *bad = fx_path(".doc"), *keys, *s, *text;

	(void)state;
	keys = xasprintf(":filter participant bo\n:export %s\n", md);
	s = run_keys(db, keys, 100, 30, NULL);
	assert_has(s, "exported to ");
	assert_has(s, "(filtered)");
	free(s);
	free(keys);
	text = fx_read_file(md, NULL);
	assert_non_null(text);
	assert_non_null(strstr(text, "Ann put the claim"));
	assert_null(strstr(text, "Annie"));
	assert_null(strstr(text, "Quota talk"));   /* v2 has no Bo: filtered out */
	free(text);
	keys = xasprintf(":export %s\n", bad);
	s = run_keys(db, keys, 120, 30, NULL);
	assert_has(s, "export: unknown format '.doc' (use .md .html .csv .yaml .qdpx .qdc .codebook.md .codebook.html .graphml)");
	free(s);
	free(keys);
	free(md);
	free(bad);
	free(db);
}

/* :export FILE.cs<Tab> completes the extension from the format table,
 * the one the CLI's --format reads too. */
static void test_export_completes_extension(void **state)
{
	char *db = make_db(NULL), *stem = fx_path(".cs"), *keys, *s, *html, *text;

	(void)state;
	keys = xasprintf(":export %s<Tab>\n", stem);
	s = run_keys(db, keys, 120, 30, NULL);
	assert_has(s, "exported to ");
	free(s);
	html = xasprintf("%sv", stem);
	text = fx_read_file(html, NULL);
	assert_non_null(text);
	assert_true(strncmp(text, "vignette_id,", 12) == 0);
	free(text);
	remove(html);
	free(html);
	free(keys);
	free(stem);
	free(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_start_screen_shows_every_pane),
		cmocka_unit_test(test_vignette_list_moves),
		cmocka_unit_test(test_reader_shows_text_and_stripes),
		cmocka_unit_test(test_participants_pane_filters),
		cmocka_unit_test(test_code_span_with_key_3),
		cmocka_unit_test(test_export_command),
		cmocka_unit_test(test_export_completes_extension),
		cmocka_unit_test(test_undo_and_redo),
		cmocka_unit_test(test_picker_creates_code_and_form_saves),
		cmocka_unit_test(test_picker_screen),
		cmocka_unit_test(test_config_rebinds_form_keys),
		cmocka_unit_test(test_help_lists_form_and_prompt_keys),
		cmocka_unit_test(test_filter_by_code),
		cmocka_unit_test(test_search_and_clear),
		cmocka_unit_test(test_retrieval_and_back),
		cmocka_unit_test(test_codebook_merge),
		cmocka_unit_test(test_codebook_add_and_undo),
		cmocka_unit_test(test_resize_to_tabs),
		cmocka_unit_test(test_too_small),
		cmocka_unit_test(test_help),
		cmocka_unit_test(test_theme_attrs),
		cmocka_unit_test(test_bad_theme_names_line),
		cmocka_unit_test(test_wide_characters_and_controls),
		cmocka_unit_test(test_codings_under_cursor),
		cmocka_unit_test(test_zoom_and_completion),
		cmocka_unit_test(test_config_rebinds_keys),
	};
	return cmocka_run_group_tests_name("tui screens", tests, NULL, NULL);
}
