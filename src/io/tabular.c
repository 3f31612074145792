/* tabular.c: table, CSV and JSON output; see praxis/tabular.h. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "praxis/tabular.h"
#include "praxis/text.h"

int tab_format_parse(const char *name)
{
	if (!name)
		return -1;
	if (strcmp(name, "table") == 0)
		return TAB_TABLE;
	if (strcmp(name, "csv") == 0)
		return TAB_CSV;
	if (strcmp(name, "json") == 0)
		return TAB_JSON;
	return -1;
}

void tab_init(tabular *t)
{
	memset(t, 0, sizeof(*t));
}

void tab_col(tabular *t, const char *name, enum tab_type type)
{
	sl_push(&t->cols, name);
	t->types = xrealloc(t->types, t->cols.n * sizeof(*t->types));
	t->types[t->cols.n - 1] = type;
}

void tab_cell(tabular *t, const char *value)
{
	sl_push(&t->cells, value ? value : "");
	if (t->cells.n > t->ncap) {
		t->ncap = t->cells.cap;
		t->null = xrealloc(t->null, t->ncap);
	}
	t->null[t->cells.n - 1] = value == NULL;
}

void tab_cellf(tabular *t, const char *fmt, ...)
{
	strbuf b;
	va_list ap;

	sb_init(&b);
	va_start(ap, fmt);
	sb_vprintf(&b, fmt, ap);
	va_end(ap);
	tab_cell(t, sb_str(&b));
	sb_free(&b);
}

void tab_cell_int(tabular *t, long long v)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%lld", v);
	tab_cell(t, buf);
}

size_t tab_rows(const tabular *t)
{
	return t->cols.n ? t->cells.n / t->cols.n : 0;
}

void tab_free(tabular *t)
{
	sl_free(&t->cols);
	sl_free(&t->cells);
	free(t->types);
	free(t->null);
	memset(t, 0, sizeof(*t));
}

void tab_csv_cell(strbuf *b, const char *s)
{
	int formula = s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' ||
		      s[0] == '\t' || s[0] == '\r';
	int quote = formula || strpbrk(s, ",\"\r\n") != NULL;

	if (!quote) {
		sb_add(b, s);
		return;
	}
	sb_addc(b, '"');
	if (formula)
		sb_addc(b, '\'');
	/* runs up to and including each quote, which is then doubled */
	for (const char *q; (q = strchr(s, '"')); s = q + 1) {
		sb_addn(b, s, (size_t)(q - s) + 1);
		sb_addc(b, '"');
	}
	sb_add(b, s);
	sb_addc(b, '"');
}

void tab_json_string(strbuf *b, const char *s)
{
	sb_addc(b, '"');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"': sb_add(b, "\\\""); break;
		case '\\': sb_add(b, "\\\\"); break;
		case '\n': sb_add(b, "\\n"); break;
		case '\r': sb_add(b, "\\r"); break;
		case '\t': sb_add(b, "\\t"); break;
		default:
			if (*p < 0x20 || *p == 0x7f) {
				sb_printf(b, "\\u%04x", *p);
			} else if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) {
				/* C1 controls: U+009B alone is a CSI to a terminal */
				sb_printf(b, "\\u%04x", p[1]);
				p++;
			} else if (p[0] == 0xe2 && ((p[1] == 0x80 && p[2] >= 0xa8 && p[2] <= 0xae) ||
						    (p[1] == 0x81 && p[2] >= 0xa6 && p[2] <= 0xa9))) {
				/* bidi embeddings, overrides, isolates; line and
				 * paragraph separators (which end JavaScript lines) */
				sb_printf(b, "\\u%04x", 0x2000 | ((p[1] & 0x3) << 6) | (p[2] & 0x3f));
				p += 2;
			} else {
				sb_addc(b, (char)*p);
			}
		}
	}
	sb_addc(b, '"');
}

/* A number cell is written bare in JSON only if it really is one. */
static int looks_numeric(const char *s)
{
	char *end;

	if (!*s)
		return 0;
	strtod(s, &end);
	return *end == '\0';
}

static void write_json(const tabular *t, strbuf *b)
{
	size_t ncol = t->cols.n, rows = tab_rows(t);

	sb_addc(b, '[');
	for (size_t r = 0; r < rows; r++) {
		sb_add(b, r ? ",\n  {" : "\n  {");
		for (size_t c = 0; c < ncol; c++) {
			size_t i = r * ncol + c;
			const char *v = t->cells.v[i];
			if (c)
				sb_add(b, ", ");
			tab_json_string(b, t->cols.v[c]);
			sb_add(b, ": ");
			if (t->null[i])
				sb_add(b, "null");
			else if (t->types[c] != TAB_TEXT && looks_numeric(v))
				sb_add(b, v);
			else
				tab_json_string(b, v);
		}
		sb_addc(b, '}');
	}
	sb_add(b, rows ? "\n]\n" : "]\n");
}

/* CSV keeps the data as it is, except on a terminal: there a cell's
 * escape sequences would drive the screen, so they are shown inert as in
 * the table (a file or a pipe gets the exact bytes). */
static void write_csv(const tabular *t, strbuf *b, int on_terminal, int header)
{
	size_t ncol = t->cols.n;

	if (ncol == 0)
		return;
	for (size_t c = 0; header && c < ncol; c++) {
		tab_csv_cell(b, t->cols.v[c]);
		sb_add(b, c + 1 < ncol ? "," : "\r\n");
	}
	for (size_t i = 0; i < t->cells.n; i++) {
		char *clean = on_terminal ? text_sanitize(t->cells.v[i], 1) : NULL;
		tab_csv_cell(b, clean ? clean : t->cells.v[i]);
		free(clean);
		sb_add(b, (i + 1) % ncol ? "," : "\r\n");
	}
}

/* Columns padded by display width; data is sanitized so that nothing in a
 * cell can drive the terminal. */
static void write_table(const tabular *t, strbuf *b)
{
	size_t ncol = t->cols.n, rows = tab_rows(t);
	size_t *w = xcalloc(ncol, sizeof(*w));
	char **clean = xcalloc(t->cells.n ? t->cells.n : 1, sizeof(*clean));

	for (size_t c = 0; c < ncol; c++)
		w[c] = text_width(t->cols.v[c]);
	for (size_t i = 0; i < t->cells.n; i++) {
		clean[i] = text_sanitize(t->cells.v[i], 0);
		size_t cw = text_width(clean[i]);
		if (cw > w[i % ncol])
			w[i % ncol] = cw;
	}
	for (size_t r = 0; r <= rows; r++) {
		for (size_t c = 0; c < ncol; c++) {
			const char *s = r ? clean[(r - 1) * ncol + c] : t->cols.v[c];
			sb_add(b, s);
			if (c + 1 < ncol)
				for (size_t pad = text_width(s); pad < w[c] + 2; pad++)
					sb_addc(b, ' ');
		}
		sb_addc(b, '\n');
	}
	for (size_t i = 0; i < t->cells.n; i++)
		free(clean[i]);
	free(clean);
	free(w);
}

int tab_write(const tabular *t, FILE *out, enum tab_format format)
{
	strbuf b;
	int rc;

	sb_init(&b);
	if (format == TAB_JSON)
		write_json(t, &b);
	else if (format == TAB_CSV)
		write_csv(t, &b, isatty(fileno(out)), 1);
	else
		write_table(t, &b);
	rc = fwrite(b.s ? b.s : "", 1, b.len, out) == b.len ? 0 : -1;
	sb_free(&b);
	return rc;
}

int tab_flush_csv(tabular *t, FILE *out)
{
	strbuf b;
	int rc;

	if (!t->flushed)
		t->on_terminal = isatty(fileno(out));
	sb_init(&b);
	write_csv(t, &b, t->on_terminal, !t->flushed);
	t->flushed = 1;
	rc = fwrite(b.s ? b.s : "", 1, b.len, out) == b.len ? 0 : -1;
	sb_free(&b);
	for (size_t i = 0; i < t->cells.n; i++)
		free(t->cells.v[i]);
	t->cells.n = 0;
	return rc;
}
