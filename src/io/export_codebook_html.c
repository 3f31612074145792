/* export_codebook_html.c: the codebook document (export_codebook_md's)
 * as one self-contained HTML page -- every code in tree order with its
 * description, colour, counts, memos and up to three example quotes,
 * then the registers -- for a team's intranet or a thesis appendix. */
#include <stdlib.h>
#include "praxis/codebook.h"
#include "praxis/export_ctx.h"

struct cbpage {
	struct html h;
	int rc;
};

static void esc(strbuf *b, const char *s)
{
	export_xml_escape(b, s);
}

static int page_code(const px_code *c, void *ud)
{
	struct cbpage *d = ud;
	export_ctx *x = d->h.x;
	strbuf *b = d->h.b;
	struct code_use u;

	if (c->depth == 0) {
		sb_add(b, "<h2>");
		esc(b, codebook_root_name(c->dimension));
		sb_printf(b, " (%s)</h2>\n", codebook_root_short(c->dimension));
	} else {
		sb_add(b, "<h3>");
		esc(b, names_get(&x->nm, NAMES_CODE, c->id));
		sb_add(b, "</h3>\n");
	}
	if (c->description) {
		char *desc = export_text(x, c->description);
		sb_add(b, "<p class=\"text\">");
		esc(b, desc);
		sb_add(b, "</p>\n");
		free(desc);
	}
	code_use_of(x, c->id, &u);
	sb_add(b, "<ul>\n");
	if (c->color) {
		/* the colour as the researcher set it, shown and named */
		sb_add(b, "<li>colour: <span style=\"background:");
		esc(b, c->color);
		sb_add(b, "\">&#160;&#160;&#160;</span> <code>");
		esc(b, c->color);
		sb_add(b, "</code></li>\n");
	}
	/* how widely the code is used: codings, and the vignettes, people and
	 * coders they touch */
	sb_printf(b, "<li>codings: %lld; vignettes: %zu; participants: %zu; coders: %zu</li>\n"
		  "</ul>\n", (long long)u.codings, u.vignettes.n, u.participants.n, u.coders.n);
	if ((d->rc = export_memos_on(x, MEMO_CODE, c->id, export_html_memo, &d->h))) {
		code_use_free(&u);
		return 1;
	}
	if (u.nex)
		sb_add(b, "<ol class=\"examples\">\n");
	for (size_t i = 0; i < u.nex; i++) {
		sb_add(b, "<li>&#8220;");
		esc(b, u.ex[i].ec->quote);
		sb_add(b, "&#8221; (");
		esc(b, u.ex[i].vignette);
		sb_add(b, ")</li>\n");
	}
	if (u.nex)
		sb_add(b, "</ol>\n");
	code_use_free(&u);
	return 0;
}

int export_codebook_html(export_ctx *x, FILE *out)
{
	strbuf b;
	struct cbpage d = { { x, &b, 0 }, 0 };
	int rc;

	sb_init(&b);
	export_html_head(&b, "Codebook");
	sb_printf(&b, "<p class=\"meta\">%lld code%s, %lld coding%s%s</p>\n",
		  (long long)codebook_count(x->db), PX_S(codebook_count(x->db)),
		  (long long)x->ncodings, PX_S(x->ncodings),
		  x->o->keep_names ? "" : ", pseudonymized");
	rc = codebook_each(x->db, page_code, &d, x->e);
	if (!rc && d.rc)
		rc = d.rc;
	if (!rc)
		rc = export_registers(x, export_html_registers(), &d.h);
	sb_add(&b, "</body>\n</html>\n");
	if (!rc && fwrite(b.s, 1, b.len, out) != b.len)
		rc = px_fail(x->e, PX_EIO, "writing HTML failed");
	sb_free(&b);
	return rc;
}
