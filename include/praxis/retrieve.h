/* retrieve.h: every segment coded with one code (and its sub-codes), each
 * whole with its vignette's title, date, coder, participants and memo, and
 * a chosen context of the text around it -- `praxis retrieve`, the
 * retrieval pane's export. The filters and pseudonymizing are the
 * export's (praxis/export_ctx.h): `praxis retrieve --code X` lists the
 * codings `praxis export --code X` writes, in the same order. */
#ifndef PRAXIS_RETRIEVE_H
#define PRAXIS_RETRIEVE_H

#include <stdio.h>
#include "praxis/export_ctx.h"

enum retrieve_format { RETRIEVE_MD, RETRIEVE_CSV, RETRIEVE_JSON };

/* -1 if name is not md, csv or json. */
int retrieve_format_parse(const char *name);
/* Writes the segments passing o's filters (o->code is required) to out,
 * with context code points of text either side of each (a whole-vignette
 * coding has none: its quote is the whole text). */
int retrieve_write(px_db *db, const struct export_options *o, int context,
		   enum retrieve_format format, FILE *out, px_err *e);

#endif
