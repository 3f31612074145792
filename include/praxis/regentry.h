/* regentry.h: editing the repertoire and accountability registers: add,
 * edit (rename, name, describe, set the community), merge and delete an
 * entry, each in one transaction with its audit-trail entry.
 *
 * Codings a merge or a delete moves are rewritten with coding_update, so
 * the listeners (summaries, undo) see each of them; memos on an entry
 * follow it through a rename (they name its row) and a merge (they move to
 * the entry merged into). */
#ifndef PRAXIS_REGENTRY_H
#define PRAXIS_REGENTRY_H

#include <stdint.h>
#include "praxis/db.h"
#include "praxis/entity.h"
#include "praxis/memo.h"

/* ENT_REPERTOIRE or ENT_ACCOUNTABILITY from "repertoire" / "accountability";
 * -1 otherwise. */
int regentry_kind_parse(const char *s);
/* "repertoire" or "accountability". */
const char *regentry_kind_name(enum entity_kind k);
/* The memo target kind of the register. */
int regentry_memo_kind(enum entity_kind k);
/* Codings linked to the entry. */
int64_t regentry_links(px_db *db, enum entity_kind k, int64_t id);

int regentry_add(px_db *db, enum entity_kind k, px_entity *ent, px_err *e);
/* Writes ent (found by ent->id) as it is: id, name, kind, reified,
 * description, community. */
int regentry_edit(px_db *db, enum entity_kind k, const px_entity *ent, px_err *e);
/* Links every coding of `from` to `into`, moves its memos, deletes it. */
int regentry_merge(px_db *db, enum entity_kind k, int64_t from, int64_t into, px_err *e);
/* Refuses (PX_EDATA) an entry codings link to unless force; with force the
 * codings lose the link (and what needs it: the interpretation read from
 * the entry, its speaker, the stance), and keep the rest. Memos whose
 * only target was the entry go with it. *unlinked: codings that lost it. */
int regentry_delete(px_db *db, enum entity_kind k, int64_t id, int force, int64_t *unlinked,
		    px_err *e);

/* For undo: the entry's memos (full snapshots, *n of them). */
int regentry_memos(px_db *db, enum entity_kind k, int64_t id, px_memo **out, size_t *n,
		   px_err *e);
/* For undo: gives each snapshot memo back its targets (re-adding a memo
 * gone with its last target). */
int regentry_memos_restore(px_db *db, const px_memo *memos, size_t n, px_err *e);
/* For undo: the row delete of a merge (memos to into) or a delete (into 0),
 * once its codings are handled; no audit entry. */
int regentry_drop(px_db *db, enum entity_kind k, int64_t id, int64_t into, px_err *e);

#endif
