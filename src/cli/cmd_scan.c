/* cmd_scan.c: `praxis scan FILE...`: the privacy check of exports and
 * anything else: every participant alias found, FILE:LINE:COLUMN. */
#include <stdlib.h>
#include "praxis/project.h"
#include "praxis/scan.h"
#include "commands.h"

struct scan_out {
	FILE *out;
	long hits;
};

static void print_hit(void *ud, const char *where, long line, long col,
		      const char *participant, const char *alias)
{
	struct scan_out *o = ud;

	fprintf(o->out, "%s:%ld:%ld: %s (alias '%s')\n", where, line, col, participant, alias);
	o->hits++;
}

static int run_scan(struct cli *c)
{
	const struct cli_opt opts[] = { { NULL, 0, NULL, NULL } };
	struct scan_out o = { c->out, 0 };
	alias_map m = { 0 };
	char **pos;
	int npos, rc;
	px_db *db;
	px_err e = { 0 };

	if ((rc = cli_parse(c, &cmd_scan, opts, &pos, &npos)))
		return rc == 2 ? 0 : rc;
	if (npos < 1)
		return cli_usage_error(c, &cmd_scan, "name at least one FILE to scan");
	if ((rc = cli_open_db(c, PROJECT_READONLY, &db, &e)))
		return cli_report(c, &e);
	rc = scan_load(db, &m, &e);
	db_close(db);
	for (int i = 0; !rc && i < npos; i++)
		rc = scan_file(&m, pos[i], print_hit, &o, &e);
	alias_free(&m);
	if (rc)
		return cli_report(c, &e);
	return o.hits ? 1 : 0;
}

const struct cli_command cmd_scan = {
	"scan", run_scan, "find participants' private names (aliases) in files",
	"usage: praxis [--db FILE] scan FILE...\n"
	"\n"
	"Reads each FILE (Markdown, HTML, CSV, YAML, plain text; a .qdpx's project\n"
	"and sources; a .docx's document text) and prints every alias of every\n"
	"participant found, as FILE:LINE:COLUMN: participant-id (alias 'NAME'),\n"
	"matching as the exports replace them: whole words, ASCII case ignored.\n"
	"In an HTML file (.html, .htm) tags, comments and the stylesheet are skipped,\n"
	"attribute values read. Inside an archive FILE is FILE!ENTRY. Exit status 1 if any alias is found,\n"
	"0 if none, 2 for a file that cannot be read. A pseudonymized export passes;\n"
	"an export with --keep-names does not.\n",
};
