/* atomic.c: all-or-nothing file writes; see praxis/atomic.h. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "praxis/atomic.h"
#include "praxis/util.h"

int atomic_open(atomic_file *af, const char *path, px_err *e)
{
	int fd;

	memset(af, 0, sizeof(*af));
	if (!path || strcmp(path, "-") == 0) {
		af->fp = stdout;
		return PX_OK;
	}
	af->path = xstrdup(path);
	af->tmp = xasprintf("%s.tmp-XXXXXX", path);
	fd = mkstemp(af->tmp);
	if (fd < 0) {
		int err = errno;
		free(af->path);
		free(af->tmp);
		memset(af, 0, sizeof(*af));
		return px_fail(e, PX_EIO, "%s: cannot write: %s", path, strerror(err));
	}
	/* mkstemp makes 0600; give the file the mode a plain fopen would */
	mode_t mask = umask(0);
	umask(mask);
	fchmod(fd, 0666 & ~mask);
	af->fp = fdopen(fd, "w");
	if (!af->fp) {
		close(fd);
		unlink(af->tmp);
		return px_fail(e, PX_EIO, "%s: cannot write: %s", path, strerror(errno));
	}
	return PX_OK;
}

int atomic_commit(atomic_file *af, px_err *e)
{
	int failed;

	if (!af->path) {
		if (fflush(af->fp) != 0 || ferror(af->fp))
			return px_fail(e, PX_EIO, "writing to standard output: %s", strerror(errno));
		return PX_OK;
	}
	failed = fflush(af->fp) != 0 || ferror(af->fp) || fsync(fileno(af->fp)) != 0;
	int err = errno;
	if (fclose(af->fp) != 0 && !failed) {
		failed = 1;
		err = errno;
	}
	af->fp = NULL;
	if (!failed && rename(af->tmp, af->path) != 0) {
		failed = 1;
		err = errno;
	}
	if (failed) {
		unlink(af->tmp);
		px_fail(e, PX_EIO, "%s: cannot write: %s", af->path, strerror(err));
	}
	free(af->path);
	free(af->tmp);
	memset(af, 0, sizeof(*af));
	return failed ? PX_EIO : PX_OK;
}

void atomic_abort(atomic_file *af)
{
	if (af->path) {
		if (af->fp)
			fclose(af->fp);
		unlink(af->tmp);
	}
	free(af->path);
	free(af->tmp);
	memset(af, 0, sizeof(*af));
}

void atomic_abort_err(atomic_file *af, px_err *e)
{
	if (af->path && e)
		px_wrap(e, "%s: cannot write", af->path);
	atomic_abort(af);
}
