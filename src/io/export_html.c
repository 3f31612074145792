/* export_html.c: one self-contained HTML page (inline CSS and SVG, no
 * script, nothing fetched). Written as polyglot XHTML so both the HTML
 * and the XML parser read it; every string from the data goes through
 * html_esc, so a vignette holding markup shows as text. */
#include <stdlib.h>
#include <string.h>
#include "praxis/codebook.h"
#include "praxis/entity.h"
#include "praxis/export_ctx.h"
#include "praxis/export_svg.h"
#include "praxis/memo.h"
#include "praxis/regcols.h"
#include "praxis/tabular.h"
#include "praxis/text.h"
#include "praxis/theme.h"
#include "praxis/util.h"

static const char html_css[] =
	"body{font-family:Georgia,serif;max-width:48em;margin:2em auto;padding:0 1em;"
	"color:#222;line-height:1.5}\n"
	"h1,h2,h3{font-family:Helvetica,Arial,sans-serif}\n"
	".meta{color:#555;font-size:.9em}\n"
	".text{white-space:pre-wrap}\n"
	"mark{background:rgba(255,220,0,.35);border-bottom:2px solid #c90;padding:0}\n"
	"sup.lab{font:.7em Helvetica,Arial,sans-serif;color:#444}\n"
	".memo{border-left:3px solid #bbb;padding-left:.7em;color:#333}\n"
	"table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2em .5em}\n"
	"td.num{text-align:right}\n"
	"table.heat td{text-align:right;font:.8em Helvetica,Arial,sans-serif;min-width:1.4em;"
	"padding:.1em .25em}\n"
	"table.heat th{font:.8em Helvetica,Arial,sans-serif}\n"
	"table.heat th.code{text-align:left;white-space:nowrap}\n"
	"table.heat td.diag{background:#eee}\n"
	".figure{overflow-x:auto}\n";

/* mark.ME ... mark.SR: a light tint of the dimension's color, its border
 * in the color itself. */
static void css_dimensions(strbuf *b)
{
	for (int d = CODE_ME; d <= CODE_SR; d++) {
		char hex[8];
		unsigned rgb;

		svg_dimension_color(d, hex);
		rgb = (unsigned)strtoul(hex + 1, NULL, 16);
		sb_printf(b, "mark.%s{background:rgba(%u,%u,%u,.3);border-color:%s}\n",
			  codebook_root_short(d), rgb >> 16, (rgb >> 8) & 0xff, rgb & 0xff, hex);
	}
}

static void html_esc(strbuf *b, const char *s, size_t n)
{
	for (size_t i = 0; i < n && s[i]; i++) {
		unsigned char c = (unsigned char)s[i];
		switch (c) {
		case '<': sb_add(b, "&lt;"); break;
		case '>': sb_add(b, "&gt;"); break;
		case '&': sb_add(b, "&amp;"); break;
		case '"': sb_add(b, "&quot;"); break;
		case '\'': sb_add(b, "&#39;"); break;
		default:
			/* C0 controls other than tab and newline are not allowed in
			 * XML: show them as U+FFFD */
			if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7f)
				sb_add(b, "\xef\xbf\xbd");
			else
				sb_addc(b, (char)c);
		}
	}
}

void export_xml_escape(strbuf *b, const char *s)
{
	if (s)
		html_esc(b, s, strlen(s));
}

static void esc(strbuf *b, const char *s)
{
	if (s)
		html_esc(b, s, strlen(s));
}

static const char *code_label(export_ctx *x, const px_coding *c)
{
	return names_get(&x->nm, NAMES_CODE, c->code_id);
}

/* A coding's opening mark: its dimension's class (and extra), its code
 * and coder as the title, then note (ending the title). */
static void html_mark_open(export_ctx *x, strbuf *b, const px_coding *c, const char *extra,
			   const char *note)
{
	sb_printf(b, "<mark class=\"%s%s\" title=\"",
		  codebook_root_short(names_code_dimension(&x->nm, c->code_id)), extra);
	esc(b, code_label(x, c));
	sb_add(b, " (");
	esc(b, names_get(&x->nm, NAMES_CODER, c->coder_id));
	sb_add(b, note);
}

/* The codings whose text an edit deleted: an empty marker each where the
 * text was, with its code, flagged for review. */
static void html_deleted(export_ctx *x, strbuf *b, const struct export_vignette *ev,
			 const struct export_segment *sg)
{
	for (size_t k = 0; k < sg->ncover; k++) {
		const px_coding *c = &ev->codings[sg->cover[k]].c;
		html_mark_open(x, b, c, " deleted", "): text deleted, needs review\">"
			       EXPORT_EMPTY_MARK "</mark><sup class=\"lab\">");
		esc(b, code_label(x, c));
		sb_add(b, " (needs review)</sup>");
	}
}

static void html_text(export_ctx *x, strbuf *b, const struct export_vignette *ev)
{
	size_t nseg;
	struct export_segment *seg = export_segments(ev, &nseg);
	const char *t = ev->v.text;

	sb_add(b, "<p class=\"text\">");
	for (size_t i = 0; i < nseg; i++) {
		const struct export_segment *sg = &seg[i];
		size_t bs = text_cp_to_byte(t, (size_t)sg->start);
		size_t be = text_cp_to_byte(t, (size_t)sg->end);
		if (sg->start == sg->end) {
			html_deleted(x, b, ev, sg);
			continue;
		}
		for (size_t k = 0; k < sg->ncover; k++)
			html_mark_open(x, b, &ev->codings[sg->cover[k]].c, "", ")\">");
		html_esc(b, t + bs, be - bs);
		for (size_t k = 0; k < sg->ncover; k++)
			sb_add(b, "</mark>");
		for (size_t k = 0; k < ev->ncodings; k++) {
			const px_coding *c = &ev->codings[k].c;
			if (c->start < 0 || c->end != sg->end || c->start == c->end)
				continue;
			sb_add(b, "<sup class=\"lab\">");
			esc(b, code_label(x, c));
			sb_add(b, "</sup>");
		}
	}
	sb_add(b, "</p>\n");
	export_segments_free(seg, nseg);
}

static void html_vignette(export_ctx *x, strbuf *b, const struct export_vignette *ev)
{
	const px_vignette *v = &ev->v;
	int any_memo = 0;

	sb_add(b, "<section class=\"vignette\">\n<h2>");
	esc(b, v->title);
	sb_add(b, "</h2>\n<p class=\"meta\">");
	esc(b, v->ext_id);
	sb_add(b, " · ");
	esc(b, v->date);
	if (v->community_id) {
		sb_add(b, " · ");
		esc(b, names_get(&x->nm, NAMES_COMMUNITY, v->community_id));
	}
	if (v->observer_id) {
		sb_add(b, " · observer ");
		esc(b, names_get(&x->nm, NAMES_CODER, v->observer_id));
	}
	for (size_t i = 0; i < v->participants.n; i++) {
		sb_add(b, i ? ", " : " · present: ");
		esc(b, names_get(&x->nm, NAMES_PSEUDONYM, v->participants.v[i]));
	}
	sb_add(b, "</p>\n");
	html_text(x, b, ev);
	for (size_t k = 0; k < ev->ncodings; k++) {
		const struct export_coding *ec = &ev->codings[k];
		if (ec->c.start < 0) {
			sb_add(b, "<p class=\"meta\">whole vignette: <mark class=\"");
			sb_add(b, codebook_root_short(names_code_dimension(&x->nm, ec->c.code_id)));
			sb_add(b, "\">");
			esc(b, code_label(x, &ec->c));
			sb_add(b, "</mark></p>\n");
		}
	}
	for (size_t i = 0; i < ev->memos.n; i++) {
		sb_add(b, "<div class=\"memo\"><strong>memo</strong> ");
		esc(b, ev->memos.v[i]);
		sb_add(b, "</div>\n");
	}
	for (size_t k = 0; k < ev->ncodings; k++) {
		const struct export_coding *ec = &ev->codings[k];
		if (!ec->memo && !ec->interpretation)
			continue;
		if (!any_memo++)
			sb_add(b, "<ul class=\"memo\">\n");
		sb_add(b, "<li><strong>");
		esc(b, code_label(x, &ec->c));
		sb_add(b, "</strong> “");
		esc(b, ec->quote);
		sb_add(b, "”: ");
		esc(b, ec->memo);
		if (ec->interpretation) {
			sb_add(b, ec->memo ? " (interpretation: " : "(interpretation: ");
			esc(b, ec->interpretation);
			sb_add(b, ")");
		}
		sb_add(b, "</li>\n");
	}
	if (any_memo)
		sb_add(b, "</ul>\n");
	sb_add(b, "</section>\n");
}

/* A horizontal bar chart: one bar per label. */
static void svg_bars(strbuf *b, const char *title, const char *const *labels,
		     const int64_t *values, const char *const *colors, size_t n)
{
	int64_t max = 1;
	int h = (int)n * 24 + 30;

	for (size_t i = 0; i < n; i++)
		if (values[i] > max)
			max = values[i];
	sb_printf(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"480\" height=\"%d\""
		  " role=\"img\" aria-label=\"", h);
	esc(b, title);
	sb_add(b, "\">\n<text x=\"0\" y=\"14\" font-size=\"13\" font-family=\"sans-serif\">");
	esc(b, title);
	sb_add(b, "</text>\n");
	for (size_t i = 0; i < n; i++) {
		int y = 24 + (int)i * 24, w = (int)(values[i] * 300 / max);
		sb_printf(b, "<text x=\"0\" y=\"%d\" font-size=\"12\" font-family=\"sans-serif\">",
			  y + 14);
		esc(b, labels[i]);
		sb_printf(b, "</text><rect x=\"150\" y=\"%d\" width=\"%d\" height=\"18\" fill=\"%s\"/>"
			  "<text x=\"%d\" y=\"%d\" font-size=\"12\" font-family=\"sans-serif\">%lld"
			  "</text>\n", y, w, colors[i % 3], 155 + w, y + 14, (long long)values[i]);
	}
	sb_add(b, "</svg>\n");
}

/* The summaries' coverage: codings per dimension (the root rows, which
 * count their sub-codes) and per month with codings. */
static int html_coverage(export_ctx *x, strbuf *b)
{
	char hex[3][8];
	const char *labels[3], *colors[3];
	int64_t dims[3] = { 0, 0, 0 };
	summary_coverage cov;
	char (*months)[16];
	const char **mlabels;
	int64_t *mcount;
	int rc;

	if ((rc = summary_coverage_get(x->sum, &cov, x->e)))
		return rc;
	for (size_t i = 0; i < cov.ncodes; i++)
		if (cov.codes[i].depth == 0 && cov.codes[i].dimension >= CODE_ME &&
		    cov.codes[i].dimension <= CODE_SR)
			dims[cov.codes[i].dimension - 1] = cov.codes[i].codings;
	for (int d = 0; d < 3; d++) {
		labels[d] = codebook_root_name(d + 1);
		svg_dimension_color(d + 1, hex[d]);
		colors[d] = hex[d];
	}
	sb_add(b, "<h1>Coverage</h1>\n");
	svg_bars(b, "Codings per dimension", labels, dims, colors, 3);
	months = xcalloc(cov.nmonth + 1, sizeof(*months));
	mlabels = xcalloc(cov.nmonth + 1, sizeof(*mlabels));
	mcount = xcalloc(cov.nmonth + 1, sizeof(*mcount));
	for (size_t i = 0; i < cov.nmonth; i++) {
		summary_format_month((int)cov.by_month[i].key, months[i]);
		mlabels[i] = months[i];
		mcount[i] = cov.by_month[i].dims[0];
	}
	if (cov.nmonth)
		svg_bars(b, "Codings per month", mlabels, mcount,
			 (const char *const[]){ "#777", "#777", "#777" }, cov.nmonth);
	free(months);
	free(mlabels);
	free(mcount);
	summary_coverage_free(&cov);
	return PX_OK;
}

/* A register as a table: the columns of praxis/regcols.h that have a
 * document header (the Markdown export's). */
static void html_register(struct html *h, const char *title, const struct regcols *rc,
			  const void *rows, size_t n)
{
	strbuf *b = h->b;

	sb_printf(b, "<h1>%s</h1>\n<table><tr>", title);
	for (size_t c = 0; c < rc->n; c++)
		if (rc->cols[c].doc)
			sb_printf(b, "<th>%s</th>", rc->cols[c].doc);
	sb_add(b, "</tr>\n");
	for (size_t i = 0; i < n; i++) {
		const void *row = regcols_row(rc, rows, i);
		sb_add(b, "<tr>");
		for (size_t c = 0; c < rc->n; c++) {
			char *cell;
			if (!rc->cols[c].doc)
				continue;
			cell = export_register_cell(h->x, &rc->cols[c], row);
			sb_add(b, "<td>");
			esc(b, cell);
			sb_add(b, "</td>");
			free(cell);
		}
		sb_add(b, "</tr>\n");
	}
	sb_add(b, "</table>\n");
}

static void html_repertoire(void *ud, const summary_rep_row *rows, size_t n)
{
	html_register(ud, "Repertoire register", &regcols_repertoire, rows, n);
}

static void html_accountability(void *ud, const summary_acc_row *rows, size_t n)
{
	html_register(ud, "Accountability register", &regcols_accountability, rows, n);
}

static const struct export_register_writer html_register_writer = {
	html_repertoire, html_accountability,
};

/* A summary's or an analysis's rows (the engagement ties, the network,
 * trajectories ...) as a table under the CLI's column names, after the
 * section's figure if it has one. */
static void html_tabular(void *ud, int section, const char *title, const struct tabular *t)
{
	struct html *h = ud;
	strbuf *b = h->b;
	size_t nc = t->cols.n;
	/* long tables the figure shows whole (a tooltip per mark) fold away */
	int fold = section == EXP_SEC_HISTORY || section == EXP_SEC_COOCCURRENCE;

	if (!nc)
		return;
	sb_printf(b, "<h1>%s</h1>\n", title);
	if (!h->rc)
		h->rc = export_html_figure(h->x, section, b);
	if (fold)
		sb_printf(b, "<details><summary>The table (%zu row%s)</summary>\n", tab_rows(t),
			  PX_S(tab_rows(t)));
	sb_add(b, "<table><tr>");
	for (size_t c = 0; c < nc; c++) {
		sb_add(b, "<th>");
		esc(b, t->cols.v[c]);
		sb_add(b, "</th>");
	}
	for (size_t i = 0; i < t->cells.n; i++) {
		if (i % nc == 0)
			sb_add(b, "</tr>\n<tr>");
		sb_add(b, t->types[i % nc] == TAB_INT ? "<td class=\"num\">" : "<td>");
		esc(b, t->cells.v[i]);
		sb_add(b, "</td>");
	}
	sb_add(b, fold ? "</tr>\n</table>\n</details>\n" : "</tr>\n</table>\n");
}

/* A memo as a block: "memo by AUTHOR", the title, the text. */
static void html_memo(void *ud, const char *title, const char *text, const char *author)
{
	const struct html *h = ud;

	sb_add(h->b, "<div class=\"memo\"><strong>memo");
	if (*author) {
		sb_add(h->b, " by ");
		esc(h->b, author);
	}
	sb_add(h->b, "</strong> ");
	if (title) {
		sb_add(h->b, "<em>");
		esc(h->b, title);
		sb_add(h->b, "</em>. ");
	}
	esc(h->b, text);
	sb_add(h->b, "</div>\n");
}

static void html_memo_section(void *ud, const char *heading)
{
	const struct html *h = ud;

	if (heading) {
		sb_add(h->b, "<h1>");
		esc(h->b, heading);
		sb_add(h->b, "</h1>\n");
	}
}

static void html_memo_target(void *ud, const char *name)
{
	const struct html *h = ud;

	sb_add(h->b, "<h3>");
	esc(h->b, name);
	sb_add(h->b, "</h3>\n");
}

static const struct export_memo_writer html_memo_writer = {
	html_memo_section, html_memo_target, html_memo,
};

struct cb_ctx {
	export_ctx *x;
	strbuf *b;
	int64_t *counts, ncounts;
};

static int html_code(const px_code *c, void *ud)
{
	struct cb_ctx *cc = ud;
	char *d = export_text(cc->x, c->description);
	strbuf memos;
	int rc;

	sb_printf(cc->b, "<tr><td style=\"padding-left:%dem\">", c->depth + 1);
	esc(cc->b, c->depth ? c->name : codebook_root_name(c->dimension));
	sb_printf(cc->b, "</td><td>%lld</td><td>",
		  (long long)(c->id < cc->ncounts ? cc->counts[c->id] : 0));
	esc(cc->b, d);
	sb_add(cc->b, "</td></tr>\n");
	free(d);
	/* the code's memos, if any, in a row of their own */
	sb_init(&memos);
	rc = export_memos_on(cc->x, MEMO_CODE, c->id, html_memo, &(struct html){ cc->x, &memos, 0 });
	if (memos.len)
		sb_printf(cc->b, "<tr><td colspan=\"3\" style=\"padding-left:%dem\">%s</td></tr>\n",
			  c->depth + 2, memos.s);
	sb_free(&memos);
	return rc;
}

int export_html(export_ctx *x, FILE *out)
{
	strbuf b;
	char *title = NULL, *t;
	struct cb_ctx cc;
	int64_t any;
	int rc;

	if ((rc = db_meta_get(x->db, "title", &title, x->e)))
		return rc;
	t = export_text(x, title ? title : "praxis project");
	sb_init(&b);
	export_html_head(&b, t);
	sb_printf(&b, "<p class=\"meta\">%zu vignette%s, %lld coding%s%s</p>\n", x->nvs,
		  PX_S(x->nvs), (long long)x->ncodings, PX_S(x->ncodings),
		  x->o->keep_names ? "" : ", pseudonymized");
	free(t);
	free(title);
	if ((rc = db_scalar_get(x->db, "SELECT EXISTS (SELECT 1 FROM memo_target WHERE kind = 0)",
				&any, x->e)))
		goto fail;
	if (any) {
		sb_add(&b, "<h1>Project memos</h1>\n");
		if ((rc = export_memos_on(x, MEMO_PROJECT, 0, html_memo, &(struct html){ x, &b, 0 })))
			goto fail;
	}
	if ((rc = html_coverage(x, &b)))
		goto fail;
	sb_add(&b, "<h1>Vignettes</h1>\n");
	for (size_t i = 0; i < x->nvs; i++) {
		html_vignette(x, &b, &x->vs[i]);
		if (fwrite(b.s, 1, b.len, out) != b.len)
			goto io;
		sb_reset(&b);
		sb_add(&b, "");
		export_progress(x, i);
	}
	sb_add(&b, "<h1>Codebook</h1>\n<table><tr><th>code</th><th>codings</th>"
	       "<th>description</th></tr>\n");
	cc = (struct cb_ctx){ x, &b, NULL, 0 };
	if ((rc = export_code_counts(x, &cc.counts, &cc.ncounts)))
		goto fail;
	rc = codebook_each(x->db, html_code, &cc, x->e);
	free(cc.counts);
	if (rc)
		goto fail;
	sb_add(&b, "</table>\n");
	if ((rc = export_memo_sections(x, &html_memo_writer, &(struct html){ x, &b, 0 })))
		goto fail;
	if ((rc = export_registers(x, &html_register_writer, &(struct html){ x, &b, 0 })))
		goto fail;
	{
		struct html h = { x, &b, PX_OK };
		if ((rc = export_summary_tables(x, html_tabular, &h)) || (rc = h.rc))
			goto fail;
	}
	sb_add(&b, "</body>\n</html>\n");
	if (fwrite(b.s, 1, b.len, out) != b.len)
		goto io;
	sb_free(&b);
	return PX_OK;
io:
	rc = px_fail(x->e, PX_EIO, "writing HTML failed");
fail:
	sb_free(&b);
	return rc;
}

void export_html_head(strbuf *b, const char *title)
{
	sb_add(b, "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n"
	       "<head>\n<meta charset=\"utf-8\"/>\n<title>");
	esc(b, title);
	sb_printf(b, "</title>\n<style>\n%s", html_css);
	css_dimensions(b);
	sb_add(b, "</style>\n</head>\n<body>\n<h1>");
	esc(b, title);
	sb_add(b, "</h1>\n");
}

void export_html_memo(void *ud, const char *title, const char *text, const char *author)
{
	html_memo(ud, title, text, author);
}

const struct export_register_writer *export_html_registers(void)
{
	return &html_register_writer;
}
