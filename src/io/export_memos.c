/* export_memos.c: the memos the documents (Markdown, HTML) print, walked
 * once for both: each memo's title and text pseudonymized like the
 * notes, and the targets of each kind that carry memos. */
#include <stdlib.h>
#include "praxis/export_ctx.h"
#include "praxis/memo.h"
#include "praxis/util.h"

struct memo_walk {
	const export_ctx *x;
	export_memo_fn fn;
	void *ud;
};

static int memo_visit(const px_memo *m, void *ud)
{
	const struct memo_walk *w = ud;
	char *title = m->title ? export_text(w->x, m->title) : NULL;
	char *text = export_text(w->x, m->text);

	w->fn(w->ud, title, text, names_get(&w->x->nm, NAMES_CODER, m->coder_id));
	free(title);
	free(text);
	return 0;
}

int export_memos_on(const export_ctx *x, int kind, int64_t id, export_memo_fn fn, void *ud)
{
	struct memo_walk w = { x, fn, ud };

	return memo_each(x->db, kind, id, memo_visit, &w, x->e);
}

/* The sections after the codebook: one per kind of target, each target
 * with its memos (vignettes, codes and the project have theirs in place). */
static const struct {
	int kind;
	const char *heading;
} memo_sections[] = {
	{ MEMO_PARTICIPANT, "Participants" },
	{ MEMO_COMMUNITY, "Communities" },
	{ MEMO_REPERTOIRE, "Repertoire entries" },
	{ MEMO_ACCOUNTABILITY, "Accountability entries" },
	{ MEMO_CODING, "Codings" },
};

/* How a target is named in the documents: a participant by pseudonym, a
 * coding by its vignette and code, others by their corpus id. */
static char *target_name(const export_ctx *x, int kind, int64_t id)
{
	sqlite3_stmt *st;
	char *out = NULL;
	int rc;

	switch (kind) {
	case MEMO_PARTICIPANT: return xstrdup(names_get(&x->nm, NAMES_PSEUDONYM, id));
	case MEMO_COMMUNITY: return xstrdup(names_get(&x->nm, NAMES_COMMUNITY, id));
	case MEMO_REPERTOIRE: return xstrdup(names_get(&x->nm, NAMES_REPERTOIRE, id));
	case MEMO_ACCOUNTABILITY: return xstrdup(names_get(&x->nm, NAMES_ACCOUNTABILITY, id));
	default: break;
	}
	if ((st = db_stmt(x->db, "SELECT vignette_id, code_id FROM coding WHERE id = ?", NULL))) {
		sqlite3_bind_int64(st, 1, id);
		while (db_row(x->db, st, &rc, NULL))
			out = xasprintf("%s: %s", names_get(&x->nm, NAMES_VIGNETTE,
							     sqlite3_column_int64(st, 0)),
					names_get(&x->nm, NAMES_CODE, sqlite3_column_int64(st, 1)));
		sqlite3_reset(st);
	}
	return out ? out : xstrdup("");
}

int export_memo_sections(const export_ctx *x, const struct export_memo_writer *w, void *ud)
{
	int rc = PX_OK;

	for (size_t s = 0; s < sizeof(memo_sections) / sizeof(*memo_sections) && !rc; s++) {
		idlist ids = { 0 };
		if ((rc = db_collect_ids(x->db, "SELECT DISTINCT target_id FROM memo_target"
					 " WHERE kind = ?1 ORDER BY target_id",
					 memo_sections[s].kind, &ids, x->e)))
			break;
		if (ids.n)
			w->section(ud, memo_sections[s].heading);
		for (size_t i = 0; i < ids.n && !rc; i++) {
			char *name = target_name(x, memo_sections[s].kind, ids.v[i]);
			w->target(ud, name);
			free(name);
			rc = export_memos_on(x, memo_sections[s].kind, ids.v[i], w->memo, ud);
		}
		if (ids.n && !rc)
			w->section(ud, NULL);
		idl_free(&ids);
	}
	return rc;
}
