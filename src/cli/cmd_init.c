/* cmd_init.c: `praxis init`: a new project with the default codebook. */
#include <stdlib.h>
#include <sys/stat.h>
#include "praxis/codebook.h"
#include "praxis/project.h"
#include "commands.h"

/* Absent, or 0 bytes with no write-ahead log: nothing a project holds
 * (an init or import killed in its first moments leaves such a file). */
static int init_may_create(const char *path)
{
	struct stat sb;
	char *wal;
	int empty;

	if (stat(path, &sb) != 0)
		return 1;
	if (!S_ISREG(sb.st_mode) || sb.st_size != 0)
		return 0;
	wal = xasprintf("%s-wal", path);
	empty = stat(wal, &sb) != 0 || sb.st_size == 0;
	free(wal);
	return empty;
}

static int run_init(struct cli *c)
{
	const char *title = NULL;
	const struct cli_opt opts[] = {
		{ "title", 1, &title, NULL },
		{ NULL, 0, NULL, NULL },
	};
	char **pos;
	int npos, rc;
	px_db *db;
	px_err e = { 0 };

	if ((rc = cli_parse(c, &cmd_init, opts, &pos, &npos)))
		return rc == 2 ? 0 : rc;
	if (npos)
		return cli_usage_error(c, &cmd_init, "unexpected argument '%s'", pos[0]);
	if (!init_may_create(c->db_path))
		return cli_error(c, PX_EDATA, "%s: already exists; remove it first or use "
				 "another --db", c->db_path);
	if ((rc = cli_open_db(c, PROJECT_CREATE, &db, &e)))
		return cli_report(c, &e);
	if (title && (rc = db_meta_set(db, "title", title, &e))) {
		db_close(db);
		return cli_report(c, &e);
	}
	fprintf(c->out, "created %s with the default codebook (%lld codes)\n", c->db_path,
		(long long)codebook_count(db));
	db_close(db);
	return 0;
}

const struct cli_command cmd_init = {
	"init", run_init, "create a new project database with the default codebook",
	"usage: praxis [--db FILE] init [--title TEXT]\n"
	"\n"
	"Creates the database (mode 0600) with the three dimensions of practice and\n"
	"their default sub-codes. Fails if the file already exists, unless it is\n"
	"empty (0 bytes: what an init or import killed at its start leaves).\n"
	"\n"
	"  --title TEXT  the project's title\n",
};
