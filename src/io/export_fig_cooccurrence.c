/* export_fig_cooccurrence.c: the co-occurrence matrix as a heat map: an
 * HTML table of the codes found with another code at least once (codes
 * that never co-occur would only add empty rows), numbered so the columns
 * stay narrow, each cell the vignettes holding both codes, shaded by that
 * count; the overlapping spans in the cell's tooltip. */
#include <stdlib.h>
#include <string.h>
#include "praxis/analysis.h"
#include "export_fig.h"

struct code_ref {
	int64_t id;
	const char *path;
};

static int by_path(const void *a, const void *b)
{
	return strcmp(((const struct code_ref *)a)->path, ((const struct code_ref *)b)->path);
}

static size_t index_of(const struct code_ref *c, size_t n, int64_t id)
{
	size_t i = 0;

	while (i < n && c[i].id != id)
		i++;
	return i;
}

/* The codes in any pair, by path (the order of the table's rows). */
static struct code_ref *codes_of(const export_ctx *x, const an_cooc_row *r, size_t n,
				 size_t *ncodes)
{
	struct code_ref *c = xcalloc(2 * n + 1, sizeof(*c));
	size_t k = 0;

	for (size_t i = 0; i < n; i++) {
		int64_t ids[2] = { r[i].code_a, r[i].code_b };
		for (int j = 0; j < 2; j++)
			if (index_of(c, k, ids[j]) == k)
				c[k++] = (struct code_ref){ ids[j],
							     names_get(&x->nm, NAMES_CODE, ids[j]) };
	}
	qsort(c, k, sizeof(*c), by_path);
	*ncodes = k;
	return c;
}

static void cell(strbuf *b, const struct code_ref *a, const struct code_ref *c,
		 const an_cooc_row *r, int64_t max)
{
	double shade = 0.12 + 0.88 * (double)r->vignettes / (double)max;

	sb_printf(b, "<td class=\"hm\" style=\"background:rgba(0,114,178,%.2f)%s\" title=\"",
		  shade, shade > 0.6 ? ";color:#fff" : "");
	export_xml_escape(b, a->path);
	sb_add(b, " + ");
	export_xml_escape(b, c->path);
	sb_printf(b, ": %lld vignette%s, %lld overlapping span%s\">%lld</td>",
		  (long long)r->vignettes, PX_S(r->vignettes), (long long)r->overlaps,
		  PX_S(r->overlaps), (long long)r->vignettes);
}

int export_fig_cooccurrence(const export_ctx *x, strbuf *b)
{
	an_cooc_row *r;
	struct code_ref *c;
	size_t n, nc;
	size_t *grid;                /* per cell the row's index + 1; 0: none */
	int64_t max = 1;
	int rc;

	/* co-occurrence: which codes go together in the same vignettes (the
	 * overlapping spans in each cell's tooltip) */
	if ((rc = analysis_cooccurrence(x->sum, &r, &n, x->e)))
		return rc;
	c = codes_of(x, r, n, &nc);
	grid = xcalloc(nc * nc + 1, sizeof(*grid));
	for (size_t i = 0; i < n; i++) {
		size_t a = index_of(c, nc, r[i].code_a), d = index_of(c, nc, r[i].code_b);
		grid[a * nc + d] = grid[d * nc + a] = i + 1;
		if (r[i].vignettes > max)
			max = r[i].vignettes;
	}
	sb_printf(b, "<p class=\"meta\">The vignettes in which two codes are both found,"
		  " darker for more (up to %lld); hover for the overlapping spans. Codes"
		  " found with no other are left out.</p>\n<div class=\"figure\">"
		  "<table class=\"heat\"><tr><th></th>", (long long)max);
	for (size_t j = 0; j < nc; j++) {
		sb_add(b, "<th title=\"");
		export_xml_escape(b, c[j].path);
		sb_printf(b, "\">%zu</th>", j + 1);
	}
	sb_add(b, "</tr>\n");
	for (size_t i = 0; i < nc; i++) {
		sb_printf(b, "<tr><th class=\"code\">%zu. ", i + 1);
		export_xml_escape(b, c[i].path);
		sb_add(b, "</th>");
		for (size_t j = 0; j < nc; j++) {
			if (grid[i * nc + j])
				cell(b, &c[i], &c[j], &r[grid[i * nc + j] - 1], max);
			else
				sb_add(b, i == j ? "<td class=\"diag\"></td>" : "<td></td>");
		}
		sb_add(b, "</tr>\n");
	}
	sb_add(b, "</table></div>\n");
	free(grid);
	free(c);
	free(r);
	return PX_OK;
}
