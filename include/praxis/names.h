/* names.h: row id -> corpus id (and code path, pseudonym) lookups, loaded
 * once, for listings and exports that would otherwise query per row. */
#ifndef PRAXIS_NAMES_H
#define PRAXIS_NAMES_H

#include <stdint.h>
#include "praxis/db.h"

enum names_kind {
	NAMES_CODER, NAMES_COMMUNITY, NAMES_PARTICIPANT, NAMES_PSEUDONYM,
	NAMES_VIGNETTE, NAMES_CODE, NAMES_REPERTOIRE, NAMES_ACCOUNTABILITY,
	NAMES_KIND_COUNT
};

struct names_entry {
	int64_t id;
	char *name;
};

typedef struct px_names {
	struct names_entry *v[NAMES_KIND_COUNT];
	size_t n[NAMES_KIND_COUNT];
	int *code_dimension;     /* parallel to v[NAMES_CODE] */
} px_names;

int names_load(px_db *db, px_names *nm, px_err *e);
/* Only the kinds whose NAMES_BIT is in kinds (codes always load): the
 * interface skips NAMES_VIGNETTE, one entry per vignette it never shows. */
#define NAMES_BIT(k) (1u << (k))
int names_load_kinds(px_db *db, px_names *nm, unsigned kinds, px_err *e);
/* The name, or "" when id is 0 or unknown. NAMES_CODE gives the path. */
const char *names_get(const px_names *nm, enum names_kind k, int64_t id);
/* The dimension (CODE_ME..CODE_SR) of a code id, 0 if unknown. */
int names_code_dimension(const px_names *nm, int64_t code_id);
/* The names of ids joined by sep ("" when there are none); caller frees. */
char *names_join(const px_names *nm, enum names_kind k, const idlist *ids, const char *sep);
void names_free(px_names *nm);

#endif
