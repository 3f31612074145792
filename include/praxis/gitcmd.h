/* gitcmd.h: running the git command line tool (fork and exec, never a
 * shell: arguments holding user data go to git as they are). */
#ifndef PRAXIS_GITCMD_H
#define PRAXIS_GITCMD_H

#include "praxis/err.h"
#include "praxis/util.h"

/* The exit status when git itself could not be started. */
#define GIT_NOT_FOUND 127

/* Runs `git -C dir ARGS...` (args NULL-terminated) with prompts off and
 * LC_ALL=C; out and err (may be NULL) get its output, *status its exit
 * status (GIT_NOT_FOUND when git is missing). Returns PX_EIO only when
 * it could not be run at all (a pipe or fork failed). */
int git_run(const char *dir, const char *const *args, strbuf *out, strbuf *err, int *status,
	    px_err *e);

#endif
