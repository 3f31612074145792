/* treemerge.h: the three-way merge of one tree file (corpus_tree.h) that
 * `praxis merge-file` runs as git's merge driver (issue 20).
 *
 * Files are merged as trees, rows matched by identity (corpus id, else
 * uuid; codebook entries by path), never by lines:
 *   - a row added on either side is kept; one deleted on one side and
 *     unchanged on the other is deleted;
 *   - a field changed on one side takes that side's value; `updated` takes
 *     the later time;
 *   - a coding edited on both sides in the same field (span, code, memo,
 *     links...) keeps both versions, theirs under a new uuid, and a
 *     `coding` conflict names the two; a coding deleted on one side and
 *     edited on the other is kept with a `deleted` conflict;
 *   - a vignette's text edited on both sides is merged when the edits do
 *     not overlap (each side's codings re-anchored to the merged text as
 *     an edit re-anchors them); otherwise ours is kept and theirs is in a
 *     `text` conflict;
 *   - any other field changed differently keeps ours, with a `field`
 *     conflict naming theirs.
 * Conflicts go into the file's `conflicts:` list (sync_conflict.h), which
 * the import of the tree stores: never conflict markers, never a lost
 * coding. A field conflict names the field by its path (in `ours`) and
 * holds theirs as "key: value" (theirs_text). */
#ifndef PRAXIS_TREEMERGE_H
#define PRAXIS_TREEMERGE_H

#include "praxis/err.h"

/* Merges base, ours and theirs (paths; base may be empty or missing: a
 * file both sides added) and writes the result over ours, atomically.
 * *conflicts (may be NULL) gets how many conflicts this merge recorded. */
int treemerge_files(const char *base, const char *ours, const char *theirs, int *conflicts,
		    px_err *e);

/* How deep a field conflict's path (the keys and row ids from a file's
 * root to the field) may go. */
#define TREEMERGE_MAX_DEPTH 32

/* Sets the field that a field conflict's path names in file (a tree file)
 * to theirs_yaml's single key's value ("role: nurse", as the conflict
 * holds it), and the row's updated time to now, atomically. The path's
 * steps are separated by newlines: a key, or =ID for the row of that
 * identity in the list above. PX_ENOTFOUND when the row or field is gone. */
int treemerge_set_field(const char *file, const char *path, const char *theirs_yaml,
			px_err *e);

#endif
