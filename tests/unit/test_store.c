/* test_store.c: the SQLite store: schema, migrations, transactions, and
 * each model module through its public API. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <cmocka.h>
#include "praxis/codebook.h"
#include "praxis/coding.h"
#include "praxis/vignette.h"
#include "fixture.h"

static void test_new_db_is_private_and_seeded(void **state)
{
	char *path = fx_path(".db");
	px_db *db = NULL;
	px_err e = { 0 };
	struct stat sb;

	(void)state;
	assert_int_equal(db_open(path, DB_CREATE, &db, &e), PX_OK);
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	assert_int_equal(codebook_count(db), 3 + 26);
	db_close(db);
	free(path);
}

static void test_small_corpus_imports(void **state)
{
	px_db *db = fx_db();
	char msg[1024];
	px_coding c;
	px_err e = { 0 };

	(void)state;
	assert_int_equal(fx_import(db, fx_small_corpus, msg, sizeof(msg)), PX_OK);
	assert_int_equal(vignette_count(db), 2);
	assert_int_equal(coding_count(db), 3);
	assert_int_equal(coding_get(db, 1, &c, &e), PX_OK);
	/* "Annie put the claim on " is 23 code points */
	assert_int_equal(c.start, 23);
	assert_int_equal(c.end, 33);
	assert_int_equal(c.code_id, fx_code(db, "SR/tools"));
	coding_free(&c);
	db_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_new_db_is_private_and_seeded),
		cmocka_unit_test(test_small_corpus_imports),
	};
	return cmocka_run_group_tests_name("store", tests, NULL, NULL);
}
