/* memo_target.c: memo targets written as KIND:ID, the way the command
 * line, the corpus format and the exports name them. */
#include <stdlib.h>
#include <string.h>
#include "praxis/codebook.h"
#include "praxis/entity.h"
#include "praxis/memo.h"
#include "praxis/participant.h"
#include "praxis/util.h"
#include "praxis/vignette.h"

/* Per kind: its name and, for the kinds named by a corpus id, the names
 * table holding that id. */
static const struct {
	const char *name;
	int names_kind;          /* -1: not in px_names */
} memo_kinds[MEMO_TARGET_COUNT] = {
	[MEMO_PROJECT] = { "project", -1 },
	[MEMO_VIGNETTE] = { "vignette", NAMES_VIGNETTE },
	[MEMO_CODE] = { "code", NAMES_CODE },
	[MEMO_PARTICIPANT] = { "participant", NAMES_PARTICIPANT },
	[MEMO_COMMUNITY] = { "community", NAMES_COMMUNITY },
	[MEMO_CODING] = { "coding", -1 },
	[MEMO_REPERTOIRE] = { "repertoire", NAMES_REPERTOIRE },
	[MEMO_ACCOUNTABILITY] = { "accountability", NAMES_ACCOUNTABILITY },
};

const char *memo_kind_name(int kind)
{
	return kind >= 0 && kind < MEMO_TARGET_COUNT ? memo_kinds[kind].name : NULL;
}

static int all_digits(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return 0;
	return 1;
}

static int coding_target(px_db *db, const char *id, int64_t *out, px_err *e)
{
	int found;

	if (all_digits(id))
		found = db_lookup_text(db, "SELECT id FROM coding WHERE id = CAST(?1 AS INTEGER)",
				       id, out, e);
	else
		found = db_lookup_text(db, "SELECT id FROM coding WHERE uuid = ?", id, out, e);
	if (found < 0)
		return px_status_of(e);
	return found ? PX_OK : px_fail(e, PX_ENOTFOUND, "no coding '%s'", id);
}

static int resolve(px_db *db, int kind, const char *id, int64_t *out, px_err *e)
{
	switch (kind) {
	case MEMO_VIGNETTE: return vignette_find(db, id, out, e);
	case MEMO_CODE: return codebook_resolve(db, id, 0, out, NULL, e);
	case MEMO_PARTICIPANT: return participant_find(db, id, out, e);
	case MEMO_COMMUNITY: return entity_find(db, ENT_COMMUNITY, id, out, e);
	case MEMO_CODING: return coding_target(db, id, out, e);
	case MEMO_REPERTOIRE: return entity_find(db, ENT_REPERTOIRE, id, out, e);
	case MEMO_ACCOUNTABILITY: return entity_find(db, ENT_ACCOUNTABILITY, id, out, e);
	default: return px_fail(e, PX_EUSAGE, "bad memo target kind %d", kind);
	}
}

int memo_target_parse(px_db *db, const char *spec, px_memo_on *out, px_err *e)
{
	const char *colon = strchr(spec, ':');
	size_t klen = colon ? (size_t)(colon - spec) : strlen(spec);
	int rc;

	out->kind = -1;
	out->id = 0;
	for (int k = 0; k < MEMO_TARGET_COUNT; k++)
		if (strlen(memo_kinds[k].name) == klen && strncmp(spec, memo_kinds[k].name, klen) == 0)
			out->kind = k;
	if (out->kind < 0)
		return px_fail(e, PX_EDATA, "memo target '%s': the kind must be one of project, "
			       "code, participant, community, vignette, coding, repertoire, "
			       "accountability", spec);
	if (out->kind == MEMO_PROJECT) {
		if (colon && colon[1])
			return px_fail(e, PX_EDATA, "memo target '%s': 'project' takes no id", spec);
		return PX_OK;
	}
	if (!colon || !colon[1])
		return px_fail(e, PX_EDATA, "memo target '%s': write %s:ID", spec,
			       memo_kinds[out->kind].name);
	if ((rc = resolve(db, out->kind, colon + 1, &out->id, e)))
		return px_wrap(e, "memo target '%s'", spec);
	return PX_OK;
}

/* One text column of the row with this id, allocated; NULL if none. */
static char *text_by_id(px_db *db, const char *sql, int64_t id)
{
	sqlite3_stmt *st = db_stmt(db, sql, NULL);
	char *out = NULL;
	int rc;

	if (!st)
		return NULL;
	sqlite3_bind_int64(st, 1, id);
	while (db_row(db, st, &rc, NULL))
		out = db_col_strdup(st, 0);
	sqlite3_reset(st);
	return out;
}

char *memo_target_label(px_db *db, const px_names *nm, const px_memo_on *on)
{
	const char *kind = memo_kind_name(on->kind), *name = "";
	char *own = NULL, *out;

	if (!kind)
		return xasprintf("?%d:%lld", on->kind, (long long)on->id);
	if (on->kind == MEMO_PROJECT)
		return xstrdup(kind);
	if (memo_kinds[on->kind].names_kind >= 0)
		name = names_get(nm, memo_kinds[on->kind].names_kind, on->id);
	/* a coding is named by its uuid, which survives export and import;
	 * the interface loads no vignette names */
	if (on->kind == MEMO_CODING)
		own = text_by_id(db, "SELECT uuid FROM coding WHERE id = ?", on->id);
	else if (!*name && on->kind == MEMO_VIGNETTE)
		own = text_by_id(db, "SELECT ext_id FROM vignette WHERE id = ?", on->id);
	out = xasprintf("%s:%s", kind, own ? own : *name ? name : "?");
	free(own);
	return out;
}

char *memo_targets_joined(px_db *db, const px_names *nm, const px_memo *m, const char *sep)
{
	strbuf b;

	sb_init(&b);
	for (size_t i = 0; i < m->n_on; i++) {
		char *l = memo_target_label(db, nm, &m->on[i]);
		sb_printf(&b, "%s%s", i ? sep : "", l);
		free(l);
	}
	return sb_steal(&b);
}
