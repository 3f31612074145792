/* fullproject.c: a project holding every kind of object, for the tests
 * of lossless round trips (corpus YAML, the tree of issue 20). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <zip.h>
#include "praxis/codebook.h"
#include "praxis/coding.h"
#include "praxis/corpus.h"
#include "praxis/refi.h"
#include "praxis/util.h"
#include "praxis/vignette.h"
#include "fixture.h"
#include "fullproject.h"

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
px_db *fullproject_db(void)
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

