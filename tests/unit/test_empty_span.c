/* test_empty_span.c: a coding whose text an edit deleted entirely stays
 * as an empty span (start = end) where the text was, flagged for review:
 * the migration that allows it, `praxis set-text`, the corpus round trip,
 * the documents, retrieval, summaries and the reader's marker. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include "praxis/db.h"
#include "praxis/project.h"
#include "praxis/util.h"
#include "../../src/core/schema.h"
#include "fixture.h"
#include "screen.h"

static const char corpus[] =
	"praxis: 1\n"
	"participants:\n"
	"  - id: ann\n    pseudonym: Ann\n"
	"vignettes:\n"
	"  - id: v1\n    title: Desk\n    date: 2026-03-02\n    participants: [ann]\n"
	"    text: \"Ann sat down. Bo left early. Cy stayed.\"\n"
	"    codings:\n"
	"      - code: ME\n        quote: \"Bo left early.\"\n        participants: [ann]\n"
	"        memo: why he left\n"
	"      - code: JE\n        quote: \"Cy stayed.\"\n";

#define GONE "SELECT start || '-' || end || ' ' || needs_review FROM coding" \
	" WHERE code_id = 1"

static char *run_ok(const char *db, const char *args)
{
	char *cmd = xasprintf("--db '%s' %s", db, args), *out, *err;
	int rc = fx_run(cmd, &out, &err);

	if (rc != 0)
		fail_msg("praxis %s: status %d, err \"%s\"", args, rc, err);
	free(err);
	free(cmd);
	return out;
}

static char *text_of(const char *db, const char *sql)
{
	px_db *h = NULL;
	px_err e = { 0 };
	char *out = NULL;
	sqlite3_stmt *st;

	assert_int_equal(project_open(db, 0, &h, &e), PX_OK);
	st = db_stmt_dynamic(h, sql, &e);
	assert_non_null(st);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		out = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_reset(st);
	db_close(h);
	return out ? out : xstrdup("");
}

/* The corpus with "Bo left early. " deleted through `praxis set-text`. */
static char *deleted_project(void)
{
	char *db = fx_project_with(corpus), *file = fx_path(".txt"), *args, *out;
	FILE *f = fopen(file, "w");

	assert_non_null(f);
	fputs("Ann sat down. Cy stayed.\n", f);
	fclose(f);
	args = xasprintf("set-text --vignette v1 '%s'", file);
	out = run_ok(db, args);
	assert_string_equal(out, "vignette v1: 1 coding moved, 1 flagged for review\n");
	free(out);
	free(args);
	unlink(file);
	free(file);
	return db;
}

static void test_set_text_deleting_a_coded_sentence(void **state)
{
	char *db = deleted_project(), *s;

	(void)state;
	/* the coding is still there, empty where its sentence was, flagged */
	s = text_of(db, GONE);
	assert_string_equal(s, "14-14 1");
	free(s);
	s = text_of(db, "SELECT start || '-' || end || ' ' || needs_review FROM coding"
		    " WHERE code_id = 2");
	assert_string_equal(s, "14-24 0");
	free(s);
	assert_int_equal(fx_scalar(db, "SELECT count(*) FROM coding_participant"), 1);
	/* new codings never have an empty span */
	{
		char *cmd = xasprintf("--db '%s' code --vignette v1 --code ME --start 3 --end 3",
				      db), *out, *err;
		assert_int_equal(fx_run(cmd, &out, &err), 2);
		assert_string_equal(err, "praxis: span 3-3 is empty: a coding needs at least "
				    "one character\n");
		free(out);
		free(err);
		free(cmd);
	}
	/* the summaries count it; retrieval shows it with the mark */
	s = run_ok(db, "summary --kind coverage --format csv");
	assert_non_null(strstr(s, "\nME,ME,1,1,1\r\n"));
	free(s);
	s = run_ok(db, "retrieve --code ME --format md");
	assert_non_null(strstr(s, "- span: 14-14 (its text was deleted by an edit; needs "
			       "review)\n"));
	assert_non_null(strstr(s, "**\xe2\x8c\x80**"));
	free(s);
	unlink(db);
	free(db);
}

/* export -> import into a new file -> export: the empty span survives */
static void test_yaml_round_trip(void **state)
{
	char *db = deleted_project(), *ya, *yb;
	px_db *a = NULL, *b = fx_db();
	px_err e = { 0 };
	char msg[512];

	(void)state;
	assert_int_equal(project_open(db, 0, &a, &e), PX_OK);
	ya = fx_corpus_text(a);
	assert_non_null(strstr(ya, "start: 14\n"));
	assert_non_null(strstr(ya, "end: 14\n"));
	assert_non_null(strstr(ya, "needs_review: true\n"));
	assert_int_equal(fx_import(b, ya, msg, sizeof(msg)), PX_OK);
	yb = fx_corpus_text(b);
	assert_string_equal(ya, yb);
	free(ya);
	free(yb);
	db_close(a);
	db_close(b);
	unlink(db);
	free(db);
}

static void test_documents_mark_it(void **state)
{
	char *db = deleted_project(), *s;

	(void)state;
	s = run_ok(db, "export --format md");
	assert_non_null(strstr(s, "Ann sat down. [\xe2\x8c\x80]{.code .ME .deleted .needs-review "
			       "custom-style=\"Code ME\" data-code=\"ME\" data-coder=\"tester\"}[^n1][Cy stayed.]"));
	assert_non_null(strstr(s, "[^n1]: ME: why he left\n\n#"));
	free(s);
	s = run_ok(db, "export --format html");
	assert_non_null(strstr(s, "Ann sat down. <mark class=\"ME deleted\" title=\"ME (tester):"
			       " text deleted, needs review\">\xe2\x8c\x80</mark><sup class=\"lab\">"
			       "ME (needs review)</sup>"));
	free(s);
	s = run_ok(db, "export --format csv");
	assert_non_null(strstr(s, ",ME,ME,14,14,,tester,,why he left,,,,,,,1,"));
	free(s);
	/* .qdpx: a note on the source naming the coding, no empty selection */
	{
		char *qdpx = fx_path(".qdpx"), *back = fx_path(".db"), *args;
		args = xasprintf("export --format qdpx -o '%s'", qdpx);
		free(run_ok(db, args));
		free(args);
		args = xasprintf("import '%s'", qdpx);
		free(run_ok(back, args));
		free(args);
		assert_int_equal(fx_scalar(back, "SELECT count(*) FROM coding"), 1);
		assert_int_equal(fx_scalar(back, "SELECT count(*) FROM memo WHERE text LIKE"
					   " '%(ME, by tester) lost all of its text to an edit; it"
					   " sat at character 14 and needs review.'"), 1);
		unlink(qdpx);
		unlink(back);
		free(qdpx);
		free(back);
	}
	unlink(db);
	free(db);
}

/* The reader shows a mark where the text was and flags the line. */
static void test_reader_marker(void **state)
{
	char *db = deleted_project(), *s;

	(void)state;
	s = fx_screen_run(db, ":open v1\n", 100, 12, NULL);
	fx_assert_has(s, "Ann sat down. \xe2\x8c\x80" "Cy stayed.");
	fx_assert_has(s, "!Ann sat down.");
	free(s);
	/* the review list names it; it cannot be marked reviewed while empty */
	s = fx_screen_run(db, ":open v1\n!\n", 100, 12, NULL);
	fx_assert_has(s, "! ME  @14-14  tester  (its text was deleted)");
	free(s);
	s = fx_screen_run(db, ":open v1\n!\nr\n", 100, 12, NULL);
	fx_assert_has(s, "the text of this ME coding was deleted: resize it (s) onto the text or "
		      "delete it (x)");
	free(s);
	assert_int_equal(fx_scalar(db, "SELECT needs_review FROM coding WHERE code_id = 1"), 1);
	unlink(db);
	free(db);
}

/* A file of schema 7 with codings, their people and a coding memo: after
 * the migration the rows are all there, the indexes and trigger are the
 * same, integrity_check and foreign_key_check pass, and an empty flagged
 * span can be stored. */
static void test_migration_keeps_everything(void **state)
{
	char *path = fx_path(".db"), *fresh = fx_path(".db");
	px_db *db = NULL, *ref = NULL;
	px_err e = { 0 };
	static const char objects[] =
		"SELECT group_concat(name || ':' || sql, char(10)) FROM (SELECT name, sql"
		" FROM sqlite_master WHERE tbl_name IN ('coding', 'coding_participant',"
		" 'coding_held_by') AND type <> 'table' ORDER BY name)";
	char *before, *after;

	(void)state;
	schema_active_count = 7;
	assert_int_equal(project_open(path, PROJECT_CREATE, &db, &e), PX_OK);
	schema_active_count = schema_version_count;
	assert_int_equal(db_exec(db,
		"INSERT INTO participant(id, ext_id, pseudonym, uuid) VALUES (1, 'ann', 'Ann', 'p1');"
		"INSERT INTO coder(id, ext_id, uuid) VALUES (7, 'c', 'u7');"
		"INSERT INTO vignette(id, ext_id, title, date, text, length, uuid, created, updated)"
		" VALUES (1, 'v1', 'T', '2026-01-01', 'abc def', 7, 'v', 't', 't');"
		"INSERT INTO accountability(id, ext_id, uuid) VALUES (1, 'a', 'ua');"
		"INSERT INTO coding(id, vignette_id, code_id, coder_id, start, end, accountability_id,"
		" uuid, created, updated) VALUES (5, 1, 1, 7, 0, 3, 1, 'c5', 't', 't'),"
		" (6, 1, 2, 7, NULL, NULL, NULL, 'c6', 't', 't');"
		"INSERT INTO coding_participant VALUES (5, 1, 0);"
		"INSERT INTO coding_held_by VALUES (5, 1, 0);"
		"INSERT INTO memo(id, text, uuid, created, updated) VALUES (1, 'm', 'm1', 't', 't');"
		"INSERT INTO memo_target VALUES (1, 5, 5, 0);", &e), PX_OK);
	assert_int_equal(db_exec(db, "INSERT INTO coding(vignette_id, code_id, coder_id, start,"
				 " end, needs_review, uuid, created, updated) VALUES (1, 1, 7, 2,"
				 " 2, 1, 'x', 't', 't')", &e), PX_EDATA);
	before = xstrdup("");
	db_close(db);

	assert_int_equal(project_open(path, 0, &db, &e), PX_OK);
	assert_int_equal(db_scalar(db, "PRAGMA user_version"), schema_version_count);
	assert_int_equal(db_scalar(db, "SELECT count(*) FROM coding"), 2);
	assert_int_equal(db_scalar(db, "SELECT count(*) FROM coding_participant"), 1);
	assert_int_equal(db_scalar(db, "SELECT count(*) FROM coding_held_by"), 1);
	assert_int_equal(db_scalar(db, "SELECT count(*) FROM memo_target WHERE kind = 5"), 1);
	assert_int_equal(db_scalar(db, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
	{
		char *ok = NULL;
		sqlite3_stmt *st = db_stmt_dynamic(db, "PRAGMA integrity_check", &e);
		assert_non_null(st);
		assert_int_equal(sqlite3_step(st), SQLITE_ROW);
		ok = xstrdup((const char *)sqlite3_column_text(st, 0));
		sqlite3_reset(st);
		assert_string_equal(ok, "ok");
		free(ok);
	}
	/* the same indexes and trigger as a file made new */
	assert_int_equal(project_open(fresh, PROJECT_CREATE, &ref, &e), PX_OK);
	free(before);
	{
		sqlite3_stmt *st = db_stmt_dynamic(ref, objects, &e);
		assert_non_null(st);
		assert_int_equal(sqlite3_step(st), SQLITE_ROW);
		before = xstrdup((const char *)sqlite3_column_text(st, 0));
		sqlite3_reset(st);
		st = db_stmt_dynamic(db, objects, &e);
		assert_non_null(st);
		assert_int_equal(sqlite3_step(st), SQLITE_ROW);
		after = xstrdup((const char *)sqlite3_column_text(st, 0));
		sqlite3_reset(st);
	}
	assert_string_equal(before, after);
	assert_non_null(strstr(after, "coding_memo_cleanup:CREATE TRIGGER"));
	assert_non_null(strstr(after, "coding_summary_scan:CREATE INDEX"));
	/* foreign keys still hold: deleting the coding takes its people and memo */
	assert_int_equal(db_exec(db, "INSERT INTO coding(vignette_id, code_id, coder_id, start,"
				 " end, needs_review, uuid, created, updated) VALUES (1, 1, 7, 2,"
				 " 2, 1, 'x', 't', 't')", &e), PX_OK);
	assert_int_equal(db_exec(db, "DELETE FROM coding WHERE id = 5", &e), PX_OK);
	assert_int_equal(db_scalar(db, "SELECT count(*) FROM coding_participant"), 0);
	assert_int_equal(db_scalar(db, "SELECT count(*) FROM coding_held_by"), 0);
	assert_int_equal(db_scalar(db, "SELECT count(*) FROM memo"), 0);
	assert_int_equal(db_exec(db, "DELETE FROM participant WHERE id = 1", &e), PX_OK);
	assert_int_not_equal(db_exec(db, "INSERT INTO coding_participant VALUES (6, 99, 0)", &e),
			     PX_OK);
	free(before);
	free(after);
	db_close(db);
	db_close(ref);
	unlink(path);
	unlink(fresh);
	free(path);
	free(fresh);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_set_text_deleting_a_coded_sentence),
		cmocka_unit_test(test_yaml_round_trip),
		cmocka_unit_test(test_documents_mark_it),
		cmocka_unit_test(test_reader_marker),
		cmocka_unit_test(test_migration_keeps_everything),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
