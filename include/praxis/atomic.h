/* atomic.h: write a file so that readers see the old one or the new one,
 * never half of either: a temp file beside it, fsync, rename. "-" writes
 * to standard output; when that is a terminal, the text is made inert
 * first (text_sanitize: escape sequences, C0/C1 controls, BEL, bidi
 * overrides shown as ^[, \x9b, <U+202E>), as CSV and the tables are. A
 * file or a pipe gets the exact bytes. */
#ifndef PRAXIS_ATOMIC_H
#define PRAXIS_ATOMIC_H

#include <stdio.h>
#include <sys/types.h>
#include "praxis/err.h"

typedef struct atomic_file {
	FILE *fp;            /* write here */
	char *path;          /* the final name (NULL for stdout) */
	char *tmp;           /* the temp name */
	int to_terminal;     /* stdout is a terminal: fp is a temp file whose
				text is written out inert at commit */
} atomic_file;

/* Opens a temp file beside path (refusing the protected project, see
 * atomic_protect); until commit or abort, a SIGINT, SIGTERM or SIGHUP
 * removes it (praxis/tempfile.h). The new file gets the mode a plain fopen would give;
 * a file it replaces keeps its own mode. */
int atomic_open(atomic_file *af, const char *path, px_err *e);
/* The same for data that keeps private names (the YAML backup, qdpx,
 * --keep-names): a new file is 0600. */
int atomic_open_mode(atomic_file *af, const char *path, int private_data, px_err *e);
/* The mode a file written to path gets (see atomic_open_mode). */
mode_t atomic_mode(const char *path, int private_data);

/* The project database of this process: no atomic write, and nothing
 * checked with atomic_check_target, may replace it or the -wal, -shm or
 * -journal file beside it (by file identity and by name). NULL clears. */
void atomic_protect(const char *db_path);
/* PX_EUSAGE with a message naming path when it is the protected project
 * or one of its sidecars; for writers that make their own temp file. */
int atomic_check_target(const char *path, px_err *e);
/* Flushes, fsyncs and renames into place; on failure removes the temp. */
int atomic_commit(atomic_file *af, px_err *e);
/* Removes the temp file; the old file (if any) stays as it was. */
void atomic_abort(atomic_file *af);
/* atomic_abort after a failed write into af->fp: also puts the file's name
 * in front of e's message ("OUT: cannot write: ...") so the user learns
 * which file it was. */
void atomic_abort_err(atomic_file *af, px_err *e);

#endif
