/* cmd_backup.c: `praxis backup OUT`: a consistent copy of the open project. */
#include "praxis/backup.h"
#include "praxis/project.h"
#include "commands.h"

static int run_backup(struct cli *c)
{
	char **pos;
	int npos, rc, quiet = 0;
	const struct cli_opt opts[] = {
		{ "quiet", 0, NULL, &quiet },
		{ NULL, 0, NULL, NULL },
	};
	px_db *db;
	px_err e = { 0 };

	if ((rc = cli_parse(c, &cmd_backup, opts, &pos, &npos)))
		return rc == 2 ? 0 : rc;
	if (npos != 1)
		return cli_usage_error(c, &cmd_backup, "name one file to write the copy to");
	if ((rc = cli_open_db(c, PROJECT_READONLY, &db, &e)))
		return cli_report(c, &e);
	rc = backup_to_file(db, pos[0], &e);
	db_close(db);
	if (rc == PX_EUSAGE)
		return cli_usage_error(c, &cmd_backup, "%s", e.msg);
	if (rc)
		return cli_report(c, &e);
	if (!quiet)
		fprintf(c->out, "copied %s to %s\n", c->db_path, pos[0]);
	return 0;
}

const struct cli_command cmd_backup = {
	"backup", run_backup, "write a consistent copy of the project",
	"usage: praxis [--db FILE] backup [--quiet] OUT\n"
	"\n"
	"Copies the project database to OUT with SQLite's online backup, so the\n"
	"copy is consistent even while the interface or another command is\n"
	"writing. The copy is written beside OUT, checked, synced and renamed into\n"
	"place (an existing OUT is replaced only by a complete copy), with mode\n"
	"0600 like the database. OUT is itself a praxis database: open it with\n"
	"--db OUT. OUT may not be the database or its -wal, -shm or -journal file.\n"
	"\n"
	"Before migrating an older schema, praxis keeps such a copy on its own,\n"
	"beside the database, named FILE.bak-vN-YYYYMMDDTHHMMSSZ.\n"
	"\n"
	"  --quiet   print nothing on success\n",
};
