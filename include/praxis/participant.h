/* participant.h: people observed, under pseudonyms, with private aliases. */
#ifndef PRAXIS_PARTICIPANT_H
#define PRAXIS_PARTICIPANT_H

#include <stdint.h>
#include "praxis/db.h"
#include "praxis/util.h"

typedef struct px_attr {
	char *key;
	char *value;
} px_attr;

/* A dated role: the participant holds role from this day on (until the
 * next change). The role before the first change is px_participant.role. */
typedef struct px_role_change {
	char *role;
	char *from;          /* YYYY-MM-DD */
} px_role_change;

typedef struct px_participant {
	int64_t id;
	char *ext_id;
	char *pseudonym;
	char *role;          /* may be NULL: the role from the start */
	px_role_change *roles;   /* later roles, by date ascending */
	size_t nroles;
	px_attr *attrs;      /* in the order given */
	size_t nattrs;
	strlist aliases;     /* private real names / nicknames */
	strlist alias_as;    /* parallel (may be shorter): the alias's own
				pseudonymous form, "" for the pseudonym */
	char *uuid;
} px_participant;

int participant_add(px_db *db, px_participant *p, px_err *e);
/* Replaces pseudonym, role, attributes and aliases of p->id. */
int participant_update(px_db *db, const px_participant *p, px_err *e);
/* Fails with PX_EDATA if the participant is still referenced, unless force
 * (then they are removed from vignettes and codings as well). */
int participant_delete(px_db *db, int64_t id, int force, px_err *e);
int participant_find(px_db *db, const char *ext_id, int64_t *id, px_err *e);
int participant_get(px_db *db, int64_t id, px_participant *out, px_err *e);
typedef int (*participant_fn)(const px_participant *p, void *ud);
int participant_each(px_db *db, participant_fn fn, void *ud, px_err *e);
int64_t participant_count(px_db *db);
/* How many vignettes the participant is present in, and how many codings
 * name them. */
void participant_usage(px_db *db, int64_t id, int64_t *vignettes, int64_t *codings);
/* Sets role from day from on (replacing a change on that same day),
 * keeping the list in date order; PX_EDATA for a bad date or empty role. */
int participant_role_set(px_participant *p, const char *role, const char *from, px_err *e);
/* Drops the change on day from; PX_ENOTFOUND if there is none. */
int participant_role_remove(px_participant *p, const char *from, px_err *e);
/* The role in effect on date (YYYY-MM-DD...): the last change on or
 * before it, else the role from the start (may be NULL). */
const char *participant_role_at(const px_participant *p, const char *date);
/* The role participant id holds on date from the store; caller frees
 * (NULL: none). */
char *participant_role_on(px_db *db, int64_t id, const char *date);
/* Writes / reads p's dated roles (participant.c calls these). */
int participant_roles_write(px_db *db, const px_participant *p, px_err *e);
int participant_roles_read(px_db *db, px_participant *p, px_err *e);
void participant_roles_free(px_participant *p);
void participant_attr_add(px_participant *p, const char *key, const char *value);
void participant_free(px_participant *p);

#endif
