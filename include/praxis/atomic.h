/* atomic.h: write a file so that readers see the old one or the new one,
 * never half of either: a temp file beside it, fsync, rename. "-" writes
 * to standard output. */
#ifndef PRAXIS_ATOMIC_H
#define PRAXIS_ATOMIC_H

#include <stdio.h>
#include "praxis/err.h"

typedef struct atomic_file {
	FILE *fp;            /* write here */
	char *path;          /* the final name (NULL for stdout) */
	char *tmp;           /* the temp name */
} atomic_file;

int atomic_open(atomic_file *af, const char *path, px_err *e);
/* Flushes, fsyncs and renames into place; on failure removes the temp. */
int atomic_commit(atomic_file *af, px_err *e);
/* Removes the temp file; the old file (if any) stays as it was. */
void atomic_abort(atomic_file *af);
/* atomic_abort after a failed write into af->fp: also puts the file's name
 * in front of e's message ("OUT: cannot write: ...") so the user learns
 * which file it was. */
void atomic_abort_err(atomic_file *af, px_err *e);

#endif
