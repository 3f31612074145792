/* test_refi_qdc.c: `praxis import FILE.qdc`: a codebook alone (codes,
 * hierarchy, descriptions, colours) into the current project in one
 * transaction: a Taguette-style file (BOM, empty <Sets/>, the older
 * 1:0 namespace spelling), our own .qdc back into a fresh project, and
 * bad files refused with FILE:LINE and nothing written. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include "praxis/codebook.h"
#include "praxis/export.h"
#include "praxis/project.h"
#include "praxis/refi.h"
#include "praxis/util.h"
#include "fixture.h"

/* As Taguette writes its codebook: a BOM, flat codes with descriptions
 * and colours, an empty <Sets/> (which the schema forbids); here also the
 * namespace spelled as older files do and one nested code. */
static const char taguette_qdc[] =
	"\xef\xbb\xbf<?xml version='1.0' encoding='utf-8'?>\n"
	"<CodeBook xmlns=\"urn:QDA-XML:codebook:1:0\" origin=\"Taguette 1.4.1\">"
	"<Codes>"
	"<Code guid=\"9c0b1f52-37d3-4b8c-9a6e-0b1c2d3e4f50\" name=\"interesting\" isCodable=\"true\""
	" color=\"#2E7D32\"><Description>Further review required</Description></Code>\n"
	"<Code guid=\"9c0b1f52-37d3-4b8c-9a6e-0b1c2d3e4f51\" name=\"people\" isCodable=\"true\">"
	"<Code guid=\"9c0b1f52-37d3-4b8c-9a6e-0b1c2d3e4f52\" name=\"supervisor\" isCodable=\"true\">"
	"<Description>who signs off</Description></Code></Code>\n"
	"<Code guid=\"9c0b1f52-37d3-4b8c-9a6e-0b1c2d3e4f53\" name=\"Shared Repertoire\""
	" isCodable=\"true\"><Code guid=\"9c0b1f52-37d3-4b8c-9a6e-0b1c2d3e4f54\" name=\"forms\""
	" isCodable=\"true\"/></Code>\n"
	"</Codes><Sets/></CodeBook>\n";

static void test_taguette_codebook(void **state)
{
	char *qdc = fx_file_with(".qdc", taguette_qdc), *proj = fx_project_with(fx_small_corpus);
	char *args = xasprintf("--db '%s' import '%s'", proj, qdc), *out, *err;
	px_db *db;
	px_code c = { 0 };
	px_err e = { 0 };
	int64_t before;

	(void)state;
	db = fx_db_with(fx_small_corpus);
	before = codebook_count(db);
	db_close(db);
	assert_int_equal(fx_run(args, &out, &err), 0);
	assert_non_null(strstr(out, "added 4 new codes from 1 codebook into "));
	assert_string_equal(err, "");
	assert_int_equal(project_open(proj, 0, &db, &e), 0);
	assert_int_equal(codebook_count(db), before + 4);
	/* top-level codes under ME (the default --root), a root's name mapped
	 * to the root, the hierarchy, descriptions, colours and GUIDs kept */
	assert_int_equal(codebook_get(db, fx_code(db, "ME/interesting"), &c, &e), 0);
	assert_string_equal(c.description, "Further review required");
	assert_string_equal(c.color, "#2e7d32");
	assert_string_equal(c.uuid, "9c0b1f52-37d3-4b8c-9a6e-0b1c2d3e4f50");
	codebook_free(&c);
	assert_int_equal(codebook_get(db, fx_code(db, "ME/people/supervisor"), &c, &e), 0);
	assert_string_equal(c.description, "who signs off");
	codebook_free(&c);
	fx_code(db, "SR/forms");
	db_close(db);
	free(out);
	free(err);
	/* again: nothing new, nothing doubled */
	assert_int_equal(fx_run(args, &out, &err), 0);
	assert_non_null(strstr(out, "added 0 new codes from 1 codebook into "));
	free(out);
	free(err);
	unlink(qdc);
	unlink(proj);
	free(qdc);
	free(proj);
	free(args);
}

/* The top-level section key: of corpus YAML y, up to the next key. */
static char *section(const char *y, const char *key)
{
	char *open = xasprintf("\n%s:\n", key);
	const char *at = strstr(y, open), *end;

	assert_non_null(at);
	for (end = at + strlen(open); *end; end++)
		if (end[-1] == '\n' && *end >= 'a' && *end <= 'z')
			break;
	free(open);
	return xstrndup(at, (size_t)(end - at));
}

/* Our own codebook export into a fresh project gives the same codebook. */
static void test_own_codebook_back(void **state)
{
	px_db *a = fx_db_with(fx_refi_memo_corpus), *b = fx_db();
	struct export_options o = { 0 };
	struct refi_import_stats st;
	char *path = fx_path(".qdc"), *ya, *yb, *ca, *cb;
	px_err e = { 0 };

	(void)state;
	o.format = EXP_QDC;
	o.output = path;
	assert_int_equal(export_run(a, &o, &e), 0);
	assert_int_equal(db_begin(b, &e), 0);
	if (refi_import_qdc(b, path, CODE_ME, &st, &e))
		fail_msg("import: %s", e.msg);
	sl_free(&st.report);
	assert_int_equal(db_commit(b, &e), 0);
	/* the corpora's codebook sections agree */
	ya = fx_corpus_text(a);
	yb = fx_corpus_text(b);
	ca = section(ya, "codebook");
	cb = section(yb, "codebook");
	assert_true(strlen(ca) > 100);
	assert_string_equal(ca, cb);
	free(ca);
	free(cb);
	free(ya);
	free(yb);
	unlink(path);
	free(path);
	db_close(a);
	db_close(b);
}

/* Each bad file: exit 2, the message naming the file (and line), and the
 * project unchanged even when a good codebook came first. */
static void test_bad_codebooks(void **state)
{
	static const struct {
		const char *text, *want;
	} bad[] = {
		{ "<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\"><Codes>\n<Code name=\"x\"",
		  ":2:" },
		{ "<CodeBook xmlns=\"urn:other\"><Codes/></CodeBook>",
		  ":1: <CodeBook> is not in the namespace urn:QDA-XML:codebook:1.0" },
		{ "<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"p\"/>",
		  ":1: the root element is <Project>, not <CodeBook>" },
		{ "<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\"><Codes>\n"
		  "<Code guid=\"9c0b1f52-37d3-4b8c-9a6e-0b1c2d3e4f60\" isCodable=\"true\"/>"
		  "</Codes></CodeBook>",
		  ":2: <Code> lacks the required attribute name" },
		{ "<!DOCTYPE x [<!ENTITY a \"b\">]><CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\">"
		  "<Codes/></CodeBook>", "a DOCTYPE is not accepted" },
	};
	char *good = fx_file_with(".qdc", taguette_qdc), *proj = fx_project_with(fx_small_corpus);
	char *before, *after;
	px_db *db;
	px_err e = { 0 };

	(void)state;
	assert_int_equal(project_open(proj, 0, &db, &e), 0);
	before = fx_corpus_text(db);
	db_close(db);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char *qdc = fx_file_with(".qdc", bad[i].text), *out, *err;
		char *args = xasprintf("--db '%s' import '%s' '%s'", proj, good, qdc);
		char *want = xasprintf("%s%s", qdc, bad[i].want);
		assert_int_equal(fx_run(args, &out, &err), 2);
		if (!strstr(err, bad[i].want) || !strstr(err, qdc))
			fail_msg("case %zu: %s", i, err);
		if (bad[i].want[0] == ':' && !strstr(err, want))
			fail_msg("case %zu: want %s in %s", i, want, err);
		unlink(qdc);
		free(qdc), free(out), free(err), free(args), free(want);
	}
	assert_int_equal(project_open(proj, 0, &db, &e), 0);
	after = fx_corpus_text(db);
	assert_string_equal(before, after);
	db_close(db);
	free(before);
	free(after);
	unlink(good);
	unlink(proj);
	free(good);
	free(proj);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_taguette_codebook),
		cmocka_unit_test(test_own_codebook_back),
		cmocka_unit_test(test_bad_codebooks),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
