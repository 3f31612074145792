/* codebook.h: the code tree under the three fixed roots.
 *
 * Roots have fixed ids (CODE_ME, CODE_JE, CODE_SR) and cannot be renamed,
 * moved or deleted. A code path names the root by short form (ME) or full
 * name (mutual engagement), then sub-codes separated by '/', with a '/'
 * inside a name written "\/". */
#ifndef PRAXIS_CODEBOOK_H
#define PRAXIS_CODEBOOK_H

#include <stdint.h>
#include "praxis/db.h"

enum code_root { CODE_ME = 1, CODE_JE = 2, CODE_SR = 3 };

typedef struct px_code {
	int64_t id;
	int64_t parent_id;   /* 0 for a root */
	int dimension;       /* CODE_ME, CODE_JE or CODE_SR */
	char *name;
	char *description;   /* may be NULL */
	char *color;         /* #rrggbb or NULL */
	char *uuid;
	int depth;           /* 0 for roots (filled by codebook_each) */
} px_code;

const char *codebook_root_short(int dimension);  /* "ME" */
const char *codebook_root_name(int dimension);   /* "mutual engagement" */

/* Creates the roots and default sub-codes (called by project_open on a new project). */
int codebook_seed(px_db *db, px_err *e);

/* Resolves path to a code id. With create, missing segments are added
 * (*created, may be NULL, says how many). Errors name the path and the
 * faulty segment (empty segment, unknown root, missing code). */
int codebook_resolve(px_db *db, const char *path, int create, int64_t *id,
		     int *created, px_err *e);
/* The canonical path (short root form, "\/" escapes). Caller frees. */
int codebook_path(px_db *db, int64_t id, char **out, px_err *e);
/* Appends one segment escaped for a path. */
char *codebook_escape_segment(const char *name);

int codebook_get(px_db *db, int64_t id, px_code *out, px_err *e);
int codebook_add(px_db *db, int64_t parent, const char *name, int64_t *id, px_err *e);
int codebook_rename(px_db *db, int64_t id, const char *name, px_err *e);
int codebook_set_description(px_db *db, int64_t id, const char *desc, px_err *e);
/* color NULL clears; otherwise #rgb or #rrggbb. */
int codebook_set_color(px_db *db, int64_t id, const char *color, px_err *e);
/* Keeps an identity from elsewhere (a REFI-QDA GUID) as the code's uuid. */
int codebook_set_uuid(px_db *db, int64_t id, const char *uuid, px_err *e);
/* Re-parents id under parent (not under itself or a descendant). */
int codebook_move(px_db *db, int64_t id, int64_t parent, px_err *e);
/* Moves every coding and child of from into into, then deletes from. */
int codebook_merge(px_db *db, int64_t from, int64_t into, px_err *e);
/* Deletes id, its descendants and their codings (*codings receives how
 * many codings went, may be NULL). */
int codebook_delete(px_db *db, int64_t id, int64_t *codings, px_err *e);
/* Number of codings on id (with descendants when deep). */
int64_t codebook_coding_count(px_db *db, int64_t id, int deep);

/* Pre-order walk of the tree, children by insertion order. */
typedef int (*code_fn)(const px_code *c, void *ud);
int codebook_each(px_db *db, code_fn fn, void *ud, px_err *e);
int64_t codebook_count(px_db *db);
void codebook_free(px_code *c);

/* 1 if color is #rgb or #rrggbb. */
int codebook_color_valid(const char *color);

#endif
