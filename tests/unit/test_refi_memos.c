/* test_refi_memos.c: memos through REFI-QDA both ways. Out: every memo is
 * a note and also sits in the <Description> other tools read (project,
 * code after its description, source, selection, case), schema-valid.
 * In: a praxis .qdpx comes back without a memo doubled; a QualCoder-style
 * project's Descriptions land on exactly the targets they describe. */
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
#include "praxis/codebook.h"
#include "praxis/coding.h"
#include "praxis/entity.h"
#include "praxis/export.h"
#include "praxis/refi.h"
#include "praxis/util.h"
#include "fixture.h"
#include "refifx.h"

static void must(int rc, const px_err *e, const char *what)
{
	if (rc)
		fail_msg("%s: %s", what, e->msg);
}

static char *qdpx_of(px_db *db)
{
	struct export_options o = { 0 };
	char *path = fx_path(".qdpx");
	px_err e = { 0 };

	o.format = EXP_QDPX;
	o.keep_names = 1;
	o.output = path;
	must(export_run(db, &o, &e), &e, "export");
	return path;
}

static void import_into(px_db *db, const char *path, struct refi_import_stats *st)
{
	px_err e = { 0 };
	px_entity ent = { 0 };

	ent.ext_id = xstrdup("importer");
	ent.reified = -1;
	must(entity_add(db, ENT_CODER, &ent, &e), &e, "coder");
	must(db_begin(db, &e), &e, "begin");
	must(refi_import(db, path, ent.id, CODE_ME, st, &e), &e, "import");
	must(db_commit(db, &e), &e, "commit");
	sl_free(&st->report);
	entity_free(&ent);
}

/* Every memo as "kind|text" lines (memo.h's target kinds), sorted: which
 * memos exist and what they are on, whatever their ids. */
static char *memo_lines(px_db *db)
{
	sqlite3_stmt *st;
	strbuf b;

	sb_init(&b);
	sb_add(&b, "");
	assert_int_equal(sqlite3_prepare_v2(db_sqlite(db), "SELECT t.kind || '|' || m.text"
		" FROM memo m JOIN memo_target t ON t.memo_id = m.id ORDER BY 1", -1, &st, NULL),
		SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW)
		sb_printf(&b, "%s\n", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return sb_steal(&b);
}

static char *code_description(px_db *db, const char *path)
{
	px_code c = { 0 };
	px_err e = { 0 };
	char *d;

	must(codebook_get(db, fx_code(db, path), &c, &e), &e, path);
	d = c.description ? xstrdup(c.description) : NULL;
	codebook_free(&c);
	return d;
}

static char *coding_memo(px_db *db, const char *uuid)
{
	char *sql = xasprintf("SELECT id FROM coding WHERE uuid = '%s'", uuid);
	px_coding c = { 0 };
	px_err e = { 0 };
	char *m;

	must(coding_get(db, db_scalar(db, sql), &c, &e), &e, uuid);
	m = c.memo ? xstrdup(c.memo) : NULL;
	coding_free(&c);
	free(sql);
	return m;
}

static void test_memos_in_descriptions(void **state)
{
	px_db *db = fx_db_with(fx_refi_memo_corpus);
	char *path = qdpx_of(db), *qde = fx_zip_entry(path, "project.qde", NULL);

	(void)state;
	if (fx_refi_validate(qde, strlen(qde), 0))
		fail_msg("qdpx invalid: %s", fx_schema_msg);
	/* the code's memo after its description, and a note the code points at */
	assert_non_null(strstr(qde, "<Description>things people work with\n\nThe code memo."
			       "</Description>\n          <NoteRef targetGUID="));
	assert_non_null(strstr(qde, "<Case guid=\"" ) );
	assert_non_null(strstr(qde, "name=\"Ann\">\n      <Description>The participant memo."
			       "</Description>"));
	assert_non_null(strstr(qde, "\">\n      <Description>The vignette memo.</Description>\n"
			       "      <PlainTextSelection"));
	/* the coding's memo, then the analytic memo on it */
	assert_non_null(strstr(qde, "endPosition=\"31\" creatingUser="));
	assert_non_null(strstr(qde, "<Description>parked doubt\n\nThe coding memo.</Description>\n"
			       "        <Coding guid=\"00000000-0000-4000-8000-00000000000a\""));
	assert_non_null(strstr(qde, "<Description>The project memo.</Description>\n"
			       "  <NoteRef targetGUID="));
	/* the notes stay, each with a date */
	assert_non_null(strstr(qde, "<PlainTextContent>The code memo.</PlainTextContent>"));
	assert_non_null(strstr(qde, "<PlainTextContent>The coding memo.</PlainTextContent>"));
	assert_non_null(strstr(qde, "<PlainTextContent>parked doubt</PlainTextContent>"));
	assert_null(strstr(qde, "<Note guid=\"00000000-0000-4000-8000-00000000000a\""));
	free(qde);
	unlink(path);
	free(path);
	db_close(db);
}

/* Our own file back in: each memo once, on its target; the code keeps its
 * description; the coding its memo field. */
static void test_memos_round_trip_once(void **state)
{
	px_db *a = fx_db_with(fx_refi_memo_corpus), *b = fx_db();
	char *path = qdpx_of(a), *ma, *mb, *d, *m;
	struct refi_import_stats st;

	(void)state;
	fx_drop_praxis_ext(path);   /* REFI-QDA alone, as another tool rewrites it */
	import_into(b, path, &st);
	ma = memo_lines(a);
	mb = memo_lines(b);
	/* the ones REFI-QDA has a place for (community and register entry
	 * memos travel in the praxis extension) */
	assert_string_equal(mb,
		"0|The project memo.\n"
		"1|The vignette memo.\n"
		"2|The code memo.\n"
		"3|The participant memo.\n"
		"5|The coding memo.\n");
	assert_non_null(strstr(ma, "0|The project memo.\n1|The vignette memo.\n2|The code memo.\n"
			       "3|The participant memo.\n"));
	d = code_description(b, "SR/tools");
	assert_string_equal(d, "things people work with");
	m = coding_memo(b, "00000000-0000-4000-8000-00000000000a");
	assert_string_equal(m, "parked doubt");
	free(d);
	free(m);
	free(ma);
	free(mb);
	unlink(path);
	free(path);
	db_close(a);
	db_close(b);
}

/* A project the way QualCoder writes one: memos only in Descriptions
 * (project, code, source, coded passage, case), an annotation (a
 * selection with a Description and no coding), a journal note in a text
 * file of the archive, and no notes for the rest. */
static const char qualcoder_qde[] =
	"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
	"<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"qc\" origin=\"QualCoder 3.6\""
	" creationDateTime=\"2025-05-01T10:00:00Z\">\n"
	"<Users><User guid=\"a1b2c3d4-0000-4000-8000-000000000001\" name=\"colin\"/></Users>\n"
	"<CodeBook><Codes>\n"
	" <Code guid=\"c0de0000-0000-4000-8000-000000000001\" name=\"Breaks\" isCodable=\"true\""
	" color=\"#FF0000\"><Description>when people stop</Description></Code>\n"
	"</Codes></CodeBook>\n"
	"<Cases><Case guid=\"ca5e0000-0000-4000-8000-000000000001\" name=\"Rosa\">"
	"<Description>Rosa runs the night shift.</Description>"
	"<SourceRef targetGUID=\"50050000-0000-4000-8000-000000000001\"/></Case></Cases>\n"
	"<Sources><TextSource guid=\"50050000-0000-4000-8000-000000000001\" name=\"Interview\""
	" plainTextPath=\"internal://50050000-0000-4000-8000-000000000001.txt\""
	" creatingUser=\"a1b2c3d4-0000-4000-8000-000000000001\""
	" creationDateTime=\"2025-05-02T14:30:00Z\">"
	"<Description>Recorded in the canteen.</Description>"
	"<PlainTextSelection guid=\"5e100000-0000-4000-8000-000000000001\" name=\"covered breaks\""
	" startPosition=\"33\" endPosition=\"47\""
	" creatingUser=\"a1b2c3d4-0000-4000-8000-000000000001\">"
	"<Description>Covering is a favour.</Description>"
	"<Coding guid=\"c0d10000-0000-4000-8000-000000000001\""
	" creatingUser=\"a1b2c3d4-0000-4000-8000-000000000001\">"
	"<CodeRef targetGUID=\"c0de0000-0000-4000-8000-000000000001\"/></Coding>"
	"</PlainTextSelection>"
	"<PlainTextSelection guid=\"5e100000-0000-4000-8000-000000000002\" name=\"whiteboard\""
	" startPosition=\"17\" endPosition=\"27\">"
	"<Description>The board again.</Description></PlainTextSelection>"
	"</TextSource></Sources>\n"
	"<Notes><Note guid=\"40740000-0000-4000-8000-000000000001\" name=\"Journal\""
	" plainTextPath=\"internal://40740000-0000-4000-8000-000000000001.txt\""
	" creationDateTime=\"2025-05-03T08:00:00Z\"/></Notes>\n"
	"<Description>Night-shift study.</Description>\n"
	"</Project>\n";

static void test_qualcoder_descriptions_land(void **state)
{
	px_db *db = fx_db();
	char *path = fx_path(".qdpx"), *memos, *d, *m, *sql;
	const struct fx_zent ents[] = {
		{ "project.qde", qualcoder_qde, 0 },
		{ "Sources/50050000-0000-4000-8000-000000000001.txt",
		  "Rosa drew on the whiteboard. She covered breaks.", 0 },
		{ "Sources/40740000-0000-4000-8000-000000000001.txt", "Day one: the canteen.\r\n", 0 },
		{ NULL, NULL, 0 },
	};
	struct refi_import_stats st;

	(void)state;
	if (fx_refi_validate(qualcoder_qde, strlen(qualcoder_qde), 0))
		fail_msg("fixture invalid: %s", fx_schema_msg);
	fx_make_zip(path, ents);
	import_into(db, path, &st);
	assert_int_equal(st.codings, 1);
	/* each Description on its target, the journal (a note in a file,
	 * CR LF normalized) a project memo, the annotation a vignette memo
	 * titled with the selected text */
	memos = memo_lines(db);
	assert_string_equal(memos,
		"0|Day one: the canteen.\n\n"
		"0|Night-shift study.\n"
		"1|Recorded in the canteen.\n"
		"1|The board again.\n"
		"3|Rosa runs the night shift.\n");
	assert_int_equal(db_scalar(db, "SELECT count(*) FROM memo m JOIN memo_target t ON"
				   " t.memo_id = m.id WHERE t.kind = 1 AND m.title = 'whiteboard'"
				   " AND t.target_id = (SELECT id FROM vignette WHERE ext_id ="
				   " 'interview')"), 1);
	assert_int_equal(db_scalar(db, "SELECT count(*) FROM memo m JOIN memo_target t ON"
				   " t.memo_id = m.id WHERE t.kind = 3 AND t.target_id = (SELECT id"
				   " FROM participant WHERE ext_id = 'rosa')"), 1);
	/* the code's Description is its description; the coded passage's is
	 * the coding's memo, on the exact text */
	d = code_description(db, "ME/Breaks");
	assert_string_equal(d, "when people stop");
	m = coding_memo(db, "c0d10000-0000-4000-8000-000000000001");
	assert_string_equal(m, "Covering is a favour.");
	sql = xasprintf("SELECT count(*) FROM coding c JOIN vignette v ON v.id = c.vignette_id"
			" WHERE substr(v.text, c.start + 1, c.end - c.start) = 'covered breaks'");
	assert_int_equal(db_scalar(db, sql), 1);
	free(sql);
	free(d);
	free(m);
	free(memos);
	unlink(path);
	free(path);
	db_close(db);
}

/* A coding's praxis fields as one line: mode, entries, interpretation,
 * speaker, stance, held_by (ids), review flag. */
static char *coding_fields(px_db *db, const char *uuid)
{
	char *sql = xasprintf("SELECT coalesce(c.mode, '-') || '|' || coalesce(r.ext_id, '')"
			      " || '|' || coalesce(a.ext_id, '') || '|' ||"
			      " coalesce(c.interpretation, '') || '|' || coalesce(p.ext_id, '') ||"
			      " '|' || coalesce(c.stance, '') || '|' || coalesce((SELECT"
			      " group_concat(q.ext_id) FROM coding_held_by h JOIN participant q ON"
			      " q.id = h.participant_id WHERE h.coding_id = c.id), '') || '|' ||"
			      " c.needs_review FROM coding c LEFT JOIN repertoire r ON r.id ="
			      " c.repertoire_id LEFT JOIN accountability a ON a.id ="
			      " c.accountability_id LEFT JOIN participant p ON p.id = c.speaker_id"
			      " WHERE c.uuid = '%s'", uuid);
	sqlite3_stmt *st;
	char *out;

	assert_int_equal(sqlite3_prepare_v2(db_sqlite(db), sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	out = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	free(sql);
	return out;
}

/* A pseudonymized export carries no corpus, but praxis.xml still brings
 * back the register entries (description, community, uuid, memos), the
 * communities' memos and each coding's mode, entry links, interpretation,
 * speaker, stance and held_by. */
static void test_extension_without_corpus(void **state)
{
	px_db *a = fx_db_with(fx_refi_memo_corpus), *b = fx_db();
	struct export_options o = { 0 };
	struct refi_import_stats st;
	char *path = fx_path(".qdpx"), *ya, *yb;
	static const char *const uuids[] = {
		"00000000-0000-4000-8000-00000000000a", "00000000-0000-4000-8000-00000000000b",
		"00000000-0000-4000-8000-00000000000c",
	};
	px_err e = { 0 };

	(void)state;
	o.format = EXP_QDPX;
	o.output = path;
	must(export_run(a, &o, &e), &e, "export");
	import_into(b, path, &st);
	assert_int_equal(st.lossless, 0);
	/* the memos REFI-QDA has no place for, on their entries and community */
	{
		char *m = memo_lines(b);
		assert_non_null(strstr(m, "\n4|The community memo.\n"));
		assert_non_null(strstr(m, "\n6|The repertoire memo.\n7|The accountability memo.\n"));
		free(m);
	}
	for (size_t i = 0; i < 3; i++) {
		char *fa = coding_fields(a, uuids[i]), *fb = coding_fields(b, uuids[i]);
		assert_string_equal(fa, fb);
		free(fa);
		free(fb);
	}
	{
		char *f = coding_fields(b, uuids[0]);
		assert_string_equal(f, "reification|pile||a waiting room|ann|||0");
		free(f);
		f = coding_fields(b, uuids[1]);
		assert_string_equal(f, "-||quota|||negotiated|bo|0");
		free(f);
	}
	ya = fx_corpus_text(a);
	yb = fx_corpus_text(b);
	assert_non_null(strstr(ya, "repertoire:\n- id: pile\n  name: the Q pile\n"));
	assert_non_null(strstr(yb, "repertoire:\n- id: pile\n  name: the Q pile\n"
			       "  description: where doubtful claims wait\n  community: desk\n"));
	assert_non_null(strstr(yb, "accountability:\n- id: quota\n  name: the daily quota\n"));
	free(ya);
	free(yb);
	unlink(path);
	free(path);
	db_close(a);
	db_close(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_memos_in_descriptions),
		cmocka_unit_test(test_memos_round_trip_once),
		cmocka_unit_test(test_qualcoder_descriptions_land),
		cmocka_unit_test(test_extension_without_corpus),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
