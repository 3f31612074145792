/* cmd_merge_file.c: `praxis merge-file BASE OURS THEIRS`, git's merge
 * driver for tree files (treemerge.h). */
#include "praxis/treemerge.h"
#include "commands.h"

static int run_merge_file(struct cli *c)
{
	char **pos;
	int npos, rc, conflicts = 0;
	px_err e = { 0 };

	if ((rc = cli_parse(c, &cmd_merge_file, NULL, &pos, &npos)))
		return rc == 2 ? 0 : rc;
	if (npos != 3)
		return cli_usage_error(c, &cmd_merge_file, "name three files: BASE OURS THEIRS");
	if ((rc = treemerge_files(pos[0], pos[1], pos[2], &conflicts, &e)))
		return cli_report(c, &e);
	if (conflicts)
		fprintf(c->err, "praxis: %s: %d conflict%s recorded for a decision (praxis "
			"conflicts)\n", pos[1], conflicts, PX_S(conflicts));
	return 0;
}

const struct cli_command cmd_merge_file = {
	"merge-file", run_merge_file, "merge one tree file three ways (git's merge driver)",
	"usage: praxis merge-file BASE OURS THEIRS\n"
	"\n"
	"Merges two versions of a file of a praxis tree (export --format tree) that\n"
	"started from BASE, and writes the result over OURS. 'praxis sync' registers\n"
	"it as git's merge driver for the tree's files:\n"
	"  .gitattributes:  *.yaml merge=praxis\n"
	"  .git/config:     [merge \"praxis\"] driver = praxis merge-file %O %A %B\n"
	"\n"
	"Rows are matched by uuid (else id or code), never by lines:\n"
	"  - a row added on either side is kept; one deleted on one side and not\n"
	"    changed on the other is deleted;\n"
	"  - a field changed on one side takes that side's value ('updated' the\n"
	"    later time);\n"
	"  - a coding both sides edited in the same field (span, code, memo, links)\n"
	"    is kept twice, theirs under a new uuid, with a 'coding' conflict; a\n"
	"    coding deleted on one side and edited on the other is kept, with a\n"
	"    'deleted' conflict;\n"
	"  - a vignette text both sides edited is merged when the edits do not\n"
	"    touch (each side's codings move with the text, as after an edit);\n"
	"    otherwise ours is kept and theirs waits in a 'text' conflict;\n"
	"  - any other field both sides changed keeps ours, with a 'field' conflict.\n"
	"Conflicts are written into the file's conflicts: list, which import stores;\n"
	"decide them with 'praxis conflicts' or in the negotiation view. The file\n"
	"never gets conflict markers and no coding is lost.\n"
	"\n"
	"Exit status 0 when merged (also with conflicts recorded, as git expects),\n"
	"2 when a file cannot be read as corpus YAML (git then leaves the merge to\n"
	"you).\n",
};
