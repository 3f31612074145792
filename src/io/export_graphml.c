/* export_graphml.c: the people as a network in GraphML (Gephi, igraph,
 * networkx): participants as nodes with their pseudonym, dated roles and
 * communities; mutual engagement ties (undirected in meaning: a < b) with
 * their qualities and weight; accountability edges holder -> held with the
 * norm, stance and count. Numbers come from the export's summaries, under
 * its filter; only pseudonyms are written. */
#include <stdlib.h>
#include <string.h>
#include "praxis/export_ctx.h"
#include "praxis/participant.h"

static const char graphml_head[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"\n"
	"    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
	"    xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns"
	" http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n"
	"  <key id=\"pseudonym\" for=\"node\" attr.name=\"pseudonym\" attr.type=\"string\"/>\n"
	"  <key id=\"roles\" for=\"node\" attr.name=\"roles\" attr.type=\"string\"/>\n"
	"  <key id=\"communities\" for=\"node\" attr.name=\"communities\" attr.type=\"string\"/>\n"
	"  <key id=\"kind\" for=\"edge\" attr.name=\"kind\" attr.type=\"string\"/>\n"
	"  <key id=\"quality\" for=\"edge\" attr.name=\"quality\" attr.type=\"string\"/>\n"
	"  <key id=\"weight\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\"/>\n"
	"  <key id=\"vignettes\" for=\"edge\" attr.name=\"vignettes\" attr.type=\"int\"/>\n"
	"  <key id=\"entry\" for=\"edge\" attr.name=\"entry\" attr.type=\"string\"/>\n"
	"  <key id=\"stance\" for=\"edge\" attr.name=\"stance\" attr.type=\"string\"/>\n"
	"  <key id=\"count\" for=\"edge\" attr.name=\"count\" attr.type=\"int\"/>\n"
	"  <graph id=\"praxis\" edgedefault=\"directed\">\n";

static void data(strbuf *b, const char *key, const char *value)
{
	sb_printf(b, "      <data key=\"%s\">", key);
	export_xml_escape(b, value);
	sb_add(b, "</data>\n");
}

/* "newcomer; old-timer from 2026-04-01" */
static char *roles_text(const px_participant *p)
{
	strbuf b;

	sb_init(&b);
	sb_add(&b, p->role ? p->role : "");
	for (size_t i = 0; i < p->nroles; i++)
		sb_printf(&b, "%s%s from %s", b.len ? "; " : "", p->roles[i].role, p->roles[i].from);
	return sb_steal(&b);
}

/* The communities of the vignettes the participant is present at. */
static char *communities_text(export_ctx *x, int64_t id)
{
	sqlite3_stmt *st = db_stmt(x->db, "SELECT DISTINCT c.ext_id FROM vignette_participant vp"
				   " JOIN vignette v ON v.id = vp.vignette_id JOIN community c"
				   " ON c.id = v.community_id WHERE vp.participant_id = ?"
				   " ORDER BY c.id", NULL);
	strbuf b;

	sb_init(&b);
	sb_add(&b, "");
	if (!st)
		return sb_steal(&b);
	sqlite3_bind_int64(st, 1, id);
	while (sqlite3_step(st) == SQLITE_ROW)
		sb_printf(&b, "%s%s", b.len ? ";" : "", (const char *)sqlite3_column_text(st, 0));
	sqlite3_reset(st);
	return sb_steal(&b);
}

struct gctx {
	export_ctx *x;
	strbuf *b;
};

static int node(const px_participant *p, void *ud)
{
	struct gctx *g = ud;
	char *roles = roles_text(p), *com = communities_text(g->x, p->id);

	sb_add(g->b, "    <node id=\"");
	export_xml_escape(g->b, p->ext_id);
	sb_add(g->b, "\">\n");
	data(g->b, "pseudonym", p->pseudonym);
	data(g->b, "roles", roles);
	data(g->b, "communities", com);
	sb_add(g->b, "    </node>\n");
	free(roles);
	free(com);
	return 0;
}

static void edge_open(strbuf *b, const px_names *nm, int64_t a, int64_t c, size_t *n)
{
	sb_printf(b, "    <edge id=\"e%zu\" source=\"", (*n)++);
	export_xml_escape(b, names_get(nm, NAMES_PARTICIPANT, a));
	sb_add(b, "\" target=\"");
	export_xml_escape(b, names_get(nm, NAMES_PARTICIPANT, c));
	sb_add(b, "\">\n");
}

/* Mutual engagement: one edge per tie (two people named by one ME
 * coding), its qualities the ME codes under which it was coded. */
static void ties(const export_ctx *x, strbuf *b, const summary_engagement *g, size_t *n)
{
	for (size_t i = 0; i < g->nties; i++) {
		const summary_tie *t = &g->ties[i];
		strbuf q;
		if (t->quality)
			continue;
		sb_init(&q);
		sb_add(&q, "");
		size_t end = i + 1;
		while (end < g->nties && g->ties[end].a == t->a && g->ties[end].b == t->b)
			end++;
		/* the codes as coded: a code whose sub-code is listed stands
		 * for nothing more */
		for (size_t k = i + 1; k < end; k++) {
			const char *path = names_get(&x->nm, NAMES_CODE, g->ties[k].quality);
			size_t len = strlen(path);
			int parent = 0;
			for (size_t j = i + 1; j < end && !parent; j++) {
				const char *o = names_get(&x->nm, NAMES_CODE, g->ties[j].quality);
				parent = j != k && strncmp(o, path, len) == 0 && o[len] == '/';
			}
			if (!parent)
				sb_printf(&q, "%s%s", q.len ? ";" : "", path);
		}
		edge_open(b, &x->nm, t->a, t->b, n);
		data(b, "kind", "engagement");
		data(b, "quality", q.s);
		sb_printf(b, "      <data key=\"weight\">%lld</data>\n", (long long)t->codings);
		sb_printf(b, "      <data key=\"vignettes\">%lld</data>\n", (long long)t->vignettes);
		sb_add(b, "    </edge>\n");
		sb_free(&q);
	}
}

int export_graphml(export_ctx *x, FILE *out)
{
	strbuf b;
	summary_engagement g;
	summary_net_row *net = NULL;
	size_t nnet = 0, nedge = 0;
	int rc;

	sb_init(&b);
	sb_add(&b, graphml_head);
	if ((rc = participant_each(x->db, node, &(struct gctx){ x, &b }, x->e)))
		goto out;
	if ((rc = summary_engagement_get(x->sum, &g, x->e)))
		goto out;
	ties(x, &b, &g, &nedge);
	summary_engagement_free(&g);
	/* the accountability network: who holds whom to account, by norm and
	 * stance */
	if ((rc = summary_network(x->sum, &net, &nnet, x->e)))
		goto out;
	for (size_t i = 0; i < nnet; i++) {
		edge_open(&b, &x->nm, net[i].holder, net[i].held, &nedge);
		data(&b, "kind", "accountability");
		data(&b, "entry", net[i].accountability ? names_get(&x->nm, NAMES_ACCOUNTABILITY,
								    net[i].accountability)
			 : SUMMARY_UNNAMED);
		data(&b, "stance", net[i].stance ? coding_stance_name(net[i].stance) : "");
		sb_printf(&b, "      <data key=\"weight\">%lld</data>\n", (long long)net[i].codings);
		sb_printf(&b, "      <data key=\"count\">%lld</data>\n", (long long)net[i].codings);
		sb_add(&b, "    </edge>\n");
	}
	free(net);
	sb_add(&b, "  </graph>\n</graphml>\n");
	if (fwrite(b.s, 1, b.len, out) != b.len)
		rc = px_fail(x->e, PX_EIO, "writing GraphML failed");
out:
	sb_free(&b);
	return rc;
}
