/* cmd_retrieve.c: `praxis retrieve --code PATH`: every segment coded with
 * the code or a sub-code, whole, with context, as Markdown, CSV or JSON
 * (praxis/retrieve.h). */
#include <stdlib.h>
#include <string.h>
#include "praxis/project.h"
#include "praxis/retrieve.h"
#include "commands.h"

/* Context in code points either side when --context is not given. */
#define RETRIEVE_CONTEXT 40

static int run_retrieve(struct cli *c)
{
	const char *format = "md", *context = NULL;
	struct export_options o = { 0 };
	const struct cli_opt opts[] = {
		{ "code", 1, &o.code, NULL },
		{ "format", 1, &format, NULL },
		{ "context", 1, &context, NULL },
		{ "participant", 1, &o.participant, NULL },
		{ "community", 1, &o.community, NULL },
		{ "from", 1, &o.from, NULL },
		{ "to", 1, &o.to, NULL },
		{ "keep-names", 0, NULL, &o.keep_names },
		{ NULL, 0, NULL, NULL },
	};
	int64_t ctx = RETRIEVE_CONTEXT;
	char **pos;
	int npos, rc, fmt;
	px_db *db;
	px_err e = { 0 };

	if ((rc = cli_parse(c, &cmd_retrieve, opts, &pos, &npos)))
		return rc == 2 ? 0 : rc;
	if (npos)
		return cli_usage_error(c, &cmd_retrieve, "unexpected argument '%s'", pos[0]);
	if (!o.code)
		return cli_usage_error(c, &cmd_retrieve, "--code PATH is required");
	if ((fmt = retrieve_format_parse(format)) < 0)
		return cli_usage_error(c, &cmd_retrieve, "--format '%s': use md, csv or json",
				       format);
	if (context && (cli_parse_count(context, &ctx) != 0 || ctx > 100000))
		return cli_usage_error(c, &cmd_retrieve, "--context '%s': use a whole number "
				       "of characters from 0 to 100000", context);
	/* --coder is a global option; as typed it filters */
	o.coder = c->coder_given ? c->coder : NULL;
	if ((rc = cli_open_db(c, PROJECT_READONLY, &db, &e)))
		return cli_report(c, &e);
	rc = retrieve_write(db, &o, (int)ctx, (enum retrieve_format)fmt, c->out, &e);
	db_close(db);
	return rc ? cli_report(c, &e) : 0;
}

const struct cli_command cmd_retrieve = {
	"retrieve", run_retrieve, "every segment coded with a code, with context",
	"usage: praxis retrieve --code PATH [--context N] [--format md|csv|json]\n"
	"                       [--participant ID] [--community ID] [--coder ID]\n"
	"                       [--from DATE] [--to DATE] [--keep-names]\n"
	"\n"
	"Prints every segment coded with the code or one of its sub-codes, whole,\n"
	"in vignette order, each with its vignette (id, title, date), code, coder,\n"
	"participants, span, memo and N characters of text either side (default\n"
	"40; a whole-vignette coding quotes the whole text). Names are replaced by\n"
	"pseudonyms unless --keep-names.\n"
	"\n"
	"  --format F    md (default: one section per segment, the segment in bold\n"
	"                inside its context), csv (RFC 4180) or json (an array of\n"
	"                objects); the fields: vignette, title, date, code, coder,\n"
	"                participants, start, end, before, quote, after, memo\n"
	"\n"
	"Filters (combined, as in praxis summary and export):\n"
	"  --participant ID  codings naming the participant or on a vignette they\n"
	"                    are present at\n"
	"  --community ID    codings on the community's vignettes\n"
	"  --coder ID        codings by that coder\n"
	"  --from DATE       vignettes dated on or after DATE (YYYY-MM-DD)\n"
	"  --to DATE         vignettes dated on or before DATE\n"
	"\n"
	"A missing --code, a bad --context or --format exits 1; an unknown code,\n"
	"participant, community or coder exits 2.\n",
};
