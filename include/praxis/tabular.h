/* tabular.h: one way to print rows as an aligned table, CSV or JSON, so every
 * listing command (list, summary, agree) formats the same way. */
#ifndef PRAXIS_TABULAR_H
#define PRAXIS_TABULAR_H

#include <stdio.h>
#include "praxis/util.h"

enum tab_format { TAB_TABLE, TAB_CSV, TAB_JSON };
enum tab_type { TAB_TEXT, TAB_INT, TAB_REAL };

typedef struct tabular {
	strlist cols;
	int *types;          /* enum tab_type per column, for JSON */
	strlist cells;       /* row-major; NULL-valued cells stored as "" */
	unsigned char *null; /* per cell: 1 if SQL NULL (JSON null) */
	size_t ncap;
	int flushed;         /* tab_flush_csv wrote the header */
	int on_terminal;     /* ... to a terminal */
} tabular;

/* -1 if name is not table, csv or json. */
int tab_format_parse(const char *name);

void tab_init(tabular *t);
void tab_col(tabular *t, const char *name, enum tab_type type);
/* Appends one cell; rows fill left to right. NULL is an empty/null cell. */
void tab_cell(tabular *t, const char *value);
void tab_cellf(tabular *t, const char *fmt, ...) PX_PRINTF(2, 3);
void tab_cell_int(tabular *t, long long v);
size_t tab_rows(const tabular *t);
void tab_free(tabular *t);
/* Writes all rows; 0 on success, -1 on a write error. */
int tab_write(const tabular *t, FILE *out, enum tab_format format);
/* Streams CSV: writes the header on the first call and the rows added
 * since the last, then drops them, so a long export holds one batch of
 * rows at a time. The output is tab_write's. 0 on success, -1 on error. */
int tab_flush_csv(tabular *t, FILE *out);

/* CSV-quotes s (RFC 4180) into b; cells starting with = + - @ tab or CR are
 * prefixed with ' so spreadsheets do not run them as formulas. */
void tab_csv_cell(strbuf *b, const char *s);
/* JSON string literal of s into b. Control characters (C0, DEL, C1),
 * bidi controls and U+2028/2029 are written as \uXXXX escapes, so the
 * JSON means the same but cannot drive a terminal it is printed on. */
void tab_json_string(strbuf *b, const char *s);

#endif
