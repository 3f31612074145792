/* cmd_set_text.c: `praxis set-text` replaces one vignette's text from a
 * file and re-anchors its codings (vignette_update, textdiff.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "praxis/text.h"
#include "praxis/vignette.h"
#include "commands.h"

/* The new text of the file, checked: UTF-8, no NUL, not empty. */
static int read_text(const char *path, char **out, px_err *e)
{
	size_t len, bad;
	char *text = util_read_file(path, &len);

	*out = NULL;
	if (!text)
		return px_fail(e, PX_EIO, "%s: cannot read: %s", path, strerror(errno));
	if (!text_utf8_valid(text, len, &bad) || memchr(text, '\0', len)) {
		if (text_utf8_valid(text, len, NULL))
			bad = (size_t)((const char *)memchr(text, '\0', len) - text);
		free(text);
		return px_fail(e, PX_EDATA, "%s: not UTF-8 text at byte %zu", path, bad);
	}
	if (strspn(text, " \t\r\n") == len) {
		free(text);
		return px_fail(e, PX_EDATA, "%s: the file has no text (a vignette needs some)", path);
	}
	*out = text;
	return PX_OK;
}

static int set_text(px_db *db, const char *ext_id, const char *path, int *moved, int *flagged,
		    px_err *e)
{
	px_vignette v = { 0 };
	int64_t id;
	char *text;
	int rc;

	if ((rc = read_text(path, &text, e)))
		return rc;
	if ((rc = vignette_find(db, ext_id, &id, e)) || (rc = vignette_get(db, id, &v, e))) {
		free(text);
		return PX_EDATA;
	}
	free(v.text);
	v.text = text;
	rc = vignette_update_counted(db, &v, moved, flagged, e);
	vignette_free(&v);
	return rc;
}

static int run_set_text(struct cli *c)
{
	const char *vignette = NULL;
	const struct cli_opt opts[] = {
		{ "vignette", 1, &vignette, NULL },
		{ NULL, 0, NULL, NULL },
	};
	int npos, rc, moved = 0, flagged = 0;
	char **pos;
	px_db *db;
	px_err e = { 0 };

	if ((rc = cli_parse(c, &cmd_set_text, opts, &pos, &npos)))
		return rc == 2 ? 0 : rc;
	if (!vignette)
		return cli_usage_error(c, &cmd_set_text, "--vignette is required");
	if (npos != 1)
		return cli_usage_error(c, &cmd_set_text, npos ? "give one FILE" : "name the FILE "
				       "with the new text");
	if ((rc = cli_open_db(c, 0, &db, &e)))
		return cli_report(c, &e);
	/* the edit is logged under the coder, when there is one */
	int64_t who;
	if ((rc = cli_explicit_coder(c, db, &who, &e))) {
		db_close(db);
		return cli_report(c, &e);
	}
	if (!(rc = db_begin(db, &e))) {
		rc = set_text(db, vignette, pos[0], &moved, &flagged, &e);
		if (rc)
			db_rollback(db);
		else
			rc = db_commit(db, &e);
	}
	db_close(db);
	if (rc)
		return cli_report(c, &e);
	fprintf(c->out, "vignette %s: %d coding%s moved, %d flagged for review\n", vignette,
		moved, moved == 1 ? "" : "s", flagged);
	return 0;
}

const struct cli_command cmd_set_text = {
	"set-text", run_set_text, "replace one vignette's text from a file, keeping its codings",
	"usage: praxis set-text --vignette ID FILE\n"
	"\n"
	"Replaces the text of vignette ID with the contents of FILE (UTF-8) and\n"
	"re-anchors its codings by a diff of the old and new text: a coding the\n"
	"change does not touch moves with its text and keeps its exact quote; one\n"
	"the change cuts into is adjusted to what survived and flagged for review;\n"
	"one whose text was deleted is kept as an empty span (start = end) where\n"
	"it was, and flagged. A lost final newline or CR LF line ends are no change.\n"
	"Prints how many codings moved and how many were flagged. On bad input\n"
	"(no such vignette, a file that is not UTF-8 or has no text) nothing is\n"
	"written and the exit status is 2.\n",
};
