/* cmd_merge.c: `praxis merge OTHER.db`. */
#include "praxis/merge.h"
#include "commands.h"

static void print_report(struct cli *c, const char *other, const merge_report *r)
{
	fprintf(c->out, "merged %s:\n", other);
	fprintf(c->out, "  %-15s %8s %8s %9s\n", "", "added", "skipped", "conflicts");
	for (int k = 0; k < MERGE_KIND_COUNT; k++)
		fprintf(c->out, "  %-15s %8lld %8lld %9lld\n", merge_kind_name(k),
			(long long)r->added[k], (long long)r->skipped[k],
			(long long)r->conflicts[k]);
	for (size_t i = 0; i < r->conflict_ids.n; i++)
		fprintf(c->out, "conflict: vignette '%s' has another text in %s; its codings "
			"there were not merged\n", r->conflict_ids.v[i], other);
	if (r->codings_held)
		fprintf(c->out, "codings held back by conflicts: %lld\n",
			(long long)r->codings_held);
}

static int run_merge(struct cli *c)
{
	char **pos;
	int npos, rc;
	merge_report r;
	px_db *db;
	px_err e = { 0 };

	if ((rc = cli_parse(c, &cmd_merge, NULL, &pos, &npos)))
		return rc == 2 ? 0 : rc;
	if (npos != 1)
		return cli_usage_error(c, &cmd_merge, "name one database to merge from");
	if ((rc = cli_open_db(c, 0, &db, &e)))
		return cli_report(c, &e);
	rc = merge_from(db, pos[0], &r, &e);
	db_close(db);
	if (rc)
		return cli_report(c, &e);
	print_report(c, pos[0], &r);
	merge_report_free(&r);
	return 0;
}

const struct cli_command cmd_merge = {
	"merge", run_merge, "bring in another coder's copy of the project",
	"usage: praxis [--db FILE] merge OTHER.db\n"
	"\n"
	"Brings the coders, codes, participants, vignettes and codings of OTHER.db\n"
	"(a copy of the project another coder worked in) into this project, in one\n"
	"transaction: on any error nothing is written. OTHER.db is only read.\n"
	"\n"
	"  coders, communities, repertoire, accountability   matched by id; added\n"
	"                 if missing (where both exist, this project's entry stays)\n"
	"  codes          matched by path; missing codes are created; a description\n"
	"                 or color this project lacks is taken from OTHER.db\n"
	"  participants   matched by id; missing ones added with attributes, aliases\n"
	"  vignettes      matched by id; missing ones copied with their memos. A\n"
	"                 vignette whose text differs is a conflict: it is reported\n"
	"                 and none of its codings in OTHER.db are merged\n"
	"  codings        matched by uuid, so merging twice is merging once; a coding\n"
	"                 with the same vignette, code, coder and span is skipped too\n"
	"\n"
	"Prints per kind how many rows were added, skipped (already here) and in\n"
	"conflict. Exit status 2 if OTHER.db is missing, not a praxis database, of\n"
	"a newer schema, or the merge fails.\n",
};
