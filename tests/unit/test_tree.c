/* test_tree.c: the project as a directory (issue 20, corpus_tree.h): a
 * tree written, read into a new file and written again is the same bytes
 * and the same rows in every table; a tree read over a project with
 * --replace becomes its content and keeps the file's settings; codings
 * are listed by start, end, code, coder and uuid; a deleted vignette's
 * file goes. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include "praxis/corpus_tree.h"
#include "praxis/sync_conflict.h"
#include "praxis/util.h"
#include "praxis/vignette.h"
#include "dbcompare.h"
#include "fixture.h"
#include "fullproject.h"

static void must(int rc, const px_err *e, const char *what)
{
	if (rc)
		fail_msg("%s: %s", what, e->msg);
}

/* Every file of the tree at dir, as "PATH\nBYTES\n" joined in name order. */
static char *tree_text(const char *dir)
{
	char *cmd = xasprintf("cd '%s' && find . -type f | LC_ALL=C sort", dir);
	FILE *p = popen(cmd, "r");
	char line[4096];
	strbuf b;

	sb_init(&b);
	assert_non_null(p);
	while (fgets(line, sizeof(line), p)) {
		line[strcspn(line, "\n")] = 0;
		char *path = xasprintf("%s/%s", dir, line);
		size_t len;
		char *text = fx_read_file(path, &len);
		assert_non_null(text);
		sb_printf(&b, "%s\n", line);
		sb_addn(&b, text, len);
		free(text);
		free(path);
	}
	pclose(p);
	free(cmd);
	return sb_steal(&b);
}

static char *export_dir(px_db *db)
{
	char *dir = fx_path(".tree");
	tree_changes ch;
	px_err e = { 0 };

	must(tree_export(db, dir, &ch, &e), &e, "tree export");
	assert_true(ch.paths.n > 1);
	tree_changes_free(&ch);
	return dir;
}

static void test_round_trip_is_byte_identical(void **state)
{
	px_db *a = fullproject_db(), *b = fx_db();
	char *d1, *d2, *t1, *t2, msg[4096];
	px_err e = { 0 };

	(void)state;
	/* a conflict travels too */
	sync_conflict c = { 0 };
	c.kind = "text";
	c.vignette = "interview";
	c.theirs_text = "their text\nover two lines\n";
	c.description = "both edited the text";
	must(sync_conflict_add(a, &c, &e), &e, "conflict");
	free(c.uuid), free(c.created);
	c.uuid = NULL, c.created = NULL;
	d1 = export_dir(a);
	must(tree_import(b, d1, 0, 0, NULL, &e), &e, "tree import");
	if (dbc_compare(a, b, NULL, msg, sizeof(msg)))
		fail_msg("%s", msg);
	d2 = export_dir(b);
	t1 = tree_text(d1);
	t2 = tree_text(d2);
	assert_string_equal(t1, t2);
	assert_non_null(strstr(t1, "conflicts:"));
	/* written again unchanged, nothing is rewritten */
	tree_changes ch;
	must(tree_export(b, d2, &ch, &e), &e, "again");
	assert_int_equal(ch.paths.n, 0);
	tree_changes_free(&ch);
	free(t1);
	free(t2);
	free(d1);
	free(d2);
	db_close(a);
	db_close(b);
}

/* Read over a project that holds other things, the tree replaces them and
 * the file's own settings stay. */
static void test_replace_keeps_settings(void **state)
{
	px_db *a = fullproject_db(), *b = fx_db_with(fx_small_corpus);
	char *d1 = export_dir(a), *value = NULL, msg[4096];
	px_err e = { 0 };

	(void)state;
	must(db_meta_set(b, "sync_time", "2026-01-01T00:00:00Z", &e), &e, "meta");
	must(tree_import(b, d1, 0, 1, NULL, &e), &e, "replace");
	must(db_meta_get(b, "sync_time", &value, &e), &e, "meta get");
	assert_string_equal(value, "2026-01-01T00:00:00Z");
	free(value);
	/* the settings row aside, the two now hold the same */
	must(db_exec(b, "DELETE FROM meta WHERE key = 'sync_time'", &e), &e, "drop");
	if (dbc_compare(a, b, NULL, msg, sizeof(msg)))
		fail_msg("%s", msg);
	free(d1);
	db_close(a);
	db_close(b);
}

static const char two_codings[] =
	"praxis: 1\n"
	"coders: [{id: zed}, {id: amy}]\n"
	"vignettes:\n"
	"  - id: v/1\n"
	"    title: T\n"
	"    date: 2026-01-01\n"
	"    text: the whiteboard and the pager\n"
	"    codings:\n"
	"      - {code: SR, quote: pager, coder: amy}\n"
	"      - {code: SR, quote: whiteboard, coder: zed}\n"
	"      - {code: ME, quote: whiteboard, coder: amy}\n"
	"  - id: gone\n"
	"    title: G\n"
	"    date: 2026-01-02\n"
	"    text: x\n";

static void test_order_names_and_stale_files(void **state)
{
	px_db *db = fx_db_with(two_codings);
	char *dir = export_dir(db), *path, *text, *gone;
	px_err e = { 0 };
	int64_t id;

	(void)state;
	path = xasprintf("%s/vignettes/v%%2F1.yaml", dir);
	text = fx_read_file(path, NULL);
	assert_non_null(text);
	/* whiteboard (4..14) before pager; at one span, ME before SR */
	char *me = strstr(text, "code: ME"), *sr = strstr(text, "code: SR"),
	     *pager = strstr(text, "quote: pager");
	assert_true(me && sr && pager && me < sr && sr < pager);
	gone = xasprintf("%s/vignettes/gone.yaml", dir);
	assert_int_equal(access(gone, F_OK), 0);
	must(vignette_find(db, "gone", &id, &e), &e, "find");
	must(vignette_delete(db, id, &e), &e, "delete");
	tree_changes ch;
	must(tree_export(db, dir, &ch, &e), &e, "again");
	assert_int_equal(ch.paths.n, 1);
	assert_string_equal(ch.paths.v[0], "vignettes/gone.yaml");
	assert_int_not_equal(access(gone, F_OK), 0);
	tree_changes_free(&ch);
	free(gone);
	free(text);
	free(path);
	free(dir);
	db_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip_is_byte_identical),
		cmocka_unit_test(test_replace_keeps_settings),
		cmocka_unit_test(test_order_names_and_stale_files),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
