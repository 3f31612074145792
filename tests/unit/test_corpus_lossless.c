/* test_corpus_lossless.c: a project holding every kind of object (both
 * sample corpora, a REFI-QDA project with code, source, case and project
 * notes, a code deleted and one moved, an edited text, a coding needing
 * review) is exported as corpus YAML, and as a .qdpx with praxis's
 * extension, and read into a new file; the two databases must then hold
 * the same rows in every table (dbcompare.h), and the new file must export
 * the same bytes. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include <sqlite3.h>
#include <zip.h>
#include "praxis/codebook.h"
#include "praxis/coding.h"
#include "praxis/corpus.h"
#include "praxis/export.h"
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

/* a and b hold the same rows in every table and export the same YAML. */
static void same_project(px_db *a, px_db *b)
{
	size_t alen, blen;
	char *atext = yaml_of(a, &alen), *btext = yaml_of(b, &blen), msg[4096];

	if (dbc_compare(a, b, not_yet, msg, sizeof(msg)))
		fail_msg("%s", msg);
	assert_int_equal(alen, blen);
	assert_memory_equal(atext, btext, alen);
	free(atext);
	free(btext);
}

static void test_every_table_survives(void **state)
{
	px_db *a = fullproject_db(), *b = fx_db();
	size_t alen;
	char *atext = yaml_of(a, &alen);
	px_err e = { 0 };

	(void)state;
	must(corpus_import_buffer(b, "export.yaml", atext, alen, 0, NULL, &e), &e, "re-import");
	same_project(a, b);
	free(atext);
	db_close(a);
	db_close(b);
}

static char *qdpx_export(px_db *db, int keep_names)
{
	struct export_options o = { 0 };
	char *path = fx_path(".qdpx");
	px_err e = { 0 };

	o.format = EXP_QDPX;
	o.keep_names = keep_names;
	o.output = path;
	must(export_run(db, &o, &e), &e, "qdpx export");
	return path;
}

static void qdpx_import(px_db *db, const char *path, struct refi_import_stats *st)
{
	px_err e = { 0 };

	must(db_begin(db, &e), &e, "begin");
	must(refi_import(db, path, 0, CODE_ME, st, &e), &e, "qdpx import");
	must(db_commit(db, &e), &e, "commit");
}

/* praxis -> .qdpx -> praxis: the extension (praxis.xml) brings back every
 * row of every table, and the YAML of both is the same to the byte. */
static void test_qdpx_round_trip_lossless(void **state)
{
	px_db *a = fullproject_db(), *b = fx_db();
	char *path = qdpx_export(a, 1);
	struct refi_import_stats st;

	(void)state;
	qdpx_import(b, path, &st);
	assert_int_equal(st.lossless, 1);
	assert_int_equal(st.report.n, 0);
	sl_free(&st.report);
	same_project(a, b);
	unlink(path);
	free(path);
	db_close(a);
	db_close(b);
}

/* The corpus is only for an export that changes nothing, and praxis.xml
 * is only read while project.qde is the one it was written with: a
 * pseudonymized export has no corpus, and a project.qde another tool
 * rewrote is read as REFI-QDA alone, saying so. */
static void test_qdpx_extension_only_when_it_fits(void **state)
{
	px_db *a = fx_db_with(fx_refi_memo_corpus), *b = fx_db();
	char *plain = qdpx_export(a, 0), *full = qdpx_export(a, 1), *text;
	struct refi_import_stats st;
	int err = 0;
	zip_t *z;
	zip_source_t *src;

	(void)state;
	z = zip_open(plain, ZIP_RDONLY, &err);
	assert_non_null(z);
	assert_true(zip_name_locate(z, REFI_PRAXIS_ENTRY, 0) >= 0);   /* fields by GUID */
	assert_true(zip_name_locate(z, REFI_PRAXIS_CORPUS, 0) < 0);   /* no private corpus */
	zip_discard(z);
	/* another tool's edit: one more space in project.qde */
	z = zip_open(full, 0, &err);
	assert_non_null(z);
	{
		zip_stat_t zs;
		zip_file_t *f;
		assert_int_equal(zip_stat(z, "project.qde", 0, &zs), 0);
		text = xmalloc(zs.size + 2);
		f = zip_fopen(z, "project.qde", 0);
		assert_int_equal(zip_fread(f, text, zs.size), (zip_int64_t)zs.size);
		zip_fclose(f);
		text[zs.size] = ' ';
		src = zip_source_buffer(z, text, zs.size + 1, 0);
		assert_true(zip_file_add(z, "project.qde", src, ZIP_FL_OVERWRITE) >= 0);
	}
	assert_int_equal(zip_close(z), 0);
	free(text);
	qdpx_import(b, full, &st);
	assert_int_equal(st.lossless, 0);
	assert_int_equal(st.sources, 2);
	assert_int_equal(st.report.n, 1);
	assert_non_null(strstr(st.report.v[0], "praxis.xml ignored: project.qde was changed after"
			       " praxis wrote it (another tool?); read as REFI-QDA"));
	assert_int_equal(db_scalar(b, "SELECT count(*) FROM repertoire"), 0);
	sl_free(&st.report);
	unlink(plain);
	unlink(full);
	free(plain);
	free(full);
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
		cmocka_unit_test(test_qdpx_round_trip_lossless),
		cmocka_unit_test(test_qdpx_extension_only_when_it_fits),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
