/* test_tui_coding_loop.c: the coding loop holds no surprises, driven
 * headless (--script) and checked in the database afterwards: recode and
 * resize keep the coding (id, participants, links) and are one undo step
 * each; Esc in the form after coding saves nothing and coding plus its
 * details is one undo step; f finds in the vignettes list without its
 * letters running as commands; deleting another coder's coding asks,
 * naming the coder; undo brings a coding back with its id. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include "praxis/util.h"
#include "fixture.h"
#include "screen.h"

/* The small corpus's v1 reads "Annie put the claim on the Q pile. Bo
 * asked why."; coding 1 is SR/tools on "the Q pile" (23-33, Ann, the
 * repertoire entry pile), coding 2 ME on the whole vignette. Five w's
 * put the cursor on 23; L lists ME first, then SR/tools. */
#define ON_CODING_1 ":open v1\nwwwww\n"

static int64_t q(const char *db, const char *sql)
{
	return fx_scalar(db, sql);
}

static char *run(const char *db, const char *keys)
{
	return fx_screen_run(db, keys, 100, 30, NULL);
}

/* A fresh database with keys run on it (undo lives in one session). */
static char *fresh(const char *keys)
{
	char *db = fx_screen_db(NULL);

	free(run(db, keys));
	return db;
}

static void test_recode_keeps_the_coding(void **state)
{
	char *db = fx_screen_db(NULL), *s;

	(void)state;
	s = run(db, ON_CODING_1 "Lj\nr\nSR<Enter>\n");
	fx_assert_has(s, "recoded as SR");
	free(s);
	assert_int_equal(q(db, "SELECT count(*) FROM coding"), 3);
	/* code 3 is SR, the root of the shared repertoire */
	assert_int_equal(q(db, "SELECT id FROM coding WHERE code_id = 3 AND start = 23 AND end = 33"), 1);
	assert_int_equal(q(db, "SELECT count(*) FROM coding_participant WHERE coding_id = 1"), 1);
	assert_int_equal(q(db, "SELECT repertoire_id IS NOT NULL FROM coding WHERE id = 1"), 1);
	free(db);
	/* r straight from the reader: two codings here, so a menu where
	 * Enter recodes; one step: u gives it its code back */
	db = fresh(ON_CODING_1 "rj<Enter>\nSR<Enter>\n");
	assert_int_equal(q(db, "SELECT id FROM coding WHERE code_id = 3 AND start = 23 AND end = 33"), 1);
	free(db);
	db = fresh(ON_CODING_1 "rj<Enter>\nSR<Enter>\nu\n");
	assert_int_equal(q(db, "SELECT k.name = 'tools' FROM coding c JOIN code k"
			   " ON k.id = c.code_id WHERE c.id = 1"), 1);
	free(db);
}

static void test_resize_shrinks_and_extends(void **state)
{
	char *db = fx_screen_db(NULL), *s;

	(void)state;
	/* s: the selection is the span (23-32 under the cursor at 32);
	 * b shrinks its end back to "Q", Enter saves */
	s = run(db, ON_CODING_1 "Lj\ns\nb<Enter>\n");
	fx_assert_has(s, "coding resized: SR/tools");
	free(s);
	assert_int_equal(q(db, "SELECT start FROM coding WHERE id = 1"), 23);
	assert_int_equal(q(db, "SELECT end FROM coding WHERE id = 1"), 28);
	assert_int_equal(q(db, "SELECT count(*) FROM coding_participant WHERE coding_id = 1"), 1);
	/* o: the other end; b moves the start back to "on" */
	s = run(db, ON_CODING_1 "Lj\ns\nob<Enter>\n");
	free(s);
	assert_int_equal(q(db, "SELECT start FROM coding WHERE id = 1"), 20);
	assert_int_equal(q(db, "SELECT end FROM coding WHERE id = 1"), 28);
	assert_int_equal(q(db, "SELECT count(*) FROM coding"), 3);
	/* Esc drops a resize: nothing changes */
	s = run(db, ON_CODING_1 "Lj\ns\nb<Esc>\n");
	fx_assert_has(s, "resize cancelled");
	free(s);
	assert_int_equal(q(db, "SELECT end FROM coding WHERE id = 1"), 28);
	free(db);
	/* each resize is one step */
	db = fresh(ON_CODING_1 "Lj\ns\nb<Enter>\nu\n");
	assert_int_equal(q(db, "SELECT start FROM coding WHERE id = 1"), 23);
	assert_int_equal(q(db, "SELECT end FROM coding WHERE id = 1"), 33);
	free(db);
}

static void test_esc_in_the_new_coding_form_saves_nothing(void **state)
{
	char *db = fx_screen_db(NULL), *s;

	(void)state;
	s = run(db, ":open v1\nvec\nSR<Enter>\n<Esc>\n");
	fx_assert_has(s, "not coded: the form was cancelled");
	free(s);
	assert_int_equal(q(db, "SELECT count(*) FROM coding"), 3);
	/* Space ticks Ann, <C-s> saves: one coding with its participant */
	s = run(db, ":open v1\nvec\nSR<Enter>\n<Space><C-s>\n");
	fx_assert_has(s, "coded SR");
	free(s);
	assert_int_equal(q(db, "SELECT count(*) FROM coding"), 4);
	assert_int_equal(q(db, "SELECT count(*) FROM coding_participant WHERE coding_id = 4"), 1);
	free(db);
	/* coding and its details are one step: one u takes both away */
	db = fresh(":open v1\nvec\nSR<Enter>\n<Space><C-s>\nu\n");
	assert_int_equal(q(db, "SELECT count(*) FROM coding"), 3);
	assert_int_equal(q(db, "SELECT count(*) FROM coding_participant WHERE coding_id = 4"), 0);
	free(db);
}

static void test_find_in_the_vignettes_list(void **state)
{
	char *db = fx_screen_db(NULL), *s;

	(void)state;
	/* before, f did nothing here and "pile" ran p i l e: e opened $EDITOR */
	s = run(db, "fpile<Enter>\n");
	fx_assert_has(s, "Vignettes 1/1 (filtered)");
	fx_assert_has(s, "filter: search=\"pile\"");
	fx_assert_lacks(s, "Quota talk");
	free(s);
	free(db);
}

static void test_deleting_another_coders_coding_asks(void **state)
{
	char *db = fx_screen_db(NULL), *s;

	(void)state;
	/* v2's coding 3 (4-27) is coder other's */
	s = run(db, ":open v2\nllllx\n");
	fx_assert_has(s, "delete other's coding JE/mutual accountability? (y/n)");
	free(s);
	s = run(db, ":open v2\nllllxn\n");
	free(s);
	assert_int_equal(q(db, "SELECT count(*) FROM coding WHERE id = 3"), 1);
	s = run(db, ":open v2\nllllxy\n");
	free(s);
	assert_int_equal(q(db, "SELECT count(*) FROM coding WHERE id = 3"), 0);
	free(db);
}

static void test_undo_restores_a_coding_with_its_id(void **state)
{
	char *db = fx_screen_db(NULL), *s;

	(void)state;
	/* one's own coding goes without a question; u brings it back as 1 */
	s = run(db, ON_CODING_1 "Ljd\n");
	fx_assert_has(s, "coding deleted: SR/tools");
	free(s);
	assert_int_equal(q(db, "SELECT count(*) FROM coding WHERE id = 1"), 0);
	free(db);
	db = fresh(ON_CODING_1 "Ljdu\n");
	assert_int_equal(q(db, "SELECT count(*) FROM coding WHERE id = 1 AND start = 23"), 1);
	assert_int_equal(q(db, "SELECT count(*) FROM coding_participant WHERE coding_id = 1"), 1);
	assert_int_equal(q(db, "SELECT count(*) FROM coding"), 3);
	free(db);
}

/* The new keys are in the key table: `?` lists them, settings rebind
 * them (the text objects' unit keys too). */
static void test_keys_listed_and_rebindable(void **state)
{
	const char *xdg = getenv("XDG_CONFIG_HOME");
	char *db = fx_screen_db(NULL), *s, *dir, *path;
	FILE *fp;

	(void)state;
	s = fx_screen_run(db, "?\n", 100, 250, NULL);
	fx_assert_has(s, "end of the word (of the next one when at its end)");
	fx_assert_has(s, "give the coding under the cursor another code");
	fx_assert_has(s, "resize the coding under the cursor (move its ends)");
	fx_assert_has(s, "text objects (after i or a in the reader)");
	fx_assert_has(s, "the sentence, to its full stop");
	free(s);
	assert_non_null(xdg);
	dir = xasprintf("mkdir -p '%s/praxis'", xdg);
	assert_int_equal(system(dir), 0);
	path = xasprintf("%s/praxis/config.yaml", xdg);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs("keys:\n  select-inner: \"I\"\n  object-sentence: \"S\"\n", fp);
	fclose(fp);
	s = run(db, ":open v1\nlllvIS3\n");
	unlink(path);
	fx_assert_has(s, "coded SR");
	free(s);
	assert_int_equal(q(db, "SELECT count(*) FROM coding WHERE id = 4 AND start = 0 AND end = 34"), 1);
	free(path);
	free(dir);
	free(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_recode_keeps_the_coding),
		cmocka_unit_test(test_resize_shrinks_and_extends),
		cmocka_unit_test(test_esc_in_the_new_coding_form_saves_nothing),
		cmocka_unit_test(test_find_in_the_vignettes_list),
		cmocka_unit_test(test_deleting_another_coders_coding_asks),
		cmocka_unit_test(test_undo_restores_a_coding_with_its_id),
		cmocka_unit_test(test_keys_listed_and_rebindable),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
