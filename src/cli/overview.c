/* overview.c: what `praxis` prints without a command when there is no
 * interface to open: the project's size at a glance. */
#include "praxis/codebook.h"
#include "praxis/coding.h"
#include "praxis/entity.h"
#include "praxis/participant.h"
#include "praxis/vignette.h"
#include "commands.h"

int cli_overview(struct cli *c)
{
	px_db *db;
	px_err e = { 0 };

	if (db_open(c->db_path, DB_READONLY, &db, &e))
		return cli_report(c, &e);
	fprintf(c->out, "%s: %lld vignettes, %lld participants, %lld codes, %lld codings, "
		"%lld coders\n", c->db_path, (long long)vignette_count(db),
		(long long)participant_count(db), (long long)codebook_count(db),
		(long long)coding_count(db), (long long)entity_count(db, ENT_CODER));
	db_close(db);
	return 0;
}
