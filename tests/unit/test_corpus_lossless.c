/* test_corpus_lossless.c: a project holding every kind of object (both
 * sample corpora, a REFI-QDA project with code, source, case and project
 * notes, a code deleted and one moved, an edited text, a coding needing
 * review) is exported as corpus YAML and read into a new file; the two
 * databases must then hold the same rows in every table (dbcompare.h), and
 * the new file must export the same bytes. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <sqlite3.h>
#include <zip.h>
#include "praxis/codebook.h"
#include "praxis/coding.h"
#include "praxis/corpus.h"
#include "praxis/refi.h"
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

static char *yaml_of(px_db *db, size_t *len)
{
	char *buf = NULL;
	FILE *fp = open_memstream(&buf, len);
	px_err e = { 0 };

	assert_non_null(fp);
	must(corpus_export(db, fp, &e), &e, "export");
	fclose(fp);
	return buf;
}

/* Left out of the comparison, each for a reason:
 * memo: memos with every target and their identities travel in the corpus
 * with the memo work (issue 14, memo parts); until then a YAML corpus
 * carries vignette memos' text only. */
static const char *const not_yet[] = { NULL };

static void test_every_table_survives(void **state)
{
	px_db *a = fullproject_db(), *b = fx_db();
	size_t alen, blen;
	char *atext = yaml_of(a, &alen), *btext, msg[4096];
	px_err e = { 0 };

	(void)state;
	must(corpus_import_buffer(b, "export.yaml", atext, alen, 0, NULL, &e), &e, "re-import");
	if (dbc_compare(a, b, not_yet, msg, sizeof(msg)))
		fail_msg("%s", msg);
	btext = yaml_of(b, &blen);
	assert_int_equal(alen, blen);
	assert_memory_equal(atext, btext, alen);
	free(atext);
	free(btext);
	db_close(a);
	db_close(b);
}

/* The comparer itself: it sees a lost value, a lost row, and a lost link. */
static void test_comparer_sees_losses(void **state)
{
	static const char *const changes[] = {
		"UPDATE coding SET needs_review = 1 WHERE id = 2",
		"DELETE FROM vignette_participant WHERE ord = 0",
		"UPDATE coding SET coder_id = (SELECT max(id) FROM coder) WHERE id = 1"
		" AND coder_id <> (SELECT max(id) FROM coder)",
		"UPDATE code SET uuid = 'changed' WHERE id = 1",
	};
	char msg[4096];
	px_err e = { 0 };

	(void)state;
	for (size_t i = 0; i < sizeof(changes) / sizeof(changes[0]); i++) {
		px_db *a = fx_db_with(fx_small_corpus), *b = fx_db();
		size_t len;
		char *text = yaml_of(a, &len);
		must(corpus_import_buffer(b, "export.yaml", text, len, 0, NULL, &e), &e, "import");
		if (dbc_compare(a, b, NULL, msg, sizeof(msg)))
			fail_msg("before the change: %s", msg);
		must(db_exec(b, changes[i], &e), &e, changes[i]);
		if (sqlite3_changes(db_sqlite(b)) > 0)
			assert_int_equal(dbc_compare(a, b, NULL, msg, sizeof(msg)), 1);
		free(text);
		db_close(a);
		db_close(b);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_table_survives),
		cmocka_unit_test(test_comparer_sees_losses),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
