/* test_notes.c: plain field notes (.md, .txt) as vignettes, with and
 * without front matter, and the errors a hand-written note can hold. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include "praxis/coding.h"
#include "praxis/entity.h"
#include "praxis/notes.h"
#include "praxis/util.h"
#include "praxis/vignette.h"
#include "fixture.h"

static int import_note(px_db *db, const char *name, const char *text, px_err *e)
{
	return notes_import_buffer(db, name, text, strlen(text), fx_coder(db, "tester"), e);
}

static void test_front_matter(void **state)
{
	px_db *db = fx_db_with(fx_small_corpus);
	px_vignette v = { 0 };
	px_err e = { 0 };

	(void)state;
	assert_int_equal(import_note(db, "notes/2026-05-01-lunch.md",
		"\xef\xbb\xbf---\r\ntitle: Lunch at the desk\r\ndate: 2026-05-01T12:30\r\n"
		"community: canteen\r\nparticipants: [ann, bo]\r\n---\r\n\r\n"
		"Ann shared her cake.\r\n\r\nBo took two.  \r\n\r\n", &e), 0);
	assert_int_equal(vignette_get(db, fx_vignette(db, "2026-05-01-lunch"), &v, &e), 0);
	assert_string_equal(v.title, "Lunch at the desk");
	assert_string_equal(v.date, "2026-05-01T12:30");
	assert_string_equal(v.text, "Ann shared her cake.\n\nBo took two.");
	assert_int_equal(v.participants.n, 2);
	assert_int_equal(v.participants.v[0], fx_participant(db, "ann"));
	assert_int_equal(v.observer_id, fx_coder(db, "tester"));
	{
		int64_t cid = 0;
		assert_int_equal(entity_find(db, ENT_COMMUNITY, "canteen", &cid, NULL), 0);
		assert_int_equal(v.community_id, cid);
	}
	vignette_free(&v);
	db_close(db);
}

static void test_plain_note(void **state)
{
	px_db *db = fx_db_with(fx_small_corpus);
	px_vignette v = { 0 };
	px_err e = { 0 };

	(void)state;
	assert_int_equal(import_note(db, "field/monday.txt",
				     "# Monday morning\n\nThe board was blank.\n", &e), 0);
	assert_int_equal(vignette_get(db, fx_vignette(db, "monday"), &v, &e), 0);
	assert_string_equal(v.title, "Monday morning");
	assert_string_equal(v.text, "The board was blank.");
	assert_int_equal(strlen(v.date), 10);
	assert_true(vignette_date_valid(v.date));
	assert_int_equal(v.participants.n, 0);
	vignette_free(&v);
	/* a blank front matter is fine */
	assert_int_equal(import_note(db, "b.md", "---\n---\nJust text.", &e), 0);
	db_close(db);
}

static void expect_error(const char *name, const char *text, const char *want)
{
	px_db *db = fx_db_with(fx_small_corpus);
	px_err e = { 0 };
	int64_t before = vignette_count(db);

	assert_int_equal(db_begin(db, &e), 0);
	assert_int_equal(import_note(db, name, text, &e), PX_EDATA);
	db_rollback(db);
	if (strcmp(e.msg, want) != 0)
		fail_msg("got '%s', wanted '%s'", e.msg, want);
	assert_int_equal(vignette_count(db), before);
	db_close(db);
}

static void test_errors(void **state)
{
	(void)state;
	expect_error("n1.md", "---\ntitle: x\nmood: good\n---\ntext", "n1.md:3:1: unknown front"
		     " matter key 'mood' (use title, date, community, participants)");
	expect_error("n2.md", "---\ndate: 2026-02-30\n---\ntext",
		     "n2.md:2:7: date '2026-02-30': use YYYY-MM-DD or YYYY-MM-DDTHH:MM");
	expect_error("n3.md", "---\nparticipants: [ann, zed]\n---\ntext",
		     "n3.md:2:21: participants: no participant 'zed' (import or add them first)");
	expect_error("n4.md", "---\ntitle: x\ntext without an end", "n4.md:1:1: front matter"
		     " opened with --- is never closed");
	expect_error("n5.md", "line one\nline \xff two", "n5.md:2:6: not UTF-8 text");
	expect_error("n6.md", "---\ntitle: x\n---\n\n  \n", "n6.md:4:1: the note has no text");
	expect_error("v1.md", "", "v1.md:1:1: the note has no text");
	expect_error("n7.md", "---\ntitle: [a, b]\n---\ntext", "n7.md:2:8: title: expected a"
		     " single value");
}

/* A note imported again after its text changed: the vignette takes the
 * new text and its codings are re-anchored, not duplicated. */
static void test_reimport_reanchors(void **state)
{
	px_db *db = fx_db_with(fx_small_corpus);
	px_coding c = { 0 };
	px_vignette v = { 0 };
	px_err e = { 0 };
	int64_t vid, cid;

	(void)state;
	assert_int_equal(import_note(db, "field.md", "# At the desk\n\nAnn shared her cake."
				     " Bo took two.\n", &e), 0);
	vid = fx_vignette(db, "field");
	c.vignette_id = vid;
	c.code_id = fx_code(db, "ME");
	c.coder_id = fx_coder(db, "tester");
	c.start = 21;
	c.end = 33;                          /* "Bo took two." */
	assert_int_equal(coding_add(db, &c, &e), PX_OK);
	cid = c.id;
	coding_free(&c);
	assert_int_equal(import_note(db, "notes/field.md", "# At the desk\n\nIn the morning"
				     " Ann shared her cake. Bo took two.\n", &e), 0);
	assert_int_equal(vignette_get(db, vid, &v, &e), PX_OK);
	assert_string_equal(v.text, "In the morning Ann shared her cake. Bo took two.");
	assert_string_equal(v.title, "At the desk");
	vignette_free(&v);
	assert_int_equal(coding_count_in(db, vid), 1);
	assert_int_equal(coding_get(db, cid, &c, &e), PX_OK);
	assert_int_equal(c.start, 36);
	assert_int_equal(c.end, 48);
	assert_int_equal(c.needs_review, 0);
	coding_free(&c);
	/* the same file once more changes nothing */
	assert_int_equal(import_note(db, "field.md", "# At the desk\n\nIn the morning"
				     " Ann shared her cake. Bo took two.\n", &e), 0);
	assert_int_equal(coding_get(db, cid, &c, &e), PX_OK);
	assert_int_equal(c.start, 36);
	coding_free(&c);
	assert_int_equal(vignette_count(db), 3);
	db_close(db);
}

static void test_cli_notes(void **state)
{
	px_db *db = fx_db_with(fx_small_corpus);
	char *dir = fx_path(".notes"), *a, *b, *args, *out, *err, *cmd;
	FILE *fp;
	int rc;

	(void)state;
	cmd = xasprintf("mkdir -p '%s'", dir);
	assert_int_equal(system(cmd), 0);
	a = xasprintf("%s/tue.md", dir);
	b = xasprintf("%s/wed.txt", dir);
	fp = fopen(a, "w");
	fputs("---\ntitle: Tuesday\ndate: 2026-05-05\nparticipants: [bo]\n---\nBo was late.\n", fp);
	fclose(fp);
	fp = fopen(b, "w");
	fputs("---\ndate: 2026-05-06\nparticipants: [nobody]\n---\nx\n", fp);
	fclose(fp);
	/* one bad file: nothing from the batch is written */
	args = xasprintf("--db '%s' import '%s' '%s'", db_path(db), a, b);
	rc = fx_run(args, &out, &err);
	assert_int_equal(rc, 2);
	assert_non_null(strstr(err, "wed.txt:3:16: participants: no participant 'nobody'"));
	assert_int_equal(vignette_count(db), 2);
	free(args), free(out), free(err);
	args = xasprintf("--db '%s' import '%s'", db_path(db), a);
	rc = fx_run(args, &out, &err);
	assert_int_equal(rc, 0);
	assert_non_null(strstr(out, "imported 1 vignette,"));
	assert_int_equal(vignette_count(db), 3);
	fx_vignette(db, "tue");
	free(args), free(out), free(err);
	unlink(a), unlink(b), rmdir(dir);
	free(a), free(b), free(dir), free(cmd);
	db_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_front_matter),
		cmocka_unit_test(test_plain_note),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_reimport_reanchors),
		cmocka_unit_test(test_cli_notes),
	};
	return cmocka_run_group_tests_name("notes", tests, NULL, NULL);
}
