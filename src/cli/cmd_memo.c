/* cmd_memo.c: `praxis memo add|list|edit|rm`, analytic memos on the
 * project, codes, participants, communities, vignettes, codings and
 * register entries (praxis/memo.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "praxis/memo.h"
#include "praxis/memo_table.h"
#include "praxis/text.h"
#include "commands.h"

/* Takes every "--on X" / "--on=X" out of c->argv into ons (cli_parse
 * knows each option once). 1 after a usage error. */
static int take_on(struct cli *c, strlist *ons)
{
	int out = 1;

	for (int i = 1; i < c->argc; i++) {
		if (strcmp(c->argv[i], "--on") == 0) {
			if (i + 1 >= c->argc)
				return cli_usage_error(c, &cmd_memo, "--on needs KIND:ID");
			sl_push(ons, c->argv[++i]);
		} else if (strncmp(c->argv[i], "--on=", 5) == 0) {
			sl_push(ons, c->argv[i] + 5);
		} else {
			c->argv[out++] = c->argv[i];
		}
	}
	c->argc = out;
	return 0;
}

/* The memo text: the one positional TEXT or the contents of --file. */
static int memo_text(struct cli *c, char **pos, int npos, const char *file, char **out,
		     px_err *e)
{
	size_t len;

	*out = NULL;
	if ((npos == 1) == (file != NULL) || npos > 1)
		return cli_usage_error(c, &cmd_memo, "give the memo as one TEXT or --file F");
	if (!file) {
		*out = xstrdup(pos[0]);
		return 0;
	}
	if (!(*out = util_read_file(file, &len)))
		return px_exit_status(px_fail(e, PX_EIO, "%s: cannot read: %s", file,
					      strerror(errno)));
	if (!text_utf8_valid(*out, len, NULL) || memchr(*out, '\0', len)) {
		free(*out);
		*out = NULL;
		return px_exit_status(px_fail(e, PX_EDATA, "%s: not UTF-8 text", file));
	}
	return 0;
}

static int memo_add_run(struct cli *c, px_db *db, px_memo *m, const strlist *ons, px_err *e)
{
	int rc;

	for (size_t i = 0; i < ons->n; i++) {
		px_memo_on on;
		if ((rc = memo_target_parse(db, ons->v[i], &on, e)))
			return rc;
		memo_on_push(m, on.kind, on.id);
	}
	if ((rc = cli_coder(c, db, &m->coder_id, e)))
		return rc;
	return memo_add(db, m, e);
}

/* Ends the transaction: committed when rc is 0, else rolled back so
 * nothing is written. */
static int in_transaction(px_db *db, int rc, px_err *e)
{
	if (rc) {
		db_rollback(db);
		return rc;
	}
	return db_commit(db, e);
}

static int memo_add_cmd(struct cli *c)
{
	const char *title = NULL, *file = NULL;
	const struct cli_opt opts[] = {
		{ "title", 1, &title, NULL },
		{ "file", 1, &file, NULL },
		{ NULL, 0, NULL, NULL },
	};
	strlist ons = { 0 };
	px_memo m = { 0 };
	char **pos;
	int npos, rc;
	px_db *db;
	px_err e = { 0 };

	if ((rc = take_on(c, &ons)) || (rc = cli_parse(c, &cmd_memo, opts, &pos, &npos))) {
		rc = rc == 2 ? 0 : rc;
		goto out;
	}
	if (!ons.n) {
		rc = cli_usage_error(c, &cmd_memo, "say what the memo is on: --on KIND:ID "
				     "(or --on project)");
		goto out;
	}
	if ((rc = memo_text(c, pos, npos, file, &m.text, &e))) {
		if (e.msg[0])
			rc = cli_report(c, &e);
		goto out;
	}
	m.title = title ? xstrdup(title) : NULL;
	if ((rc = cli_open_db(c, 0, &db, &e))) {
		rc = cli_report(c, &e);
		goto out;
	}
	if (!(rc = db_begin(db, &e)))
		rc = in_transaction(db, memo_add_run(c, db, &m, &ons, &e), &e);
	db_close(db);
	if (rc)
		rc = cli_error(c, rc == PX_EUSAGE ? PX_EUSAGE : PX_EDATA, "%s", e.msg);
	else
		fprintf(c->out, "memo %lld added\n", (long long)m.id);
out:
	memo_free(&m);
	sl_free(&ons);
	return rc;
}

static int memo_list_rows(px_db *db, const px_names *nm, const px_memo_on *on, tabular *t,
			  px_err *e)
{
	memo_filter f;

	memo_filter_init(&f);
	f.on_kind = on->kind;
	f.on_id = on->id;
	return memo_tabulate(db, nm, &f, t, NULL, NULL, e);
}

static int memo_list_cmd(struct cli *c)
{
	const char *format = NULL;
	const struct cli_opt opts[] = {
		{ "format", 1, &format, NULL },
		{ NULL, 0, NULL, NULL },
	};
	strlist ons = { 0 };
	px_memo_on on = { -1, 0 };
	px_names nm = { 0 };
	tabular t;
	char **pos;
	int npos, rc, fmt = TAB_TABLE;
	px_db *db = NULL;
	px_err e = { 0 };

	if ((rc = take_on(c, &ons)) || (rc = cli_parse(c, &cmd_memo, opts, &pos, &npos))) {
		sl_free(&ons);
		return rc == 2 ? 0 : rc;
	}
	if (npos || ons.n > 1) {
		sl_free(&ons);
		return cli_usage_error(c, &cmd_memo, "memo list takes at most one --on KIND:ID");
	}
	if (format && (fmt = tab_format_parse(format)) < 0) {
		sl_free(&ons);
		return cli_usage_error(c, &cmd_memo, "--format '%s': use table, csv or json",
				       format);
	}
	tab_init(&t);
	if ((rc = cli_open_db(c, 0, &db, &e)) ||
	    (ons.n && (rc = memo_target_parse(db, ons.v[0], &on, &e))) ||
	    (rc = names_load(db, &nm, &e)) ||
	    (rc = memo_list_rows(db, &nm, &on, &t, &e)))
		rc = cli_report(c, &e);
	else if (tab_write(&t, c->out, (enum tab_format)fmt) != 0)
		rc = cli_error(c, PX_EIO, "writing the list failed");
	names_free(&nm);
	tab_free(&t);
	sl_free(&ons);
	if (db)
		db_close(db);
	return rc;
}

/* The memo id of `edit ID` / `rm ID`; 0 after a usage error. */
static int64_t memo_id_arg(struct cli *c, char **pos, int npos, int want)
{
	int64_t id = 0;

	if (npos != want) {
		cli_usage_error(c, &cmd_memo, want == 1 ? "give one memo ID" :
				"give the memo ID and one TEXT (or --file F)");
		return 0;
	}
	if (cli_parse_count(pos[0], &id) != 0 || id <= 0) {
		cli_usage_error(c, &cmd_memo, "'%s' is not a memo id (see praxis memo list)",
				pos[0]);
		return 0;
	}
	return id;
}

static int memo_change(struct cli *c, int64_t id, const char *text, const char *title)
{
	px_memo m = { 0 };
	px_db *db;
	px_err e = { 0 };
	int rc;

	if ((rc = cli_open_db(c, 0, &db, &e)))
		return cli_report(c, &e);
	if (!(rc = db_begin(db, &e))) {
		rc = memo_get(db, id, &m, &e);
		if (!rc && text)
			rc = memo_update(db, id, text, &e);
		else if (!rc)
			rc = memo_delete(db, id, &e);
		if (!rc && title)
			rc = memo_set_title(db, id, title, &e);
		rc = in_transaction(db, rc, &e);
	}
	memo_free(&m);
	db_close(db);
	if (rc)
		return cli_error(c, PX_EDATA, "%s", e.msg);
	fprintf(c->out, "memo %lld %s\n", (long long)id, text ? "changed" : "removed");
	return 0;
}

static int memo_edit_cmd(struct cli *c)
{
	const char *file = NULL, *title = NULL;
	const struct cli_opt opts[] = {
		{ "file", 1, &file, NULL },
		{ "title", 1, &title, NULL },
		{ NULL, 0, NULL, NULL },
	};
	char **pos, *text = NULL;
	int npos, rc;
	int64_t id;
	px_err e = { 0 };

	if ((rc = cli_parse(c, &cmd_memo, opts, &pos, &npos)))
		return rc == 2 ? 0 : rc;
	if (!(id = memo_id_arg(c, pos, npos < 1 ? 0 : npos, file ? 1 : 2)))
		return 1;
	if ((rc = memo_text(c, pos + 1, npos - 1, file, &text, &e)))
		return e.msg[0] ? cli_report(c, &e) : rc;
	rc = memo_change(c, id, text, title);
	free(text);
	return rc;
}

static int memo_rm_cmd(struct cli *c)
{
	const struct cli_opt opts[] = { { NULL, 0, NULL, NULL } };
	char **pos;
	int npos, rc;
	int64_t id;

	if ((rc = cli_parse(c, &cmd_memo, opts, &pos, &npos)))
		return rc == 2 ? 0 : rc;
	if (!(id = memo_id_arg(c, pos, npos, 1)))
		return 1;
	return memo_change(c, id, NULL, NULL);
}

static const struct {
	const char *verb;
	int (*run)(struct cli *c);
} memo_verbs[] = {
	{ "add", memo_add_cmd },
	{ "list", memo_list_cmd },
	{ "edit", memo_edit_cmd },
	{ "rm", memo_rm_cmd },
};

static int run_memo(struct cli *c)
{
	struct cli sub = *c;

	if (c->argc < 2 || strcmp(c->argv[1], "--help") == 0 || strcmp(c->argv[1], "-h") == 0) {
		fputs(cmd_memo.usage, c->argc < 2 ? c->err : c->out);
		return c->argc < 2 ? 1 : 0;
	}
	sub.argc = c->argc - 1;
	sub.argv = c->argv + 1;
	for (size_t i = 0; i < sizeof(memo_verbs) / sizeof(*memo_verbs); i++)
		if (strcmp(c->argv[1], memo_verbs[i].verb) == 0)
			return memo_verbs[i].run(&sub);
	return cli_usage_error(c, &cmd_memo, "unknown memo command '%s' (add, list, edit, rm)",
			       c->argv[1]);
}

const struct cli_command cmd_memo = {
	"memo", run_memo, "write, list, change and remove analytic memos",
	"usage: praxis memo add --on KIND:ID [--on KIND:ID ...] [--title T] (TEXT | --file F)\n"
	"       praxis memo list [--on KIND:ID] [--format table|csv|json]\n"
	"       praxis memo edit ID [--title T] (TEXT | --file F)\n"
	"       praxis memo rm ID\n"
	"\n"
	"A memo is an analytic note by the current coder (--coder), with created\n"
	"and updated times, an optional title and a text, on one or more targets.\n"
	"KIND:ID names a target:\n"
	"  project                 the project (no id)\n"
	"  code:PATH               a code by its path, e.g. code:SR/tools\n"
	"  participant:ID          a participant by corpus id\n"
	"  community:ID            a community by corpus id\n"
	"  vignette:ID             a vignette by corpus id, e.g. vignette:v03\n"
	"  coding:UUID             a coding by its uuid (or its row id)\n"
	"  repertoire:ID           a repertoire entry by corpus id\n"
	"  accountability:ID       an accountability entry by corpus id\n"
	"Repeat --on to link one memo to several targets. A coding's own memo\n"
	"(praxis code --memo) stays on the coding; these memos are separate.\n"
	"\n"
	"list prints id,uuid,author,created,updated,title,targets,text, targets as\n"
	"KIND:ID joined by ';'; --on shows only the memos on that target. edit\n"
	"replaces a memo's text (and title with --title); rm removes it. A target\n"
	"or memo that does not exist is an error with exit status 2, and nothing\n"
	"is written.\n"
	"\n"
	"In the interface W writes a memo on what is under the cursor (Enter on the\n"
	"empty prompt: in $EDITOR) and O (or :memos) lists every memo under the\n"
	"filters and the search, to edit, title, delete or open their targets.\n"
	"export --format csv --table memos writes this table under the export's\n"
	"filters (see praxis export --help).\n",
};
