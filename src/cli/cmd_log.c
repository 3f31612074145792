/* cmd_log.c: `praxis log`: the audit trail (praxis/audit.h). */
#include <stdlib.h>
#include <string.h>
#include "praxis/audit.h"
#include "praxis/project.h"
#include "praxis/names.h"
#include "praxis/tabular.h"
#include "praxis/vignette.h"
#include "commands.h"

struct log_ctx {
	px_names nm;
	tabular t;
};

static int log_row(const px_audit *a, void *ud)
{
	struct log_ctx *ctx = ud;

	tab_cell(&ctx->t, a->time);
	tab_cell(&ctx->t, a->coder_id ? names_get(&ctx->nm, NAMES_CODER, a->coder_id) : NULL);
	tab_cell(&ctx->t, a->action);
	tab_cell(&ctx->t, a->description);
	tab_cell(&ctx->t, a->uuid);
	return 0;
}

static int run_log(struct cli *c)
{
	const char *format = "table", *since = NULL;
	const struct cli_opt opts[] = {
		{ "format", 1, &format, NULL },
		{ "since", 1, &since, NULL },
		{ NULL, 0, NULL, NULL },
	};
	static const char *const cols[] = { "time", "coder", "action", "description", "uuid" };
	struct log_ctx ctx = { 0 };
	char **pos;
	int npos, fmt, rc;
	px_db *db;
	px_err e = { 0 };

	if ((rc = cli_parse(c, &cmd_log, opts, &pos, &npos)))
		return rc == 2 ? 0 : rc;
	if (npos)
		return cli_usage_error(c, &cmd_log, "unexpected argument '%s'", pos[0]);
	if ((fmt = tab_format_parse(format)) < 0)
		return cli_usage_error(c, &cmd_log, "--format '%s': use table, csv or json", format);
	if (since && !vignette_date_valid(since))
		return cli_usage_error(c, &cmd_log, "--since '%s': use YYYY-MM-DD or "
				       "YYYY-MM-DDTHH:MM", since);
	if ((rc = cli_open_db(c, PROJECT_READONLY, &db, &e)))
		return cli_report(c, &e);
	tab_init(&ctx.t);
	for (size_t i = 0; i < sizeof(cols) / sizeof(cols[0]); i++)
		tab_col(&ctx.t, cols[i], TAB_TEXT);
	if (!(rc = names_load(db, &ctx.nm, &e))) {
		rc = audit_each(db, since, log_row, &ctx, &e);
		names_free(&ctx.nm);
	}
	if (!rc && tab_write(&ctx.t, c->out, (enum tab_format)fmt) != 0)
		rc = px_fail(&e, PX_EIO, "writing the log failed");
	tab_free(&ctx.t);
	db_close(db);
	return rc ? cli_report(c, &e) : 0;
}

const struct cli_command cmd_log = {
	"log", run_log, "the audit trail: codebook changes, decisions, text edits",
	"usage: praxis log [--since DATE] [--format table|csv|json]\n"
	"\n"
	"Lists the audit trail, oldest first: every change to the codebook (code-add,\n"
	"code-rename, code-move, code-merge, code-delete, code-describe), every\n"
	"negotiation decision (negotiate) and every edit of a vignette's text\n"
	"(text-edit), each with its time (UTC), the coder who made it and what it\n"
	"did. Imports and merges bring the entries of the corpus or copy they read\n"
	"and add none of their own. The corpus YAML keeps the trail (log:).\n"
	"\n"
	"  --since DATE  entries at or after DATE (YYYY-MM-DD or YYYY-MM-DDTHH:MM)\n"
	"  --format F    table (default, aligned), csv (RFC 4180) or json (array of\n"
	"                objects): time, coder, action, description, uuid\n",
};
