/* cmd_code.c: `praxis code` adds one coding, `praxis uncode` removes one. */
#include <stdlib.h>
#include <string.h>
#include "praxis/codebook.h"
#include "praxis/coding.h"
#include "praxis/entity.h"
#include "praxis/participant.h"
#include "praxis/vignette.h"
#include "commands.h"

struct code_args {
	const char *vignette, *code;
	struct cli_span span;
	const char *participants, *mode, *memo, *repertoire, *interpretation;
	const char *accountability, *stance, *held_by, *speaker;
	int create;
	int modes;               /* the union of every --mode; -1: a bad one */
	const char *bad_mode;
};

/* Each --mode adds to the set (the modes are a duality, not a choice). */
static int add_mode(const char *value, void *ud)
{
	struct code_args *a = ud;
	int m = coding_mode_parse(value);

	if (m < 0) {
		a->modes = -1;
		a->bad_mode = value;
		return 1;
	}
	a->modes |= m;
	return 0;
}

/* Comma-separated participant ids to row ids. */
static int resolve_people(px_db *db, const char *list, idlist *out, const char *what, px_err *e)
{
	char *copy, *save = NULL;
	int rc = PX_OK;

	if (!list)
		return PX_OK;
	copy = xstrdup(list);
	for (char *tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		int64_t id;
		while (*tok == ' ')
			tok++;
		if ((rc = participant_find(db, tok, &id, e))) {
			px_wrap(e, "--%s", what);
			rc = PX_EDATA;
			break;
		}
		idl_push(out, id);
	}
	free(copy);
	return rc;
}

static int resolve_entry(px_db *db, enum entity_kind k, const char *ext_id, int64_t *id,
			 px_err *e)
{
	if (!ext_id)
		return PX_OK;
	return entity_find(db, k, ext_id, id, e) ? PX_EDATA : PX_OK;
}

static int build_coding(struct cli *c, px_db *db, const struct code_args *a, px_coding *cd,
			px_err *e)
{
	int rc;

	if ((rc = vignette_find(db, a->vignette, &cd->vignette_id, e)))
		return PX_EDATA;
	if ((rc = codebook_resolve(db, a->code, a->create, &cd->code_id, NULL, e)))
		return rc == PX_ENOTFOUND ? cli_missing_code(e) : rc;
	if ((rc = cli_span_resolve(db, cd->vignette_id, &a->span, &cd->start, &cd->end, e)))
		return rc;
	if ((rc = cli_coder(c, db, &cd->coder_id, e)))
		return rc;
	if (a->modes < 0)
		return px_fail(e, PX_EUSAGE, "--mode '%s': use participation, reification or "
			       "participation,reification", a->bad_mode);
	cd->mode = a->modes;
	if (a->stance && (cd->stance = coding_stance_parse(a->stance)) < 0)
		return px_fail(e, PX_EUSAGE, "--stance '%s': use upheld, breached, negotiated or "
			       "contested", a->stance);
	cd->memo = xstrdup(a->memo);
	cd->interpretation = xstrdup(a->interpretation);
	if ((rc = resolve_entry(db, ENT_REPERTOIRE, a->repertoire, &cd->repertoire_id, e)) ||
	    (rc = resolve_entry(db, ENT_ACCOUNTABILITY, a->accountability,
				&cd->accountability_id, e)) ||
	    (rc = resolve_people(db, a->participants, &cd->participants, "participants", e)) ||
	    (rc = resolve_people(db, a->held_by, &cd->held_by, "held-by", e)))
		return rc;
	if (a->speaker && participant_find(db, a->speaker, &cd->speaker_id, e)) {
		px_wrap(e, "--speaker");
		return PX_EDATA;
	}
	return PX_OK;
}

static int run_code(struct cli *c)
{
	struct code_args a = { 0 };
	const struct cli_opt opts[] = {
		{ "vignette", 1, &a.vignette, NULL }, { "code", 1, &a.code, NULL },
		{ "quote", 1, &a.span.quote, NULL }, { "occurrence", 1, &a.span.occurrence, NULL },
		{ "start", 1, &a.span.start, NULL }, { "end", 1, &a.span.end, NULL },
		{ "whole", 0, NULL, &a.span.whole }, { "create", 0, NULL, &a.create },
		{ "participants", 1, &a.participants, NULL }, { "mode", 1, &a.mode, NULL },
		{ "memo", 1, &a.memo, NULL }, { "repertoire", 1, &a.repertoire, NULL },
		{ "interpretation", 1, &a.interpretation, NULL },
		{ "accountability", 1, &a.accountability, NULL },
		{ "stance", 1, &a.stance, NULL }, { "held-by", 1, &a.held_by, NULL },
		{ "speaker", 1, &a.speaker, NULL },
		{ NULL, 0, NULL, NULL },
	};
	px_coding cd = { 0 };
	char **pos;
	int npos, rc;
	px_db *db;
	px_err e = { 0 };

	cli_opt_each(c, opts, "mode", add_mode, &a);
	if ((rc = cli_parse(c, &cmd_code, opts, &pos, &npos)))
		return rc == 2 ? 0 : rc;
	if (npos)
		return cli_usage_error(c, &cmd_code, "unexpected argument '%s'", pos[0]);
	if (!a.vignette || !a.code)
		return cli_usage_error(c, &cmd_code, "--vignette and --code are required");
	if ((rc = cli_open_db(c, 0, &db, &e)))
		return cli_report(c, &e);
	if ((rc = db_begin(db, &e)))
		goto out;
	if ((rc = build_coding(c, db, &a, &cd, &e)) || (rc = coding_add(db, &cd, &e))) {
		db_rollback(db);
		goto out;
	}
	if ((rc = db_commit(db, &e)))
		goto out;
	fprintf(c->out, "%lld\n", (long long)cd.id);
out:
	coding_free(&cd);
	db_close(db);
	if (rc == PX_EUSAGE)
		return cli_usage_error(c, &cmd_code, "%s", e.msg);
	return rc ? cli_report(c, &e) : 0;
}

const struct cli_command cmd_code = {
	"code", run_code, "add one coding to a vignette and print its id",
	"usage: praxis code --vignette ID --code PATH\n"
	"                   (--quote TEXT [--occurrence N] | --start N --end N | --whole)\n"
	"                   [--participants a,b] [--mode participation,reification]\n"
	"                   [--memo TEXT] [--repertoire ID] [--accountability ID\n"
	"                   [--stance S] [--held-by a,b]] [--interpretation TEXT\n"
	"                   [--speaker ID]] [--create]\n"
	"\n"
	"Adds one coding by the current coder (--coder, $PRAXIS_CODER) and prints\n"
	"its id. The span is the quote's place in the text (the N-th match when it\n"
	"repeats), code point offsets (end exclusive), or the whole vignette.\n"
	"Code paths start with ME, JE or SR (or the dimension's full name); a\n"
	"missing code is an error unless --create is given.\n"
	"Stances: upheld, breached, negotiated, contested.\n"
	"--mode is a set: participation, reification, or both (comma-separated or\n"
	"repeated --mode). On an accountability coding --participants are the\n"
	"people held to account and --held-by those holding them.\n"
	"--interpretation reads the repertoire entry (or, without one, the\n"
	"accountability entry); with --speaker (a participant present at the\n"
	"vignette) it is that member's reading, else the analyst's gloss.\n",
};

static int run_uncode(struct cli *c)
{
	char **pos;
	int npos, rc;
	int64_t id;
	px_db *db;
	px_err e = { 0 };

	if ((rc = cli_parse(c, &cmd_uncode, NULL, &pos, &npos)))
		return rc == 2 ? 0 : rc;
	if (npos < 1)
		return cli_usage_error(c, &cmd_uncode, "name the coding id to remove");
	for (int i = 0; i < npos; i++)
		if (cli_parse_count(pos[i], &id))
			return cli_usage_error(c, &cmd_uncode, "'%s' is not a coding id", pos[i]);
	if ((rc = cli_open_db(c, 0, &db, &e)))
		return cli_report(c, &e);
	if (!(rc = db_begin(db, &e))) {
		for (int i = 0; i < npos && !rc; i++) {
			cli_parse_count(pos[i], &id);
			rc = coding_delete(db, id, &e);
		}
		if (rc)
			db_rollback(db);
		else
			rc = db_commit(db, &e);
	}
	db_close(db);
	return rc ? cli_report(c, &e) : 0;
}

const struct cli_command cmd_uncode = {
	"uncode", run_uncode, "remove codings by id",
	"usage: praxis uncode ID...\n"
	"\n"
	"Removes the codings with these ids (as printed by 'praxis code' and\n"
	"'praxis list codings'), all or none.\n",
};
