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

static const char qde[] =
	"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
	"<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"Feldstudie\""
	" creationDateTime=\"2025-05-01T10:00:00Z\">\n"
	"<Users><User guid=\"a1b2c3d4-0000-4000-8000-000000000001\" name=\"Maria K.\" id=\"MK\"/>"
	"</Users>\n"
	"<CodeBook><Codes>\n"
	" <Code guid=\"c0de0000-0000-4000-8000-000000000001\" name=\"Themes\" isCodable=\"true\""
	" color=\"#FF0000\"><Description>top level</Description>"
	"<NoteRef targetGUID=\"40740000-0000-4000-8000-000000000003\"/></Code>\n"
	"</Codes></CodeBook>\n"
	"<Variables><Variable guid=\"7a700000-0000-4000-8000-000000000001\" name=\"Shift\""
	" typeOfVariable=\"Text\"/></Variables>\n"
	"<Cases><Case guid=\"ca5e0000-0000-4000-8000-000000000001\" name=\"Rosa\">"
	"<VariableValue><VariableRef targetGUID=\"7a700000-0000-4000-8000-000000000001\"/>"
	"<TextValue>night</TextValue></VariableValue>"
	"<NoteRef targetGUID=\"40740000-0000-4000-8000-000000000004\"/>"
	"<SourceRef targetGUID=\"50050000-0000-4000-8000-000000000001\"/></Case></Cases>\n"
	"<Sources><TextSource guid=\"50050000-0000-4000-8000-000000000001\" name=\"Interview\""
	" creatingUser=\"a1b2c3d4-0000-4000-8000-000000000001\""
	" creationDateTime=\"2025-05-02T14:30:00Z\">"
	"<PlainTextContent>Rosa drew on the whiteboard.</PlainTextContent>"
	"<PlainTextSelection guid=\"5e100000-0000-4000-8000-000000000001\" startPosition=\"5\""
	" endPosition=\"9\"><Coding guid=\"c0d10000-0000-4000-8000-000000000001\">"
	"<CodeRef targetGUID=\"c0de0000-0000-4000-8000-000000000001\"/>"
	"<NoteRef targetGUID=\"40740000-0000-4000-8000-000000000001\"/></Coding>"
	"</PlainTextSelection>"
	"<NoteRef targetGUID=\"40740000-0000-4000-8000-000000000005\"/></TextSource></Sources>\n"
	"<Notes>\n"
	" <Note guid=\"40740000-0000-4000-8000-000000000001\"><PlainTextContent>coding note"
	"</PlainTextContent></Note>\n"
	" <Note guid=\"40740000-0000-4000-8000-000000000002\"><PlainTextContent>project note"
	"</PlainTextContent></Note>\n"
	" <Note guid=\"40740000-0000-4000-8000-000000000003\"><PlainTextContent>code note"
	"</PlainTextContent></Note>\n"
	" <Note guid=\"40740000-0000-4000-8000-000000000004\"><PlainTextContent>case note"
	"</PlainTextContent></Note>\n"
	" <Note guid=\"40740000-0000-4000-8000-000000000005\"><PlainTextContent>source note"
	"</PlainTextContent></Note>\n"
	"</Notes>\n"
	"<NoteRef targetGUID=\"40740000-0000-4000-8000-000000000002\"/>\n"
	"</Project>\n";

static char *qdpx_file(void)
{
	char *path = fx_path(".qdpx");
	int err = 0;
	zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
	zip_source_t *s;

	assert_non_null(z);
	s = zip_source_buffer(z, qde, strlen(qde), 0);
	assert_true(zip_file_add(z, "project.qde", s, ZIP_FL_ENC_UTF_8) >= 0);
	assert_int_equal(zip_close(z), 0);
	return path;
}

static void must(int rc, const px_err *e, const char *what)
{
	if (rc)
		fail_msg("%s: %s", what, e->msg);
}

/* The project with every kind of object in it. */
static px_db *full_project(void)
{
	px_db *db = fx_db();
	char *samples[2] = {
		xasprintf("%s/samples/claims.yaml", fx_top()),
		xasprintf("%s/samples/nightshift.yaml", fx_top()),
	};
	char *qdpx = qdpx_file();
	struct refi_import_stats rst;
	px_err e = { 0 };
	px_vignette v = { 0 };
	int64_t id, n;

	must(corpus_import(db, (const char *const *)samples, 2, 0, NULL, &e), &e, "samples");
	must(db_begin(db, &e), &e, "begin");
	must(refi_import(db, qdpx, fx_coder(db, "mk"), CODE_ME, &rst, &e), &e, "qdpx");
	sl_free(&rst.report);
	must(db_commit(db, &e), &e, "commit");
	assert_true(rst.notes >= 4);
	/* a gap in the codes' order, a code moved, a text edited (so its
	 * times differ), a coding flagged for review */
	must(codebook_resolve(db, "JE/throwaway", 1, &id, NULL, &e), &e, "add");
	must(codebook_resolve(db, "JE/kept", 1, &id, NULL, &e), &e, "add");
	must(codebook_delete(db, fx_code(db, "JE/throwaway"), &n, &e), &e, "delete");
	must(codebook_move(db, id, fx_code(db, "SR/words"), &e), &e, "move");
	must(vignette_get(db, fx_vignette(db, "interview"), &v, &e), &e, "get");
	must(db_exec(db, "UPDATE vignette SET updated = '2030-01-01T00:00:00Z' WHERE ext_id ="
		     " 'interview'; UPDATE coding SET needs_review = 1 WHERE id = 3", &e), &e,
	     "flag");
	vignette_free(&v);
	free(samples[0]);
	free(samples[1]);
	free(qdpx);
	return db;
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
	px_db *a = full_project(), *b = fx_db();
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
	px_db *a = full_project(), *b = fx_db();
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
