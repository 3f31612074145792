/* retrieve.c: the segments of one code as Markdown, CSV or JSON; see
 * praxis/retrieve.h. The rows are gathered into a tabular first (its
 * columns are the CSV and JSON fields), the Markdown is written from
 * them. */
#include <stdlib.h>
#include <string.h>
#include "praxis/retrieve.h"
#include "praxis/tabular.h"
#include "praxis/text.h"
#include "praxis/util.h"

enum { COL_VIGNETTE, COL_TITLE, COL_DATE, COL_CODE, COL_CODER, COL_PARTICIPANTS, COL_START,
       COL_END, COL_BEFORE, COL_QUOTE, COL_AFTER, COL_MEMO, NCOLS };

static const char *const col_names[NCOLS] = {
	"vignette", "title", "date", "code", "coder", "participants", "start", "end",
	"before", "quote", "after", "memo",
};

int retrieve_format_parse(const char *name)
{
	static const char *const names[] = { "md", "csv", "json" };

	for (int i = 0; name && i < 3; i++)
		if (strcmp(name, names[i]) == 0)
			return i;
	return -1;
}

struct gather {
	tabular *t;
	int64_t context;
};

/* The pseudonyms of the coding's participants, joined with "; ". */
static void cell_participants(const export_ctx *x, tabular *t, const idlist *ids)
{
	char *joined = names_join(&x->nm, NAMES_PSEUDONYM, ids, "; ");

	tab_cell(t, joined);
	free(joined);
}

/* Code points [from, to) of text as a cell. */
static void cell_span(tabular *t, const char *text, int64_t from, int64_t to)
{
	char *s = text_cp_substr(text, (size_t)from, (size_t)to);

	tab_cell(t, s);
	free(s);
}

static int gather_vignette(export_ctx *x, struct export_vignette *ev, void *ud)
{
	struct gather *g = ud;
	const char *text = ev->v.text;
	int64_t len = (int64_t)text_cp_len(text);

	for (size_t k = 0; k < ev->ncodings; k++) {
		const struct export_coding *ec = &ev->codings[k];
		const px_coding *c = &ec->c;
		int whole = c->start < 0;
		tab_cell(g->t, ev->v.ext_id);
		tab_cell(g->t, ev->v.title);
		tab_cell(g->t, ev->v.date);
		tab_cell(g->t, names_get(&x->nm, NAMES_CODE, c->code_id));
		tab_cell(g->t, names_get(&x->nm, NAMES_CODER, c->coder_id));
		cell_participants(x, g->t, &c->participants);
		if (whole) {
			tab_cell(g->t, NULL);
			tab_cell(g->t, NULL);
			tab_cell(g->t, "");
			tab_cell(g->t, text);
			tab_cell(g->t, "");
		} else {
			tab_cell_int(g->t, c->start);
			tab_cell_int(g->t, c->end);
			cell_span(g->t, text, c->start > g->context ? c->start - g->context : 0,
				  c->start);
			tab_cell(g->t, ec->quote);
			cell_span(g->t, text, c->end,
				  c->end + g->context < len ? c->end + g->context : len);
		}
		tab_cell(g->t, ec->memo && *ec->memo ? ec->memo : NULL);
	}
	return PX_OK;
}

/* s with every line after the first starting with "> " (a blockquote). */
static void md_quoted(FILE *out, const char *s)
{
	for (; *s; s++) {
		fputc(*s, out);
		if (*s == '\n')
			fputs("> ", out);
	}
}

static void write_md(const tabular *t, const struct export_options *o, int64_t context,
		     FILE *out)
{
	size_t n = tab_rows(t);

	fprintf(out, "# Retrieval: %s\n\n", o->code);
	fprintf(out, "%zu segment%s (with the sub-codes), context %lld character%s.\n", n,
		PX_S(n), (long long)context, PX_S(context));
	for (size_t r = 0; r < n; r++) {
		const char *const *z = (const char *const *)t->cells.v + r * NCOLS;
		int whole = t->null[r * NCOLS + COL_START];
		int deleted = !whole && strcmp(z[COL_START], z[COL_END]) == 0;
		fprintf(out, "\n## %zu. %s (%s), %s\n\n", r + 1, z[COL_TITLE], z[COL_VIGNETTE],
			z[COL_DATE]);
		fprintf(out, "- code: %s\n- coder: %s\n", z[COL_CODE], z[COL_CODER]);
		if (*z[COL_PARTICIPANTS])
			fprintf(out, "- participants: %s\n", z[COL_PARTICIPANTS]);
		if (whole)
			fputs("- span: the whole vignette\n", out);
		else
			fprintf(out, "- span: %s-%s%s\n", z[COL_START], z[COL_END], deleted ?
				" (its text was deleted by an edit; needs review)" : "");
		fputs("\n> ", out);
		if (*z[COL_BEFORE])
			md_quoted(out, z[COL_BEFORE]);
		fputs(whole ? "" : "**", out);
		md_quoted(out, deleted ? EXPORT_EMPTY_MARK : z[COL_QUOTE]);
		fputs(whole ? "" : "**", out);
		md_quoted(out, z[COL_AFTER]);
		fputc('\n', out);
		if (!t->null[r * NCOLS + COL_MEMO])
			fprintf(out, "\nmemo: %s\n", z[COL_MEMO]);
	}
}

int retrieve_write(px_db *db, const struct export_options *o, int context,
		   enum retrieve_format format, FILE *out, px_err *e)
{
	struct gather g;
	export_ctx x;
	tabular t;
	int rc;

	if (!o->code)
		return px_fail(e, PX_EUSAGE, "retrieval needs a code");
	tab_init(&t);
	for (int i = 0; i < NCOLS; i++)
		tab_col(&t, col_names[i], i == COL_START || i == COL_END ? TAB_INT : TAB_TEXT);
	g.t = &t;
	g.context = context;
	if (!(rc = export_open(db, o, &x, e)))
		rc = export_each_vignette(&x, 0, gather_vignette, &g);
	export_free(&x);
	if (!rc) {
		if (format == RETRIEVE_MD)
			write_md(&t, o, context, out);
		else if (tab_write(&t, out, format == RETRIEVE_CSV ? TAB_CSV : TAB_JSON) != 0)
			rc = px_fail(e, PX_EIO, "writing the segments failed");
		if (!rc && (fflush(out) != 0 || ferror(out)))
			rc = px_fail(e, PX_EIO, "writing the segments failed");
	}
	tab_free(&t);
	return rc;
}
