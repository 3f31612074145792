/* analysis_table.h: the analyses of praxis/analysis.h as rows of named
 * cells, with the column names `praxis summary` prints (and the exports
 * reuse): one definition of every column. */
#ifndef PRAXIS_ANALYSIS_TABLE_H
#define PRAXIS_ANALYSIS_TABLE_H

#include "praxis/analysis.h"
#include "praxis/names.h"
#include "praxis/tabular.h"

struct analysis_args {
	int64_t repertoire;      /* history: one entry (row id); 0: all */
	const char *by;          /* matrix: role, community, coder, attribute:NAME */
	/* The exports: participants by pseudonym (0: by corpus id, the CLI's),
	 * and text from the notes (interpretations) through text (NULL: as
	 * stored; it returns a copy the table frees). */
	int pseudonyms;
	char *(*text)(const void *ud, const char *s);
	const void *text_ud;
};

/* Fills t (fresh from tab_init) with kind's columns and rows. */
int analysis_table(px_summary *s, const px_names *nm, int kind, const struct analysis_args *a,
		   tabular *t, px_err *e);

#endif
