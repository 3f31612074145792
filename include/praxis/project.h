/* project.h: opening a praxis project file.
 *
 * What makes an SQLite file a praxis project lives here, not in db.h: the
 * application id and schema version, the numbered migrations (with the
 * copy kept before them), and the default codebook a new project gets.
 *
 * Nothing is written to a file before it is known to be a praxis project
 * of a version this praxis reads: the application id and user_version are
 * read first, so a refused foreign or newer file is left byte for byte as
 * it was. A new or empty file is initialised, and an older one migrated,
 * inside BEGIN IMMEDIATE after checking again, so two processes creating
 * one project never both initialise it. A file is never removed: a failed
 * first import leaves the empty, initialised project. */
#ifndef PRAXIS_PROJECT_H
#define PRAXIS_PROJECT_H

#include "praxis/db.h"

enum project_open_flags {
	PROJECT_CREATE = 1 << 0,   /* create the file (0600, default codebook)
				      if absent or empty */
	PROJECT_READONLY = 1 << 1
};

/* Opens (and with PROJECT_CREATE creates) the project at path. A 0-byte
 * file (what a kill in the first moments of a first init or import
 * leaves) counts as a new project for PROJECT_CREATE; other opens are
 * told it is empty. */
int project_open(const char *path, int flags, px_db **out, px_err *e);

/* Removes everything the corpus format carries (vignettes, codings, memos,
 * participants, registers, codes below the dimensions, coders, the log,
 * the sync conflicts, the title) and keeps what is this file's own (its
 * settings and sync state in meta): the first step of reading a whole
 * tree over a project (praxis sync). Call inside a transaction. */
int project_clear_content(px_db *db, px_err *e);

#endif
