/* test_memo.c: memos with several targets of every kind: the core, the
 * migration from single-target memos, `praxis memo`, and the corpus YAML
 * carrying them losslessly. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include "praxis/project.h"
#include "praxis/corpus.h"
#include "praxis/export.h"
#include "praxis/export_ctx.h"
#include "praxis/memo.h"
#include "praxis/memo_table.h"
#include "praxis/merge.h"
#include "praxis/util.h"
#include "../../src/core/schema.h"
#include "fixture.h"

/* A coding target named by its vignette and span instead of its uuid (a
 * coding's uuid is new in an imported file until the corpus format
 * carries it). */
static void coding_by_span(px_db *db, char **cell)
{
	sqlite3_stmt *st;
	const char *at = strstr(*cell, "coding:");

	if (!at)
		return;
	assert_int_equal(sqlite3_prepare_v2(db_sqlite(db), "SELECT v.ext_id || '@' ||"
		" coalesce(c.start, '') FROM coding c JOIN vignette v ON v.id = c.vignette_id"
		" WHERE c.uuid = ?", -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_text(st, 1, at + 7, 36, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	free(*cell);
	*cell = xasprintf("coding:%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The lines of s in sorted order (frees s): memos nested in a file come
 * back in another insertion order. */
static char *sorted_lines(char *s)
{
	strlist l = { 0 };
	strbuf b;

	for (char *line = strtok(s, "\n"); line; line = strtok(NULL, "\n"))
		sl_push(&l, line);
	qsort(l.v, l.n, sizeof(*l.v), cmp_str);
	sb_init(&b);
	for (size_t i = 0; i < l.n; i++)
		sb_printf(&b, "%s\n", l.v[i]);
	sl_free(&l);
	free(s);
	return sb_steal(&b);
}

/* The memo table as CSV without the row ids, in sorted order: what "the same memos" means
 * between two databases. */
static char *memo_csv(px_db *db)
{
	px_names nm = { 0 };
	px_err e = { 0 };
	tabular t;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	memo_filter all;

	tab_init(&t);
	assert_int_equal(names_load(db, &nm, &e), PX_OK);
	memo_filter_init(&all);
	assert_int_equal(memo_tabulate(db, &nm, &all, &t, NULL, NULL, &e), PX_OK);
	for (size_t i = 0; i < t.cells.n; i += t.cols.n) {
		free(t.cells.v[i]);
		t.cells.v[i] = xstrdup("");
		coding_by_span(db, &t.cells.v[i + 6]);
	}
	assert_int_equal(tab_write(&t, f, TAB_CSV), 0);
	fclose(f);
	tab_free(&t);
	names_free(&nm);
	return sorted_lines(buf);
}

static int64_t add_memo(px_db *db, const char *const *targets, const char *title,
			const char *text)
{
	px_memo m = { 0 };
	px_err e = { 0 };
	int64_t id;

	for (; *targets; targets++) {
		px_memo_on on;
		assert_int_equal(memo_target_parse(db, *targets, &on, &e), PX_OK);
		memo_on_push(&m, on.kind, on.id);
	}
	m.coder_id = fx_coder(db, "tester");
	m.title = title ? xstrdup(title) : NULL;
	m.text = xstrdup(text);
	assert_int_equal(memo_add(db, &m, &e), PX_OK);
	id = m.id;
	memo_free(&m);
	return id;
}

/* Memos on every kind of target, one on several. */
static px_db *memo_db(void)
{
	px_db *db = fx_db_with(fx_small_corpus);
	char spec[80];
	int64_t cid = db_scalar(db, "SELECT min(id) FROM coding");
	static const char *const project[] = { "project", NULL };
	static const char *const code[] = { "code:SR/tools", NULL };
	static const char *const person[] = { "participant:ann", NULL };
	static const char *const site[] = { "community:desk", NULL };
	static const char *const vig[] = { "vignette:v1", NULL };
	static const char *const rep[] = { "repertoire:pile", NULL };
	static const char *const acc[] = { "accountability:quota", NULL };
	static const char *const many[] = {
		"code:SR/tools", "vignette:v2", "participant:bo", "project", NULL
	};
	const char *coding[] = { spec, NULL };

	snprintf(spec, sizeof(spec), "coding:%lld", (long long)cid);
	add_memo(db, project, "Where this is going", "The pile is the\nstory.\n");
	add_memo(db, code, NULL, "tools that hold doubt");
	add_memo(db, person, NULL, "Annie/Ann is the pile's keeper");
	add_memo(db, site, NULL, "the desk as a community");
	add_memo(db, vig, "first", "the vignette");
	add_memo(db, coding, NULL, "why this span");
	add_memo(db, rep, NULL, "the pile as repertoire");
	add_memo(db, acc, NULL, "quota talk");
	add_memo(db, many, "Across", "links a code, a vignette, a person, the project");
	return db;
}

static void test_memo_targets_and_cleanup(void **state)
{
	px_db *db = memo_db();
	px_memo m;
	px_err e = { 0 };
	px_memo_on on;
	int64_t id = db_scalar(db, "SELECT id FROM memo WHERE title = 'Across'");

	(void)state;
	assert_int_equal(memo_get(db, id, &m, &e), PX_OK);
	assert_int_equal(m.n_on, 4);
	assert_int_equal(m.on[0].kind, MEMO_CODE);
	assert_int_equal(m.on[3].kind, MEMO_PROJECT);
	memo_free(&m);
	/* bad targets: clear messages */
	assert_int_equal(memo_target_parse(db, "vignette:nope", &on, &e), PX_ENOTFOUND);
	assert_non_null(strstr(e.msg, "no vignette 'nope'"));
	assert_int_equal(memo_target_parse(db, "shelf:x", &on, &e), PX_EDATA);
	assert_int_equal(memo_target_parse(db, "code", &on, &e), PX_EDATA);
	assert_int_equal(memo_target_parse(db, "project:1", &on, &e), PX_EDATA);
	/* deleting a target drops it from the memo; the memo goes with its last */
	assert_int_equal(db_exec(db, "DELETE FROM vignette WHERE ext_id = 'v1'", &e), PX_OK);
	assert_int_equal(db_scalar(db, "SELECT count(*) FROM memo WHERE title = 'first'"), 0);
	assert_int_equal(db_scalar(db, "SELECT count(*) FROM memo WHERE text = 'why this span'"),
			 0);
	assert_int_equal(db_exec(db, "DELETE FROM vignette WHERE ext_id = 'v2'", &e), PX_OK);
	assert_int_equal(db_scalar(db, "SELECT count(*) FROM memo_target WHERE memo_id = "
				   "(SELECT id FROM memo WHERE title = 'Across')"), 3);
	db_close(db);
}

/* A file made before memos had several targets keeps its memos on the
 * same targets, searchable. */
static void test_migration_from_single_target(void **state)
{
	const char *list[2] = { NULL, schema_migrations[1] };
	char *path = fx_path(".db");
	px_db *db = NULL;
	px_err e = { 0 };

	(void)state;
	schema_active = list;
	schema_active_count = 1;
	assert_int_equal(project_open(path, PROJECT_CREATE, &db, &e), PX_OK);
	schema_active = schema_migrations;
	schema_active_count = schema_version_count;
	assert_int_equal(db_exec(db, "INSERT INTO memo(target, target_id, text, uuid, created,"
				 " updated) VALUES (0, 0, 'on the project', 'u1', 't', 't'),"
				 " (2, 4, 'on a code', 'u2', 't', 't')", &e), PX_OK);
	db_close(db);
	assert_int_equal(project_open(path, 0, &db, &e), PX_OK);
	assert_int_equal(db_scalar(db, "PRAGMA user_version"), schema_version_count);
	assert_int_equal(db_scalar(db, "SELECT count(*) FROM memo m JOIN memo_target t ON"
				   " t.memo_id = m.id WHERE t.kind = 2 AND t.target_id = 4"
				   " AND m.text = 'on a code'"), 1);
	assert_int_equal(db_scalar(db, "SELECT count(*) FROM memo_fts WHERE memo_fts MATCH"
				   " 'project'"), 1);
	/* the code's cleanup trigger now works on memo_target */
	assert_int_equal(db_exec(db, "DELETE FROM code WHERE id = 4", &e), PX_OK);
	assert_int_equal(db_scalar(db, "SELECT count(*) FROM memo"), 1);
	db_close(db);
	free(path);
}

static int count_memo(const px_memo *m, void *ud)
{
	(void)m;
	++*(int *)ud;
	return 0;
}

/* The memos a search finds (memo_each_filtered: the memos view's). */
static int memos_found(px_db *db, const char *words)
{
	memo_filter f;
	px_err e = { 0 };
	int n = 0;

	memo_filter_init(&f);
	f.search = words;
	assert_int_equal(memo_each_filtered(db, &f, count_memo, &n, &e), PX_OK);
	return n;
}

/* A memo is found by its title as well as its text, and a new title
 * replaces the old one in the index. */
static void test_title_searchable(void **state)
{
	px_db *db = memo_db();
	px_err e = { 0 };
	int64_t id = db_scalar(db, "SELECT id FROM memo WHERE title = 'Across'");

	(void)state;
	assert_int_equal(memos_found(db, "across"), 1);       /* title only */
	assert_int_equal(memos_found(db, "links"), 1);        /* text */
	assert_int_equal(memos_found(db, "across links"), 1); /* one word from each */
	assert_int_equal(memos_found(db, "going"), 1);        /* "Where this is going" */
	assert_int_equal(memo_set_title(db, id, "Crossing over", &e), PX_OK);
	assert_int_equal(memos_found(db, "across"), 0);
	assert_int_equal(memos_found(db, "crossing"), 1);
	assert_int_equal(memo_update(db, id, "new words", &e), PX_OK);
	assert_int_equal(memos_found(db, "crossing"), 1);
	assert_int_equal(memos_found(db, "links"), 0);
	assert_int_equal(memo_delete(db, id, &e), PX_OK);
	assert_int_equal(memos_found(db, "crossing"), 0);
	assert_int_equal(db_scalar(db, "SELECT count(*) FROM memo_fts WHERE memo_fts MATCH"
				   " 'title:going'"), 1);
	db_close(db);
}

/* A file of schema 9 (memo_fts over the text alone) with titled memos:
 * after the migration the titles are searchable, the texts still are, and
 * the index follows edits. */
static void test_migration_indexes_titles(void **state)
{
	char *path = fx_path(".db");
	px_db *db = NULL;
	px_err e = { 0 };

	(void)state;
	schema_active_count = 9;
	assert_int_equal(project_open(path, PROJECT_CREATE, &db, &e), PX_OK);
	schema_active_count = schema_version_count;
	assert_int_equal(db_exec(db, "INSERT INTO memo(id, title, text, uuid, created, updated)"
				 " VALUES (1, 'Liminal', 'plain words', 'm1', 't', 't'),"
				 " (2, NULL, 'untitled', 'm2', 't', 't');"
				 "INSERT INTO memo_target VALUES (1, 0, 0, 0), (2, 0, 0, 0);", &e), PX_OK);
	assert_int_equal(db_scalar(db, "SELECT count(*) FROM memo_fts WHERE memo_fts MATCH"
				   " 'liminal'"), 0);
	db_close(db);
	assert_int_equal(project_open(path, 0, &db, &e), PX_OK);
	assert_int_equal(db_scalar(db, "PRAGMA user_version"), schema_version_count);
	assert_int_equal(memos_found(db, "liminal"), 1);
	assert_int_equal(memos_found(db, "plain"), 1);
	assert_int_equal(memos_found(db, "untitled"), 1);
	assert_int_equal(db_exec(db, "UPDATE memo SET title = 'Threshold' WHERE id = 2", &e),
			 PX_OK);
	assert_int_equal(memos_found(db, "threshold"), 1);
	assert_int_equal(db_exec(db, "INSERT INTO memo_fts(memo_fts) VALUES ('integrity-check')",
				 &e), PX_OK);
	db_close(db);
	unlink(path);
	free(path);
}

/* export YAML -> import into a new file -> export: the same bytes and the
 * same memos, every kind of target. */
static void test_yaml_round_trip_keeps_memos(void **state)
{
	px_db *a = memo_db(), *b = fx_db();
	char *ya = fx_corpus_text(a), *yb, *ma = memo_csv(a), *mb;
	char msg[512];

	(void)state;
	assert_non_null(strstr(ya, "\nmemos:\n- on: [project]\n"));
	assert_non_null(strstr(ya, "  title: Where this is going\n  text: |\n    The pile is"));
	assert_non_null(strstr(ya, "- on: ['code:SR/tools', 'vignette:v2', 'participant:bo', "
			       "project]\n"));
	assert_int_equal(fx_import(b, ya, msg, sizeof(msg)), PX_OK);
	yb = fx_corpus_text(b);
	mb = memo_csv(b);
	assert_string_equal(ya, yb);
	assert_string_equal(ma, mb);
	assert_int_equal(db_scalar(b, "SELECT count(*) FROM memo"), 9);
	free(ya);
	free(yb);
	free(ma);
	free(mb);
	db_close(a);
	db_close(b);
}

/* Today's files: a vignette memo with text alone still reads; a bad
 * target is a located error and nothing is written. */
static void test_yaml_old_and_bad_memos(void **state)
{
	px_db *db = fx_db();
	char msg[512];
	static const char old[] =
		"praxis: 1\n"
		"vignettes:\n"
		"  - id: v1\n    title: T\n    date: 2026-01-01\n    text: some text\n"
		"    memos:\n      - text: an old memo\n";
	static const char bad[] =
		"praxis: 1\n"
		"memos:\n"
		"  - on: [project]\n    text: fine\n"
		"  - on: [code:SR/nothing]\n    text: lost\n";
	static const char again[] =
		"praxis: 1\n"
		"memos:\n"
		"  - on: [project]\n    uuid: 11111111-2222-4333-8444-555555555555\n"
		"    text: once\n";

	(void)state;
	assert_int_equal(fx_import(db, old, msg, sizeof(msg)), PX_OK);
	assert_int_equal(db_scalar(db, "SELECT count(*) FROM memo_target WHERE kind = 1"), 1);
	assert_int_not_equal(fx_import(db, bad, msg, sizeof(msg)), PX_OK);
	assert_non_null(strstr(msg, ":5:"));
	assert_non_null(strstr(msg, "code:SR/nothing"));
	assert_int_equal(db_scalar(db, "SELECT count(*) FROM memo"), 1);
	assert_int_equal(fx_import(db, again, msg, sizeof(msg)), PX_OK);
	assert_int_equal(fx_import(db, again, msg, sizeof(msg)), PX_OK);
	assert_int_equal(db_scalar(db, "SELECT count(*) FROM memo WHERE text = 'once'"), 1);
	db_close(db);
}

static char *project_file(void)
{
	char *path = fx_path(".db"), *yaml = fx_path(".yaml"), *cmd;
	FILE *f = fopen(yaml, "w");

	assert_non_null(f);
	fputs(fx_small_corpus, f);
	fclose(f);
	cmd = xasprintf("--db %s --coder tester import %s", path, yaml);
	assert_int_equal(fx_run(cmd, NULL, NULL), 0);
	free(cmd);
	free(yaml);
	return path;
}

static int run_on(const char *path, const char *args, char **out, char **err)
{
	char *cmd = xasprintf("--db %s --coder tester %s", path, args);
	int rc = fx_run(cmd, out, err);

	free(cmd);
	return rc;
}

static void test_cli_memo(void **state)
{
	char *path = project_file(), *out = NULL, *err = NULL;

	(void)state;
	assert_int_equal(run_on(path, "memo add --on code:SR/tools --on vignette:v1 "
				"--title Tools 'holds doubt'", &out, NULL), 0);
	assert_string_equal(out, "memo 1 added\n");
	free(out);
	assert_int_equal(run_on(path, "memo add --on project 'the project'", NULL, NULL), 0);
	/* bad targets: exit 2, a clear message, nothing written */
	assert_int_equal(run_on(path, "memo add --on project --on vignette:v9 x", NULL, &err), 2);
	assert_non_null(strstr(err, "memo target 'vignette:v9': no vignette 'v9'"));
	free(err);
	assert_int_equal(run_on(path, "memo add --on shelf:1 x", NULL, &err), 2);
	assert_non_null(strstr(err, "the kind must be one of"));
	free(err);
	assert_int_equal(run_on(path, "memo add x", NULL, NULL), 1);
	assert_int_equal(run_on(path, "memo list --format csv", &out, NULL), 0);
	assert_non_null(strstr(out, "id,uuid,author,created,updated,title,targets,text\r\n1,"));
	assert_non_null(strstr(out, ",tester,"));
	assert_non_null(strstr(out, ",Tools,code:SR/tools;vignette:v1,holds doubt\r\n"));
	assert_non_null(strstr(out, ",,project,the project\r\n"));
	assert_null(strstr(out, "v9"));
	free(out);
	assert_int_equal(run_on(path, "memo list --on vignette:v1 --format json", &out, NULL), 0);
	assert_non_null(strstr(out, "\"targets\": \"code:SR/tools;vignette:v1\""));
	assert_null(strstr(out, "the project"));
	free(out);
	assert_int_equal(run_on(path, "memo edit 1 'holds doubt, and time'", NULL, NULL), 0);
	assert_int_equal(run_on(path, "memo rm 2", NULL, NULL), 0);
	assert_int_equal(run_on(path, "memo rm 2", NULL, &err), 2);
	assert_non_null(strstr(err, "no memo 2"));
	free(err);
	assert_int_equal(run_on(path, "memo list --format csv", &out, NULL), 0);
	assert_non_null(strstr(out, ",\"holds doubt, and time\"\r\n"));
	assert_null(strstr(out, "the project"));
	free(out);
	free(path);
}

/* Runs an export into a scratch file and returns its text. */
static char *export_str(px_db *db, int format, int table)
{
	struct export_options o = { 0 };
	char *path = fx_path(".out"), *text;
	px_err e = { 0 };

	o.format = format;
	o.table = table;
	o.output = path;
	if (export_run(db, &o, &e))
		fail_msg("export: %s", e.msg);
	text = fx_read_file(path, NULL);
	assert_non_null(text);
	unlink(path);
	free(path);
	return text;
}

/* Markdown and HTML put each memo where it belongs, pseudonymized;
 * CSV has --table memos. */
static void test_exports_carry_memos(void **state)
{
	px_db *db = memo_db();
	char *md = export_str(db, EXP_MD, 0), *html = export_str(db, EXP_HTML, 0);
	char *csv = export_str(db, EXP_CSV, EXP_TABLE_MEMOS);
	const char *project, *vignettes, *codebook, *people;

	(void)state;
	project = strstr(md, "# Project memos\n\n- *memo by tester*: **Where this is going**. "
			 "The pile is the story. \n");
	vignettes = strstr(md, "# Vignettes");
	codebook = strstr(md, "    - **tools** (1): artifacts, forms, devices the community uses\n"
			  "        - *memo by tester*: tools that hold doubt\n");
	people = strstr(md, "# Participants\n\n- **Ann**\n    - *memo by tester*: Ann/Ann is "
			"the pile\\'s keeper\n- **Bo**\n");
	assert_non_null(project);
	assert_non_null(vignettes);
	assert_non_null(codebook);
	assert_non_null(people);
	assert_true(project < vignettes && vignettes < codebook && codebook < people);
	assert_non_null(strstr(md, "# Communities\n\n- **desk**\n"));
	assert_non_null(strstr(md, "# Codings\n\n- **v1: SR/tools**\n    - *memo by tester*: "
			       "why this span\n"));
	assert_non_null(strstr(md, "# Accountability entries\n\n- **quota**\n"));
	assert_null(strstr(md, "Annie"));
	assert_non_null(strstr(html, "<h1>Project memos</h1>\n<div class=\"memo\"><strong>memo "
			       "by tester</strong> <em>Where this is going</em>. The pile is"));
	assert_non_null(strstr(html, "<h1>Participants</h1>\n<h3>Ann</h3>\n"));
	assert_non_null(strstr(html, "<tr><td colspan=\"3\" style=\"padding-left:3em\"><div "
			       "class=\"memo\"><strong>memo by tester</strong> tools that hold "
			       "doubt</div>\n"));
	assert_null(strstr(html, "Annie"));
	assert_non_null(strstr(csv, "id,uuid,author,created,updated,title,targets,text\r\n"));
	assert_non_null(strstr(csv, ",Across,code:SR/tools;vignette:v2;participant:bo;project,"));
	assert_non_null(strstr(csv, ",participant:ann,Ann/Ann is the pile's keeper\r\n"));
	free(md);
	free(html);
	free(csv);
	db_close(db);
}

/* praxis merge brings the other copy's memos in, matched by uuid, on the
 * same targets here; twice is once. */
static void test_merge_brings_memos(void **state)
{
	px_db *db = memo_db(), *other = NULL;
	char *path = fx_path(".db"), *sql = xasprintf("VACUUM INTO '%s'", path), spec[80];
	static const char *const both[] = { "project", "participant:bo", NULL };
	const char *coding[] = { spec, NULL };
	merge_report r;
	px_err e = { 0 };

	(void)state;
	assert_int_equal(db_exec(db, sql, &e), PX_OK);
	assert_int_equal(project_open(path, 0, &other, &e), PX_OK);
	add_memo(other, both, "Theirs", "a memo from the other copy");
	snprintf(spec, sizeof(spec), "coding:%lld",
		 (long long)db_scalar(other, "SELECT max(id) FROM coding"));
	add_memo(other, coding, NULL, "on their coding");
	db_close(other);
	assert_int_equal(merge_from(db, path, &r, &e), PX_OK);
	assert_int_equal(r.added[MERGE_MEMOS], 2);
	assert_int_equal(r.skipped[MERGE_MEMOS], 9);
	merge_report_free(&r);
	assert_int_equal(db_scalar(db, "SELECT count(*) FROM memo_target t JOIN memo m ON"
				   " m.id = t.memo_id WHERE m.title = 'Theirs'"), 2);
	assert_int_equal(db_scalar(db, "SELECT count(*) FROM memo_target t JOIN memo m ON"
				   " m.id = t.memo_id WHERE m.text = 'on their coding' AND t.kind = 5"
				   " AND t.target_id = (SELECT max(id) FROM coding)"), 1);
	assert_int_equal(merge_from(db, path, &r, &e), PX_OK);
	assert_int_equal(r.added[MERGE_MEMOS], 0);
	assert_int_equal(r.skipped[MERGE_MEMOS], 11);
	merge_report_free(&r);
	free(sql);
	free(path);
	db_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_memo_targets_and_cleanup),
		cmocka_unit_test(test_migration_from_single_target),
		cmocka_unit_test(test_title_searchable),
		cmocka_unit_test(test_migration_indexes_titles),
		cmocka_unit_test(test_yaml_round_trip_keeps_memos),
		cmocka_unit_test(test_yaml_old_and_bad_memos),
		cmocka_unit_test(test_cli_memo),
		cmocka_unit_test(test_exports_carry_memos),
		cmocka_unit_test(test_merge_brings_memos),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
