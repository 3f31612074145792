/* test_refi.c: REFI-QDA exchange: .qdc and .qdpx exports checked against
 * tests/data/refi-qda.xsd (written from REFI-QDA.md), stable GUIDs, the
 * export->import round trip, a project in the style another tool writes,
 * and archives that must be refused with nothing written. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include <libxml/parser.h>
#include <libxml/xmlschemas.h>
#include <zip.h>
#include "praxis/codebook.h"
#include "praxis/coding.h"
#include "praxis/entity.h"
#include "praxis/export.h"
#include "praxis/memo.h"
#include "praxis/participant.h"
#include "praxis/refi.h"
#include "praxis/refi_units.h"
#include "praxis/text.h"
#include "praxis/util.h"
#include "praxis/vignette.h"
#include "fixture.h"
#include "refifx.h"

static const char refi_corpus[] =
	"praxis: 1\n"
	"project: Exchange fixture\n"
	"coders:\n"
	"  - id: tester\n"
	"    name: Test Coder\n"
	"  - id: other\n"
	"communities:\n"
	"  - id: desk\n"
	"    name: The desk\n"
	"codebook:\n"
	"  - code: SR/tools/trays\n"
	"    description: wire trays & folders <of all kinds>\n"
	"    color: \"#c0504d\"\n"
	"participants:\n"
	"  - id: ann\n"
	"    pseudonym: Ann\n"
	"    role: old-timer\n"
	"    attributes: {tenure: 11 years}\n"
	"    aliases: [Annie]\n"
	"  - id: bo\n"
	"    pseudonym: Bo\n"
	"vignettes:\n"
	"  - id: v1\n"
	"    title: The pile\n"
	"    date: 2026-03-02\n"
	"    community: desk\n"
	"    observer: tester\n"
	"    participants: [ann, bo]\n"
	"    text: \"Annie put the claim on the Q pile.\\nZoë said “wait” — 😀 twice.\"\n"
	"    memos:\n"
	"      - text: Annie seems sure.\n"
	"    codings:\n"
	"      - code: SR/tools/trays\n"
	"        quote: the Q pile\n"
	"        participants: [ann]\n"
	"        coder: tester\n"
	"        memo: parked doubt\n"
	"      - code: ME\n"
	"        coder: other\n"
	"      - code: JE/interpretations\n"
	"        quote: “wait” — 😀 twice\n"
	"        coder: other\n"
	"  - id: v2\n"
	"    title: Quota talk\n"
	"    date: 2026-04-10T09:30\n"
	"    participants: [bo]\n"
	"    text: Bo said the quota can wait.\n";

/* A coder for imports into a fresh database. */
static int64_t make_coder(px_db *db, const char *ext)
{
	px_entity ent = { 0 };
	px_err e = { 0 };
	int64_t id;

	ent.ext_id = xstrdup(ext);
	ent.reified = -1;
	if (entity_add(db, ENT_CODER, &ent, &e))
		fail_msg("coder: %s", e.msg);
	id = ent.id;
	entity_free(&ent);
	return id;
}

static char *export_to(px_db *db, int format, int keep_names)
{
	struct export_options o = { 0 };
	char *path = fx_path(format == EXP_QDPX ? ".qdpx" : ".qdc");
	px_err e = { 0 };

	o.format = format;
	o.keep_names = keep_names;
	o.output = path;
	if (export_run(db, &o, &e))
		fail_msg("export: %s", e.msg);
	return path;
}

static void test_qdc_valid(void **state)
{
	px_db *db = fx_db_with(refi_corpus);
	char *path = export_to(db, EXP_QDC, 0);
	size_t len;
	char *xml = fx_read_file(path, &len);
	int codes = 0;

	(void)state;
	if (fx_refi_validate(xml, len, 1))
		fail_msg("qdc invalid: %s", fx_schema_msg);
	assert_non_null(strstr(xml, "<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\" origin=\"praxis "));
	assert_non_null(strstr(xml, "name=\"trays\" isCodable=\"true\" color=\"#C0504D\">\n"));
	assert_non_null(strstr(xml, "<Description>wire trays &amp; folders &lt;of all kinds&gt;"
			       "</Description>"));
	assert_null(strstr(xml, "<Sets"));
	for (const char *p = xml; (p = strstr(p, "<Code ")); p++)
		codes++;
	assert_int_equal(codes, codebook_count(db));
	/* an empty Sets, or a code without isCodable, is what the XSD refuses */
	{
		char *bad = xasprintf("%.*s<Sets/></CodeBook>\n", (int)(strstr(xml, "</CodeBook>") - xml),
				      xml);
		assert_int_equal(fx_refi_validate(bad, strlen(bad), 1), -1);
		free(bad);
	}
	free(xml);
	unlink(path);
	free(path);
	db_close(db);
}

/* Every selection's name is the text at its positions (code points over
 * the source file), and each TextSource has a path or content, not both. */
static void check_selections(const char *qdpx, const char *qde)
{
	xmlDocPtr doc = xmlReadMemory(qde, (int)strlen(qde), "p.qde", NULL, XML_PARSE_NONET);
	xmlNodePtr root = xmlDocGetRootElement(doc), sources = NULL;
	int nsel = 0;

	for (xmlNodePtr n = root->children; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, "Sources"))
			sources = n;
	assert_non_null(sources);
	for (xmlNodePtr s = sources->children; s; s = s->next) {
		char *path, *text, *entry;
		if (s->type != XML_ELEMENT_NODE)
			continue;
		path = (char *)xmlGetProp(s, BAD_CAST "plainTextPath");
		assert_non_null(path);
		assert_true(strncmp(path, "internal://", 11) == 0);
		entry = xasprintf("sources/%s", path + 11);
		text = fx_zip_entry(qdpx, entry, NULL);
		assert_non_null(text);
		assert_null(strchr(text, '\r'));
		for (xmlNodePtr c = s->children; c; c = c->next) {
			char *a, *b, *name, *sub;
			if (c->type != XML_ELEMENT_NODE)
				continue;
			assert_true(strcmp((const char *)c->name, "PlainTextContent") != 0);
			/* QualCoder ignores a Coding directly under the source: a
			 * whole-vignette coding is a selection of the whole text */
			assert_true(strcmp((const char *)c->name, "Coding") != 0);
			if (strcmp((const char *)c->name, "PlainTextSelection") != 0)
				continue;
			a = (char *)xmlGetProp(c, BAD_CAST "startPosition");
			b = (char *)xmlGetProp(c, BAD_CAST "endPosition");
			name = (char *)xmlGetProp(c, BAD_CAST "name");
			sub = text_cp_substr(text, (size_t)atol(a), (size_t)atol(b));
			assert_string_equal(sub, name);
			nsel++;
			free(sub);
			xmlFree(a), xmlFree(b), xmlFree(name);
		}
		free(entry);
		free(text);
		xmlFree(path);
	}
	assert_int_equal(nsel, 3);   /* two spans and one whole-vignette coding */
	/* QualCoder stops at a note without creationDateTime */
	for (xmlNodePtr n = root->children; n; n = n->next) {
		int nnotes = 0;
		if (n->type != XML_ELEMENT_NODE || strcmp((const char *)n->name, "Notes"))
			continue;
		for (xmlNodePtr m = n->children; m; m = m->next) {
			xmlChar *dt;
			if (m->type != XML_ELEMENT_NODE)
				continue;
			dt = xmlGetProp(m, BAD_CAST "creationDateTime");
			assert_non_null(dt);
			xmlFree(dt);
			nnotes++;
		}
		assert_true(nnotes >= 1);
	}
	xmlFreeDoc(doc);
}

static void test_qdpx_valid_and_stable(void **state)
{
	px_db *db = fx_db_with(refi_corpus);
	char *p1 = export_to(db, EXP_QDPX, 0), *p2 = export_to(db, EXP_QDPX, 0);
	char *q1 = fx_zip_entry(p1, "project.qde", NULL), *q2 = fx_zip_entry(p2, "project.qde", NULL);
	char *src, *name;
	px_vignette v = { 0 };
	px_err e = { 0 };

	(void)state;
	if (fx_refi_validate(q1, strlen(q1), 0))
		fail_msg("qdpx invalid: %s", fx_schema_msg);
	/* the same project gives the same file, GUIDs included */
	assert_string_equal(q1, q2);
	assert_non_null(strstr(q1, "<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"Exchange fixture\""));
	/* sources are the pseudonymized text, UTF-8 with LF */
	assert_int_equal(vignette_get(db, fx_vignette(db, "v1"), &v, &e), 0);
	name = xasprintf("sources/%s.txt", v.uuid);
	src = fx_zip_entry(p1, name, NULL);
	assert_string_equal(src, "Ann put the claim on the Q pile.\nZoë said “wait” — 😀 twice.");
	check_selections(p1, q1);
	/* "the Q pile" is at 21..31 after Annie became Ann; the emoji line in code points */
	assert_non_null(strstr(q1, "name=\"the Q pile\" startPosition=\"21\" endPosition=\"31\""));
	assert_non_null(strstr(q1, "startPosition=\"42\" endPosition=\"58\""));
	assert_non_null(strstr(q1, "<PlainTextContent>Ann seems sure.</PlainTextContent>"));
	assert_non_null(strstr(q1, "<PlainTextContent>parked doubt</PlainTextContent>"));
	assert_null(strstr(q1, "Annie"));
	assert_non_null(strstr(q1, "<TextValue>old-timer</TextValue>"));
	assert_non_null(strstr(q1, "<Set guid="));
	free(name);
	free(src);
	vignette_free(&v);
	free(q1), free(q2);
	unlink(p1), unlink(p2);
	free(p1), free(p2);
	db_close(db);
}

/* The GUIDs of one element kind in document order, joined. */
static char *guids_of(const char *qde, const char *element)
{
	strbuf b;
	char *open = xasprintf("<%s guid=\"", element);

	sb_init(&b);
	sb_add(&b, "");
	for (const char *p = qde; (p = strstr(p, open)); p++) {
		p += strlen(open);
		sb_addn(&b, p, 36);
		sb_addc(&b, ' ');
	}
	free(open);
	return sb_steal(&b);
}

struct coding_rows {
	strbuf b;
	px_db *db;
};

static int coding_row(const px_coding *c, void *ud)
{
	struct coding_rows *r = ud;
	px_vignette v = { 0 };
	char *path = NULL;
	px_entity coder = { 0 };

	vignette_get(r->db, c->vignette_id, &v, NULL);
	codebook_path(r->db, c->code_id, &path, NULL);
	entity_get(r->db, ENT_CODER, c->coder_id, &coder, NULL);
	sb_printf(&r->b, "%s|%s|%lld|%lld|%s|%s|%zu|%s\n", v.title, path, (long long)c->start,
		  (long long)c->end, coder.ext_id, c->memo ? c->memo : "-", c->participants.n,
		  c->uuid);
	vignette_free(&v);
	entity_free(&coder);
	free(path);
	return 0;
}

static char *codings_of(px_db *db)
{
	struct coding_rows r;

	sb_init(&r.b);
	r.db = db;
	coding_each(db, &CODING_QUERY_ALL, coding_row, &r, NULL);
	return sb_steal(&r.b);
}

static void test_qdpx_round_trip(void **state)
{
	px_db *db = fx_db_with(refi_corpus), *db2 = fx_db();
	char *p1 = export_to(db, EXP_QDPX, 1), *p2, *q1, *q2, *c1, *c2;
	struct refi_import_stats st;
	px_participant p = { 0 };
	px_vignette v = { 0 };
	px_err e = { 0 };
	int64_t id;
	const char *kinds[] = { "User", "Code", "Case", "TextSource", "Coding", "Note", "Set", NULL };

	(void)state;
	/* what REFI-QDA itself carries: read without praxis's extension */
	fx_drop_praxis_ext(p1);
	assert_int_equal(db_begin(db2, &e), 0);
	if (refi_import(db2, p1, make_coder(db2, "importer"), CODE_ME, &st, &e))
		fail_msg("import: %s", e.msg);
	assert_int_equal(st.lossless, 0);
	sl_free(&st.report);
	assert_int_equal(db_commit(db2, &e), 0);
	assert_int_equal(st.sources, 2);
	assert_int_equal(st.codings, 3);
	assert_int_equal(st.skipped_sources + st.normalized, 0);
	/* codings: same spans, codes, coders, memos, participants and GUIDs */
	c1 = codings_of(db);
	c2 = codings_of(db2);
	assert_string_equal(c1, c2);
	/* participants, their attributes and presence; communities; memos */
	assert_int_equal(participant_find(db2, "ann", &id, &e), 0);
	assert_int_equal(participant_get(db2, id, &p, &e), 0);
	assert_string_equal(p.role, "old-timer");
	assert_int_equal(p.nattrs, 1);
	assert_string_equal(p.attrs[0].key, "tenure");
	assert_string_equal(p.attrs[0].value, "11 years");
	/* ids travel as variables: v1 comes back as v1, not the-pile */
	assert_int_equal(vignette_find(db2, "v1", &id, &e), 0);
	assert_int_equal(vignette_get(db2, id, &v, &e), 0);
	assert_string_equal(v.text, "Annie put the claim on the Q pile.\nZoë said “wait” — 😀 twice.");
	assert_string_equal(v.date, "2026-03-02");
	assert_int_equal(v.participants.n, 2);
	assert_true(v.community_id > 0);
	assert_int_equal(v.observer_id, fx_coder(db2, "tester"));
	/* export again: every GUID the format carries came back */
	p2 = export_to(db2, EXP_QDPX, 1);
	q1 = fx_zip_entry(p1, "project.qde", NULL);
	q2 = fx_zip_entry(p2, "project.qde", NULL);
	for (int k = 0; kinds[k]; k++) {
		char *g1 = guids_of(q1, kinds[k]), *g2 = guids_of(q2, kinds[k]);
		assert_true(strlen(g1) > 0);
		if (strcmp(kinds[k], "User") == 0)   /* the importing coder joins */
			assert_non_null(strstr(g2, g1));
		else
			assert_string_equal(g1, g2);
		free(g1), free(g2);
	}
	participant_free(&p);
	vignette_free(&v);
	free(c1), free(c2), free(q1), free(q2);
	unlink(p1), unlink(p2);
	free(p1), free(p2);
	db_close(db);
	db_close(db2);
}

/* A project as ATLAS.ti or QualCoder write them: a .qde named after the
 * project, a Sources/ directory, a BOM and CR LF in the source, braces and
 * capitals in GUIDs, a PDF source, links, a loose note. */
static const char foreign_qde[] =
	"<?xml version=\"1.0\" encoding=\"utf-8\"?>\r\n"
	"<Project xmlns=\"urn:QDA-XML:project:1.0\""
	" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" name=\"Feldstudie\""
	" origin=\"ATLAS.ti 23\" creationDateTime=\"2025-05-01T10:00:00Z\">\r\n"
	"<Users><User guid=\"{A1B2C3D4-0000-4000-8000-000000000001}\" name=\"Maria K.\" id=\"MK\"/></Users>\r\n"
	"<CodeBook><Codes>\r\n"
	" <Code guid=\"{C0DE0000-0000-4000-8000-000000000001}\" name=\"Themes\" isCodable=\"false\" color=\"#FF0000\">\r\n"
	"  <Description>top level</Description>\r\n"
	"  <Code guid=\"{C0DE0000-0000-4000-8000-000000000002}\" name=\"Breaks\" isCodable=\"true\" color=\"#00f\"/>\r\n"
	" </Code>\r\n"
	" <Code guid=\"{C0DE0000-0000-4000-8000-000000000003}\" name=\"Shared Repertoire\" isCodable=\"true\">\r\n"
	"  <Code guid=\"{C0DE0000-0000-4000-8000-000000000004}\" name=\"tools\" isCodable=\"true\"/>\r\n"
	" </Code>\r\n"
	"</Codes></CodeBook>\r\n"
	"<Variables><Variable guid=\"{7A700000-0000-4000-8000-000000000001}\" name=\"Shift\" typeOfVariable=\"Text\"/></Variables>\r\n"
	"<Cases><Case guid=\"{CA5E0000-0000-4000-8000-000000000001}\" name=\"Rosa\">\r\n"
	" <VariableValue><VariableRef targetGUID=\"{7A700000-0000-4000-8000-000000000001}\"/><TextValue>night</TextValue></VariableValue>\r\n"
	" <SourceRef targetGUID=\"{50050000-0000-4000-8000-000000000001}\"/>\r\n"
	" <SelectionRef targetGUID=\"{5E100000-0000-4000-8000-000000000001}\"/>\r\n"
	"</Case></Cases>\r\n"
	"<Sources>\r\n"
	" <TextSource guid=\"{50050000-0000-4000-8000-000000000001}\" name=\"Interview 1.docx\""
	" plainTextPath=\"internal://50050000-0000-4000-8000-000000000001.txt\""
	" creatingUser=\"{A1B2C3D4-0000-4000-8000-000000000001}\" creationDateTime=\"2025-05-02T14:30:00Z\">\r\n"
	"  <PlainTextSelection guid=\"{5E100000-0000-4000-8000-000000000001}\" name=\"the whiteboard\""
	" startPosition=\"23\" endPosition=\"37\" creatingUser=\"{A1B2C3D4-0000-4000-8000-000000000001}\">\r\n"
	"   <Coding guid=\"{C0D10000-0000-4000-8000-000000000001}\" creatingUser=\"{A1B2C3D4-0000-4000-8000-000000000001}\">"
	"<CodeRef targetGUID=\"{C0DE0000-0000-4000-8000-000000000004}\"/>"
	"<NoteRef targetGUID=\"{40740000-0000-4000-8000-000000000001}\"/></Coding>\r\n"
	"  </PlainTextSelection>\r\n"
	"  <PlainTextSelection guid=\"{5E100000-0000-4000-8000-000000000002}\" startPosition=\"44\" endPosition=\"58\">\r\n"
	"   <Coding guid=\"{C0D10000-0000-4000-8000-000000000002}\"><CodeRef targetGUID=\"{C0DE0000-0000-4000-8000-000000000002}\"/></Coding>\r\n"
	"  </PlainTextSelection>\r\n"
	" </TextSource>\r\n"
	" <PDFSource guid=\"{50050000-0000-4000-8000-000000000002}\" name=\"scan.pdf\" path=\"internal://scan.pdf\"/>\r\n"
	" <TextSource guid=\"{50050000-0000-4000-8000-000000000004}\" name=\"On my disk\""
	" plainTextPath=\"C:/Users/mk/notes.txt\"/>\r\n"
	" <TextSource guid=\"{50050000-0000-4000-8000-000000000003}\" name=\"Inline\">"
	"<PlainTextContent>Inline text.</PlainTextContent></TextSource>\r\n"
	"</Sources>\r\n"
	"<Notes>\r\n"
	" <Note guid=\"{40740000-0000-4000-8000-000000000001}\" name=\"board\"><PlainTextContent>Board = memory of the shift.</PlainTextContent></Note>\r\n"
	" <Note guid=\"{40740000-0000-4000-8000-000000000002}\" name=\"loose\"><PlainTextContent>An unattached note.</PlainTextContent></Note>\r\n"
	"</Notes>\r\n"
	"<Links><Link guid=\"{11110000-0000-4000-8000-000000000001}\"/></Links>\r\n"
	"</Project>\r\n";

static const char foreign_text[] =
	"\xef\xbb\xbfLine one\r\nRosa drew on the whiteboard.\r\nShe covered breaks.";

static char *foreign_qdpx(const char *qde)
{
	char *path = fx_path(".qdpx");
	const struct fx_zent ents[] = {
		{ "Feldstudie.qde", qde, 0 },
		{ "Sources/50050000-0000-4000-8000-000000000001.txt", foreign_text, 0 },
		{ "Sources/scan.pdf", "%PDF-1.4 not really", 0 },
		{ NULL, NULL, 0 },
	};

	fx_make_zip(path, ents);
	return path;
}

static void test_foreign_qdpx(void **state)
{
	px_db *db = fx_db();
	char *path = foreign_qdpx(foreign_qde), *rows, *title = NULL;
	struct refi_import_stats st;
	px_vignette v = { 0 };
	px_participant p = { 0 };
	px_code code = { 0 };
	px_err e = { 0 };
	int64_t id;

	(void)state;
	if (fx_refi_validate(foreign_qde, strlen(foreign_qde), 0))
		fail_msg("fixture invalid: %s", fx_schema_msg);
	assert_int_equal(db_begin(db, &e), 0);
	if (refi_import(db, path, make_coder(db, "importer"), CODE_ME, &st, &e))
		fail_msg("import: %s", e.msg);
	sl_free(&st.report);
	assert_int_equal(db_commit(db, &e), 0);
	assert_int_equal(st.sources, 2);
	assert_int_equal(st.skipped_sources, 2);     /* the PDF, the file on a disk */
	assert_int_equal(st.normalized, 1);
	assert_int_equal(st.skipped_elements, 1);       /* Links */
	assert_int_equal(st.codings, 2);
	/* the text without BOM and CR, spans moved with it */
	assert_int_equal(vignette_find(db, "interview-1-docx", &id, &e), 0);
	assert_int_equal(vignette_get(db, id, &v, &e), 0);
	assert_string_equal(v.text, "Line one\nRosa drew on the whiteboard.\nShe covered breaks.");
	assert_string_equal(v.date, "2025-05-02T14:30");
	assert_string_equal(v.title, "Interview 1.docx");
	assert_int_equal(v.observer_id, fx_coder(db, "mk"));
	rows = codings_of(db);
	assert_string_equal(rows,
		"Interview 1.docx|SR/tools|22|36|mk|Board = memory of the shift.|1|"
		"c0d10000-0000-4000-8000-000000000001\n"
		"Interview 1.docx|ME/Themes/Breaks|42|56|importer|-|0|"
		"c0d10000-0000-4000-8000-000000000002\n");
	{
		char *sub = text_cp_substr(v.text, 42, 56);
		assert_string_equal(sub, "covered breaks");
		free(sub);
	}
	/* codes: a foreign top level goes under ME, a root name maps to the root,
	 * colors and descriptions kept, GUIDs kept as uuids */
	assert_int_equal(codebook_get(db, fx_code(db, "ME/Themes"), &code, &e), 0);
	assert_string_equal(code.color, "#ff0000");
	assert_string_equal(code.description, "top level");
	assert_string_equal(code.uuid, "c0de0000-0000-4000-8000-000000000001");
	codebook_free(&code);
	assert_int_equal(codebook_get(db, fx_code(db, "ME/Themes/Breaks"), &code, &e), 0);
	assert_string_equal(code.color, "#00f");
	codebook_free(&code);
	assert_int_equal(codebook_count(db), 29 + 2);  /* SR/tools existed */
	/* the case and its variable; the loose note is a project memo */
	assert_int_equal(participant_find(db, "rosa", &id, &e), 0);
	assert_int_equal(participant_get(db, id, &p, &e), 0);
	assert_string_equal(p.pseudonym, "Rosa");
	assert_string_equal(p.attrs[0].key, "Shift");
	assert_string_equal(p.attrs[0].value, "night");
	assert_true(idl_has(&v.participants, id));
	assert_int_equal(db_meta_get(db, "title", &title, &e), 0);
	assert_string_equal(title, "Feldstudie");
	assert_int_equal(db_scalar(db, "SELECT count(*) FROM memo m JOIN memo_target t ON"
				   " t.memo_id = m.id WHERE t.kind = 0 AND m.text = 'An unattached note.'"), 1);
	free(title);
	free(rows);
	participant_free(&p);
	vignette_free(&v);
	unlink(path);
	free(path);
	db_close(db);
}

/* Imports path in a transaction that must fail with a message containing
 * want; nothing may be left in the store. */
static void expect_refused(const char *path, const char *want)
{
	px_db *db = fx_db();
	px_err e = { 0 };
	int rc;

	assert_int_equal(db_begin(db, &e), 0);
	rc = refi_import_with(db, path, make_coder(db, "importer"), CODE_ME,
			      &(struct refi_import_opts){ REFI_UNIT_AUTO, 1, NULL, NULL }, NULL, &e);
	db_rollback(db);
	if (!rc)
		fail_msg("%s was accepted (wanted: %s)", path, want);
	if (!strstr(e.msg, want))
		fail_msg("message '%s' lacks '%s'", e.msg, want);
	assert_int_equal(vignette_count(db), 0);
	assert_int_equal(participant_count(db), 0);
	assert_int_equal(codebook_count(db), 29);
	db_close(db);
}

static char *replace(const char *s, const char *from, const char *to)
{
	const char *hit = strstr(s, from);

	assert_non_null(hit);
	return xasprintf("%.*s%s%s", (int)(hit - s), s, to, hit + strlen(from));
}

static void test_bad_archives(void **state)
{
	char *path = fx_path(".qdpx"), *good = foreign_qdpx(foreign_qde), *data, *qde;
	size_t len;
	FILE *fp;

	(void)state;
	/* not a zip at all, and a zip cut short */
	fp = fopen(path, "wb");
	fputs("this is not a zip file, whatever the name says\n", fp);
	fclose(fp);
	expect_refused(path, "not a readable .qdpx (zip) file");
	data = fx_read_file(good, &len);
	fp = fopen(path, "wb");
	fwrite(data, 1, len / 2, fp);
	fclose(fp);
	expect_refused(path, "not a readable .qdpx (zip) file");
	free(data);
	/* entries that would land outside a directory */
	fx_make_zip(path, (const struct fx_zent[]){ { "project.qde", foreign_qde, 0 },
					      { "sources/../../evil.txt", "x", 0 },
					      { NULL, NULL, 0 } });
	expect_refused(path, "entry 'sources/../../evil.txt' points outside the archive");
	fx_make_zip(path, (const struct fx_zent[]){ { "/etc/project.qde", foreign_qde, 0 },
					      { NULL, NULL, 0 } });
	expect_refused(path, "points outside the archive");
	/* no project, two projects */
	fx_make_zip(path, (const struct fx_zent[]){ { "sources/a.txt", "x", 0 }, { NULL, NULL, 0 } });
	expect_refused(path, "no project file (*.qde)");
	fx_make_zip(path, (const struct fx_zent[]){ { "a.qde", foreign_qde, 0 },
					      { "b.qde", foreign_qde, 0 }, { NULL, NULL, 0 } });
	expect_refused(path, "more than one .qde");
	/* malformed XML, with its line */
	qde = replace(foreign_qde, "</Sources>", "</Source>");
	fx_make_zip(path, (const struct fx_zent[]){ { "project.qde", qde, 0 }, { NULL, NULL, 0 } });
	expect_refused(path, "malformed XML");
	free(qde);
	/* schema violations: a selection past the text, a missing guid, a
	 * coding of a code that is not there */
	qde = replace(foreign_qde, "endPosition=\"58\"", "endPosition=\"590\"");
	free(good);
	good = foreign_qdpx(qde);
	expect_refused(good, "selection 44-590 lies outside the text of source"
		       " 'Interview 1.docx' (59 characters)");
	free(qde);
	qde = replace(foreign_qde, "<Case guid=\"{CA5E0000-0000-4000-8000-000000000001}\"", "<Case");
	free(good);
	good = foreign_qdpx(qde);
	expect_refused(good, "project.qde:14: <Case> lacks the required attribute guid");
	free(qde);
	qde = replace(foreign_qde, "<CodeRef targetGUID=\"{C0DE0000-0000-4000-8000-000000000002}\"/>",
		      "<CodeRef targetGUID=\"{C0DE0000-0000-4000-8000-0000000000FF}\"/>");
	free(good);
	good = foreign_qdpx(qde);
	expect_refused(good, "which is not in the codebook");
	free(qde);
	/* a declared size past the limit (the central directory lies) */
	fx_make_zip(path, (const struct fx_zent[]){ { "project.qde", foreign_qde, 0 }, { NULL, NULL, 0 } });
	data = fx_read_file(path, &len);
	for (size_t i = 0; i + 46 < len; i++)
		if (!memcmp(data + i, "PK\x01\x02", 4)) {
			memcpy(data + i + 24, "\xff\xff\xff\x7f", 4);   /* uncompressed size */
		}
	fp = fopen(path, "wb");
	fwrite(data, 1, len, fp);
	fclose(fp);
	free(data);
	expect_refused(path, "more than the limit");
	unlink(path);
	unlink(good);
	free(path);
	free(good);
}

/* Notes on codes, sources, cases and the project come in as memos, and a
 * YAML export of them imports into a new file with no memo lost: the
 * second export is the first, byte for byte. */
static void test_qdpx_notes_survive_yaml(void **state)
{
	static const char notes[] =
		" <Note guid=\"{40740000-0000-4000-8000-000000000003}\" name=\"c\"><PlainTextContent>"
		"on the code</PlainTextContent></Note>\r\n"
		" <Note guid=\"{40740000-0000-4000-8000-000000000004}\" name=\"s\"><PlainTextContent>"
		"on the source</PlainTextContent></Note>\r\n"
		" <Note guid=\"{40740000-0000-4000-8000-000000000005}\" name=\"k\"><PlainTextContent>"
		"on the case</PlainTextContent></Note>\r\n</Notes>";
	char *q1 = replace(foreign_qde, "</Notes>", notes);
	char *q2 = replace(q1, "name=\"tools\" isCodable=\"true\"/>", "name=\"tools\" "
			   "isCodable=\"true\"><NoteRef targetGUID=\"{40740000-0000-4000-8000-"
			   "000000000003}\"/></Code>");
	char *q3 = replace(q2, "<PlainTextContent>Inline text.</PlainTextContent>",
			   "<PlainTextContent>Inline text.</PlainTextContent><NoteRef targetGUID="
			   "\"{40740000-0000-4000-8000-000000000004}\"/>");
	char *q4 = replace(q3, "</Case>", "<NoteRef targetGUID=\"{40740000-0000-4000-8000-"
			   "000000000005}\"/></Case>");
	char *path = foreign_qdpx(q4), *y1, *y2;
	px_db *a = fx_db(), *b = fx_db();
	struct refi_import_stats st;
	px_err e = { 0 };
	char msg[512];

	(void)state;
	assert_int_equal(db_begin(a, &e), 0);
	/* imported as fx_import's coder, so the second file lists the same coders */
	if (refi_import(a, path, make_coder(a, "tester"), CODE_ME, &st, &e))
		fail_msg("import: %s", e.msg);
	sl_free(&st.report);
	assert_int_equal(db_commit(a, &e), 0);
	assert_int_equal(db_scalar(a, "SELECT count(*) FROM memo_target WHERE kind = 0"), 1);
	assert_int_equal(db_scalar(a, "SELECT count(*) FROM memo_target WHERE kind = 1"), 1);
	assert_int_equal(db_scalar(a, "SELECT count(*) FROM memo_target WHERE kind = 2"), 1);
	assert_int_equal(db_scalar(a, "SELECT count(*) FROM memo_target WHERE kind = 3"), 1);
	y1 = fx_corpus_text(a);
	assert_int_equal(fx_import(b, y1, msg, sizeof(msg)), PX_OK);
	y2 = fx_corpus_text(b);
	assert_string_equal(y1, y2);
	assert_int_equal(db_scalar(b, "SELECT count(*) FROM memo"), 4);
	assert_int_equal(db_scalar(b, "SELECT count(*) FROM memo m JOIN memo_target t ON"
				   " t.memo_id = m.id WHERE t.kind = 3 AND m.text = 'on the case'"
				   " AND m.uuid = '40740000-0000-4000-8000-000000000005'"), 1);
	free(y1);
	free(y2);
	free(q1);
	free(q2);
	free(q3);
	free(q4);
	free(path);
	db_close(a);
	db_close(b);
}

static void test_cli_import_qdpx(void **state)
{
	char *qdpx = foreign_qdpx(foreign_qde), *dbp = fx_path(".db"), *args, *out, *err;
	int rc;

	(void)state;
	args = xasprintf("--db '%s' --coder tester import '%s'", dbp, qdpx);
	rc = fx_run(args, &out, &err);
	assert_int_equal(rc, 0);
	if (!strstr(out, "imported 2 vignettes, 1 participant, 2 codings, 1 memo "))
		fail_msg("out: %s err: %s", out, err);
	assert_non_null(strstr(err, "normalized CR LF line ends or a BOM in 1 source(s)"));
	assert_non_null(strstr(err, "skipped 2 source(s) praxis cannot read"));
	free(args), free(out), free(err);
	/* the same file again: new ids, no clash */
	args = xasprintf("--db '%s' import --root SR '%s' notes.pdf", dbp, qdpx);
	rc = fx_run(args, &out, &err);
	assert_int_equal(rc, 1);
	assert_non_null(strstr(err, "notes.pdf: import reads .yaml/.yml, .qdpx, .qdc, .md or .txt files"));
	free(args), free(out), free(err);
	unlink(qdpx);
	free(qdpx);
	free(dbp);
}

/* ---- positions as each producer counts them ---- */

struct psel {
	int64_t start, end;
	const char *name;     /* NULL: no name attribute */
	const char *want;     /* the text the coding must land on; NULL: skipped */
};

/* A one-source project from a producer: text stored in the archive as
 * raw (BOM, CR LF as given), selections coded with one code. */
static char *producer_qdpx(const char *origin, const char *raw, const struct psel *sels)
{
	strbuf q;
	char *path = fx_path(".qdpx"), *qde;

	sb_init(&q);
	sb_printf(&q, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
		  "<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"P\" origin=\"%s\">\n"
		  "<CodeBook><Codes><Code guid=\"C0DE0000-0000-4000-8000-000000000001\""
		  " name=\"quote\" isCodable=\"true\"/></Codes></CodeBook>\n<Sources>\n"
		  " <TextSource guid=\"50050000-0000-4000-8000-000000000001\" name=\"S\""
		  " plainTextPath=\"internal://s.txt\">\n", origin);
	for (int i = 0; sels[i].end; i++) {
		sb_printf(&q, "  <PlainTextSelection guid=\"5E100000-0000-4000-8000-%012d\"", i);
		if (sels[i].name)
			sb_printf(&q, " name=\"%s\"", sels[i].name);
		sb_printf(&q, " startPosition=\"%lld\" endPosition=\"%lld\"><Coding guid=\""
			  "C0D10000-0000-4000-8000-%012d\"><CodeRef targetGUID=\""
			  "C0DE0000-0000-4000-8000-000000000001\"/></Coding></PlainTextSelection>\n",
			  (long long)sels[i].start, (long long)sels[i].end, i);
	}
	sb_add(&q, " </TextSource>\n</Sources>\n</Project>\n");
	qde = sb_steal(&q);
	if (fx_refi_validate(qde, strlen(qde), 0))
		fail_msg("fixture invalid: %s", fx_schema_msg);
	fx_make_zip(path, (const struct fx_zent[]){ { "project.qde", qde, 0 }, { "sources/s.txt", raw, 0 },
					      { NULL, NULL, 0 } });
	free(qde);
	return path;
}

struct landed {
	px_db *db;
	const char *text;
	strbuf b;
};

static int landed_row(const px_coding *c, void *ud)
{
	struct landed *l = ud;
	char *sub = text_cp_substr(l->text, (size_t)c->start, (size_t)c->end);

	sb_printf(&l->b, "%s%s|", sub, c->needs_review ? "(review)" : "");
	free(sub);
	return 0;
}

/* Imports a producer's project and checks every coding, in order, lands
 * on its text; returns the import's report lines joined. */
static char *import_landing(const char *origin, const char *raw, const struct psel *sels,
			    int positions, const char *want_text, int64_t want_flagged)
{
	char *path = producer_qdpx(origin, raw, sels);
	px_db *db = fx_db();
	struct refi_import_opts o = { positions, 0, NULL, NULL };
	struct refi_import_stats st;
	struct landed l = { db, NULL, { 0 } };
	px_vignette v = { 0 };
	px_err e = { 0 };
	strbuf want, rep;
	int64_t id;

	assert_int_equal(db_begin(db, &e), 0);
	if (refi_import_with(db, path, make_coder(db, "importer"), CODE_ME, &o, &st, &e))
		fail_msg("import: %s", e.msg);
	assert_int_equal(db_commit(db, &e), 0);
	assert_int_equal(vignette_find(db, "s", &id, &e), 0);
	assert_int_equal(vignette_get(db, id, &v, &e), 0);
	assert_string_equal(v.text, want_text);
	l.text = v.text;
	sb_init(&l.b);
	sb_init(&want);
	coding_each(db, &CODING_QUERY_ALL, landed_row, &l, &e);
	for (int i = 0; sels[i].end; i++)
		if (sels[i].want)
			sb_printf(&want, "%s|", sels[i].want);
	assert_string_equal(l.b.s ? l.b.s : "", want.s ? want.s : "");
	assert_int_equal(st.flagged, want_flagged);
	sb_init(&rep);
	for (size_t i = 0; i < st.report.n; i++)
		sb_printf(&rep, "%s\n", st.report.v[i]);
	sl_free(&st.report);
	sb_free(&l.b);
	sb_free(&want);
	vignette_free(&v);
	db_close(db);
	unlink(path);
	free(path);
	return rep.s ? sb_steal(&rep) : xstrdup("");
}

/* NVivo: UTF-16 units (each emoji counts two), CR LF as two, a BOM the
 * positions do not count; names are the selected text. */
static const char nvivo_raw[] =
	"\xef\xbb\xbfMorning \U0001F600, Feri said.\r\nWe \U0001F389 moved the \U0001F4E6 boxes"
	" \U0001F600 today.\r\nLast \U0001F389 word.";
static const char nvivo_text[] =
	"Morning \U0001F600, Feri said.\nWe \U0001F389 moved the \U0001F4E6 boxes"
	" \U0001F600 today.\nLast \U0001F389 word.";

static void test_positions_nvivo_utf16(void **state)
{
	const struct psel sels[] = {
		{ 12, 16, "Feri", "Feri" }, { 30, 39, "moved the", "moved the" },
		{ 43, 48, "boxes", "boxes" }, { 52, 57, "today", "today" },
		{ 60, 64, "Last", "Last" }, { 68, 72, "word", "word" }, { 0, 0, NULL, NULL },
	};
	char *rep;

	(void)state;
	rep = import_landing("NVivo 14", nvivo_raw, sels, REFI_UNIT_AUTO, nvivo_text, 0);
	if (!strstr(rep, "source 'S': positions read as UTF-16 units, from the selection names"
		    " (6 of 6 fit) and NVivo 14\n"))
		fail_msg("report: %s", rep);
	free(rep);
	/* read as code points (forced), the same file lands on the wrong words */
	{
		const struct psel cp[] = {
			{ 12, 16, "Feri", "eri " }, { 30, 39, "moved the", "ved the \U0001F4E6" },
			{ 0, 0, NULL, NULL },
		};
		rep = import_landing("NVivo 14", nvivo_raw, cp, REFI_UNIT_CP, nvivo_text, 0);
		assert_non_null(strstr(rep, "positions read as code points, as --positions says"));
		free(rep);
	}
}

/* ATLAS.ti: code points with a CR LF pair counted as one. */
static void test_positions_crlf_as_one(void **state)
{
	const char raw[] = "First line.\r\nSecond line here.\r\nThird: the whiteboard.\r\n"
			   "Fourth ends.";
	const struct psel sels[] = {
		{ 12, 23, "Second line", "Second line" },
		{ 37, 51, "the whiteboard", "the whiteboard" },
		{ 53, 59, "Fourth", "Fourth" }, { 0, 0, NULL, NULL },
	};
	char *rep;

	(void)state;
	rep = import_landing("ATLAS.ti 23.1", raw, sels, REFI_UNIT_AUTO,
			     "First line.\nSecond line here.\nThird: the whiteboard.\nFourth ends.", 0);
	if (!strstr(rep, "positions read as code points with CR LF as one, from the selection"
		    " names (3 of 3 fit) and ATLAS.ti 23.1\n"))
		fail_msg("report: %s", rep);
	free(rep);
}

/* Names that are labels, not text: the word boundaries decide (UTF-16
 * units from a tool that does not say so). */
static void test_positions_names_disagree(void **state)
{
	const char raw[] = "Zo\xc3\xab \U0001F600 met Ann \U0001F600\U0001F600 by the stove"
			   " \U0001F389 at noon.";
	const struct psel sels[] = {
		{ 7, 14, "Quote 1", "met Ann" }, { 27, 32, "Quote 2", "stove" },
		{ 0, 0, NULL, NULL },
	};
	char *rep;

	(void)state;
	rep = import_landing("SomeTool 2", raw, sels, REFI_UNIT_AUTO, raw, 0);
	if (!strstr(rep, "positions read as UTF-16 units, from the word boundaries"))
		fail_msg("report: %s", rep);
	free(rep);
}

/* Split evidence: two names fit UTF-16 units, one code points; the best
 * reading wins and the coding it does not fit is flagged for review. */
static void test_positions_split_evidence(void **state)
{
	const char raw[] = "A \U0001F600 b \U0001F600 cat sat \U0001F600 on \U0001F600 the mat.";
	const struct psel sels[] = {
		{ 10, 17, "cat sat", "cat sat" }, { 18, 20, "on", "\U0001F600(review)" },
		{ 27, 34, "the mat", "the mat" }, { 0, 0, NULL, NULL },
	};
	char *rep;

	(void)state;
	rep = import_landing("NVivo 12", raw, sels, REFI_UNIT_AUTO, raw, 1);
	if (!strstr(rep, "positions read as UTF-16 units, from the selection names (2 of 3 fit)"
		    " and NVivo 12; the evidence is split: 1 coding selection(s) flagged"))
		fail_msg("report: %s", rep);
	free(rep);
}

/* A bad selection is skipped with a line naming it; the rest imports. */
static void test_bad_selection_skipped(void **state)
{
	const char raw[] = "one two three";
	const struct psel sels[] = {
		{ 0, 3, "one", "one" }, { 4, 99, "two", NULL }, { 8, 13, "three", "three" },
		{ 0, 0, NULL, NULL },
	};
	char *path, *qde, *rep, *args, *out, *err, *dbp = fx_path(".db");
	const char *bad_code = "targetGUID=\"C0DE0000-0000-4000-8000-000000000001\"/></Coding>"
			       "</PlainTextSelection>\n </TextSource>";
	size_t len;
	int rc;

	(void)state;
	rep = import_landing("QualCoder 3.6", raw, sels, REFI_UNIT_AUTO, raw, 0);
	if (!strstr(rep, "source 'S': selection 5e100000-0000-4000-8000-000000000001 skipped:"
		    " selection 4-99 lies outside the text of source 'S' (13 characters)"))
		fail_msg("report: %s", rep);
	free(rep);
	/* an unknown code on the last selection, through the command line */
	path = producer_qdpx("QualCoder 3.6", raw, sels);
	qde = fx_zip_entry(path, "project.qde", &len);
	{
		char *hit = strstr(qde, bad_code), *q2;
		assert_non_null(hit);
		q2 = xasprintf("%.*stargetGUID=\"C0DE0000-0000-4000-8000-0000000000FF\"%s",
			       (int)(hit - qde), qde, hit + strlen("targetGUID=\"C0DE0000-0000-4000"
							       "-8000-000000000001\""));
		fx_make_zip(path, (const struct fx_zent[]){ { "project.qde", q2, 0 },
						      { "sources/s.txt", raw, 0 }, { NULL, NULL, 0 } });
		free(q2);
	}
	args = xasprintf("--db '%s' --coder tester import '%s'", dbp, path);
	rc = fx_run(args, &out, &err);
	assert_int_equal(rc, 0);
	assert_non_null(strstr(out, "imported 1 vignette, 0 participants, 1 coding"));
	if (!strstr(err, "selection 5e100000-0000-4000-8000-000000000002 skipped: Coding refers"
		    " to code 'C0DE0000-0000-4000-8000-0000000000FF', which is not in the codebook")
	    || !strstr(err, "skipped 2 selection(s) or coding(s)"))
		fail_msg("err: %s", err);
	free(args), free(out), free(err);
	/* --strict: all or nothing, as before */
	unlink(dbp);
	args = xasprintf("--db '%s' --coder tester import --strict '%s'", dbp, path);
	rc = fx_run(args, &out, &err);
	assert_int_equal(rc, 2);
	assert_non_null(strstr(err, "selection 4-99 lies outside the text"));
	free(args), free(out), free(err);
	/* --positions is checked */
	args = xasprintf("--db '%s' import --positions bytes '%s'", dbp, path);
	rc = fx_run(args, &out, &err);
	assert_int_equal(rc, 1);
	assert_non_null(strstr(err, "--positions 'bytes': use codepoints, utf16 or crlf1"));
	free(args), free(out), free(err);
	free(qde);
	unlink(path);
	unlink(dbp);
	free(path);
	free(dbp);
}

/* Ids travel as variables: ferenc comes back as ferenc, not as a slug of
 * the pseudonym (ferenc-sz\u0171cs), and the vignette keeps its id. */
static void test_qdpx_ids_travel(void **state)
{
	px_db *db = fx_db_with("praxis: 1\nparticipants:\n  - id: ferenc\n"
			       "    pseudonym: Ferenc Sz\xc5\xb1" "cs\n"
			       "vignettes:\n  - id: n7\n    title: Night shift\n"
			       "    date: 2026-02-03\n    participants: [ferenc]\n"
			       "    text: \"Late again.\"\n"), *db2 = fx_db();
	char *p = export_to(db, EXP_QDPX, 1);
	px_err e = { 0 };
	int64_t id;

	(void)state;
	fx_drop_praxis_ext(p);     /* the variables alone carry the ids */
	assert_int_equal(db_begin(db2, &e), 0);
	if (refi_import(db2, p, make_coder(db2, "importer"), CODE_ME, NULL, &e))
		fail_msg("import: %s", e.msg);
	assert_int_equal(db_commit(db2, &e), 0);
	assert_int_equal(participant_find(db2, "ferenc", &id, &e), 0);
	assert_int_equal(vignette_find(db2, "n7", &id, &e), 0);
	assert_int_equal(db_scalar(db2, "SELECT count(*) FROM participant_attr"), 0);
	unlink(p);
	free(p);
	db_close(db);
	db_close(db2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_qdc_valid),
		cmocka_unit_test(test_qdpx_valid_and_stable),
		cmocka_unit_test(test_qdpx_round_trip),
		cmocka_unit_test(test_foreign_qdpx),
		cmocka_unit_test(test_bad_archives),
		cmocka_unit_test(test_qdpx_notes_survive_yaml),
		cmocka_unit_test(test_cli_import_qdpx),
		cmocka_unit_test(test_positions_nvivo_utf16),
		cmocka_unit_test(test_positions_crlf_as_one),
		cmocka_unit_test(test_positions_names_disagree),
		cmocka_unit_test(test_positions_split_evidence),
		cmocka_unit_test(test_bad_selection_skipped),
		cmocka_unit_test(test_qdpx_ids_travel),
	};
	return cmocka_run_group_tests_name("refi", tests, NULL, NULL);
}
