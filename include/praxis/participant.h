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

typedef struct px_participant {
	int64_t id;
	char *ext_id;
	char *pseudonym;
	char *role;          /* may be NULL */
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
void participant_attr_add(px_participant *p, const char *key, const char *value);
void participant_free(px_participant *p);

#endif
