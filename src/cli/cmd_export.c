/* cmd_export.c: `praxis export --format yaml [-o FILE]`. */
#include <string.h>
#include "praxis/atomic.h"
#include "praxis/corpus.h"
#include "commands.h"

static int run_export(struct cli *c)
{
	const char *format = NULL, *output = NULL;
	const struct cli_opt opts[] = {
		{ "format", 1, &format, NULL },
		{ "output", 1, &output, NULL },
		{ NULL, 0, NULL, NULL },
	};
	char **pos;
	int npos, rc;
	atomic_file af;
	px_db *db;
	px_err e = { 0 };

	/* -o is the one short option: translate it before the long parser */
	for (int i = 1; i < c->argc; i++)
		if (strcmp(c->argv[i], "-o") == 0)
			c->argv[i] = "--output";
	if ((rc = cli_parse(c, &cmd_export, opts, &pos, &npos)))
		return rc == 2 ? 0 : rc;
	if (npos)
		return cli_usage_error(c, &cmd_export, "unexpected argument '%s'", pos[0]);
	if (!format)
		format = "yaml";
	if (strcmp(format, "yaml") != 0)
		return cli_usage_error(c, &cmd_export, "--format '%s': use yaml", format);
	if ((rc = cli_open_db(c, DB_READONLY, &db, &e)))
		return cli_report(c, &e);
	if (!(rc = atomic_open(&af, output, &e))) {
		if ((rc = corpus_export(db, af.fp, &e)))
			atomic_abort_err(&af, &e);
		else
			rc = atomic_commit(&af, &e);
	}
	db_close(db);
	return rc ? cli_report(c, &e) : 0;
}

const struct cli_command cmd_export = {
	"export", run_export, "write the project out (yaml)",
	"usage: praxis [--db FILE] export --format yaml [-o FILE]\n"
	"\n"
	"Writes the whole project in the corpus format, in a fixed order, so that\n"
	"importing the result gives back the same project (a backup you can diff).\n"
	"The file is written atomically: a temp file beside it, then a rename.\n"
	"Without -o, writes to standard output.\n"
	"\n"
	"  --format F       yaml\n"
	"  -o, --output F   the file to write ('-' for standard output)\n",
};
