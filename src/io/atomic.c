/* atomic.c: all-or-nothing file writes; see praxis/atomic.h. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "praxis/atomic.h"
#include "praxis/db.h"
#include "praxis/tempfile.h"
#include "praxis/text.h"
#include "praxis/util.h"

/* The project no write may land on (atomic_protect). */
static char *atomic_project;

void atomic_protect(const char *db_path)
{
	free(atomic_project);
	atomic_project = db_path ? xstrdup(db_path) : NULL;
}

int atomic_check_target(const char *path, px_err *e)
{
	if (atomic_project && db_path_is_part(atomic_project, path))
		return px_fail(e, PX_EUSAGE, "%s: is the project database %s (or its -wal, "
			       "-shm or -journal file); name another file", path,
			       atomic_project);
	return PX_OK;
}

mode_t atomic_mode(const char *path, int private_data)
{
	struct stat sb;
	mode_t mask;

	if (stat(path, &sb) == 0 && S_ISREG(sb.st_mode))
		return sb.st_mode & 07777;
	if (private_data)
		return 0600;
	mask = umask(0);
	umask(mask);
	return 0666 & ~mask;
}

int atomic_open_mode(atomic_file *af, const char *path, int private_data, px_err *e)
{
	int fd, rc;

	memset(af, 0, sizeof(*af));
	if (!path || strcmp(path, "-") == 0) {
		af->fp = stdout;
		if (isatty(fileno(stdout)) && (af->fp = tmpfile()))
			af->to_terminal = 1;
		else
			af->fp = stdout;
		return PX_OK;
	}
	if ((rc = atomic_check_target(path, e)))
		return rc;
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
	tempfile_track(af->tmp, NULL);
	/* mkstemp makes 0600: keep it for private data, else give the file
	 * the mode a plain fopen would; a file replaced keeps its own */
	fchmod(fd, atomic_mode(path, private_data));
	af->fp = fdopen(fd, "w");
	if (!af->fp) {
		int err = errno;
		close(fd);
		unlink(af->tmp);
		tempfile_untrack();
		free(af->path);
		free(af->tmp);
		memset(af, 0, sizeof(*af));
		return px_fail(e, PX_EIO, "%s: cannot write: %s", path, strerror(err));
	}
	return PX_OK;
}

int atomic_open(atomic_file *af, const char *path, px_err *e)
{
	return atomic_open_mode(af, path, 0, e);
}

/* The text gathered in af->fp, made inert line by line onto stdout (a
 * CR before a newline is a line end, not a control to show). */
static int atomic_write_terminal(atomic_file *af)
{
	strbuf all, line;
	char chunk[65536];
	size_t n;
	int bad;

	sb_init(&all);
	rewind(af->fp);
	while ((n = fread(chunk, 1, sizeof(chunk), af->fp)) > 0)
		sb_addn(&all, chunk, n);
	bad = ferror(af->fp);
	fclose(af->fp);
	af->fp = stdout;
	sb_init(&line);
	for (size_t i = 0; i < all.len && !bad;) {
		const char *nl = memchr(all.s + i, '\n', all.len - i);
		size_t end = nl ? (size_t)(nl - all.s) : all.len, cut = end;
		char *clean;
		if (nl && cut > i && all.s[cut - 1] == '\r')
			cut--;
		sb_reset(&line);
		sb_addn(&line, all.s + i, cut - i);
		clean = text_sanitize(sb_str(&line), 0);
		bad = fputs(clean, stdout) == EOF ||
		      (nl && fputs(cut < end ? "\r\n" : "\n", stdout) == EOF);
		free(clean);
		i = nl ? end + 1 : all.len;
	}
	sb_free(&line);
	sb_free(&all);
	return bad;
}

int atomic_commit(atomic_file *af, px_err *e)
{
	int failed;

	if (af->to_terminal && atomic_write_terminal(af))
		return px_fail(e, PX_EIO, "writing to standard output: %s", strerror(errno));
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
	tempfile_untrack();
	free(af->path);
	free(af->tmp);
	memset(af, 0, sizeof(*af));
	return failed ? PX_EIO : PX_OK;
}

void atomic_abort(atomic_file *af)
{
	if (af->to_terminal)
		fclose(af->fp);
	if (af->path) {
		if (af->fp)
			fclose(af->fp);
		unlink(af->tmp);
		tempfile_untrack();
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
