/* cmd_import.c: `praxis import FILE...`: corpus YAML into the project. */
#include <stdlib.h>
#include <unistd.h>
#include "praxis/corpus.h"
#include "praxis/util.h"
#include "commands.h"

/* A database this import created is removed again when the import fails:
 * "nothing written" includes the file itself. */
static void remove_created(const char *path)
{
	static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };

	for (size_t i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++) {
		char *p = xasprintf("%s%s", path, suffixes[i]);
		unlink(p);
		free(p);
	}
}

static int run_import(struct cli *c)
{
	char **pos;
	int npos, rc, quiet = 0, existed;
	const struct cli_opt opts[] = {
		{ "quiet", 0, NULL, &quiet },
		{ NULL, 0, NULL, NULL },
	};
	int64_t coder;
	corpus_stats st = { 0 };
	px_db *db;
	px_err e = { 0 };

	if ((rc = cli_parse(c, &cmd_import, opts, &pos, &npos)))
		return rc == 2 ? 0 : rc;
	if (npos < 1)
		return cli_usage_error(c, &cmd_import, "name at least one corpus file");
	existed = access(c->db_path, F_OK) == 0;
	if ((rc = cli_open_db(c, DB_CREATE, &db, &e)))
		return cli_report(c, &e);
	if (!(rc = db_begin(db, &e))) {
		if ((rc = cli_explicit_coder(c, db, &coder, &e)) ||
		    (rc = corpus_import(db, (const char *const *)pos, npos, coder, &st, &e)))
			db_rollback(db);
		else
			rc = db_commit(db, &e);
	}
	db_close(db);
	if (rc && !existed)
		remove_created(c->db_path);
	if (rc)
		return cli_report(c, &e);
	if (!quiet)
		fprintf(c->out, "imported %lld vignettes, %lld participants, %lld codings, "
			"%lld memos into %s\n", (long long)st.vignettes, (long long)st.participants,
			(long long)st.codings, (long long)st.memos, c->db_path);
	return 0;
}

const struct cli_command cmd_import = {
	"import", run_import, "import corpus YAML files (one transaction)",
	"usage: praxis [--db FILE] import [--quiet] FILE.yaml...\n"
	"\n"
	"Reads corpus files in the praxis format (see praxis(1), CORPUS FORMAT) into\n"
	"the project, creating the database if absent. All files are imported in\n"
	"one transaction: on the first error, reported as FILE:LINE:COLUMN: message,\n"
	"nothing is written and the exit status is 2.\n"
	"Coders, communities and the codebook are merged; a participant or register\n"
	"entry that already exists must be identical; a vignette id that already\n"
	"exists is an error. Codings without a coder get the importing coder.\n",
};
