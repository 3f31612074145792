/* spawn.h: running the praxis binary under conditions a shell line cannot
 * set up portably: a file size limit (a full disk), another user (a
 * read-only file even when the tests run as root), a pipe the test reads
 * while it decides when to kill the child. */
#ifndef PRAXIS_TEST_SPAWN_H
#define PRAXIS_TEST_SPAWN_H

#include <sys/types.h>

typedef struct sp_opts {
	long long fsize;   /* RLIMIT_FSIZE in bytes, 0 for none; SIGXFSZ ignored so
			      writes fail with EFBIG as on a full disk */
	int as_nobody;     /* when run as root, drop to uid/gid 65534 so that file
			      permissions apply */
} sp_opts;

/* Starts $PRAXIS_BIN (else ./praxis) with args (NULL-terminated, without
 * the program name). *out_fd (if not NULL) reads its stdout; stderr goes to
 * err_path (NULL: /dev/null). Returns the pid; fails the test on error. */
pid_t sp_start(const char *const *args, const sp_opts *o, int *out_fd, const char *err_path);
/* Runs to the end; stdout and stderr captured (caller frees, may be NULL).
 * Returns the exit status, or 128 + the signal that ended it. */
int sp_run(const char *const *args, const sp_opts *o, char **out, char **err);
/* waitpid's status as the shell would give it. */
int sp_status(int wstatus);
/* Everything readable from fd until EOF; closes fd. Caller frees. */
char *sp_read_all(int fd);


/* A closed project file holding fx_small_corpus; caller frees the path. */
char *sp_project(void);
/* The first column of sql's first row, read by a fresh connection to path
 * (read-only); fails the test on error. */
long long sp_scalar(const char *path, const char *sql);
/* How many entries of directory dir have names starting with prefix; the
 * first one's full path goes to *first (caller frees) if first is not NULL. */
int sp_dir_count(const char *dir, const char *prefix, char **first);
/* The integrity of the file at path as backup_check sees it: 0 if ok,
 * else -1 with the problem in msg. */
int sp_integrity(const char *path, char *msg, size_t msglen);

#endif
