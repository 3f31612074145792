/* corpus_tree.h: the project as a directory of corpus files (issue 20).
 *
 *   DIR/project.yaml        coders, communities, codebook, registers,
 *                           participants, the log, memos on several
 *                           targets, the conflicts of no vignette
 *   DIR/vignettes/ID.yaml   one vignette with its memos, codings (by start,
 *                           end, code, coder, uuid) and conflicts
 *
 * Each file is in the corpus format (CORPUS-FORMAT.md), written by
 * corpus_export_part, so a tree read back and written again is the same
 * bytes. Two people coding different vignettes change different files;
 * two coding one vignette add separate lines to it. */
#ifndef PRAXIS_CORPUS_TREE_H
#define PRAXIS_CORPUS_TREE_H

#include "praxis/corpus.h"
#include "praxis/db.h"
#include "praxis/util.h"

#define TREE_PROJECT_FILE "project.yaml"
#define TREE_VIGNETTE_DIR "vignettes"

/* What a tree export changed: the paths (relative to the directory) of
 * files written anew or removed, and the vignette ids among them. */
typedef struct tree_changes {
	strlist paths;
	strlist vignettes;   /* corpus ids of vignettes whose file changed */
} tree_changes;

/* Writes db into dir (created if missing): a file is rewritten only when
 * its bytes change, each atomically, and a vignette file whose vignette is
 * gone is removed. changes may be NULL. */
int tree_export(px_db *db, const char *dir, tree_changes *changes, px_err *e);
void tree_changes_free(tree_changes *c);
/* The file name of a vignette's file (no directory): its id with anything
 * but letters, digits, '-', '_' and an inner '.' written %XX. Caller frees. */
char *tree_vignette_file(const char *ext_id);
/* 1 if dir holds a tree (its project file). */
int tree_is_dir(const char *dir);
/* Reads the tree in dir into db in one transaction. With replace the tree
 * becomes the project's whole content (corpus_import_sources), else it is
 * added as corpus_import adds files. */
int tree_import(px_db *db, const char *dir, int64_t coder_id, int replace,
		corpus_stats *stats, px_err *e);

#endif
