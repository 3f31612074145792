/* export_html.c: one self-contained HTML page (inline CSS and SVG, no
 * script, nothing fetched). Written as polyglot XHTML so both the HTML
 * and the XML parser read it; every string from the data goes through
 * html_esc, so a vignette holding markup shows as text. */
#include <stdlib.h>
#include <string.h>
#include "praxis/codebook.h"
#include "praxis/entity.h"
#include "praxis/export.h"
#include "praxis/text.h"
#include "praxis/util.h"

static const char html_css[] =
	"body{font-family:Georgia,serif;max-width:48em;margin:2em auto;padding:0 1em;"
	"color:#222;line-height:1.5}\n"
	"h1,h2,h3{font-family:Helvetica,Arial,sans-serif}\n"
	".meta{color:#555;font-size:.9em}\n"
	".text{white-space:pre-wrap}\n"
	"mark{background:rgba(255,220,0,.35);border-bottom:2px solid #c90;padding:0}\n"
	"mark.ME{background:rgba(79,129,189,.22);border-color:#4f81bd}\n"
	"mark.JE{background:rgba(192,80,77,.22);border-color:#c0504d}\n"
	"mark.SR{background:rgba(155,187,89,.25);border-color:#9bbb59}\n"
	"sup.lab{font:.7em Helvetica,Arial,sans-serif;color:#444}\n"
	".memo{border-left:3px solid #bbb;padding-left:.7em;color:#333}\n"
	"table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2em .5em}\n";

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

static void esc(strbuf *b, const char *s)
{
	if (s)
		html_esc(b, s, strlen(s));
}

static const char *code_label(export_ctx *x, const px_coding *c)
{
	return names_get(&x->nm, NAMES_CODE, c->code_id);
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
		for (size_t k = 0; k < sg->ncover; k++) {
			const px_coding *c = &ev->codings[sg->cover[k]].c;
			sb_printf(b, "<mark class=\"%s\" title=\"",
				  codebook_root_short(names_code_dimension(&x->nm, c->code_id)));
			esc(b, code_label(x, c));
			sb_add(b, " (");
			esc(b, names_get(&x->nm, NAMES_CODER, c->coder_id));
			sb_add(b, ")\">");
		}
		html_esc(b, t + bs, be - bs);
		for (size_t k = 0; k < sg->ncover; k++)
			sb_add(b, "</mark>");
		for (size_t k = 0; k < ev->ncodings; k++) {
			const px_coding *c = &ev->codings[k].c;
			if (c->start < 0 || c->end != sg->end)
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

static void html_coverage(export_ctx *x, strbuf *b)
{
	static const char *const colors[] = { "#4f81bd", "#c0504d", "#9bbb59" };
	const char *labels[3];
	int64_t dims[3] = { 0, 0, 0 };
	strlist months = { 0 };
	idlist mcount = { 0 };

	for (size_t i = 0; i < x->nvs; i++) {
		const struct export_vignette *ev = &x->vs[i];
		char month[8];
		size_t m;
		snprintf(month, sizeof(month), "%.7s", ev->v.date);
		for (m = 0; m < months.n && strcmp(months.v[m], month) != 0; m++)
			;
		if (m == months.n) {
			sl_push(&months, month);
			idl_push(&mcount, 0);
		}
		for (size_t k = 0; k < ev->ncodings; k++) {
			int d = names_code_dimension(&x->nm, ev->codings[k].c.code_id);
			if (d >= CODE_ME && d <= CODE_SR)
				dims[d - 1]++;
			mcount.v[m]++;
		}
	}
	for (int d = 0; d < 3; d++)
		labels[d] = codebook_root_name(d + 1);
	sb_add(b, "<h1>Coverage</h1>\n");
	svg_bars(b, "Codings per dimension", labels, dims, colors, 3);
	if (months.n)
		svg_bars(b, "Codings per month", (const char *const *)months.v, mcount.v,
			 (const char *const[]){ "#777", "#777", "#777" }, months.n);
	sl_free(&months);
	idl_free(&mcount);
}

static void html_registers(export_ctx *x, strbuf *b)
{
	struct export_register_row *rows = NULL;
	size_t n = 0;

	if (!export_registers(x, ENT_REPERTOIRE, &rows, &n) && n) {
		sb_add(b, "<h1>Repertoire register</h1>\n<table><tr><th>element</th><th>kind</th>"
		       "<th>reified</th><th>occurrences</th><th>participants</th><th>first</th>"
		       "<th>last</th><th>interpretations</th></tr>\n");
		for (size_t i = 0; i < n; i++) {
			sb_add(b, "<tr><td>");
			esc(b, rows[i].name);
			sb_add(b, "</td><td>");
			esc(b, rows[i].kind);
			sb_printf(b, "</td><td>%s</td><td>%lld</td><td>%zu</td><td>",
				  rows[i].reified < 0 ? "" : rows[i].reified ? "yes" : "no",
				  (long long)rows[i].occurrences, rows[i].people.n);
			esc(b, rows[i].first);
			sb_add(b, "</td><td>");
			esc(b, rows[i].last);
			sb_add(b, "</td><td>");
			for (size_t k = 0; k < rows[i].interpretations.n; k++) {
				if (k)
					sb_add(b, "; ");
				esc(b, rows[i].interpretations.v[k]);
			}
			sb_add(b, "</td></tr>\n");
		}
		sb_add(b, "</table>\n");
	}
	export_registers_free(rows, n);
	if (!export_registers(x, ENT_ACCOUNTABILITY, &rows, &n) && n) {
		sb_add(b, "<h1>Accountability register</h1>\n<table><tr><th>norm</th>"
		       "<th>reified</th><th>occurrences</th><th>upheld</th><th>breached</th>"
		       "<th>negotiated</th><th>contested</th></tr>\n");
		for (size_t i = 0; i < n; i++) {
			sb_add(b, "<tr><td>");
			esc(b, rows[i].name);
			sb_printf(b, "</td><td>%s</td><td>%lld</td>",
				  rows[i].reified < 0 ? "" : rows[i].reified ? "yes" : "no",
				  (long long)rows[i].occurrences);
			for (int s = STANCE_UPHELD; s < STANCE_COUNT; s++)
				sb_printf(b, "<td>%lld</td>", (long long)rows[i].stance[s]);
			sb_add(b, "</tr>\n");
		}
		sb_add(b, "</table>\n");
	}
	export_registers_free(rows, n);
}

struct cb_ctx {
	export_ctx *x;
	strbuf *b;
	int64_t *counts, ncounts;
};

static int html_code(const px_code *c, void *ud)
{
	struct cb_ctx *cc = ud;
	char *d = export_text(cc->x, c->description);

	sb_printf(cc->b, "<tr><td style=\"padding-left:%dem\">", c->depth + 1);
	esc(cc->b, c->depth ? c->name : codebook_root_name(c->dimension));
	sb_printf(cc->b, "</td><td>%lld</td><td>",
		  (long long)(c->id < cc->ncounts ? cc->counts[c->id] : 0));
	esc(cc->b, d);
	sb_add(cc->b, "</td></tr>\n");
	free(d);
	return 0;
}

int export_html(export_ctx *x, FILE *out)
{
	strbuf b;
	char *title = NULL, *t;
	struct cb_ctx cc;
	int rc;

	if ((rc = db_meta_get(x->db, "title", &title, x->e)))
		return rc;
	t = export_text(x, title ? title : "praxis project");
	sb_init(&b);
	sb_add(&b, "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n"
	       "<head>\n<meta charset=\"utf-8\"/>\n<title>");
	esc(&b, t);
	sb_printf(&b, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<h1>", html_css);
	esc(&b, t);
	sb_printf(&b, "</h1>\n<p class=\"meta\">%zu vignettes, %lld codings%s</p>\n", x->nvs,
		  (long long)x->ncodings, x->o->keep_names ? "" : ", pseudonymized");
	free(t);
	free(title);
	html_coverage(x, &b);
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
	cc.counts = export_code_counts(x, &cc.ncounts);
	rc = codebook_each(x->db, html_code, &cc, x->e);
	free(cc.counts);
	if (rc) {
		sb_free(&b);
		return rc;
	}
	sb_add(&b, "</table>\n");
	html_registers(x, &b);
	sb_add(&b, "</body>\n</html>\n");
	if (fwrite(b.s, 1, b.len, out) != b.len)
		goto io;
	sb_free(&b);
	return PX_OK;
io:
	sb_free(&b);
	return px_fail(x->e, PX_EIO, "writing HTML failed");
}
