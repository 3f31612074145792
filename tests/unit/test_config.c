/* test_config.c: the settings file and its precedence (option >
 * environment > file > default) for coder, database and theme; keys from
 * the file rebinding the headless interface; exact FILE:LINE:COL errors;
 * `praxis config`. Each test writes its own settings under its own
 * $XDG_CONFIG_HOME. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <cmocka.h>
#include "praxis/config.h"
#include "praxis/util.h"
#include "fixture.h"
#include "screen.h"

/* A fresh $XDG_CONFIG_HOME holding praxis/config.yaml with text (no file
 * if text is NULL); returns the file's path (caller frees). */
static char *cfg_write(const char *text)
{
	char *home = fx_path("-xdg"), *dir = xasprintf("%s/praxis", home);
	char *path = xasprintf("%s/config.yaml", dir);
	FILE *fp;

	assert_int_equal(mkdir(home, 0700), 0);
	assert_int_equal(mkdir(dir, 0700), 0);
	setenv("XDG_CONFIG_HOME", home, 1);
	if (text) {
		assert_non_null(fp = fopen(path, "w"));
		fputs(text, fp);
		assert_int_equal(fclose(fp), 0);
	}
	free(home);
	free(dir);
	return path;
}

static int setup(void **state)
{
	(void)state;
	unsetenv("PRAXIS_CODER");
	unsetenv("PRAXIS_DB");
	return 0;
}

/* The status line of a headless run with exactly these options. */
static char *status_with(const char *db, const char *opts)
{
	char *keys = fx_path(".keys"), *out = fx_path(".screen"), *args, *err = NULL;
	char *screen, *line = NULL;
	FILE *fp = fopen(keys, "w");

	assert_non_null(fp);
	fputs("# nothing\n", fp);
	fclose(fp);
	args = xasprintf("--db '%s' %s --script '%s' --dump-screen '%s'", db, opts, keys, out);
	if (fx_run(args, NULL, &err) != 0)
		fail_msg("praxis %s: %s", args, err ? err : "");
	assert_non_null(screen = fx_read_file(out, NULL));
	for (int i = 0; i < 60 && !line; i++) {
		char *l = fx_screen_line(screen, i);
		if (strstr(l, "| coder "))
			line = l;
		else
			free(l);
	}
	assert_non_null(line);
	free(screen);
	free(err);
	free(args);
	free(keys);
	free(out);
	return line;
}

static void assert_coder(const char *db, const char *opts, const char *want)
{
	char *line = status_with(db, opts), *w = xasprintf("| coder %s |", want);

	if (!strstr(line, w))
		fail_msg("status '%s' lacks '%s'", line, w);
	free(w);
	free(line);
}

static void test_coder_precedence(void **state)
{
	char *db = fx_screen_db(NULL), *path;

	(void)state;
	path = cfg_write(NULL);
	assert_coder(db, "", "tester");             /* the project's first coder */
	free(path);
	path = cfg_write("coder: maria\n");
	assert_coder(db, "", "maria");              /* the file beats the project */
	setenv("PRAXIS_CODER", "bob", 1);
	assert_coder(db, "", "bob");                /* the environment beats the file */
	assert_coder(db, "--coder carl", "carl");   /* the option beats them all */
	unsetenv("PRAXIS_CODER");
	/* the file's coder was created in the project like --coder's */
	assert_int_equal(fx_scalar(db, "SELECT count(*) FROM coder WHERE ext_id = 'maria'"), 1);
	free(path);
	free(db);
}

static void test_database_precedence(void **state)
{
	char *full = fx_screen_db(NULL), *other = fx_path(".db"), *empty = fx_path(".db");
	char *text = xasprintf("database: %s\n", full), *path, *out = NULL, *args;

	(void)state;
	args = xasprintf("--db '%s' init", other);
	assert_int_equal(fx_run(args, NULL, NULL), 0);
	free(args);
	args = xasprintf("--db '%s' init", empty);
	assert_int_equal(fx_run(args, NULL, NULL), 0);
	free(args);
	path = cfg_write(text);
	/* the file's database, not ./praxis.db */
	assert_int_equal(fx_run("list vignettes --format csv", &out, NULL), 0);
	assert_non_null(strstr(out, "The pile"));
	free(out);
	/* $PRAXIS_DB beats the file */
	setenv("PRAXIS_DB", other, 1);
	assert_int_equal(fx_run("list vignettes --format csv", &out, NULL), 0);
	assert_null(strstr(out, "The pile"));
	free(out);
	assert_int_equal(fx_run("config --format csv", &out, NULL), 0);
	args = xasprintf("database,text,%s,environment,$PRAXIS_DB,", other);
	assert_non_null(strstr(out, args));
	free(args);
	free(out);
	/* --db beats both */
	args = xasprintf("--db '%s' config --format json", empty);
	assert_int_equal(fx_run(args, &out, NULL), 0);
	free(args);
	args = xasprintf("{\"setting\": \"database\", \"type\": \"text\", \"value\": \"%s\", "
			 "\"source\": \"option\", \"origin\": \"--db\"", empty);
	assert_non_null(strstr(out, args));
	free(args);
	free(out);
	unsetenv("PRAXIS_DB");
	free(path);
	free(text);
	free(full);
	free(other);
	free(empty);
}

static void test_database_home_relative(void **state)
{
	char *path = cfg_write("database: ~/projects/field.db\n"), *out = NULL, *want;

	(void)state;
	assert_int_equal(fx_run("config --format csv", &out, NULL), 0);
	want = xasprintf("database,text,%s/projects/field.db,config file,%s:1:11,",
			 getenv("HOME"), path);
	assert_non_null(strstr(out, want));
	free(want);
	free(out);
	free(path);
}

/* A theme file whose focused title is underlined instead of bold. */
static char *underline_theme(void)
{
	char *theme = fx_path(".yaml");
	FILE *fp = fopen(theme, "w");

	assert_non_null(fp);
	fputs("pane.title.focus: red on blue underline\n", fp);
	fclose(fp);
	return theme;
}

static void test_theme_from_config(void **state)
{
	char *db = fx_screen_db(NULL), *theme = underline_theme();
	char *text = xasprintf("theme: %s\n", theme), *path = cfg_write(text), *s, *err = NULL;
	char *args;

	(void)state;
	s = fx_screen_run(db, "# nothing\n", 80, 24, "--dump-attrs");
	fx_assert_has(s, "pane.title.focus+underline");
	fx_assert_lacks(s, "pane.title.focus+bold");
	free(s);
	/* --theme beats the file */
	s = fx_screen_run(db, "# nothing\n", 80, 24, "--dump-attrs --theme default");
	fx_assert_has(s, "pane.title.focus+bold");
	fx_assert_lacks(s, "pane.title.focus+underline");
	free(s);
	free(path);
	free(text);
	/* a theme the file names that does not exist: the file's mark */
	path = cfg_write("theme: nosuch\n");
	args = xasprintf("--db '%s' --script /dev/null", db);
	assert_int_equal(fx_run(args, NULL, &err), 1);
	free(args);
	args = xasprintf("praxis: %s:1:8: theme: no theme 'nosuch' (try default, light, "
			 "high-contrast, mono, or a file path)\n", path);
	assert_string_equal(err, args);
	free(args);
	free(err);
	free(path);
	free(theme);
	free(db);
}

static void test_keys_from_config_rebind(void **state)
{
	char *db = fx_screen_db(NULL), *path, *s;

	(void)state;
	path = cfg_write("keys:\n  help: \"H <F2>\"\n");
	s = fx_screen_run(db, "H\n", 80, 24, NULL);
	fx_assert_line(s, 0, " Help");
	fx_assert_has(s, "H <F2>         show this help");
	free(s);
	/* the old key is gone */
	s = fx_screen_run(db, "?\n", 80, 24, NULL);
	fx_assert_lacks(s, " Help");
	fx_assert_has(s, "?: no action here");
	free(s);
	free(path);
	free(db);
}

/* Runs args with the settings text; checks exit 1, nothing on stdout and
 * exactly "praxis: FILE:" want on stderr. */
static void assert_bad(const char *text, const char *args, const char *want)
{
	char *path = cfg_write(text), *out = NULL, *err = NULL, *full;

	assert_int_equal(fx_run(args, &out, &err), 1);
	assert_string_equal(out, "");
	full = xasprintf("praxis: %s:%s\n", path, want);
	assert_string_equal(err, full);
	free(full);
	free(out);
	free(err);
	free(path);
}

static void test_bad_files(void **state)
{
	(void)state;
	assert_bad("theme: light\ncolour: red\n", "list vignettes",
		   "2:1: unknown setting 'colour' (known: coder, database, theme, keys)");
	assert_bad("coder: [a, b]\n", "list codes", "1:8: coder: expected text, not a list");
	assert_bad("coder: Maria Z\n", "config",
		   "1:8: coder: 'Maria Z': use only a-z, 0-9, '_' and '-'");
	assert_bad("database: {x: 1}\n", "config", "1:11: database: expected text, not a mapping");
	assert_bad("keys: U\n", "config",
		   "1:7: keys: expected a mapping of action: key names, not text");
	assert_bad("keys:\n  undo: \"U <Foo>\"\n", "list vignettes",
		   "2:9: keys: bad key name in 'U <Foo>' (use a character, <C-x>, <Enter>,"
		   " <Esc>, <Tab>, <Space>, <Up>, <F1>...)");
	assert_bad("keys:\n  undo: U\n  frobnicate: x\n", "--script /dev/null",
		   "3:3: keys: unknown action 'frobnicate' (see the help, `?`)");
	assert_bad("keys:\n  undo: [U]\n", "config",
		   "2:9: keys: undo: expected key names like \"U <C-z>\", not a list");
	assert_bad("coder: a\n---\ncoder: b\n", "config",
		   "2:1: a second YAML document; this file holds one");
	assert_bad("- coder\n", "config",
		   "1:1: settings are a mapping of setting: value (known: coder, database, theme, keys)");
}

static void test_help_survives_bad_file(void **state)
{
	static const struct { const char *args, *want; } asks[] = {
		{ "--help", "  coder      who is coding" },
		{ "--version", "praxis " },
		{ "list --help", "usage: praxis list" },
		{ "help config", "usage: praxis config" },
	};
	char *path = cfg_write("colour: red\n"), *out = NULL;

	(void)state;
	for (size_t i = 0; i < sizeof(asks) / sizeof(asks[0]); i++) {
		assert_int_equal(fx_run(asks[i].args, &out, NULL), 0);
		if (!strstr(out, asks[i].want))
			fail_msg("praxis %s: no '%s' in %s", asks[i].args, asks[i].want, out);
		free(out);
	}
	free(path);
}

static void test_empty_or_missing_file(void **state)
{
	char *path, *out = NULL;

	(void)state;
	path = cfg_write("# only a comment\n");
	assert_int_equal(fx_run("config --format csv", &out, NULL), 0);
	assert_non_null(strstr(out, "\ntheme,text,default,default,,"));
	free(out);
	free(path);
	path = cfg_write(NULL);
	assert_int_equal(fx_run("config --path", &out, NULL), 0);
	assert_non_null(strstr(out, path));
	free(out);
	free(path);
}

static void test_config_command_lists_table(void **state)
{
	char *path = cfg_write("coder: maria\nkeys:\n  undo: \"U <C-z>\"\n  quit: Q\n");
	char *out = NULL, *want;

	(void)state;
	setenv("PRAXIS_CODER", "bob", 1);
	assert_int_equal(fx_run("--theme light config --format csv", &out, NULL), 0);
	unsetenv("PRAXIS_CODER");
	/* CSV lines end in CRLF (RFC 4180) */
	want = xasprintf(
		"setting,type,value,source,origin,help\r\n"
		"coder,text,bob,environment,$PRAXIS_CODER,\"%s\"\r\n"
		"database,text,praxis.db,default,,%s\r\n"
		/* CSV guards a cell starting with - against spreadsheet formulas */
		"theme,text,light,option,\"'--theme\",\"%s\"\r\n"
		"keys,mapping,undo: U <C-z>; quit: Q,config file,%s:3:3,\"%s\"\r\n",
		config_options[CFG_CODER].help, config_options[CFG_DATABASE].help,
		config_options[CFG_THEME].help, path, "interface keys: a mapping of action: key "
		"names, e.g. {undo: \"\"U <C-z>\"\"}; `?` lists the actions");
	assert_string_equal(out, want);
	free(want);
	free(out);
	/* every row of the table, in the table's order, in the aligned form */
	assert_int_equal(fx_run("config", &out, NULL), 0);
	const char *at = out;
	for (int i = 0; i < CFG_COUNT; i++) {
		char *row = xasprintf("\n%s ", config_options[i].name);
		assert_non_null(at = strstr(at, row));
		free(row);
	}
	assert_non_null(strstr(out, "maria"));
	assert_non_null(strstr(out, "config file"));
	free(out);
	assert_int_equal(fx_run("config --format xml", NULL, NULL), 1);
	free(path);
}

/* The man page and README describe the settings by hand: each row of the
 * table must be there, with its type, so the docs cannot drift from it. */
static void test_docs_match_table(void **state)
{
	char *man_path = xasprintf("%s/man/praxis.1", fx_top());
	char *readme_path = xasprintf("%s/README.md", fx_top());
	char *man = fx_read_file(man_path, NULL), *readme = fx_read_file(readme_path, NULL);
	const char *conf;

	(void)state;
	assert_non_null(man);
	assert_non_null(readme);
	assert_non_null(conf = strstr(man, "\n.SH CONFIGURATION\n"));
	for (int i = 0; i < CFG_COUNT; i++) {
		const struct config_option *o = &config_options[i];
		char *m = xasprintf("\n.BR %s \" (%s)\"\n", o->name, config_type_name(o->type));
		char *r = xasprintf("\n| `%s` | %s | ", o->name, config_type_name(o->type));
		if (!strstr(conf, m))
			fail_msg("man page CONFIGURATION lacks %s", m);
		if (!strstr(readme, r))
			fail_msg("README Settings lacks %s", r);
		free(m);
		free(r);
	}
	free(man);
	free(readme);
	free(man_path);
	free(readme_path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_coder_precedence, setup),
		cmocka_unit_test_setup(test_database_precedence, setup),
		cmocka_unit_test_setup(test_database_home_relative, setup),
		cmocka_unit_test_setup(test_theme_from_config, setup),
		cmocka_unit_test_setup(test_keys_from_config_rebind, setup),
		cmocka_unit_test_setup(test_bad_files, setup),
		cmocka_unit_test_setup(test_help_survives_bad_file, setup),
		cmocka_unit_test_setup(test_empty_or_missing_file, setup),
		cmocka_unit_test_setup(test_config_command_lists_table, setup),
		cmocka_unit_test(test_docs_match_table),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
