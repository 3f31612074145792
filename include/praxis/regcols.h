/* regcols.h: the columns of the registers (repertoire, accountability),
 * defined once for every place that prints them: `praxis summary` (CSV,
 * TSV, JSON), the summaries pane, and the Markdown and HTML exports.
 *
 * A column names its header in each output (NULL: not shown there), its
 * place on screen, what kind of value it holds and how to read that value
 * from a summary row (summary_rep_row or summary_acc_row). Each output
 * formats the kinds its own way (a date as an empty cell or "", reified
 * as "?" or ""), so a column added here appears everywhere. */
#ifndef PRAXIS_REGCOLS_H
#define PRAXIS_REGCOLS_H

#include <stddef.h>
#include <stdint.h>

enum regcol_kind {
	RC_TEXT,                 /* text(row), may be NULL */
	RC_INT,                  /* num(row) */
	RC_DATE,                 /* num(row): yyyymmdd, 0 if never */
	RC_REIFIED,              /* num(row): -1 unknown, 0, 1 */
	RC_INTERP,               /* repertoire interpretations; num(row): how many */
	RC_TIMELINE              /* accountability months (the screen's sparkline) */
};

struct regcol {
	const char *cli;         /* `praxis summary` column */
	const char *doc;         /* Markdown / HTML header */
	const char *screen;      /* summaries pane header */
	int screen_pos;          /* 1-based column on screen (0 with screen NULL) */
	int screen_cap;          /* widest it grows on screen; 0: takes the rest */
	int kind;                /* enum regcol_kind */
	const char *(*text)(const void *row);
	int64_t (*num)(const void *row);
};

struct regcols {
	const struct regcol *cols;
	size_t n;
	size_t row_size;         /* sizeof the summary row */
};

extern const struct regcols regcols_repertoire;
extern const struct regcols regcols_accountability;

/* Row i of an array of the table's summary rows. */
const void *regcols_row(const struct regcols *t, const void *rows, size_t i);
/* The column whose CLI name is cli, or NULL. */
const struct regcol *regcols_find(const struct regcols *t, const char *cli);
/* The number of columns shown on screen. */
int regcols_screen_count(const struct regcols *t);
/* 1 for the kinds that hold numbers (sorted by value, right-aligned). */
int regcol_numeric(const struct regcol *c);

#endif
