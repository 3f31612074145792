/* alias.h: pseudonymization of exported text.
 *
 * Every participant alias (a private real name or nickname) found in a
 * text as a whole word is replaced by the participant's pseudonym. A word
 * boundary is anything that is not a letter or digit (every non-ASCII
 * code point outside the punctuation blocks counts as a letter); ASCII
 * letters match case-insensitively. Longer aliases win over shorter ones
 * at the same place. Replacing shifts code-point offsets, so the edits are
 * kept and spans are mapped through them. */
#ifndef PRAXIS_ALIAS_H
#define PRAXIS_ALIAS_H

#include <stddef.h>
#include <stdint.h>
#include "praxis/db.h"

typedef struct alias_map {
	char **alias;            /* longest first */
	char **pseudonym;        /* parallel */
	size_t n;
} alias_map;

/* One replacement: old [old_start, old_end) became new [new_start, new_end)
 * (code points). */
struct alias_edit {
	int64_t old_start, old_end, new_start, new_end;
};

typedef struct alias_edits {
	struct alias_edit *v;
	size_t n, cap;
} alias_edits;

/* Every alias of every participant in the store. */
int alias_load(px_db *db, alias_map *m, px_err *e);
void alias_add(alias_map *m, const char *alias, const char *pseudonym);
/* Sorts longest first; call after alias_add (alias_load does). */
void alias_sort(alias_map *m);
void alias_free(alias_map *m);

/* The text with aliases replaced (a copy even when nothing matched);
 * edits (may be NULL) receives the replacements in order. */
char *alias_apply(const alias_map *m, const char *s, alias_edits *edits);
/* Calls fn for every alias found in s, in order: its byte offset and
 * length and its index in m (what alias_apply replaces). */
typedef void (*alias_hit_fn)(void *ud, size_t at, size_t len, size_t k);
void alias_scan(const alias_map *m, const char *s, alias_hit_fn fn, void *ud);
/* Maps a code-point offset of the old text onto the new one. An offset
 * inside a replaced word goes to the replacement's start (is_end 0) or end
 * (is_end 1), so a span never cuts a pseudonym. */
int64_t alias_map_offset(const alias_edits *ed, int64_t pos, int is_end);
void alias_edits_free(alias_edits *ed);

/* 1 if cp counts as part of a word (letter or digit). */
int alias_is_word_cp(uint32_t cp);

#endif
