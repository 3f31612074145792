/* test_export.c: annotated exports (Markdown, HTML, CSV) and the alias
 * replacement they share, on a small corpus with exact expected text. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>
#include <libxml/parser.h>
#include "praxis/alias.h"
#include "praxis/export.h"
#include "praxis/memo.h"
#include "praxis/regcols.h"
#include "praxis/theme.h"
#include "praxis/util.h"
#include "fixture.h"

static const char exp_corpus[] =
	"praxis: 1\n"
	"project: Export fixture\n"
	"coders:\n"
	"  - id: tester\n"
	"    name: Test Coder\n"
	"  - id: other\n"
	"communities:\n"
	"  - id: desk\n"
	"    name: The desk\n"
	"codebook:\n"
	"  - code: SR/tools\n"
	"    description: things used\n"
	"    color: \"#c0504d\"\n"
	"repertoire:\n"
	"  - id: pile\n"
	"    name: the Q pile\n"
	"    kind: tool\n"
	"    reified: true\n"
	"accountability:\n"
	"  - id: quota\n"
	"    name: meet the daily quota\n"
	"    reified: true\n"
	"participants:\n"
	"  - id: ann\n"
	"    pseudonym: Ann\n"
	"    role: old-timer\n"
	"    attributes: {tenure: 11 years}\n"
	"    aliases: [Annie, Al]\n"
	"  - id: bo\n"
	"    pseudonym: Bo\n"
	"    role: newcomer\n"
	"vignettes:\n"
	"  - id: v1\n"
	"    title: The pile\n"
	"    date: 2026-03-02\n"
	"    community: desk\n"
	"    observer: tester\n"
	"    participants: [ann, bo]\n"
	"    text: \"Annie put the claim on the Q pile. Also, Al said no.\"\n"
	"    memos:\n"
	"      - text: Annie seems sure.\n"
	"    codings:\n"
	"      - code: SR/tools\n"
	"        quote: the Q pile\n"
	"        participants: [ann]\n"
	"        repertoire: pile\n"
	"        interpretation: a place to park doubt\n"
	"        coder: tester\n"
	"      - code: ME\n"
	"        coder: tester\n"
	"      - code: JE/mutual accountability\n"
	"        quote: Q pile. Also, Al\n"
	"        coder: other\n"
	"        memo: \"=HYPERLINK(\\\"x\\\") Al\"\n"
	"        accountability: quota\n"
	"        stance: negotiated\n"
	"        held_by: [ann]\n"
	"  - id: v2\n"
	"    title: Quota talk\n"
	"    date: 2026-04-10T09:30\n"
	"    participants: [bo]\n"
	"    text: \"Bo said: <script>alert(1)</script> \\\"><img src=x onerror=alert(2)>\"\n"
	"    codings:\n"
	"      - code: JE/mutual accountability\n"
	"        quote: \"<script>\"\n"
	"        coder: tester\n";

/* Runs an export into a scratch file and returns its text. */
static char *export_str(px_db *db, struct export_options *o)
{
	char *path = fx_path(".out"), *text;
	px_err e = { 0 };

	o->output = path;
	if (export_run(db, o, &e))
		fail_msg("export: %s", e.msg);
	text = fx_read_file(path, NULL);
	assert_non_null(text);
	unlink(path);
	free(path);
	return text;
}

static void test_alias_whole_words(void **state)
{
	alias_map m = { 0 };
	alias_edits ed = { 0 };
	char *s;

	(void)state;
	alias_add(&m, "Al", "Ann");
	alias_add(&m, "Annie", "Ann");
	alias_add(&m, "Zoé", "Zed");
	alias_add(&m, "Annie Hall", "Ann H.");
	alias_sort(&m);
	/* substrings of other words stay; case is ignored for ASCII */
	s = alias_apply(&m, "Also Al, ANNIE and annie's Alba; al.", &ed);
	assert_string_equal(s, "Also Ann, Ann and Ann's Alba; Ann.");
	free(s);
	/* the longer alias wins at the same place */
	s = alias_apply(&m, "Annie Hall came", NULL);
	assert_string_equal(s, "Ann H. came");
	free(s);
	/* a non-ASCII letter is part of a word on either side */
	s = alias_apply(&m, "Zoé, Zoéa, éZoé and «Zoé»", NULL);
	assert_string_equal(s, "Zed, Zoéa, éZoé and «Zed»");
	free(s);
	alias_edits_free(&ed);
	alias_free(&m);
}

static void test_alias_offsets(void **state)
{
	alias_map m = { 0 };
	alias_edits ed = { 0 };
	char *s;

	(void)state;
	alias_add(&m, "Annie", "Ann");
	alias_add(&m, "Al", "Ann");
	alias_sort(&m);
	/* "Annie put the claim on the Q pile. Also, Al said no." */
	s = alias_apply(&m, "Annie put the claim on the Q pile. Also, Al said no.", &ed);
	assert_string_equal(s, "Ann put the claim on the Q pile. Also, Ann said no.");
	assert_int_equal(ed.n, 2);
	assert_int_equal(alias_map_offset(&ed, 23, 0), 21);   /* "the Q pile" */
	assert_int_equal(alias_map_offset(&ed, 33, 1), 31);
	assert_int_equal(alias_map_offset(&ed, 41, 0), 39);   /* "Al" */
	assert_int_equal(alias_map_offset(&ed, 43, 1), 42);
	/* a span boundary inside a replaced word covers the whole pseudonym */
	assert_int_equal(alias_map_offset(&ed, 2, 0), 0);
	assert_int_equal(alias_map_offset(&ed, 2, 1), 3);
	assert_int_equal(alias_map_offset(&ed, 52, 1), 51);   /* the end */
	free(s);
	alias_edits_free(&ed);
	alias_free(&m);
}

static const char md_expected_v1[] =
	"## The pile (v1)\n"
	"\n"
	"*2026-03-02 · desk · observer tester · present: Ann, Bo*[^n1]\n"
	"\n"
	"Ann put the claim on [the]{.code .SR custom-style=\"Code SR\" data-code=\"SR/tools\" data-coder=\"tester\"} "
	"[[Q pile]{.code .JE custom-style=\"Code JE\" data-code=\"JE/mutual accountability\" data-coder=\"other\"}]"
	"{.code .SR custom-style=\"Code SR\" data-code=\"SR/tools\" data-coder=\"tester\"}"
	"[. Also, Ann]{.code .JE custom-style=\"Code JE\" data-code=\"JE/mutual accountability\" data-coder=\"other\"}"
	"[^n2] said no.\n"
	"\n"
	"- whole vignette: [ME]{.code .ME custom-style=\"Code ME\" data-code=\"ME\" data-coder=\"tester\"}\n"
	"\n"
	"[^n1]: memo: Ann seems sure.\n"
	"[^n2]: JE/mutual accountability: =HYPERLINK(\\\"x\\\") Ann\n";

static void test_markdown_exact(void **state)
{
	px_db *db = fx_db_with(exp_corpus);
	struct export_options o = { .format = EXP_MD };
	char *md = export_str(db, &o);

	(void)state;
	assert_true(strncmp(md, "---\ntitle: \"Export fixture\"\n", 28) == 0);
	assert_non_null(strstr(md, "pseudonymized: true\n---\n"));
	assert_non_null(strstr(md, md_expected_v1));
	/* markup in the data is escaped, never live */
	assert_non_null(strstr(md, "Bo said: [\\<script\\>]{.code .JE "));
	assert_non_null(strstr(md, "alert(1)\\</script\\> \\\"\\>\\<img src=x onerror=alert(2)\\>"));
	/* codebook counts and the registers */
	assert_non_null(strstr(md, "    - **tools** (1): things used\n"));
	assert_non_null(strstr(md, "    - **mutual accountability** (2): "));
	/* no speaker: the analyst's gloss; then glosses, participation,
	 * reification */
	assert_non_null(strstr(md, "| the Q pile | tool | yes | 1 | 1 | 2026-03-02 | 2026-03-02 |"
			       " a place to park doubt (gloss) | 1 | 0 | 0 |  |  |\n"));
	assert_non_null(strstr(md, "| meet the daily quota | yes | 1 | 0 | 0 | 1 | 0 |"));
	assert_null(strstr(md, "Annie"));
	free(md);
	db_close(db);
}

static void test_markdown_keep_names(void **state)
{
	px_db *db = fx_db_with(exp_corpus);
	struct export_options o = { .format = EXP_MD, .keep_names = 1 };
	char *md = export_str(db, &o);

	(void)state;
	assert_non_null(strstr(md, "Annie put the claim on [the]"));
	assert_non_null(strstr(md, "[. Also, Al]{.code .JE"));
	assert_non_null(strstr(md, "pseudonymized: false"));
	free(md);
	db_close(db);
}

/* Markdown whose block syntax would bite: headings, lists, indentation,
 * paragraphs, and a span across a line break. */
static const char md_tricky[] =
	"praxis: 1\n"
	"vignettes:\n"
	"  - id: t1\n"
	"    title: \"# not a heading *really*\"\n"
	"    date: 2026-01-01\n"
	"    text: \"# one\\n- two\\n    four spaces\\n1. item\\n\\nnew [para] `x` $y$ a_b_c\\n---\"\n"
	"    codings:\n"
	"      - code: SR/words\n"
	"        start: 2\n"
	"        end: 12\n"
	"        memo: \"line one\\n\\n# line three\"\n"
	"      - code: ME\n"
	"        start: 0\n"
	"        end: 50\n";

static int have_pandoc(void)
{
	return system("command -v pandoc >/dev/null 2>&1") == 0;
}

static void test_markdown_pandoc(void **state)
{
	px_db *db = fx_db_with(exp_corpus);
	char msg[1024];
	struct export_options o = { .format = EXP_MD };
	char *path = fx_path(".md"), *html;
	px_err e = { 0 };

	(void)state;
	assert_int_equal(fx_import(db, md_tricky, msg, sizeof(msg)), 0);
	o.output = path;
	assert_int_equal(export_run(db, &o, &e), 0);
	html = fx_pandoc_html(path);
	/* the spans render, nested where codings overlap */
	assert_non_null(strstr(html, "<span class=\"code SR\" data-custom-style=\"Code SR\" data-code=\"SR/tools\""
			       " data-coder=\"tester\">the</span>"));
	assert_non_null(strstr(html, "data-code=\"JE/mutual accountability\""));
	assert_non_null(strstr(html, "data-coder=\"other\">Q pile</span></span>"));
	/* nothing from the data became markup */
	assert_null(strstr(html, "<script>"));
	assert_null(strstr(html, "<img"));
	assert_null(strstr(html, "<h1 id=\"one\""));
	assert_null(strstr(html, "<li>two"));
	assert_null(strstr(html, "<pre"));
	assert_non_null(strstr(html, "a_b_c<br />\n---</p>"));   /* not a rule, nor a dash */
	assert_null(strstr(html, "<code>"));
	assert_non_null(strstr(html, "# not a heading *really*"));
	assert_non_null(strstr(html, "a_b_c"));
	/* the footnotes are there, the coding memo with its two paragraphs */
	assert_non_null(strstr(html, "class=\"footnotes"));
	assert_non_null(strstr(html, "<p>SR/words: line one</p>\n<p># line three"));
	assert_non_null(strstr(html, "<span class=\"code ME\" data-custom-style=\"Code ME\" data-code=\"ME\" data-coder=\"tester\">#</span>"));
	free(html);
	unlink(path);
	free(path);
	db_close(db);
}

/* Every Markdown-special character before, inside and after a coded
 * span comes out of pandoc as written (a ! before [ made an image). */
static const char md_specials[] = "\\`*_{}[]()<>#+-.!|~^$@&\"':=%";

static char *html_plain(const char *html)
{
	strbuf b;

	sb_init(&b);
	for (const char *p = html; *p; p++) {
		if (*p == '<') {
			while (*p && *p != '>')
				p++;
			if (!*p)
				break;
			continue;
		}
		if (*p == '&') {
			static const char *const ents[][2] = {
				{ "&amp;", "&" }, { "&lt;", "<" }, { "&gt;", ">" }, { "&quot;", "\"" },
				{ "&#39;", "'" }, { NULL, NULL } };
			int k;
			for (k = 0; ents[k][0]; k++)
				if (!strncmp(p, ents[k][0], strlen(ents[k][0])))
					break;
			if (ents[k][0]) {
				sb_add(&b, ents[k][1]);
				p += strlen(ents[k][0]) - 1;
				continue;
			}
		}
		sb_addc(&b, *p);
	}
	return b.s ? sb_steal(&b) : xstrdup("");
}

static void test_markdown_specials_literal(void **state)
{
	strbuf y, text;
	px_db *db;
	struct export_options o = { .format = EXP_MD };
	char *path = fx_path(".md"), *docx = fx_path(".docx"), *html, *plain, *cmd, *xml;
	px_err e = { 0 };

	(void)state;
	sb_init(&y);
	sb_init(&text);
	sb_add(&y, "praxis: 1\nvignettes:\n  - id: s1\n    title: specials\n"
		   "    date: 2026-01-01\n    text: \"");
	for (const char *c = md_specials; *c; c++)
		sb_printf(&text, "%s%cw%c%cw%c", c == md_specials ? "" : " ", *c, *c, *c, *c);
	for (const char *c = text.s; *c; c++) {
		if (*c == '"' || *c == '\\')
			sb_addc(&y, '\\');
		sb_addc(&y, *c);
	}
	sb_add(&y, "\"\n    codings:\n");
	for (size_t i = 0; md_specials[i]; i++)  /* "c w c c w c": code "w c c w" */
		sb_printf(&y, "      - code: %s\n        start: %zu\n        end: %zu\n",
			  i % 2 ? "SR/words" : "ME", i * 7 + 1, i * 7 + 5);
	db = fx_db_with(y.s);
	o.output = path;
	assert_int_equal(export_run(db, &o, &e), 0);
	html = fx_pandoc_html(path);
	plain = html_plain(html);
	for (size_t i = 0; md_specials[i]; i++) {
		char tok[8];
		snprintf(tok, sizeof(tok), "%cw%c%cw%c", md_specials[i], md_specials[i],
			 md_specials[i], md_specials[i]);
		if (!strstr(plain, tok))
			fail_msg("'%s' did not come out literally:\n%s", tok, html);
	}
	assert_null(strstr(html, "<img"));
	assert_non_null(strstr(html, "data-custom-style=\"Code SR\""));
	/* to .docx: each dimension is a character style on the coded runs */
	cmd = xasprintf("pandoc -f markdown -t docx '%s' -o '%s' && unzip -p '%s' word/document.xml"
			" > '%s.xml'", path, docx, docx, docx);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	cmd = xasprintf("%s.xml", docx);
	xml = fx_read_file(cmd, NULL);
	assert_non_null(xml);
	assert_non_null(strstr(xml, "<w:rStyle w:val=\"CodeME\" />"));
	assert_non_null(strstr(xml, "<w:rStyle w:val=\"CodeSR\" />"));
	unlink(cmd);
	free(cmd);
	free(xml);
	free(plain);
	free(html);
	unlink(path);
	unlink(docx);
	free(path);
	free(docx);
	sb_free(&y);
	sb_free(&text);
	db_close(db);
}

/* An alias with its own pseudonymous form keeps a nickname a nickname;
 * a plain alias still becomes the pseudonym; YAML keeps both. */
static const char alias_as_corpus[] =
	"praxis: 1\n"
	"participants:\n"
	"  - id: ferenc\n"
	"    pseudonym: G\xc3\xa1" "bor Kis\n"
	"    aliases: [Ferenc, {name: Feri, as: Gabi}]\n"
	"vignettes:\n"
	"  - id: m1\n"
	"    title: Morning\n"
	"    date: 2026-01-01\n"
	"    participants: [ferenc]\n"
	"    text: \"morning, Feri. Ferenc nodded.\"\n";

static void test_alias_own_form(void **state)
{
	px_db *db = fx_db_with(alias_as_corpus), *db2;
	struct export_options o = { .format = EXP_MD };
	char *md = export_str(db, &o), *yaml, msg[512];

	(void)state;
	if (!strstr(md, "morning, Gabi. G\xc3\xa1" "bor Kis nodded."))
		fail_msg("md: %s", md);
	free(md);
	o.format = EXP_CSV;
	md = export_str(db, &o);
	assert_null(strstr(md, "Feri"));
	free(md);
	o.format = EXP_YAML;
	o.keep_names = 1;
	yaml = export_str(db, &o);
	if (!strstr(yaml, "as: Gabi"))
		fail_msg("yaml: %s", yaml);
	db2 = fx_db();
	assert_int_equal(fx_import(db2, yaml, msg, sizeof(msg)), 0);
	o.format = EXP_MD;
	o.keep_names = 0;
	md = export_str(db2, &o);
	assert_non_null(strstr(md, "morning, Gabi. G\xc3\xa1" "bor Kis nodded."));
	free(md);
	free(yaml);
	db_close(db2);
	db_close(db);
	/* a mapping needs both keys */
	db = fx_db();
	assert_int_not_equal(fx_import(db, "praxis: 1\nparticipants:\n  - id: f\n    pseudonym: F\n"
				       "    aliases: [{name: Feri}]\n", msg, sizeof(msg)), 0);
	if (!strstr(msg, "an alias needs 'as'"))
		fail_msg("msg: %s", msg);
	db_close(db);
}

/* praxis scan: aliases found as FILE:LINE:COLUMN with the participant's
 * id, exit 1; our pseudonymized exports pass, --keep-names ones do not. */
static void scan_expect(const char *dbp, const char *file, int want_rc, const char *want)
{
	char *args = xasprintf("--db '%s' scan '%s'", dbp, file), *out, *err;
	int rc = fx_run(args, &out, &err);

	if (rc != want_rc || (want && !strstr(out, want)))
		fail_msg("scan %s: rc %d out %s err %s", file, rc, out, err);
	free(args), free(out), free(err);
}

static void test_scan_command(void **state)
{
	char *dbp = fx_path(".db"), *yaml = fx_path(".yaml"), *txt = fx_path(".txt");
	char *md = fx_path(".md"), *qdpx = fx_path(".qdpx"), *docx = fx_path(".docx");
	char *html = fx_path(".html");
	char *args, *out, *err, *cmd;
	FILE *fp;

	(void)state;
	fp = fopen(yaml, "w");
	fputs(exp_corpus, fp);
	fclose(fp);
	args = xasprintf("--db '%s' import '%s'", dbp, yaml);
	assert_int_equal(fx_run(args, &out, &err), 0);
	free(args), free(out), free(err);
	fp = fopen(txt, "w");
	fputs("nothing here\nsaid Zo\xc3\xab to ANNIE, and Also al.\n", fp);
	fclose(fp);
	scan_expect(dbp, txt, 1, ":2:13: ann (alias 'Annie')\n");
	scan_expect(dbp, txt, 1, ":2:29: ann (alias 'Al')\n");
	/* exports: pseudonymized pass, keep-names fail */
	args = xasprintf("--db '%s' export --format md -o '%s'", dbp, md);
	assert_int_equal(fx_run(args, &out, &err), 0);
	free(args), free(out), free(err);
	scan_expect(dbp, md, 0, NULL);
	args = xasprintf("--db '%s' export --format qdpx -o '%s'", dbp, qdpx);
	assert_int_equal(fx_run(args, &out, &err), 0);
	free(args), free(out), free(err);
	scan_expect(dbp, qdpx, 0, NULL);
	args = xasprintf("--db '%s' export --format qdpx --keep-names -o '%s'", dbp, qdpx);
	assert_int_equal(fx_run(args, &out, &err), 0);
	free(args), free(out), free(err);
	scan_expect(dbp, qdpx, 1, ".txt:1:1: ann (alias 'Annie')");
	args = xasprintf("--db '%s' export --format md --keep-names -o '%s'", dbp, md);
	assert_int_equal(fx_run(args, &out, &err), 0);
	free(args), free(out), free(err);
	scan_expect(dbp, md, 1, "ann (alias 'Annie')");
	cmd = xasprintf("pandoc -f markdown -t docx '%s' -o '%s'", md, docx);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	scan_expect(dbp, docx, 1, "!word/document.xml:");
	/* HTML: what a reader sees and attribute values are scanned, never
	 * tags, comments or the stylesheet (a <mark> is no alias 'Mark') */
	fp = fopen(html, "w");
	fputs("<html><head><style>al{color:red}</style></head>\n"
	      "<body><al title=\"Annie\">x</al><!-- Annie\n al --> ok Al.</body></html>\n", fp);
	fclose(fp);
	args = xasprintf("--db '%s' scan '%s'", dbp, html);
	assert_int_equal(fx_run(args, &out, &err), 1);
	cmd = xasprintf("%s:2:18: ann (alias 'Annie')\n%s:3:12: ann (alias 'Al')\n", html, html);
	assert_string_equal(out, cmd);
	free(cmd), free(args), free(out), free(err);
	args = xasprintf("--db '%s' export --format html -o '%s'", dbp, html);
	assert_int_equal(fx_run(args, &out, &err), 0);
	free(args), free(out), free(err);
	scan_expect(dbp, html, 0, NULL);
	/* a file that is not there: exit 2 */
	scan_expect(dbp, "/nonexistent/x.md", 2, NULL);
	unlink(dbp), unlink(yaml), unlink(txt), unlink(md), unlink(qdpx), unlink(docx), unlink(html);
	free(dbp), free(yaml), free(txt), free(md), free(qdpx), free(docx), free(html);
}

static void test_html_escaped_and_valid(void **state)
{
	px_db *db = fx_db_with(exp_corpus);
	struct export_options o = { .format = EXP_HTML };
	char *html = export_str(db, &o);
	xmlDocPtr doc;

	(void)state;
	assert_null(strstr(html, "<script"));
	assert_null(strstr(html, "<img"));
	assert_non_null(strstr(html, "Bo said: <mark class=\"JE\" title=\"JE/mutual accountability"
			       " (tester)\">&lt;script&gt;</mark>"));
	assert_non_null(strstr(html, "&quot;&gt;&lt;img src=x onerror=alert(2)&gt;"));
	/* spans, labels, memos, registers, charts; nothing fetched */
	assert_non_null(strstr(html, "Ann put the claim on <mark class=\"SR\" title=\"SR/tools"
			       " (tester)\">the </mark>"));
	assert_non_null(strstr(html, "<sup class=\"lab\">SR/tools</sup>"));
	assert_non_null(strstr(html, "<div class=\"memo\"><strong>memo</strong> Ann seems sure.</div>"));
	assert_non_null(strstr(html, "<h1>Repertoire register</h1>"));
	assert_non_null(strstr(html, "<h1>Accountability register</h1>"));
	assert_non_null(strstr(html, "<svg xmlns=\"http://www.w3.org/2000/svg\""));
	assert_null(strstr(html, "src=\"http"));
	assert_null(strstr(html, "href=\"http"));
	assert_null(strstr(html, "Annie"));
	/* well-formed: the XML parser reads it without a single error */
	xmlResetLastError();
	doc = xmlReadMemory(html, (int)strlen(html), "export.html", NULL,
			    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	assert_non_null(doc);
	assert_null(xmlGetLastError());
	assert_string_equal((const char *)xmlDocGetRootElement(doc)->name, "html");
	xmlFreeDoc(doc);
	free(html);
	db_close(db);
}

/* The dimensions' colors come from the interface's role table: the
 * highlight border and the coverage bar of ME, JE and SR are the built-in
 * code.ME, code.JE and code.SR backgrounds. */
static void test_html_colors_are_role_table(void **state)
{
	static const int roles[] = { ROLE_CODE_ME, ROLE_CODE_JE, ROLE_CODE_SR };
	static const char *const dims[] = { "ME", "JE", "SR" };
	px_db *db = fx_db_with(exp_corpus);
	struct export_options o = { .format = EXP_HTML };
	char *html = export_str(db, &o), want[80];
	int rgb;

	(void)state;
	for (int i = 0; i < 3; i++) {
		assert_int_equal(theme_dimension_role(i + 1), roles[i]);
		assert_int_equal(theme_role_default_rgb(roles[i], &rgb), 0);
		snprintf(want, sizeof(want), "mark.%s{background:rgba(%d,%d,%d,.3);border-color:#%06x}",
			 dims[i], rgb >> 16, (rgb >> 8) & 0xff, rgb & 0xff, (unsigned)rgb);
		assert_non_null(strstr(html, want));
		snprintf(want, sizeof(want), "height=\"18\" fill=\"#%06x\"", (unsigned)rgb);
		assert_non_null(strstr(html, want));
	}
	/* ME is the screen's orange, not a blue of its own */
	assert_int_equal(theme_role_default_rgb(ROLE_CODE_ME, &rgb), 0);
	assert_int_equal(rgb, 0xd7875f);
	free(html);
	db_close(db);
}

static void test_csv_codings(void **state)
{
	px_db *db = fx_db_with(exp_corpus);
	struct export_options o = { .format = EXP_CSV };
	char *csv = export_str(db, &o);

	(void)state;
	assert_string_equal(csv,
		"vignette_id,date,community,participants,code,dimension,start,end,quote,coder,"
		"mode,memo,repertoire,interpretation,accountability,stance,held_by,speaker,needs_review,"
		"roles\r\n"
		"v1,2026-03-02,desk,,ME,ME,,,,tester,,,,,,,,,0,\r\n"
		"v1,2026-03-02,desk,ann,SR/tools,SR,21,31,the Q pile,tester,,,pile,"
		"a place to park doubt,,,,,0,old-timer\r\n"
		"v1,2026-03-02,desk,,JE/mutual accountability,JE,25,42,\"Q pile. Also, Ann\",other,,"
		"\"'=HYPERLINK(\"\"x\"\") Ann\",,,quota,negotiated,ann,,0,\r\n"
		"v2,2026-04-10T09:30,,,JE/mutual accountability,JE,9,17,<script>,tester,,,,,,,,,0,\r\n");
	free(csv);
	db_close(db);
}

static void test_csv_tables(void **state)
{
	px_db *db = fx_db_with(exp_corpus);
	struct export_options o = { .format = EXP_CSV, .table = EXP_TABLE_PARTICIPANTS };
	char *csv = export_str(db, &o);

	(void)state;
	assert_string_equal(csv, "participant_id,pseudonym,role,attributes,vignettes,codings\r\n"
			    "ann,Ann,old-timer,tenure=11 years,1,1\r\n"
			    "bo,Bo,newcomer,,2,0\r\n");
	free(csv);
	o.table = EXP_TABLE_VIGNETTES;
	csv = export_str(db, &o);
	assert_true(strncmp(csv, "vignette_id,title,date,community,observer,participants,length,"
			    "codings,text\r\nv1,The pile,2026-03-02,desk,tester,ann;bo,51,3,"
			    "\"Ann put the claim on the Q pile. Also, Ann said no.\"\r\n", 160) == 0);
	free(csv);
	o.table = EXP_TABLE_CODES;
	csv = export_str(db, &o);
	assert_true(strncmp(csv, "code,name,dimension,depth,color,description,codings\r\n"
			    "ME,mutual engagement,ME,0,,,1\r\n", 82) == 0);
	assert_non_null(strstr(csv, "\r\nSR/tools,tools,SR,1,#c0504d,things used,1\r\n"));
	free(csv);
	db_close(db);
}

/* CR LF in a stored text leaves as LF, spans mapped through both the
 * alias replacement and the removed CRs. */
static void test_crlf_text(void **state)
{
	px_db *db = fx_db_with(exp_corpus);
	char msg[1024];
	struct export_options o = { .format = EXP_CSV, .participant = "bo" };
	char *csv;

	(void)state;
	if (fx_import(db, "praxis: 1\nvignettes:\n  - id: cr\n    title: CR\n"
				   "    date: 2026-05-01\n    participants: [bo]\n"
				   "    text: \"Line one\\r\\nAnnie here\\rthen\"\n"
				   "    codings:\n      - code: ME\n        quote: here\n",
				   msg, sizeof(msg)))
		fail_msg("%s", msg);
	o.from = "2026-05-01";
	csv = export_str(db, &o);
	assert_non_null(strstr(csv, "\r\ncr,2026-05-01,,,ME,ME,13,17,here,tester,"));
	free(csv);
	o.format = EXP_MD;
	csv = export_str(db, &o);
	assert_null(strchr(csv, '\r'));
	assert_non_null(strstr(csv, "Line one\\\nAnn [here]{.code .ME"));
	free(csv);
	db_close(db);
}

static void test_filters(void **state)
{
	px_db *db = fx_db_with(exp_corpus);
	struct export_options o = { .format = EXP_CSV };
	char *csv;
	px_err e = { 0 };

	(void)state;
	o.coder = "other";
	csv = export_str(db, &o);
	assert_non_null(strstr(csv, ",other,"));
	assert_null(strstr(csv, ",tester,"));
	free(csv);
	o.coder = NULL;
	o.code = "JE";      /* with descendants */
	csv = export_str(db, &o);
	assert_non_null(strstr(csv, "\r\nv1,"));
	assert_non_null(strstr(csv, "\r\nv2,"));
	assert_null(strstr(csv, "SR/tools"));
	free(csv);
	o.code = NULL;
	o.from = "2026-04-01";
	csv = export_str(db, &o);
	assert_null(strstr(csv, "\r\nv1,"));
	assert_non_null(strstr(csv, "\r\nv2,"));
	free(csv);
	o.from = NULL;
	o.to = "2026-03-02";
	o.community = "desk";
	o.participant = "ann";
	csv = export_str(db, &o);
	assert_non_null(strstr(csv, "\r\nv1,"));
	assert_null(strstr(csv, "\r\nv2,"));
	free(csv);
	o.participant = "nobody";
	o.output = "-";
	assert_int_equal(export_run(db, &o, &e), PX_EDATA);
	assert_string_equal(e.msg, "--participant: no participant 'nobody'");
	o.participant = NULL;
	o.to = "March";
	assert_int_equal(export_run(db, &o, &e), PX_EUSAGE);
	assert_string_equal(e.msg, "--to: bad date 'March' (want YYYY-MM-DD)");
	db_close(db);
}

static void test_unwritable_output(void **state)
{
	px_db *db = fx_db_with(exp_corpus);
	char *dir = fx_path(".d"), *path, *out, *err, *args, *before;
	struct export_options o = { .format = EXP_MD };
	px_err e = { 0 };
	int rc;

	(void)state;
	/* a missing directory: a clear error, no file */
	path = xasprintf("%s/missing/notes.md", dir);
	o.output = path;
	assert_int_equal(export_run(db, &o, &e), PX_EIO);
	assert_non_null(strstr(e.msg, "missing/notes.md: cannot write"));
	o.format = EXP_QDPX;
	assert_int_equal(export_run(db, &o, &e), PX_EIO);
	free(path);
	/* a failed export leaves an existing file as it was and no temp file */
	assert_int_equal(mkdir(dir, 0700), 0);
	path = xasprintf("%s/notes.md", dir);
	{
		FILE *fp = fopen(path, "w");
		fputs("old\n", fp);
		fclose(fp);
	}
	args = xasprintf("--db '%s' export --format md --code 'SR/no such' -o '%s'",
			 db_path(db), path);
	rc = fx_run(args, &out, &err);
	assert_int_equal(rc, 2);
	assert_non_null(strstr(err, "--code"));
	before = fx_read_file(path, NULL);
	assert_string_equal(before, "old\n");
	{
		char *ls = xasprintf("test $(ls '%s' | wc -l) -eq 1", dir);
		assert_int_equal(system(ls), 0);
		free(ls);
	}
	free(before);
	free(args);
	free(out);
	free(err);
	unlink(path);
	rmdir(dir);
	free(path);
	free(dir);
	db_close(db);
}

static void test_cli_export(void **state)
{
	px_db *db = fx_db_with(exp_corpus);
	char *args, *out = NULL, *err = NULL;
	int rc;

	(void)state;
	args = xasprintf("--db '%s' export --format csv --table codes --keep-names", db_path(db));
	rc = fx_run(args, &out, &err);
	assert_int_equal(rc, 0);
	assert_true(strncmp(out, "code,name,dimension", 19) == 0);
	free(args), free(out), free(err);
	args = xasprintf("--db '%s' export --format pdf", db_path(db));
	rc = fx_run(args, &out, &err);
	assert_int_equal(rc, 1);
	assert_non_null(strstr(err, "--format 'pdf': use md, html, csv, yaml, qdpx, qdc, codebook, codebook-html or graphml"));
	free(args), free(out), free(err);
	args = xasprintf("--db '%s' export --format qdpx", db_path(db));
	rc = fx_run(args, &out, &err);
	assert_int_equal(rc, 1);
	assert_non_null(strstr(err, "name the file with -o"));
	free(args), free(out), free(err);
	args = xasprintf("--db '%s' export --format yaml --coder tester", db_path(db));
	rc = fx_run(args, &out, &err);
	assert_int_equal(rc, 1);
	assert_non_null(strstr(err, "filters do not apply"));
	free(args), free(out), free(err);
	db_close(db);
}

/* The headers a register's columns have in one output, in table order,
 * each wrapped as pre..post. */
static char *headers(const struct regcols *rc, int doc, const char *pre, const char *post)
{
	strbuf b;

	sb_init(&b);
	for (size_t c = 0; c < rc->n; c++) {
		const char *h = doc ? rc->cols[c].doc : rc->cols[c].cli;
		if (h)
			sb_printf(&b, "%s%s%s", b.len && !*pre ? "," : pre, h, post);
	}
	return sb_steal(&b);
}

/* One source for the registers' columns: `praxis summary`, Markdown and
 * HTML print the headers of praxis/regcols.h, in its order (HTML has the
 * same columns as Markdown, first and last seen included). */
static void test_register_columns_one_source(void **state)
{
	static const struct regcols *const regs[] = { &regcols_repertoire, &regcols_accountability };
	static const char *const kinds[] = { "repertoire", "accountability" };
	px_db *db = fx_db_with(exp_corpus);
	struct export_options md = { .format = EXP_MD }, html = { .format = EXP_HTML };
	char *mdt = export_str(db, &md), *htmlt = export_str(db, &html);

	(void)state;
	for (int i = 0; i < 2; i++) {
		char *args = xasprintf("--db '%s' summary --kind %s --format csv", db_path(db),
				       kinds[i]);
		char *out = NULL, *err = NULL, *want = headers(regs[i], 0, "", "");
		assert_int_equal(fx_run(args, &out, &err), 0);
		assert_true(strncmp(out, want, strlen(want)) == 0);
		assert_true(strncmp(out + strlen(want), "\r\n", 2) == 0);
		free(want), free(out), free(err), free(args);
		want = headers(regs[i], 1, " ", " |");
		assert_non_null(strstr(mdt, want));
		free(want);
		want = headers(regs[i], 1, "<th>", "</th>");
		assert_non_null(strstr(htmlt, want));
		free(want);
	}
	assert_non_null(strstr(htmlt, "<th>first</th><th>last</th><th>interpretations</th>"
			       "<th>participation</th><th>reification</th><th>community</th>"
			       "<th>description</th></tr>"));
	free(mdt);
	free(htmlt);
	db_close(db);
}

/* The format table is the one list: each format found by its name, its
 * alias and its extensions (any case), once; the lists messages print
 * come from it. */
static void test_format_table(void **state)
{
	char *list, *path;

	(void)state;
	for (int f = EXP_YAML; f <= EXP_QDC; f++)
		assert_non_null(export_format_get(f));
	for (size_t i = 0; i < export_nformats; i++) {
		const struct export_format_def *d = &export_formats[i];
		assert_int_equal(export_format_parse(d->name), d->format);
		if (d->alias)
			assert_int_equal(export_format_parse(d->alias), d->format);
		path = xasprintf("notes%s", d->ext);
		assert_int_equal(export_format_of_path(path), d->format);
		for (char *c = path; *c; c++)
			*c = (char)(*c >= 'a' && *c <= 'z' ? *c - 'a' + 'A' : *c);
		assert_int_equal(export_format_of_path(path), d->format);
		free(path);
		if (d->ext_alias) {
			path = xasprintf("x%s", d->ext_alias);
			assert_int_equal(export_format_of_path(path), d->format);
			free(path);
		}
		assert_int_equal(d->write_path != NULL, d->format == EXP_QDPX);
	}
	assert_int_equal(export_format_parse("pdf"), -1);
	assert_int_equal(export_format_of_path("notes.doc"), -1);
	assert_int_equal(export_format_of_path("notes"), -1);
	list = export_format_list(0, " or ");
	assert_string_equal(list, "md, html, csv, yaml, qdpx, qdc, codebook, codebook-html or graphml");
	free(list);
	list = export_format_list(1, " ");
	assert_string_equal(list, ".md .html .csv .yaml .qdpx .qdc .codebook.md .codebook.html .graphml");
	free(list);
}

/* A vignette ann is not present at, with a coding naming her (held_by)
 * and codings that do not. */
static const char exp_absent[] =
	"praxis: 1\nvignettes:\n  - id: v3\n    title: Again\n    date: 2026-04-20T08:00\n"
	"    participants: [bo]\n    text: \"Bo and Annie checked the pile again.\"\n"
	"    codings:\n"
	"      - code: SR/tools\n        quote: the pile\n        participants: [bo]\n"
	"        repertoire: pile\n        interpretation: Annie's doubt parked\n"
	"        accountability: quota\n        stance: upheld\n        held_by: [ann]\n"
	"      - code: SR/tools\n        quote: Bo\n        participants: [bo]\n"
	"        repertoire: pile\n        interpretation: Al's doubt parked\n"
	"      - code: ME\n";

static px_db *absent_db(void)
{
	px_db *db = fx_db_with(exp_corpus);
	char msg[1024];

	if (fx_import(db, exp_absent, msg, sizeof(msg)))
		fail_msg("%s", msg);
	return db;
}

/* --participant is the summaries' filter: codings naming the participant
 * or at a vignette they are present at; a vignette they are not at comes
 * with just the codings naming them. */
static void test_participant_filter_is_summary_filter(void **state)
{
	px_db *db = absent_db();
	struct export_options o = { .format = EXP_CSV, .participant = "ann" };
	char *out = export_str(db, &o);
	px_summary *s;
	summary_filter f = { 0 };
	summary_rep_row *rep;
	size_t n;
	px_err e = { 0 };

	(void)state;
	assert_non_null(strstr(out, "\r\nv3,2026-04-20T08:00,,bo,SR/tools,SR,19,27,the pile,tester,"
			       ",,pile,Ann's doubt parked,quota,upheld,ann,,0,"));
	assert_null(strstr(out, ",Bo,tester,"));
	assert_null(strstr(out, "\r\nv3,2026-04-20T08:00,,,ME,"));
	assert_null(strstr(out, "\r\nv2,"));
	free(out);
	o.format = EXP_MD;
	out = export_str(db, &o);
	assert_non_null(strstr(out, "vignettes: 2\ncodings: 4\n"));
	assert_non_null(strstr(out, "| the Q pile | tool | yes | 2 | 2 | 2026-03-02 | 2026-04-20 |"
			       " Ann\\'s doubt parked (gloss); a place to park doubt (gloss) |"
			       " 2 | 0 | 0 |  |  |\n"));
	assert_non_null(strstr(out, "| meet the daily quota | yes | 2 | 1 | 0 | 1 | 0 |"
			       " 2026-03-02 | 2026-04-20 | 0 | 0 | 0 |  |  |\n"));
	free(out);
	/* the same numbers as the summary under the same filter */
	assert_int_equal(summary_open(db, &s, &e), PX_OK);
	f.participant = fx_participant(db, "ann");
	assert_int_equal(summary_set_filter(s, &f, &e), PX_OK);
	assert_int_equal(summary_repertoire(s, &rep, &n, &e), PX_OK);
	assert_int_equal(n, 1);
	assert_int_equal(rep[0].occurrences, 2);
	assert_int_equal(rep[0].vignettes, 2);
	summary_repertoire_free(rep, n);
	summary_close(s);
	/* a vignette the participant is at needs a coding under --code */
	o.participant = "bo";
	o.code = "SR";
	o.format = EXP_CSV;
	out = export_str(db, &o);
	assert_non_null(strstr(out, "\r\nv1,"));
	assert_non_null(strstr(out, "\r\nv3,"));
	assert_null(strstr(out, "\r\nv2,"));      /* bo is there, no SR coding */
	free(out);
	db_close(db);
}

/* Code counts include the sub-codes (a root shows its dimension total),
 * interpretations are pseudonymized and merged when that makes two one,
 * dates are days, and the HTML charts follow the summaries' coverage. */
static void test_counts_from_summaries(void **state)
{
	px_db *db = absent_db();
	struct export_options o = { .format = EXP_CSV, .table = EXP_TABLE_CODES };
	char *out = export_str(db, &o);
	px_err e = { 0 };

	(void)state;
	assert_non_null(strstr(out, "\r\nJE,joint enterprise,JE,0,,,2\r\n"));
	assert_non_null(strstr(out, "\r\nSR,shared repertoire,SR,0,,,3\r\n"));
	assert_non_null(strstr(out, "\r\nSR/tools,tools,SR,1,#c0504d,things used,3\r\n"));
	free(out);
	o.format = EXP_MD;
	out = export_str(db, &o);
	assert_non_null(strstr(out, "- **shared repertoire** (3)\n"));
	assert_non_null(strstr(out, "| the Q pile | tool | yes | 3 | 2 | 2026-03-02 | 2026-04-20 |"
			       " Ann\\'s doubt parked (gloss); a place to park doubt (gloss) |"
			       " 3 | 0 | 0 |  |  |\n"));
	assert_null(strstr(out, "Al's"));
	free(out);
	o.format = EXP_HTML;
	out = export_str(db, &o);
	assert_non_null(strstr(out, "<td>3</td><td>2</td><td>2026-03-02</td><td>2026-04-20</td>"
			       "<td>Ann&#39;s doubt parked (gloss); a place to park doubt (gloss)</td>"));
	/* per dimension ME 2, JE 2, SR 3; per month March 3, April 4 */
	assert_non_null(strstr(out, ">joint enterprise</text><rect x=\"150\" y=\"48\" width=\"200\""));
	assert_non_null(strstr(out, ">shared repertoire</text><rect x=\"150\" y=\"72\" width=\"300\""));
	assert_non_null(strstr(out, ">2026-03</text><rect x=\"150\" y=\"24\" width=\"225\""));
	assert_non_null(strstr(out, ">2026-04</text><rect x=\"150\" y=\"48\" width=\"300\""));
	free(out);
	/* an empty date range is refused as the summaries refuse it */
	o.from = "2026-05-01";
	o.to = "2026-04-01";
	o.output = "-";
	assert_int_equal(export_run(db, &o, &e), PX_EUSAGE);
	assert_string_equal(e.msg, "the date range is empty: from 2026-05-01 is after to 2026-04-01");
	db_close(db);
}

/* Markup in every field that reaches an export: project title, coder,
 * participant name and role, code name and description, vignette title
 * and text, vignette and coding memos. */
static const char markup_corpus[] =
	"praxis: 1\n"
	"project: \"</title><script>alert(0)</script>\"\n"
	"coders:\n"
	"  - id: tester\n"
	"    name: \"<img src=x onerror=alert(5)>\"\n"
	"participants:\n"
	"  - id: ann\n"
	"    pseudonym: \"Ann<b onmouseover=alert(6)>\"\n"
	"    role: \"\\\"><svg onload=alert(7)>\"\n"
	"codebook:\n"
	"  - code: \"SR/<script>alert(3)<\\\\/script>\"\n"
	"    description: \"\\\"><img src=x onerror=alert(8)>\"\n"
	"vignettes:\n"
	"  - id: v1\n"
	"    title: \"<script>alert(9)</script>\"\n"
	"    date: 2026-03-02\n"
	"    participants: [ann]\n"
	"    text: \"Ann said <script>alert(1)</script> and \\\"><img src=x onerror=alert(2)>.\"\n"
	"    memos:\n"
	"      - text: \"<script>alert(10)</script> \\\"><img src=x onerror=alert(11)>\"\n"
	"    codings:\n"
	"      - code: \"SR/<script>alert(3)<\\\\/script>\"\n"
	"        quote: \"<script>\"\n"
	"        memo: \"\\\"><img src=x onerror=alert(4)> <script>alert(12)</script>\"\n"
	"        coder: tester\n";

static void assert_no_live_markup(const char *what, const char *html)
{
	static const char *const live[] = { "<script", "<img", "<svg onload", "<b on", "<b>" };

	for (size_t i = 0; i < sizeof(live) / sizeof(live[0]); i++)
		if (strstr(html, live[i]))
			fail_msg("%s: live '%s' in\n%s", what, live[i], html);
}

static void test_markup_escaped_everywhere(void **state)
{
	px_db *db = fx_db_with(markup_corpus);
	struct export_options o = { .format = EXP_HTML, .keep_names = 1 };
	char *html = export_str(db, &o), *md, *path = fx_path(".md"), *out = fx_path(".html");
	char *cmd;
	px_err e = { 0 };
	xmlDocPtr doc;

	(void)state;
	/* HTML: every field escaped, the page well-formed */
	assert_no_live_markup("html export", html);
	for (int i = 0; i <= 12; i++) {
		char *probe = xasprintf("alert(%d)", i);
		/* (the coder's name and the role are not shown) */
		if (i != 5 && i != 7 && !strstr(html, probe))
			fail_msg("html export lacks %s", probe);
		free(probe);
	}
	assert_non_null(strstr(html, "&lt;script&gt;alert(10)&lt;/script&gt; &quot;&gt;&lt;img"
			       " src=x onerror=alert(11)&gt;"));
	assert_non_null(strstr(html, "&quot;&gt;&lt;img src=x onerror=alert(4)&gt;"));
	assert_non_null(strstr(html, "&lt;script&gt;alert(3)&lt;/script&gt;"));
	xmlResetLastError();
	doc = xmlReadMemory(html, (int)strlen(html), "export.html", NULL,
			    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	assert_non_null(doc);
	assert_null(xmlGetLastError());
	xmlFreeDoc(doc);
	/* Markdown: escaped for pandoc, metadata title included */
	o.format = EXP_MD;
	o.output = path;
	assert_int_equal(export_run(db, &o, &e), 0);
	md = fx_read_file(path, NULL);
	assert_non_null(md);
	assert_non_null(strstr(md, "title: \"\\\\</title\\\\>\\\\<script\\\\>alert(0)"));
	assert_non_null(strstr(md, "[^n1]: memo: \\<script\\>alert(10)\\</script\\> \\\"\\>\\<img"));
	if (!have_pandoc())
		fail_msg("pandoc is not installed: run `make deps`");
	cmd = xasprintf("pandoc -s -f markdown -t html --wrap=none --metadata pagetitle=x '%s'"
			" -o '%s' 2>&1", path, out);
	assert_int_equal(system(cmd), 0);
	free(html);
	html = fx_read_file(out, NULL);
	assert_non_null(html);
	assert_no_live_markup("pandoc html", html);
	assert_non_null(strstr(html, "<h1 class=\"title\">&lt;/title&gt;&lt;script&gt;alert(0)"));
	assert_non_null(strstr(html, "alert(12)"));
	free(cmd);
	free(md);
	free(html);
	unlink(path);
	unlink(out);
	free(path);
	free(out);
	db_close(db);
}

/* The page parses as XML without a single error. */
static void assert_well_formed(const char *what, const char *html)
{
	xmlDocPtr doc;

	xmlResetLastError();
	doc = xmlReadMemory(html, (int)strlen(html), what, NULL,
			    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (!doc || xmlGetLastError())
		fail_msg("%s is not well-formed", what);
	xmlFreeDoc(doc);
}

/* The codebook document: codes in tree order, each with its description,
 * colour, counts, memos and shortest quotes first, everything from the
 * data pseudonymized and escaped; then the registers. */
static void test_codebook_document(void **state)
{
	px_db *db = fx_db_with(exp_corpus);
	struct export_options o = { 0 };
	px_memo m = { 0 };
	px_err e = { 0 };
	char *md, *tools, *acc;

	(void)state;
	m.target = MEMO_CODE;
	m.target_id = fx_code(db, "JE/mutual accountability");
	m.coder_id = fx_coder(db, "tester");
	m.text = xstrdup("Annie keeps count.\n# not a heading");
	assert_int_equal(memo_add(db, &m, &e), PX_OK);
	memo_free(&m);
	o.format = EXP_CODEBOOK;
	md = export_str(db, &o);
	assert_non_null(strstr(md, "subtitle: \"Codebook\"\n"));
	tools = strstr(md, "### SR/tools\n\nthings used\n\n- colour: `#c0504d`\n"
		       "- codings: 1; vignettes: 1; participants: 1; coders: 1\n\n"
		       "1. \"the Q pile\" (v1)\n\n");
	assert_non_null(tools);
	acc = strstr(md, "### JE/mutual accountability\n\n");
	assert_non_null(acc);
	assert_non_null(strstr(acc, "- codings: 2; vignettes: 2; participants: 0; coders: 2\n\n"
			       "> Ann keeps count.\n> \\# not a heading\n\n"
			       "1. \"\\<script\\>\" (v2)\n2. \"Q pile. Also, Ann\" (v1)\n\n"));
	/* tree order: the dimensions in turn, JE's codes before SR's */
	assert_true(strstr(md, "## mutual engagement (ME)") < strstr(md, "## joint enterprise (JE)"));
	assert_true(acc < tools);
	assert_null(strstr(md, "Annie"));
	assert_non_null(strstr(md, "# Repertoire register\n"));
	assert_non_null(strstr(md, "| meet the daily quota |"));
	free(md);
	/* the same document as a page: the same counts, memo and quotes,
	 * escaped, well-formed, pseudonymized */
	o.format = EXP_CODEBOOK_HTML;
	md = export_str(db, &o);
	assert_non_null(strstr(md, "<h1>Codebook</h1>\n"));
	tools = strstr(md, "<h3>SR/tools</h3>\n<p class=\"text\">things used</p>\n<ul>\n"
		       "<li>colour: <span style=\"background:#c0504d\">&#160;&#160;&#160;</span>"
		       " <code>#c0504d</code></li>\n"
		       "<li>codings: 1; vignettes: 1; participants: 1; coders: 1</li>\n</ul>\n"
		       "<ol class=\"examples\">\n<li>&#8220;the Q pile&#8221; (v1)</li>\n</ol>\n");
	assert_non_null(tools);
	acc = strstr(md, "<h3>JE/mutual accountability</h3>\n");
	assert_non_null(acc);
	assert_non_null(strstr(acc, "<li>codings: 2; vignettes: 2; participants: 0; coders: 2</li>\n"
			       "</ul>\n<div class=\"memo\"><strong>memo by tester</strong> Ann keeps"
			       " count.\n# not a heading</div>\n<ol class=\"examples\">\n"
			       "<li>&#8220;&lt;script&gt;&#8221; (v2)</li>\n"
			       "<li>&#8220;Q pile. Also, Ann&#8221; (v1)</li>\n</ol>\n"));
	assert_true(strstr(md, "<h2>mutual engagement (ME)</h2>") <
		    strstr(md, "<h2>joint enterprise (JE)</h2>"));
	assert_true(acc < tools);
	assert_null(strstr(md, "Annie"));
	assert_non_null(strstr(md, "<h1>Repertoire register</h1>"));
	assert_non_null(strstr(md, "<td>meet the daily quota</td>"));
	assert_well_formed("codebook page", md);
	free(md);
	/* :export names them by their double extensions; .md stays the notes */
	assert_int_equal(export_format_of_path("team.codebook.md"), EXP_CODEBOOK);
	assert_int_equal(export_format_of_path("team.codebook.html"), EXP_CODEBOOK_HTML);
	assert_int_equal(export_format_of_path("team.md"), EXP_MD);
	assert_int_equal(export_format_of_path("team.html"), EXP_HTML);
	db_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_alias_whole_words),
		cmocka_unit_test(test_alias_offsets),
		cmocka_unit_test(test_markdown_exact),
		cmocka_unit_test(test_markdown_keep_names),
		cmocka_unit_test(test_markdown_pandoc),
		cmocka_unit_test(test_markdown_specials_literal),
		cmocka_unit_test(test_alias_own_form),
		cmocka_unit_test(test_scan_command),
		cmocka_unit_test(test_html_escaped_and_valid),
		cmocka_unit_test(test_csv_codings),
		cmocka_unit_test(test_csv_tables),
		cmocka_unit_test(test_crlf_text),
		cmocka_unit_test(test_filters),
		cmocka_unit_test(test_unwritable_output),
		cmocka_unit_test(test_cli_export),
		cmocka_unit_test(test_format_table),
		cmocka_unit_test(test_register_columns_one_source),
		cmocka_unit_test(test_html_colors_are_role_table),
		cmocka_unit_test(test_participant_filter_is_summary_filter),
		cmocka_unit_test(test_counts_from_summaries),
		cmocka_unit_test(test_markup_escaped_everywhere),
		cmocka_unit_test(test_codebook_document),
	};
	return cmocka_run_group_tests_name("export", tests, NULL, NULL);
}
