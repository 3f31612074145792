/* spawn.c: see spawn.h. */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE /* setgroups */
#endif
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <dirent.h>
#include <cmocka.h>
#include "praxis/backup.h"
#include "praxis/util.h"
#include "praxis/project.h"
#include "fixture.h"
#include "spawn.h"

#define NOBODY 65534

static const char *praxis_bin(void)
{
	const char *bin = getenv("PRAXIS_BIN");

	return bin && *bin ? bin : "./praxis";
}

/* In the child, before exec: only async-signal-safe calls, then _exit. */
static void child_setup(const sp_opts *o, int out_fd, int err_fd)
{
	int devnull = open("/dev/null", O_RDWR);

	dup2(devnull, 0);
	dup2(out_fd >= 0 ? out_fd : devnull, 1);
	dup2(err_fd >= 0 ? err_fd : devnull, 2);
	if (o && o->fsize > 0) {
		struct rlimit rl = { (rlim_t)o->fsize, (rlim_t)o->fsize };
		signal(SIGXFSZ, SIG_IGN);
		if (setrlimit(RLIMIT_FSIZE, &rl) != 0)
			_exit(125);
	}
	if (o && o->as_nobody && geteuid() == 0) {
		if (setgroups(0, NULL) != 0 || setgid(NOBODY) != 0 || setuid(NOBODY) != 0)
			_exit(125);
	}
}

pid_t sp_start(const char *const *args, const sp_opts *o, int *out_fd, const char *err_path)
{
	const char *argv[64];
	int pipefd[2] = { -1, -1 }, err_fd = -1;
	size_t n = 0;
	pid_t pid;

	argv[n++] = praxis_bin();
	for (; args && *args && n < 63; args++)
		argv[n++] = *args;
	argv[n] = NULL;
	if (out_fd && pipe(pipefd) != 0)
		fail_msg("pipe: %s", strerror(errno));
	if (err_path && (err_fd = open(err_path, O_WRONLY | O_CREAT | O_TRUNC, 0644)) < 0)
		fail_msg("%s: %s", err_path, strerror(errno));
	fflush(NULL);
	pid = fork();
	if (pid < 0)
		fail_msg("fork: %s", strerror(errno));
	if (pid == 0) {
		if (pipefd[0] >= 0)
			close(pipefd[0]);
		child_setup(o, pipefd[1], err_fd);
		execv(argv[0], (char *const *)argv);
		_exit(127);
	}
	if (err_fd >= 0)
		close(err_fd);
	if (out_fd) {
		close(pipefd[1]);
		*out_fd = pipefd[0];
	}
	return pid;
}

char *sp_read_all(int fd)
{
	strbuf b;
	char buf[4096];
	ssize_t r;

	sb_init(&b);
	while ((r = read(fd, buf, sizeof(buf))) != 0) {
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			break;
		sb_addn(&b, buf, (size_t)r);
	}
	close(fd);
	sb_add(&b, "");
	return sb_steal(&b);
}

int sp_status(int wstatus)
{
	if (WIFEXITED(wstatus))
		return WEXITSTATUS(wstatus);
	if (WIFSIGNALED(wstatus))
		return 128 + WTERMSIG(wstatus);
	return -1;
}

int sp_run(const char *const *args, const sp_opts *o, char **out, char **err)
{
	char *err_path = fx_path(".err");
	int fd, wstatus;
	char *got;
	pid_t pid = sp_start(args, o, &fd, err_path);

	got = sp_read_all(fd);
	while (waitpid(pid, &wstatus, 0) < 0 && errno == EINTR)
		;
	if (out)
		*out = got;
	else
		free(got);
	if (err)
		*err = fx_read_file(err_path, NULL);
	unlink(err_path);
	free(err_path);
	return sp_status(wstatus);
}

char *sp_project(void)
{
	char *path = fx_path(".db");
	px_db *db = NULL;
	px_err e = { 0 };
	char msg[1024];

	if (project_open(path, PROJECT_CREATE, &db, &e))
		fail_msg("sp_project: %s", e.msg);
	if (fx_import(db, fx_small_corpus, msg, sizeof(msg)))
		fail_msg("sp_project: %s", msg);
	db_close(db);
	return path;
}

long long sp_scalar(const char *path, const char *sql)
{
	sqlite3 *h = NULL;
	sqlite3_stmt *st = NULL;
	long long v = 0;

	if (sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("%s: %s: %s", path, sql, sqlite3_errmsg(h));
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(h);
	return v;
}

int sp_dir_count(const char *dir, const char *prefix, char **first)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int n = 0;

	if (first)
		*first = NULL;
	if (!d)
		fail_msg("%s: %s", dir, strerror(errno));
	while ((de = readdir(d))) {
		if (strncmp(de->d_name, prefix, strlen(prefix)) != 0)
			continue;
		if (first && !*first)
			*first = xasprintf("%s/%s", dir, de->d_name);
		n++;
	}
	closedir(d);
	return n;
}

int sp_integrity(const char *path, char *msg, size_t msglen)
{
	sqlite3 *h = NULL;
	px_err e = { 0 };
	int rc;

	if (sqlite3_open_v2(path, &h, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
		snprintf(msg, msglen, "%s: %s", path, sqlite3_errmsg(h));
		sqlite3_close(h);
		return -1;
	}
	rc = backup_check(h, 1, &e);
	sqlite3_close(h);
	snprintf(msg, msglen, "%s", rc ? e.msg : "ok");
	return rc ? -1 : 0;
}
