/* test_export_analyses.c: the analyses of issue 16 in the Markdown and
 * HTML exports, on the corpus of analysis_corpus.c (every number counted
 * by hand there and in test_analyses.c): the Markdown tables row by row,
 * each HTML section, the SVG figures well-formed with one mark per datum
 * (counted with XPath), the export's filters, a hostile pseudonym escaped
 * and no alias left in either document. */
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
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include "praxis/util.h"
#include "analysis_corpus.h"
#include "fixture.h"

static char *path;

static int setup(void **state)
{
	(void)state;
	path = fx_project_with(fx_analysis_corpus);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	unlink(path);
	free(path);
	return 0;
}

static void contains(const char *doc, const char *want)
{
	if (!strstr(doc, want))
		fail_msg("missing:\n%s\n--- in ---\n%s", want, doc);
}

/* Issue 16's tables, after the ties and the network, people by pseudonym. */
static const char md_analyses[] =
	"# Trajectories\n\n"
	"| participant | period | role | me | je | sr | holder | held | first\\_uses |\n"
	"|---|---|---|--:|--:|--:|--:|--:|---|\n"
	"| Cy | 2026-03 | newcomer | 1 | 1 | 1 | 0 | 1 | pile |\n"
	"| Cy | 2026-04 | old-timer | 1 | 1 | 1 | 1 | 0 | stamp |\n"
	"| Di | 2026-03 | supervisor | 1 | 1 | 0 | 1 | 0 |  |\n"
	"| Di | 2026-04 | supervisor | 1 | 0 | 1 | 0 | 0 | pile |\n"
	"| Ed | 2026-04 | clerk | 2 | 1 | 1 | 0 | 1 | pile |\n\n"
	"# Histories of the repertoire\n\n"
	"| repertoire | date | vignette | community | coder | speaker | interpretation | mode |\n"
	"|---|---|---|---|---|---|---|---|\n"
	"| pile | 2026-03-05 | v1 | desk | a | Cy | where doubt goes | participation |\n"
	"| pile | 2026-04-10 | v2 | ward | a | Ed | a shortcut |  |\n"
	"| pile | 2026-04-20 | v3 | desk | a | Di | where doubt goes |  |\n"
	"| stamp | 2026-04-10 | v2 | ward | b |  |  | reification |\n\n"
	"# Boundary objects\n\n"
	"| repertoire | community | occurrences | participants | interpretations |\n"
	"|---|---|--:|--:|--:|\n"
	"| pile | desk | 2 | 2 | 1 |\n"
	"| pile | ward | 1 | 1 | 1 |\n\n"
	"# Brokers\n\n"
	"| participant | communities | vignettes |\n"
	"|---|---|--:|\n"
	"| Cy | desk;ward | 2 |\n"
	"| Ed | desk;ward | 2 |\n\n"
	"# Co-occurrence\n\n"
	"| code\\_a | code\\_b | vignettes | overlaps |\n"
	"|---|---|--:|--:|\n"
	"| JE/mutual accountability | ME/mutual relationships/support | 2 | 1 |\n"
	"| JE/mutual accountability | SR/tools | 2 | 2 |\n"
	"| ME/mutual relationships/conflict | SR/tools | 1 | 1 |\n"
	"| ME/mutual relationships/support | SR/tools | 2 | 2 |\n\n";

static void test_markdown_tables(void **state)
{
	char *md, *html, *tail;

	(void)state;
	md = fx_cli_out(path, "export --format md");
	tail = strstr(md, "# Trajectories\n");
	assert_non_null(tail);
	/* the last sections of the document, exactly */
	assert_string_equal(tail, md_analyses);
	contains(md, "| Cy | Ed | quota | contested | 1 | 2026-04-10 | 2026-04-10 |\n"
		 "| Di | Cy | quota | upheld | 1 | 2026-03-05 | 2026-03-05 |\n\n# Trajectories");
	/* pandoc reads them as tables, without a warning */
	html = fx_pandoc_of(md);
	contains(html, "<td>Cy</td>\n<td>2026-04</td>\n<td>old-timer</td>");
	contains(html, "<td>pile</td>\n<td>ward</td>\n<td style=\"text-align: right;\">1</td>");
	free(html);
	free(md);
	/* the desk only (v1, v3): its trajectory rows, no boundary, no broker,
	 * one co-occurring pair less */
	md = fx_cli_out(path, "export --format md --community desk");
	contains(md, "|---|---|---|--:|--:|--:|--:|--:|---|\n"
		 "| Cy | 2026-03 | newcomer | 1 | 1 | 1 | 0 | 1 | pile |\n"
		 "| Di | 2026-03 | supervisor | 1 | 1 | 0 | 1 | 0 |  |\n"
		 "| Di | 2026-04 | supervisor | 1 | 0 | 1 | 0 | 0 | pile |\n"
		 "| Ed | 2026-04 | clerk | 1 | 0 | 0 | 0 | 0 |  |\n\n");
	assert_null(strstr(md, "# Boundary objects"));
	assert_null(strstr(md, "# Brokers"));
	assert_null(strstr(md, "| ward |"));
	free(md);
	/* coder b: the stamp and support in v2 only */
	md = fx_cli_out(path, "export --format md --coder b");
	contains(md, "# Co-occurrence\n\n| code\\_a | code\\_b | vignettes | overlaps |\n"
		 "|---|---|--:|--:|\n| ME/mutual relationships/support | SR/tools | 1 | 1 |\n\n");
	contains(md, "| stamp | 2026-04-10 | v2 | ward | b |  |  | reification |\n\n# Co");
	assert_null(strstr(md, "# Accountability network"));
	free(md);
}

/* The page as XML (it is polyglot XHTML), failing on any parse error. */
static xmlDocPtr parse(const char *html)
{
	xmlDocPtr doc;

	xmlResetLastError();
	doc = xmlReadMemory(html, (int)strlen(html), "export.html", NULL,
			    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	assert_non_null(doc);
	assert_null(xmlGetLastError());
	return doc;
}

/* How many nodes the XPath expression selects (h: XHTML, s: SVG). */
static int count(xmlDocPtr doc, const char *xpath)
{
	xmlXPathContextPtr cx = xmlXPathNewContext(doc);
	xmlXPathObjectPtr r;
	int n;

	xmlXPathRegisterNs(cx, BAD_CAST "h", BAD_CAST "http://www.w3.org/1999/xhtml");
	xmlXPathRegisterNs(cx, BAD_CAST "s", BAD_CAST "http://www.w3.org/2000/svg");
	r = xmlXPathEvalExpression(BAD_CAST xpath, cx);
	if (!r)
		fail_msg("bad XPath %s", xpath);
	n = r->nodesetval ? r->nodesetval->nodeNr : 0;
	xmlXPathFreeObject(r);
	xmlXPathFreeContext(cx);
	return n;
}

/* The SVG figures of the section titled T. */
#define IN(T) "//h:h1[.='" T "']/following-sibling::h:div[1]"

static void test_html_figures(void **state)
{
	char *html;
	xmlDocPtr doc;

	(void)state;
	html = fx_cli_out(path, "export --format html");
	doc = parse(html);
	/* every section, each analysis after the network */
	assert_int_equal(count(doc, "//h:h1[.='Accountability network']/following-sibling::h:h1"
			       "[.='Trajectories']/following-sibling::h:h1"
			       "[.='Histories of the repertoire']/following-sibling::h:h1"
			       "[.='Boundary objects']/following-sibling::h:h1[.='Brokers']"
			       "/following-sibling::h:h1[.='Co-occurrence']"), 1);
	/* the network: Cy, Di, Ed on the circle; Di -> Cy, Cy -> Ed */
	assert_int_equal(count(doc, IN("Accountability network") "//s:svg"), 1);
	assert_int_equal(count(doc, IN("Accountability network") "//s:circle"), 3);
	assert_int_equal(count(doc, IN("Accountability network") "//s:path[@class='edge']"), 2);
	assert_int_equal(count(doc, IN("Accountability network") "//s:path[@class='edge']"
			       "[s:title='Di holds Cy to account: 1 coding (quota upheld 1)']"), 1);
	assert_int_equal(count(doc, IN("Accountability network") "//s:text[.='Ed']"), 1);
	/* trajectories: a chart each; a bar per month and dimension with
	 * codings (Cy 3 + 3, Di 2 + 2, Ed 3); the first role and Cy's change */
	assert_int_equal(count(doc, IN("Trajectories") "/s:svg"), 3);
	assert_int_equal(count(doc, IN("Trajectories") "//s:rect"), 13);
	assert_int_equal(count(doc, IN("Trajectories") "/s:svg[@aria-label='Ed']//s:rect"
			       "[s:title='2026-04 ME: 2 codings']"), 1);
	assert_int_equal(count(doc, IN("Trajectories") "//s:line[@stroke-dasharray]"), 4);
	assert_int_equal(count(doc, IN("Trajectories") "/s:svg[@aria-label='Cy']"
			       "//s:text[.='old-timer']"), 1);
	/* histories: a timeline per entry, a mark per use; the pile's two
	 * readings in two lanes, its three members' readings filled; the
	 * stamp's use with none, hollow */
	assert_int_equal(count(doc, IN("Histories of the repertoire") "/s:svg"), 2);
	assert_int_equal(count(doc, IN("Histories of the repertoire") "//s:circle"), 4);
	assert_int_equal(count(doc, IN("Histories of the repertoire") "/s:svg[@aria-label='pile']"
			       "//s:text[.='where doubt goes' or .='a shortcut']"), 2);
	assert_int_equal(count(doc, IN("Histories of the repertoire") "/s:svg[@aria-label='pile']"
			       "//s:circle[@fill!='#fff']"), 3);
	assert_int_equal(count(doc, IN("Histories of the repertoire") "/s:svg[@aria-label='stamp']"
			       "//s:circle[@fill='#fff'][s:title='2026-04-10 v2 (ward, coder b):"
			       " (no reading noted); reification']"), 1);
	/* co-occurrence: the four codes in a pair, each pair in two cells */
	assert_int_equal(count(doc, IN("Co-occurrence") "//h:th[@class='code']"), 4);
	assert_int_equal(count(doc, IN("Co-occurrence") "//h:td[@class='hm']"), 8);
	assert_int_equal(count(doc, IN("Co-occurrence") "//h:td[@class='hm'][@title="
			       "'JE/mutual accountability + SR/tools: 2 vignettes,"
			       " 2 overlapping spans']"), 1);
	/* the tables stay, the long ones folded */
	assert_int_equal(count(doc, "//h:details/h:table/h:tr/h:td[.='a shortcut']"), 1);
	assert_int_equal(count(doc, "//h:h1[.='Brokers']/following-sibling::h:table[1]"
			       "/h:tr/h:td[.='desk;ward']"), 2);
	xmlFreeDoc(doc);
	free(html);
	/* the desk only: Di holds Cy, nobody else; no boundary object */
	html = fx_cli_out(path, "export --format html --community desk");
	doc = parse(html);
	assert_int_equal(count(doc, IN("Accountability network") "//s:path[@class='edge']"), 1);
	assert_int_equal(count(doc, IN("Accountability network") "//s:circle"), 2);
	assert_int_equal(count(doc, "//h:h1[.='Boundary objects']"), 0);
	assert_int_equal(count(doc, IN("Histories of the repertoire") "//s:circle"), 2);
	xmlFreeDoc(doc);
	free(html);
}

/* Replaces the first from in s by to (s freed). */
static char *replace(char *s, const char *from, const char *to)
{
	char *at = strstr(s, from), *r;

	assert_non_null(at);
	r = xasprintf("%.*s%s%s", (int)(at - s), s, to, at + strlen(from));
	free(s);
	return r;
}

/* A pseudonym that is markup and an alias in a reading: escaped in every
 * figure and table, and the alias replaced everywhere. */
static void test_hostile_and_aliases(void **state)
{
	char *yaml = xstrdup(fx_analysis_corpus), *db, *html, *md, *cmd, *out, *err;
	char *hp = fx_path(".html"), *mp = fx_path(".md");
	xmlDocPtr doc;

	(void)state;
	yaml = replace(yaml, "pseudonym: Cy\n", "pseudonym: \"<script>C&y</script>\"\n"
		       "    aliases: [Cyrus]\n");
	yaml = replace(yaml, "interpretation: a shortcut", "interpretation: \"Cyrus's shortcut\"");
	db = fx_project_with(yaml);
	cmd = xasprintf("--db '%s' export --format html -o '%s'", db, hp);
	assert_int_equal(fx_run(cmd, &out, &err), 0);
	free(cmd), free(out), free(err);
	html = fx_read_file(hp, NULL);
	assert_non_null(html);
	assert_null(strstr(html, "<script"));
	assert_null(strstr(html, "Cyrus"));
	doc = parse(html);
	/* the pseudonym as text in the network, a chart, a tooltip, a table */
	assert_int_equal(count(doc, IN("Accountability network") "//s:text[.='<script>C&y</script>']"),
			 1);
	assert_int_equal(count(doc, IN("Trajectories") "/s:svg[@aria-label='<script>C&y</script>']"),
			 1);
	assert_int_equal(count(doc, IN("Histories of the repertoire") "//s:title"
			       "[.=\"2026-04-10 v2 (ward, coder a): Ed's reading:"
			       " <script>C&y</script>'s shortcut\"]"), 1);
	assert_int_equal(count(doc, "//h:h1[.='Brokers']/following-sibling::h:table[1]"
			       "/h:tr/h:td[.='<script>C&y</script>']"), 1);
	xmlFreeDoc(doc);
	cmd = xasprintf("--db '%s' export --format md -o '%s'", db, mp);
	assert_int_equal(fx_run(cmd, &out, &err), 0);
	free(cmd), free(out), free(err);
	md = fx_read_file(mp, NULL);
	assert_non_null(md);
	contains(md, "| pile | 2026-04-10 | v2 | ward | a | Ed | \\<script\\>C\\&y\\</script\\>\\'s"
		 " shortcut |  |\n");
	free(html);
	html = fx_pandoc_of(md);
	assert_null(strstr(html, "<script"));
	contains(html, "<td>&lt;script&gt;C&amp;y&lt;/script&gt;</td>\n<td>desk;ward</td>");
	/* the privacy scan finds no alias in either document */
	cmd = xasprintf("--db '%s' scan '%s' '%s'", db, hp, mp);
	assert_int_equal(fx_run(cmd, &out, &err), 0);
	free(cmd), free(out), free(err);
	/* with --keep-names the alias stays: the scan would see it */
	cmd = xasprintf("--db '%s' export --format md --keep-names", db);
	assert_int_equal(fx_run(cmd, &out, &err), 0);
	contains(out, "Cyrus\\'s shortcut");
	free(cmd), free(out), free(err);
	unlink(hp), unlink(mp), unlink(db);
	free(hp), free(mp), free(db), free(html), free(md), free(yaml);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_markdown_tables),
		cmocka_unit_test(test_html_figures),
		cmocka_unit_test(test_hostile_and_aliases),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
