/* cmd_conflicts.c: `praxis conflicts [decide ID ours|theirs|both]`: the
 * conflicts a sync left for a decision (sync_conflict.h). */
#include <stdlib.h>
#include <string.h>
#include "praxis/project.h"
#include "praxis/sync.h"
#include "praxis/sync_conflict.h"
#include "commands.h"

static int print_conflict(const sync_conflict *sc, void *ud)
{
	struct cli *c = ud;

	fprintf(c->out, "%lld\t%s\t%s\t%s\n", (long long)sc->id, sc->kind,
		sc->vignette ? sc->vignette : "-", sc->description);
	return 0;
}

static int decide(struct cli *c, char **pos, int npos)
{
	int64_t id;
	int side, rc;
	px_db *db;
	px_err e = { 0 };

	if (npos != 3)
		return cli_usage_error(c, &cmd_conflicts, "decide takes ID and ours, theirs or both");
	if (cli_parse_count(pos[1], &id) || id <= 0)
		return cli_usage_error(c, &cmd_conflicts, "'%s' is not a conflict number", pos[1]);
	if ((side = sync_side_parse(pos[2])) < 0)
		return cli_usage_error(c, &cmd_conflicts, "'%s': decide ours, theirs or both",
				       pos[2]);
	if ((rc = cli_open_db(c, 0, &db, &e)))
		return cli_report(c, &e);
	rc = sync_decide(db, id, side, &e);
	db_close(db);
	if (rc == PX_EUSAGE)
		return cli_usage_error(c, &cmd_conflicts, "%s", e.msg);
	if (rc)
		return cli_report(c, &e);
	fprintf(c->out, "conflict %lld decided: %s\n", (long long)id, pos[2]);
	return 0;
}

static int run_conflicts(struct cli *c)
{
	char **pos;
	int npos, rc;
	px_db *db;
	px_err e = { 0 };

	if ((rc = cli_parse(c, &cmd_conflicts, NULL, &pos, &npos)))
		return rc == 2 ? 0 : rc;
	if (npos && strcmp(pos[0], "decide") == 0)
		return decide(c, pos, npos);
	if (npos)
		return cli_usage_error(c, &cmd_conflicts, "unknown argument '%s' (list, or "
				       "decide ID ours|theirs|both)", pos[0]);
	if ((rc = cli_open_db(c, PROJECT_READONLY, &db, &e)))
		return cli_report(c, &e);
	rc = sync_conflict_each(db, NULL, print_conflict, c, &e);
	db_close(db);
	return rc ? cli_report(c, &e) : 0;
}

const struct cli_command cmd_conflicts = {
	"conflicts", run_conflicts, "list and decide what a sync could not merge alone",
	"usage: praxis [--db FILE] conflicts\n"
	"       praxis [--db FILE] conflicts decide ID ours|theirs|both\n"
	"\n"
	"Lists the conflicts 'praxis sync' brought in, one a line: number, kind,\n"
	"vignette and what happened. Kinds:\n"
	"  coding   both sides edited one coding: both versions are kept until you\n"
	"           decide (ours: theirs goes; theirs: ours goes; both: both stay)\n"
	"  deleted  one side deleted a coding the other edited: it is kept until you\n"
	"           decide (the deleting side's choice deletes it; both keeps it)\n"
	"  text     both sides edited the same place of a vignette's text: ours is\n"
	"           kept; theirs replaces it (codings re-anchored as after an edit)\n"
	"           if you decide theirs\n"
	"  field    both sides changed one field of a row (a participant's role, a\n"
	"           code's description, a memo, a vignette's title): ours is kept;\n"
	"           theirs sets the field to their value (both is refused)\n"
	"A decision is one transaction; the conflict is then gone here, and from the\n"
	"others' copies at their next sync. The negotiation view (n) lists the same\n"
	"conflicts first, with keys a (ours), b (theirs) and + (both).\n"
	"Exit status 1 for a bad number or side, 2 when the conflict is not there.\n",
};
