/* export_md.c: pandoc Markdown documents: the annotated notes, and the
 * codebook a team circulates (export_codebook_md).
 *
 * Every character from the data that Markdown could read as syntax is
 * backslash-escaped (pandoc accepts an escape before any ASCII
 * punctuation), so a note never turns into a heading, list or link by
 * accident. Coded spans are pandoc bracketed spans, nested when codings
 * overlap: the text is cut into segments at every span boundary and each
 * segment is wrapped once per coding covering it. */
#include <stdlib.h>
#include <string.h>
#include "praxis/codebook.h"
#include "praxis/entity.h"
#include "praxis/export_ctx.h"
#include "praxis/memo.h"
#include "praxis/regcols.h"
#include "praxis/tabular.h"
#include "praxis/text.h"
#include "praxis/util.h"

struct md {
	export_ctx *x;
	strbuf b;
	strbuf notes;            /* footnote definitions of the current vignette */
	int nnote;
	int memo_depth;          /* list nesting of a memo's item */
};

/* Inline text: the characters pandoc reads as inline syntax anywhere are
 * escaped (a ! before a span's [ would make it an image; quotes, dot and
 * dash runs would turn typographic), newlines become spaces. Other
 * punctuation stays as written so the notes read well. */
static void md_inline_n(strbuf *b, const char *s, size_t n)
{
	for (size_t i = 0; i < n && s[i]; i++) {
		unsigned char c = (unsigned char)s[i];
		/* a run of dots or dashes is an ellipsis or a dash to pandoc's
		 * smart typography: escaped, so the text stays as written */
		int run = (c == '.' || c == '-') &&
			  ((i + 1 < n && s[i + 1] == (char)c) || (i > 0 && s[i - 1] == (char)c));
		if (c == '\n' || c == '\r' || c == '\t')
			sb_addc(b, ' ');
		else if (strchr("\\`*_{}[]<>$~^|@&#!\"'", c) || run)
			sb_addc(b, '\\'), sb_addc(b, (char)c);
		else
			sb_addc(b, (char)c);
	}
}

/* Text at the start of a line, where more reads as block syntax: list
 * markers, quotes, headings, rules, definition lists, "1." items. */
static void md_line_n(strbuf *b, const char *s, size_t n)
{
	size_t d = 0;

	if (n && strchr("+-*>:=%#|", s[0]) && s[0]) {
		sb_addc(b, '\\');
		sb_addc(b, s[0]);
		s++;
		n--;
	} else {
		while (d < n && s[d] >= '0' && s[d] <= '9')
			d++;
		if (d && d < n && (s[d] == '.' || s[d] == ')')) {
			md_inline_n(b, s, d);
			sb_addc(b, '\\');
			s += d;
			n -= d;
		}
	}
	md_inline_n(b, s, n);
}

static void md_inline(strbuf *b, const char *s)
{
	if (s)
		md_inline_n(b, s, strlen(s));
}

/* A quoted attribute value as pandoc reads it back. */
static void md_attr(strbuf *b, const char *s)
{
	sb_addc(b, '"');
	for (; s && *s; s++) {
		if (*s == '\\' || *s == '"')
			sb_addc(b, '\\');
		if (*s == '&')
			sb_add(b, "&amp;");
		else if (*s == '\n' || *s == '\r' || *s == '\t')
			sb_addc(b, ' ');
		else
			sb_addc(b, *s);
	}
	sb_addc(b, '"');
}

/* A footnote holding text (paragraphs kept); appends the reference. */
static void md_footnote(struct md *m, const char *prefix, const char *text)
{
	int n = ++m->nnote;

	sb_printf(&m->b, "[^n%d]", n);
	sb_printf(&m->notes, "[^n%d]: ", n);
	if (prefix && *prefix) {
		md_inline(&m->notes, prefix);
		sb_add(&m->notes, ": ");
	}
	for (const char *p = text; *p; p++) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		if (p == text)
			md_inline_n(&m->notes, p, len);
		else
			md_line_n(&m->notes, p, len);
		if (!nl)
			break;
		sb_add(&m->notes, nl[1] == '\n' ? "\n\n    " : "\\\n    ");
		p = nl[1] == '\n' ? nl + 1 : nl;
		while (p[1] == '\n')
			p++;
	}
	sb_addc(&m->notes, '\n');
}

static void md_yaml_str(strbuf *b, const char *s)
{
	sb_addc(b, '"');
	for (; s && *s; s++) {
		if (*s == '"' || *s == '\\')
			sb_addc(b, '\\');
		if (*s == '\n')
			sb_add(b, " ");
		else
			sb_addc(b, *s);
	}
	sb_addc(b, '"');
}

static void md_span_close(struct md *m, const struct export_coding *ec)
{
	const char *path = names_get(&m->x->nm, NAMES_CODE, ec->c.code_id);
	int dim = names_code_dimension(&m->x->nm, ec->c.code_id);

	/* custom-style: pandoc's .docx writer keeps the span as a character
	 * style, one per dimension, so coded text stays marked in Word; a
	 * coding whose text was deleted is also .deleted, flagged for review */
	sb_printf(&m->b, "]{.code .%s%s custom-style=\"Code %s\" data-code=",
		  codebook_root_short(dim), ec->c.start >= 0 && ec->c.start == ec->c.end ?
		  " .deleted .needs-review" : "", codebook_root_short(dim));
	md_attr(&m->b, path);
	sb_add(&m->b, " data-coder=");
	md_attr(&m->b, names_get(&m->x->nm, NAMES_CODER, ec->c.coder_id));
	sb_addc(&m->b, '}');
}

/* A segment's text, wrapped in one span per coding covering it. Leading
 * and trailing blanks go outside the spans (pandoc drops them inside);
 * at a line start they are escaped (non-breaking) spaces so indentation
 * never makes a code block. */
static void md_segment(struct md *m, const struct export_vignette *ev,
		       const struct export_segment *sg, int line_start)
{
	const char *t = ev->v.text;
	size_t bs = text_cp_to_byte(t, (size_t)sg->start), be = text_cp_to_byte(t, (size_t)sg->end);
	size_t cs = bs, ce = be;

	/* codings whose text an edit deleted: an empty marker each */
	if (sg->start == sg->end) {
		for (size_t k = 0; k < sg->ncover; k++) {
			const struct export_coding *ec = &ev->codings[sg->cover[k]];
			sb_add(&m->b, "[" EXPORT_EMPTY_MARK);
			md_span_close(m, ec);
			if (ec->memo)
				md_footnote(m, names_get(&m->x->nm, NAMES_CODE, ec->c.code_id),
					    ec->memo);
		}
		return;
	}
	while (cs < ce && (t[cs] == ' ' || t[cs] == '\t'))
		cs++;
	while (ce > cs && (t[ce - 1] == ' ' || t[ce - 1] == '\t'))
		ce--;
	for (size_t i = bs; i < cs; i++)
		sb_add(&m->b, line_start ? "\\ " : " ");
	if (cs < ce) {
		for (size_t k = 0; k < sg->ncover; k++)
			sb_addc(&m->b, '[');
		if (line_start && cs == bs)
			md_line_n(&m->b, t + cs, ce - cs);
		else
			md_inline_n(&m->b, t + cs, ce - cs);
		for (size_t k = sg->ncover; k-- > 0;)
			md_span_close(m, &ev->codings[sg->cover[k]]);
	}
	for (size_t i = ce; i < be; i++)
		sb_addc(&m->b, ' ');
}

/* Footnotes for the memos of codings ending in (from, to]. */
static void md_memos_ending(struct md *m, const struct export_vignette *ev, int64_t from,
			    int64_t to)
{
	for (size_t k = 0; k < ev->ncodings; k++) {
		const struct export_coding *ec = &ev->codings[k];
		/* an empty span has its footnote by its mark (md_segment) */
		if (ec->c.start >= 0 && ec->c.end > ec->c.start && ec->c.end > from &&
		    ec->c.end <= to && ec->memo)
			md_footnote(m, names_get(&m->x->nm, NAMES_CODE, ec->c.code_id), ec->memo);
	}
}

static void md_text(struct md *m, const struct export_vignette *ev)
{
	size_t nseg;
	struct export_segment *seg = export_segments(ev, &nseg);
	const char *t = ev->v.text;
	int line_start = 1;

	for (size_t i = 0; i < nseg; i++) {
		struct export_segment *sg = &seg[i];
		if (t[text_cp_to_byte(t, (size_t)sg->start)] == '\n' && sg->end == sg->start + 1) {
			size_t run = 1;
			while (i + run < nseg && t[text_cp_to_byte(t, (size_t)seg[i + run].start)] == '\n'
			       && seg[i + run].end == seg[i + run].start + 1)
				run++;
			md_memos_ending(m, ev, sg->start, sg->start + (int64_t)run);
			if (i + run < nseg)
				sb_add(&m->b, run > 1 ? "\n\n" : "\\\n");
			i += run - 1;
			line_start = 1;
			continue;
		}
		md_segment(m, ev, sg, line_start);
		line_start = 0;
		/* a coding that ends here gets its memo as a footnote */
		md_memos_ending(m, ev, sg->end - 1, sg->end);
	}
	export_segments_free(seg, nseg);
	sb_add(&m->b, "\n\n");
}

static void md_people(struct md *m, const idlist *ids)
{
	for (size_t i = 0; i < ids->n; i++) {
		if (i)
			sb_add(&m->b, ", ");
		md_inline(&m->b, names_get(&m->x->nm, NAMES_PSEUDONYM, ids->v[i]));
	}
}

static void md_vignette(struct md *m, const struct export_vignette *ev)
{
	const px_vignette *v = &ev->v;

	sb_reset(&m->notes);
	sb_add(&m->b, "## ");
	md_inline(&m->b, v->title);
	sb_add(&m->b, " (");
	md_inline(&m->b, v->ext_id);
	sb_add(&m->b, ")\n\n");
	sb_add(&m->b, "*");
	md_inline(&m->b, v->date);
	if (v->community_id) {
		sb_add(&m->b, " · ");
		md_inline(&m->b, names_get(&m->x->nm, NAMES_COMMUNITY, v->community_id));
	}
	if (v->observer_id) {
		sb_add(&m->b, " · observer ");
		md_inline(&m->b, names_get(&m->x->nm, NAMES_CODER, v->observer_id));
	}
	if (v->participants.n) {
		sb_add(&m->b, " · present: ");
		md_people(m, &v->participants);
	}
	sb_add(&m->b, "*");
	for (size_t i = 0; i < ev->memos.n; i++)
		md_footnote(m, "memo", ev->memos.v[i]);
	sb_add(&m->b, "\n\n");
	md_text(m, ev);
	for (size_t k = 0; k < ev->ncodings; k++) {
		const struct export_coding *ec = &ev->codings[k];
		if (ec->c.start >= 0)
			continue;
		sb_add(&m->b, "- whole vignette: ");
		sb_addc(&m->b, '[');
		md_inline(&m->b, names_get(&m->x->nm, NAMES_CODE, ec->c.code_id));
		md_span_close(m, ec);
		if (ec->memo)
			md_footnote(m, NULL, ec->memo);
		sb_addc(&m->b, '\n');
	}
	sb_addc(&m->b, '\n');
	if (m->notes.len) {
		sb_add(&m->b, sb_str(&m->notes));
		sb_addc(&m->b, '\n');
	}
}

/* A memo as a list item, nested m->memo_depth levels. */
static void md_memo(void *ud, const char *title, const char *text, const char *author)
{
	struct md *m = ud;

	for (int i = 0; i < m->memo_depth; i++)
		sb_add(&m->b, "    ");
	sb_add(&m->b, "- *memo");
	if (*author) {
		sb_add(&m->b, " by ");
		md_inline(&m->b, author);
	}
	sb_add(&m->b, "*: ");
	if (title) {
		sb_add(&m->b, "**");
		md_inline(&m->b, title);
		sb_add(&m->b, "**. ");
	}
	md_inline(&m->b, text);
	sb_addc(&m->b, '\n');
}

static void md_memo_section(void *ud, const char *heading)
{
	struct md *m = ud;

	if (heading) {
		sb_printf(&m->b, "# %s\n\n", heading);
		m->memo_depth = 1;
	} else {
		sb_addc(&m->b, '\n');
	}
}

static void md_memo_target(void *ud, const char *name)
{
	struct md *m = ud;

	sb_add(&m->b, "- **");
	md_inline(&m->b, name);
	sb_add(&m->b, "**\n");
}

static const struct export_memo_writer md_memo_writer = {
	md_memo_section, md_memo_target, md_memo,
};

struct cb_ctx {
	struct md *m;
	int64_t *counts, ncounts;
	int rc;
};

static int md_code(const px_code *c, void *ud)
{
	struct cb_ctx *cc = ud;
	strbuf *b = &cc->m->b;

	for (int i = 0; i < c->depth; i++)
		sb_add(b, "    ");
	sb_add(b, "- **");
	md_inline(b, c->depth ? c->name : codebook_root_name(c->dimension));
	sb_printf(b, "** (%lld)", (long long)(c->id < cc->ncounts ? cc->counts[c->id] : 0));
	if (c->description) {
		char *d = export_text(cc->m->x, c->description);
		sb_add(b, ": ");
		md_inline(b, d);
		free(d);
	}
	sb_addc(b, '\n');
	cc->m->memo_depth = c->depth + 1;
	return export_memos_on(cc->m->x, MEMO_CODE, c->id, md_memo, cc->m);
}

static void md_cell(strbuf *b, const char *s)
{
	sb_add(b, " ");
	md_inline(b, s && *s ? s : "");
	sb_add(b, " |");
}

/* A register as a pipe table: the columns of praxis/regcols.h that have a
 * document header. */
static void md_register(struct md *m, const char *title, const struct regcols *rc,
			const void *rows, size_t n)
{
	strbuf *b = &m->b;

	sb_printf(b, "# %s\n\n|", title);
	for (size_t c = 0; c < rc->n; c++)
		if (rc->cols[c].doc)
			sb_printf(b, " %s |", rc->cols[c].doc);
	sb_add(b, "\n|");
	for (size_t c = 0; c < rc->n; c++)
		if (rc->cols[c].doc)
			sb_add(b, rc->cols[c].kind == RC_INT ? "--:|" : "---|");
	sb_addc(b, '\n');
	for (size_t i = 0; i < n; i++) {
		const void *row = regcols_row(rc, rows, i);
		sb_add(b, "|");
		for (size_t c = 0; c < rc->n; c++) {
			char *cell;
			if (!rc->cols[c].doc)
				continue;
			cell = export_register_cell(m->x, &rc->cols[c], row);
			md_cell(b, cell);
			free(cell);
		}
		sb_addc(b, '\n');
	}
	sb_addc(b, '\n');
}

static void md_repertoire(void *ud, const summary_rep_row *rows, size_t n)
{
	md_register(ud, "Repertoire register", &regcols_repertoire, rows, n);
}

static void md_accountability(void *ud, const summary_acc_row *rows, size_t n)
{
	md_register(ud, "Accountability register", &regcols_accountability, rows, n);
}

static const struct export_register_writer md_register_writer = {
	md_repertoire, md_accountability,
};

/* A summary's or an analysis's rows (the engagement ties, the network,
 * trajectories ...) as a pipe table under the CLI's column names; numbers
 * right-aligned. */
static void md_tabular(void *ud, int section, const char *title, const struct tabular *t)
{
	strbuf *b = &((struct md *)ud)->b;
	size_t nc = t->cols.n;

	(void)section;
	if (!nc)
		return;
	sb_printf(b, "# %s\n\n|", title);
	for (size_t c = 0; c < nc; c++)
		md_cell(b, t->cols.v[c]);
	sb_add(b, "\n|");
	for (size_t c = 0; c < nc; c++)
		sb_add(b, t->types[c] == TAB_INT ? "--:|" : "---|");
	for (size_t i = 0; i < t->cells.n; i++) {
		if (i % nc == 0)
			sb_add(b, "\n|");
		md_cell(b, t->cells.v[i]);
	}
	sb_add(b, "\n\n");
}

/* The metadata block up to its subtitle (the writer adds its counts and
 * closes it). */
static int md_front_matter(struct md *m, const char *subtitle)
{
	char *title = NULL, *t;
	strbuf inl;
	int rc;

	if ((rc = db_meta_get(m->x->db, "title", &title, m->x->e)))
		return rc;
	t = export_text(m->x, title ? title : "praxis project");
	/* pandoc reads metadata strings as Markdown: escape for that first,
	 * or a title's <script> is raw HTML in the page */
	sb_init(&inl);
	md_inline(&inl, t);
	sb_add(&m->b, "---\ntitle: ");
	md_yaml_str(&m->b, sb_str(&inl));
	sb_printf(&m->b, "\nsubtitle: \"%s\"\n", subtitle);
	sb_free(&inl);
	free(t);
	free(title);
	return PX_OK;
}

int export_md(export_ctx *x, FILE *out)
{
	struct md m = { 0 };
	struct cb_ctx cc;
	int64_t any;
	int rc;

	m.x = x;
	sb_init(&m.b);
	sb_init(&m.notes);
	if ((rc = md_front_matter(&m, "Annotated field notes")))
		goto done;
	sb_printf(&m.b, "vignettes: %zu\ncodings: %lld\npseudonymized: %s\n---\n\n", x->nvs,
		  (long long)x->ncodings, x->o->keep_names ? "false" : "true");
	if ((rc = db_scalar_get(x->db, "SELECT EXISTS (SELECT 1 FROM memo_target WHERE kind = 0)",
				&any, x->e)))
		goto done;
	if (any) {
		sb_add(&m.b, "# Project memos\n\n");
		if ((rc = export_memos_on(x, MEMO_PROJECT, 0, md_memo, &m)))
			goto done;
		sb_addc(&m.b, '\n');
	}
	sb_add(&m.b, "# Vignettes\n\n");
	for (size_t i = 0; i < x->nvs; i++) {
		md_vignette(&m, &x->vs[i]);
		if (fwrite(m.b.s, 1, m.b.len, out) != m.b.len)
			goto io;
		sb_reset(&m.b);
		export_progress(x, i);
	}
	sb_add(&m.b, "# Codebook\n\n");
	cc.m = &m;
	if ((rc = export_code_counts(x, &cc.counts, &cc.ncounts)))
		goto done;
	rc = codebook_each(x->db, md_code, &cc, x->e);
	free(cc.counts);
	if (rc)
		goto done;
	sb_addc(&m.b, '\n');
	if ((rc = export_memo_sections(x, &md_memo_writer, &m)))
		goto done;
	if ((rc = export_registers(x, &md_register_writer, &m)))
		goto done;
	if ((rc = export_summary_tables(x, md_tabular, &m)))
		goto done;
	if (m.b.len && fwrite(m.b.s, 1, m.b.len, out) != m.b.len)
		goto io;
	goto done;
io:
	rc = px_fail(x->e, PX_EIO, "writing Markdown failed");
done:
	sb_free(&m.b);
	sb_free(&m.notes);
	return rc;
}

/* ---- the codebook document ------------------------------------------ */

struct cbdoc {
	struct md *m;
	int rc;
};

/* A memo as a block quote, its paragraphs kept. */
static int cb_memo(const px_memo *memo, void *ud)
{
	struct cbdoc *d = ud;
	strbuf *b = &d->m->b;
	char *t = export_text(d->m->x, memo->text);

	sb_add(b, "> ");
	for (const char *p = t; *p;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		md_line_n(b, p, len);
		if (!nl)
			break;
		sb_add(b, "\n> ");
		p = nl + 1;
	}
	sb_add(b, "\n\n");
	free(t);
	return 0;
}

static int cb_code(const px_code *c, void *ud)
{
	struct cbdoc *d = ud;
	export_ctx *x = d->m->x;
	strbuf *b = &d->m->b;
	struct code_use u;

	if (c->depth == 0) {
		sb_add(b, "## ");
		md_inline(b, codebook_root_name(c->dimension));
		sb_printf(b, " (%s)\n\n", codebook_root_short(c->dimension));
	} else {
		sb_add(b, "### ");
		md_inline(b, names_get(&x->nm, NAMES_CODE, c->id));
		sb_add(b, "\n\n");
	}
	if (c->description) {
		char *desc = export_text(x, c->description);
		md_line_n(b, desc, strlen(desc));
		sb_add(b, "\n\n");
		free(desc);
	}
	code_use_of(x, c->id, &u);
	if (c->color)
		sb_printf(b, "- colour: `%s`\n", c->color);
	sb_printf(b, "- codings: %lld; vignettes: %zu; participants: %zu; coders: %zu\n\n",
		  (long long)u.codings, u.vignettes.n, u.participants.n, u.coders.n);
	if ((d->rc = memo_each(x->db, MEMO_CODE, c->id, cb_memo, d, x->e))) {
		code_use_free(&u);
		return 1;
	}
	for (size_t i = 0; i < u.nex; i++) {
		sb_printf(b, "%zu. \"", i + 1);
		md_inline(b, u.ex[i].ec->quote);
		sb_add(b, "\" (");
		md_inline(b, u.ex[i].vignette);
		sb_add(b, ")\n");
	}
	if (u.nex)
		sb_addc(b, '\n');
	code_use_free(&u);
	return 0;
}

int export_codebook_md(export_ctx *x, FILE *out)
{
	struct md m = { 0 };
	struct cbdoc d = { &m, 0 };
	int rc;

	m.x = x;
	sb_init(&m.b);
	sb_init(&m.notes);
	if ((rc = md_front_matter(&m, "Codebook")))
		goto done;
	sb_printf(&m.b, "codes: %lld\ncodings: %lld\npseudonymized: %s\n---\n\n# Codebook\n\n",
		  (long long)codebook_count(x->db), (long long)x->ncodings,
		  x->o->keep_names ? "false" : "true");
	rc = codebook_each(x->db, cb_code, &d, x->e);
	if (!rc && d.rc)
		rc = d.rc;
	if (!rc)
		rc = export_registers(x, &md_register_writer, &m);
	if (!rc && m.b.len && fwrite(m.b.s, 1, m.b.len, out) != m.b.len)
		rc = px_fail(x->e, PX_EIO, "writing Markdown failed");
done:
	sb_free(&m.b);
	sb_free(&m.notes);
	return rc;
}
