/* cmd_recode.c: `praxis recode` gives a coding another code, `praxis
 * respan` moves it to another span; both keep its id, memo, participants
 * and links (coding_edit.h). */
#include <stdlib.h>
#include "praxis/codebook.h"
#include "praxis/coding.h"
#include "praxis/coding_edit.h"
#include "commands.h"

/* The one positional argument: a coding id. */
static int coding_id_arg(struct cli *c, const struct cli_command *cmd, char **pos, int npos,
			 int64_t *id)
{
	if (npos != 1)
		return cli_usage_error(c, cmd, npos ? "give one coding id" : "name the coding id");
	if (cli_parse_count(pos[0], id))
		return cli_usage_error(c, cmd, "'%s' is not a coding id", pos[0]);
	return 0;
}

struct recode_args {
	int64_t id;
	const char *code;
	int create;
	char *was, *now;         /* the code paths, for the report */
};

static int recode(px_db *db, struct recode_args *a, px_err *e)
{
	px_coding c;
	int64_t code_id;
	int rc;

	if ((rc = coding_get(db, a->id, &c, e)))
		return PX_EDATA;
	rc = codebook_path(db, c.code_id, &a->was, e);
	coding_free(&c);
	if (rc)
		return rc;
	if ((rc = codebook_resolve(db, a->code, a->create, &code_id, NULL, e)))
		return rc == PX_ENOTFOUND ? cli_missing_code(e) : rc;
	if ((rc = coding_recode(db, a->id, code_id, e)))
		return rc;
	return codebook_path(db, code_id, &a->now, e);
}

static int run_recode(struct cli *c)
{
	struct recode_args a = { 0 };
	const struct cli_opt opts[] = {
		{ "code", 1, &a.code, NULL }, { "create", 0, NULL, &a.create },
		{ NULL, 0, NULL, NULL },
	};
	char **pos;
	int npos, rc;
	px_db *db;
	px_err e = { 0 };

	if ((rc = cli_parse(c, &cmd_recode, opts, &pos, &npos)))
		return rc == 2 ? 0 : rc;
	if ((rc = coding_id_arg(c, &cmd_recode, pos, npos, &a.id)))
		return rc;
	if (!a.code)
		return cli_usage_error(c, &cmd_recode, "--code is required");
	if ((rc = cli_open_db(c, 0, &db, &e)))
		return cli_report(c, &e);
	if (!(rc = db_begin(db, &e))) {
		if ((rc = recode(db, &a, &e)))
			db_rollback(db);
		else
			rc = db_commit(db, &e);
	}
	db_close(db);
	if (!rc)
		fprintf(c->out, "coding %lld: %s -> %s\n", (long long)a.id, a.was, a.now);
	free(a.was);
	free(a.now);
	return rc ? cli_report(c, &e) : 0;
}

const struct cli_command cmd_recode = {
	"recode", run_recode, "give a coding another code, keeping the rest of it",
	"usage: praxis recode ID --code PATH [--create]\n"
	"\n"
	"Changes the code of coding ID (as printed by 'praxis code' and 'praxis\n"
	"list codings'); its span, coder, memo, participants and links stay.\n"
	"Prints the code it had and the code it has. A missing code is an error\n"
	"unless --create is given. On bad input nothing is written (exit 2).\n",
};

static int respan(px_db *db, int64_t id, const struct cli_span *span, int64_t *start,
		  int64_t *end, px_err *e)
{
	px_coding cd;
	int rc;

	if (coding_get(db, id, &cd, e))
		return PX_EDATA;
	rc = cli_span_resolve(db, cd.vignette_id, span, start, end, e);
	coding_free(&cd);
	return rc ? rc : coding_respan(db, id, *start, *end, e);
}

static int run_respan(struct cli *c)
{
	struct cli_span span = { 0 };
	const struct cli_opt opts[] = {
		{ "quote", 1, &span.quote, NULL }, { "occurrence", 1, &span.occurrence, NULL },
		{ "start", 1, &span.start, NULL }, { "end", 1, &span.end, NULL },
		{ "whole", 0, NULL, &span.whole },
		{ NULL, 0, NULL, NULL },
	};
	int64_t id = 0, start = -1, end = -1;
	char **pos;
	int npos, rc;
	px_db *db;
	px_err e = { 0 };

	if ((rc = cli_parse(c, &cmd_respan, opts, &pos, &npos)))
		return rc == 2 ? 0 : rc;
	if ((rc = coding_id_arg(c, &cmd_respan, pos, npos, &id)))
		return rc;
	if ((rc = cli_open_db(c, 0, &db, &e)))
		return cli_report(c, &e);
	if (!(rc = db_begin(db, &e))) {
		if ((rc = respan(db, id, &span, &start, &end, &e)))
			db_rollback(db);
		else
			rc = db_commit(db, &e);
	}
	db_close(db);
	if (rc == PX_EUSAGE)
		return cli_usage_error(c, &cmd_respan, "%s", e.msg);
	if (rc)
		return cli_report(c, &e);
	if (start < 0)
		fprintf(c->out, "coding %lld: the whole vignette\n", (long long)id);
	else
		fprintf(c->out, "coding %lld: %lld-%lld\n", (long long)id, (long long)start,
			(long long)end);
	return 0;
}

const struct cli_command cmd_respan = {
	"respan", run_respan, "move a coding to another span of its vignette",
	"usage: praxis respan ID (--start N --end N | --quote TEXT [--occurrence N] | --whole)\n"
	"\n"
	"Moves coding ID to a new span of the same vignette: code point offsets\n"
	"(end exclusive), the place of a quote (the N-th match when it repeats),\n"
	"or the whole vignette. Its code, memo, participants and links stay, and\n"
	"the flag for review an edit of the text set is cleared. Prints the new\n"
	"span. On bad input (no such coding, a span outside the text, a quote not\n"
	"found) nothing is written (exit 2).\n",
};
