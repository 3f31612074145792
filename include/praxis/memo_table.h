/* memo_table.h: memos as rows (id, uuid, author, created, updated, title,
 * targets, text) for `praxis memo list` and `praxis export --format csv
 * --table memos`. */
#ifndef PRAXIS_MEMO_TABLE_H
#define PRAXIS_MEMO_TABLE_H

#include "praxis/memo.h"
#include "praxis/tabular.h"

/* A text rewrite applied to title and text (the exports' pseudonymizing);
 * returns an allocated string. NULL: the text as stored. */
typedef char *(*memo_text_fn)(const void *ud, const char *s);

/* Adds the columns and one row per memo passing f (memo_filter, memo.h),
 * targets as KIND:ID joined by ';'. */
int memo_tabulate(px_db *db, const px_names *nm, const memo_filter *f, tabular *t,
		  memo_text_fn tx, const void *txud, px_err *e);

#endif
