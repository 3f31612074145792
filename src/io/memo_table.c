/* memo_table.c: memos as table rows; see praxis/memo_table.h. */
#include <stdlib.h>
#include "praxis/memo_table.h"
#include "praxis/util.h"

struct memo_rows {
	px_db *db;
	const px_names *nm;
	tabular *t;
	memo_text_fn tx;
	const void *txud;
};

static void text_cell(const struct memo_rows *r, const char *s)
{
	char *out;

	if (!s || !r->tx) {
		tab_cell(r->t, s);
		return;
	}
	out = r->tx(r->txud, s);
	tab_cell(r->t, out);
	free(out);
}

static int memo_row(const px_memo *m, void *ud)
{
	const struct memo_rows *r = ud;
	char *targets = memo_targets_joined(r->db, r->nm, m, ";");

	tab_cell_int(r->t, m->id);
	tab_cell(r->t, m->uuid);
	tab_cell(r->t, m->coder_id ? names_get(r->nm, NAMES_CODER, m->coder_id) : NULL);
	tab_cell(r->t, m->created);
	tab_cell(r->t, m->updated);
	text_cell(r, m->title);
	tab_cell(r->t, targets);
	text_cell(r, m->text);
	free(targets);
	return 0;
}

int memo_tabulate(px_db *db, const px_names *nm, const memo_filter *f, tabular *t,
		  memo_text_fn tx, const void *txud, px_err *e)
{
	static const char *const cols[] = {
		"id", "uuid", "author", "created", "updated", "title", "targets", "text", NULL
	};
	struct memo_rows r = { db, nm, t, tx, txud };

	for (int i = 0; cols[i]; i++)
		tab_col(t, cols[i], i == 0 ? TAB_INT : TAB_TEXT);
	return memo_each_filtered(db, f, memo_row, &r, e);
}
