/* test_graphml.c: `praxis export --format graphml` on the corpus of
 * analysis_corpus.c: valid XML (xmllint), and what networkx (or, without
 * it, Python's ElementTree) reads back: the three people with their
 * pseudonyms, dated roles and communities, the engagement ties with their
 * qualities and weights, who holds whom to account under which norm. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include "praxis/util.h"
#include "analysis_corpus.h"
#include "fixture.h"

static const char reader_py[] =
	"import sys\n"
	"try:\n"
	"    import networkx as nx\n"
	"    g = nx.read_graphml(sys.argv[1])\n"
	"    nodes = {n: d for n, d in g.nodes(data=True)}\n"
	"    edges = [(a, b, d) for a, b, d in g.edges(data=True)]\n"
	"    print('reader networkx')\n"
	"except ImportError:\n"
	"    import xml.etree.ElementTree as ET\n"
	"    ns = {'g': 'http://graphml.graphdrawing.org/xmlns'}\n"
	"    root = ET.parse(sys.argv[1]).getroot()\n"
	"    keys = {k.get('id'): k.get('attr.name') for k in root.findall('g:key', ns)}\n"
	"    def data(el):\n"
	"        return {keys[d.get('key')]: d.text or '' for d in el.findall('g:data', ns)}\n"
	"    graph = root.find('g:graph', ns)\n"
	"    nodes = {n.get('id'): data(n) for n in graph.findall('g:node', ns)}\n"
	"    edges = [(e.get('source'), e.get('target'), data(e))\n"
	"             for e in graph.findall('g:edge', ns)]\n"
	"    print('reader etree')\n"
	"for n in sorted(nodes):\n"
	"    d = nodes[n]\n"
	"    print('node', n, d['pseudonym'], '|', d['roles'], '|', d['communities'])\n"
	"for a, b, d in sorted(edges, key=lambda e: (e[2]['kind'], e[0], e[1])):\n"
	"    if d['kind'] == 'engagement':\n"
	"        print('tie', a, b, d['quality'], int(float(d['weight'])), int(d['vignettes']))\n"
	"    else:\n"
	"        print('holds', a, b, d['entry'], d['stance'], int(d['count']))\n";

static char *sh(const char *cmd, int *status)
{
	FILE *p = popen(cmd, "r");
	strbuf b;
	char buf[512];
	size_t n;

	sb_init(&b);
	sb_add(&b, "");
	while (p && (n = fread(buf, 1, sizeof(buf), p)) > 0)
		sb_addn(&b, buf, n);
	*status = p ? pclose(p) : -1;
	return sb_steal(&b);
}

static void test_graphml(void **state)
{
	char *db = fx_project_with(fx_analysis_corpus), *out = fx_path(".graphml");
	char *py = fx_path(".py"), *args, *o, *err, *cmd, *got;
	FILE *fp;
	int status;

	(void)state;
	args = xasprintf("--db %s export --format graphml -o %s", db, out);
	assert_int_equal(fx_run(args, &o, &err), 0);
	free(args), free(o), free(err);
	cmd = xasprintf("xmllint --noout %s 2>&1", out);
	got = sh(cmd, &status);
	assert_int_equal(status, 0);
	assert_string_equal(got, "");
	free(cmd), free(got);
	fp = fopen(py, "w");
	fputs(reader_py, fp);
	fclose(fp);
	cmd = xasprintf("python3 %s %s 2>&1", py, out);
	got = sh(cmd, &status);
	assert_int_equal(status, 0);
	assert_non_null(strstr(got, "reader "));
	assert_non_null(strstr(got,
		"node cy Cy | newcomer; old-timer from 2026-04-01 | desk;ward\n"
		"node di Di | supervisor | desk\n"
		"node ed Ed | clerk | desk;ward\n"
		"holds cy ed quota contested 1\n"
		"holds di cy quota upheld 1\n"
		"tie cy di ME/mutual relationships/support 1 1\n"
		"tie cy ed ME/mutual relationships/support 1 1\n"
		"tie di ed ME/mutual relationships/conflict 1 1\n"));
	free(cmd), free(got);
	/* the filter holds: the desk's vignettes only (v1, v3) */
	args = xasprintf("--db %s export --format graphml --community desk -o %s", db, out);
	assert_int_equal(fx_run(args, &o, &err), 0);
	free(args), free(o), free(err);
	cmd = xasprintf("python3 %s %s 2>&1", py, out);
	got = sh(cmd, &status);
	assert_non_null(strstr(got, "holds di cy quota upheld 1\n"
				    "tie cy di ME/mutual relationships/support 1 1\n"
				    "tie di ed ME/mutual relationships/conflict 1 1\n"));
	assert_null(strstr(got, "holds cy ed"));
	free(cmd), free(got);
	unlink(out), unlink(py), unlink(db);
	free(out), free(py), free(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_graphml),
	};
	return cmocka_run_group_tests_name("graphml", tests, NULL, NULL);
}
