/* gitcmd.c: running git; see praxis/gitcmd.h. */
#define _GNU_SOURCE 1 /* execvpe */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "praxis/gitcmd.h"

extern char **environ;

/* The environment git runs in: ours, without prompts, in the C locale. */
static char **git_env(void)
{
	static const char *const add[] = { "GIT_TERMINAL_PROMPT=0", "LC_ALL=C",
					   "GIT_SSH_COMMAND=ssh -o BatchMode=yes", NULL };
	size_t n = 0, k = 0;
	char **env;

	while (environ[n])
		n++;
	env = xcalloc(n + 4, sizeof(*env));
	for (size_t i = 0; i < n; i++)
		if (strncmp(environ[i], "LC_ALL=", 7) != 0 &&
		    strncmp(environ[i], "GIT_TERMINAL_PROMPT=", 20) != 0 &&
		    strncmp(environ[i], "GIT_SSH_COMMAND=", 16) != 0)
			env[k++] = environ[i];
	for (int i = 0; add[i]; i++)
		env[k++] = (char *)add[i];
	env[k] = NULL;
	return env;
}

static void drain(int fd, strbuf *b)
{
	char buf[4096];
	ssize_t n = read(fd, buf, sizeof(buf));

	if (n > 0 && b)
		sb_addn(b, buf, (size_t)n);
}

int git_run(const char *dir, const char *const *args, strbuf *out, strbuf *err, int *status,
	    px_err *e)
{
	int po[2], pe[2], ws;
	size_t n = 0;
	const char **argv;
	char **env;
	pid_t pid;

	while (args[n])
		n++;
	argv = xcalloc(n + 4, sizeof(*argv));
	argv[0] = "git";
	argv[1] = "-C";
	argv[2] = dir;
	memcpy(argv + 3, args, n * sizeof(*argv));
	if (pipe(po)) {
		free(argv);
		return px_fail(e, PX_EIO, "running git: %s", strerror(errno));
	}
	if (pipe(pe)) {
		close(po[0]);
		close(po[1]);
		free(argv);
		return px_fail(e, PX_EIO, "running git: %s", strerror(errno));
	}
	env = git_env();
	pid = fork();
	if (pid == 0) {
		int null = open("/dev/null", O_RDONLY);
		if (null >= 0)
			dup2(null, 0);
		dup2(po[1], 1);
		dup2(pe[1], 2);
		close(po[0]);
		close(pe[0]);
		execvpe("git", (char *const *)argv, env);
		_exit(GIT_NOT_FOUND);
	}
	free(env);
	free(argv);
	close(po[1]);
	close(pe[1]);
	if (pid < 0) {
		close(po[0]);
		close(pe[0]);
		return px_fail(e, PX_EIO, "running git: %s", strerror(errno));
	}
	struct pollfd fds[2] = { { po[0], POLLIN, 0 }, { pe[0], POLLIN, 0 } };
	int open_fds = 2;
	while (open_fds) {
		if (poll(fds, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		for (int i = 0; i < 2; i++) {
			if (fds[i].fd < 0 || !fds[i].revents)
				continue;
			char buf[4096];
			ssize_t r = read(fds[i].fd, buf, sizeof(buf));
			if (r > 0) {
				strbuf *b = i ? err : out;
				if (b)
					sb_addn(b, buf, (size_t)r);
			} else {
				close(fds[i].fd);
				fds[i].fd = -1;
				open_fds--;
			}
		}
	}
	for (int i = 0; i < 2; i++)
		if (fds[i].fd >= 0) {
			drain(fds[i].fd, NULL);
			close(fds[i].fd);
		}
	while (waitpid(pid, &ws, 0) < 0 && errno == EINTR)
		;
	*status = WIFEXITED(ws) ? WEXITSTATUS(ws) : 128 + WTERMSIG(ws);
	return PX_OK;
}
