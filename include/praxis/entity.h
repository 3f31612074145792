/* entity.h: the small named tables every corpus refers to by a short id:
 * coders, communities, and the repertoire and accountability registers.
 *
 * They share one shape (ext_id, name, and for registers kind/reified), so
 * one module serves them all, parameterised by the entity kind. */
#ifndef PRAXIS_ENTITY_H
#define PRAXIS_ENTITY_H

#include <stdint.h>
#include "praxis/db.h"

enum entity_kind {
	ENT_CODER,
	ENT_COMMUNITY,
	ENT_REPERTOIRE,
	ENT_ACCOUNTABILITY,
	ENT_KIND_COUNT
};

typedef struct px_entity {
	int64_t id;
	char *ext_id;   /* the corpus id: [a-z0-9_-]+ for coders, free otherwise */
	char *name;
	char *kind;     /* repertoire only: routine, word, tool, ... (or NULL) */
	int reified;    /* registers only: -1 unknown, 0 no, 1 yes */
	char *uuid;
	char *description; /* registers only: what the entry is (or NULL) */
	int64_t community_id; /* registers only: the community it belongs to, 0 none */
} px_entity;

/* "coder", "community", "repertoire entry", "accountability entry". */
const char *entity_label(enum entity_kind k);

int entity_add(px_db *db, enum entity_kind k, px_entity *ent, px_err *e);
/* As entity_add, taking the row id ent->id (undo re-creating an entry
 * the history refers to); PX_EDATA if that row is taken. */
int entity_restore(px_db *db, enum entity_kind k, px_entity *ent, px_err *e);
/* Writes ext_id, name, kind, reified, and for registers description and
 * community; the uuid too unless ent->uuid is NULL. */
int entity_update(px_db *db, enum entity_kind k, const px_entity *ent, px_err *e);
int entity_delete(px_db *db, enum entity_kind k, int64_t id, px_err *e);
/* 0 and *id on success; PX_ENOTFOUND (with e naming the id) if absent. */
int entity_find(px_db *db, enum entity_kind k, const char *ext_id, int64_t *id, px_err *e);
int entity_get(px_db *db, enum entity_kind k, int64_t id, px_entity *out, px_err *e);
/* Calls fn for each entity in insertion order; a non-zero return stops. */
typedef int (*entity_fn)(const px_entity *ent, void *ud);
int entity_each(px_db *db, enum entity_kind k, entity_fn fn, void *ud, px_err *e);
int64_t entity_count(px_db *db, enum entity_kind k);
void entity_free(px_entity *ent);

/* The repertoire kinds of CORPUS-FORMAT.md; 1 if kind is one of them. */
int entity_repertoire_kind_valid(const char *kind);
extern const char *const entity_repertoire_kinds[];

/* Short ids for coders: [a-z0-9_-]+. */
int entity_coder_id_valid(const char *id);
/* A coder id made from $USER (lower-case, [a-z0-9_-]), or "me". Caller frees. */
char *entity_coder_default_id(void);
/* The entity with ext_id, added (with only its id) if absent. */
int entity_ensure(px_db *db, enum entity_kind k, const char *ext_id, int64_t *id, px_err *e);
/* The coder's row id, adding the coder if absent. */
int entity_coder_ensure(px_db *db, const char *ext_id, int64_t *id, px_err *e);

#endif
