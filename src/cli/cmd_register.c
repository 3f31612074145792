/* cmd_register.c: `praxis register add|edit|merge|rm`, the repertoire and
 * accountability registers' entries (praxis/regentry.h). */
#include <stdlib.h>
#include <string.h>
#include "praxis/regentry.h"
#include "commands.h"

/* The options add and edit share: what an entry says about itself. */
struct reg_fields {
	const char *id, *name, *kind, *description, *community;
	int reified, not_reified;
};

#define REG_FIELD_OPTS(f) \
	{ "name", 1, &(f)->name, NULL }, \
	{ "kind", 1, &(f)->kind, NULL }, \
	{ "description", 1, &(f)->description, NULL }, \
	{ "community", 1, &(f)->community, NULL }, \
	{ "reified", 0, NULL, &(f)->reified }, \
	{ "not-reified", 0, NULL, &(f)->not_reified }

/* Parses the command line: the register and npos_want more positionals. */
static int reg_args(struct cli *c, const struct cli_opt *opts, int npos_want, int *k, char ***pos)
{
	int npos, rc;

	if ((rc = cli_parse(c, &cmd_register, opts, pos, &npos)))
		return rc == 2 ? -1 : rc;
	if (npos != npos_want + 1)
		return cli_usage_error(c, &cmd_register, "%s needs %s", c->argv[0],
				       npos_want == 2 ? "a register (repertoire or accountability), "
				       "FROM and INTO" : "a register (repertoire or accountability) and an ID");
	if ((*k = regentry_kind_parse((*pos)[0])) < 0)
		return cli_usage_error(c, &cmd_register, "unknown register '%s' (repertoire or "
				       "accountability)", (*pos)[0]);
	return 0;
}

static int find_entry(px_db *db, int k, const char *ext, int64_t *id, px_err *e)
{
	return entity_find(db, (enum entity_kind)k, ext, id, e) ? PX_EDATA : PX_OK;
}

static void set_str(char **slot, const char *v)
{
	if (!v)
		return;
	free(*slot);
	*slot = *v ? xstrdup(v) : NULL;
}

/* Writes the given fields over ent; checks them against the store. */
static int apply_fields(px_db *db, int k, const struct reg_fields *f, px_entity *ent, px_err *e)
{
	if (f->reified && f->not_reified)
		return px_fail(e, PX_EDATA, "--reified and --not-reified contradict each other");
	if (f->kind && k != ENT_REPERTOIRE)
		return px_fail(e, PX_EDATA, "--kind is for repertoire entries only");
	if (f->id && !*f->id)
		return px_fail(e, PX_EDATA, "--id: an entry's id cannot be empty");
	set_str(&ent->ext_id, f->id);
	set_str(&ent->name, f->name);
	set_str(&ent->kind, f->kind);
	set_str(&ent->description, f->description);
	if (f->reified || f->not_reified)
		ent->reified = f->reified;
	if (f->community && !*f->community)
		ent->community_id = 0;
	else if (f->community && entity_find(db, ENT_COMMUNITY, f->community, &ent->community_id, e))
		return PX_EDATA;
	return PX_OK;
}

/* Opens the project as the coder (the audit trail names them) and runs fn. */
static int with_db(struct cli *c, int (*fn)(px_db *db, void *ud, px_err *e), void *ud)
{
	px_db *db;
	px_err e = { 0 };
	int64_t coder;
	int rc;

	if ((rc = cli_open_db(c, 0, &db, &e)))
		return cli_report(c, &e);
	if (!(rc = cli_coder(c, db, &coder, &e)))
		rc = fn(db, ud, &e);
	db_close(db);
	return rc ? cli_report(c, &e) : 0;
}

struct reg_job {
	struct cli *c;
	int k;
	char **pos;
	struct reg_fields f;
	int force;
};

static int add_run(px_db *db, void *ud, px_err *e)
{
	struct reg_job *j = ud;
	px_entity ent = { 0 };
	int rc;

	ent.reified = -1;
	ent.ext_id = xstrdup(j->pos[1]);
	if (!(rc = apply_fields(db, j->k, &j->f, &ent, e)) &&
	    !(rc = regentry_add(db, (enum entity_kind)j->k, &ent, e)))
		fprintf(j->c->out, "%s %s added\n", entity_label((enum entity_kind)j->k), ent.ext_id);
	entity_free(&ent);
	return rc;
}

static int edit_run(px_db *db, void *ud, px_err *e)
{
	struct reg_job *j = ud;
	px_entity ent = { 0 };
	int64_t id;
	int rc;

	if ((rc = find_entry(db, j->k, j->pos[1], &id, e)) ||
	    (rc = entity_get(db, (enum entity_kind)j->k, id, &ent, e)))
		return rc;
	if (!(rc = apply_fields(db, j->k, &j->f, &ent, e)) &&
	    !(rc = regentry_edit(db, (enum entity_kind)j->k, &ent, e)))
		fprintf(j->c->out, "%s %s changed\n", entity_label((enum entity_kind)j->k), ent.ext_id);
	entity_free(&ent);
	return rc;
}

static int merge_run(px_db *db, void *ud, px_err *e)
{
	struct reg_job *j = ud;
	int64_t from, into, n;
	int rc;

	if ((rc = find_entry(db, j->k, j->pos[1], &from, e)) ||
	    (rc = find_entry(db, j->k, j->pos[2], &into, e)))
		return rc;
	n = regentry_links(db, (enum entity_kind)j->k, from);
	if (!(rc = regentry_merge(db, (enum entity_kind)j->k, from, into, e)))
		fprintf(j->c->out, "%s %s merged into %s (%lld coding%s)\n",
			entity_label((enum entity_kind)j->k), j->pos[1], j->pos[2], (long long)n,
			n == 1 ? "" : "s");
	return rc;
}

static int rm_run(px_db *db, void *ud, px_err *e)
{
	struct reg_job *j = ud;
	int64_t id, n;
	int rc;

	if ((rc = find_entry(db, j->k, j->pos[1], &id, e)))
		return rc;
	if ((rc = regentry_delete(db, (enum entity_kind)j->k, id, j->force, &n, e))) {
		if (!j->force && rc == PX_EDATA && regentry_links(db, (enum entity_kind)j->k, id)) {
			char msg[sizeof(e->msg)];
			memcpy(msg, e->msg, sizeof(msg));
			px_fail(e, PX_EDATA, "%s (merge it into another entry, or --force to "
				"unlink them)", msg);
		}
		return rc;
	}
	fprintf(j->c->out, "%s %s deleted", entity_label((enum entity_kind)j->k), j->pos[1]);
	if (n)
		fprintf(j->c->out, " (%lld coding%s unlinked)", (long long)n, n == 1 ? "" : "s");
	fputc('\n', j->c->out);
	return PX_OK;
}

static int reg_fields_cmd(struct cli *c, int (*fn)(px_db *, void *, px_err *), int editing)
{
	struct reg_job j = { c, 0, NULL, { 0 }, 0 };
	const struct cli_opt add_opts[] = { REG_FIELD_OPTS(&j.f), { NULL, 0, NULL, NULL } };
	const struct cli_opt edit_opts[] = {
		REG_FIELD_OPTS(&j.f), { "id", 1, &j.f.id, NULL }, { NULL, 0, NULL, NULL }
	};
	int rc = reg_args(c, editing ? edit_opts : add_opts, 1, &j.k, &j.pos);

	return rc < 0 ? 0 : rc ? rc : with_db(c, fn, &j);
}

static int reg_add_cmd(struct cli *c)
{
	return reg_fields_cmd(c, add_run, 0);
}

static int reg_edit_cmd(struct cli *c)
{
	return reg_fields_cmd(c, edit_run, 1);
}

static int reg_merge_cmd(struct cli *c)
{
	struct reg_job j = { c, 0, NULL, { 0 }, 0 };
	const struct cli_opt opts[] = { { NULL, 0, NULL, NULL } };
	int rc = reg_args(c, opts, 2, &j.k, &j.pos);

	return rc < 0 ? 0 : rc ? rc : with_db(c, merge_run, &j);
}

static int reg_rm_cmd(struct cli *c)
{
	struct reg_job j = { c, 0, NULL, { 0 }, 0 };
	const struct cli_opt opts[] = { { "force", 0, NULL, &j.force }, { NULL, 0, NULL, NULL } };
	int rc = reg_args(c, opts, 1, &j.k, &j.pos);

	return rc < 0 ? 0 : rc ? rc : with_db(c, rm_run, &j);
}

static const struct {
	const char *verb;
	int (*run)(struct cli *c);
} reg_verbs[] = {
	{ "add", reg_add_cmd },
	{ "edit", reg_edit_cmd },
	{ "merge", reg_merge_cmd },
	{ "rm", reg_rm_cmd },
};

static int run_register(struct cli *c)
{
	struct cli sub = *c;

	if (c->argc < 2 || strcmp(c->argv[1], "--help") == 0 || strcmp(c->argv[1], "-h") == 0) {
		fputs(cmd_register.usage, c->argc < 2 ? c->err : c->out);
		return c->argc < 2 ? 1 : 0;
	}
	sub.argc = c->argc - 1;
	sub.argv = c->argv + 1;
	for (size_t i = 0; i < sizeof(reg_verbs) / sizeof(*reg_verbs); i++)
		if (strcmp(c->argv[1], reg_verbs[i].verb) == 0)
			return reg_verbs[i].run(&sub);
	return cli_usage_error(c, &cmd_register, "unknown register command '%s' (add, edit, "
			       "merge, rm)", c->argv[1]);
}

const struct cli_command cmd_register = {
	"register", run_register, "add, edit, merge and delete repertoire and accountability entries",
	"usage: praxis register add REGISTER ID [--name N] [--kind K] [--reified|--not-reified]\n"
	"                           [--description D] [--community C]\n"
	"       praxis register edit REGISTER ID [--id NEWID] [--name N] [--kind K]\n"
	"                           [--reified|--not-reified] [--description D] [--community C]\n"
	"       praxis register merge REGISTER FROM INTO\n"
	"       praxis register rm REGISTER ID [--force]\n"
	"\n"
	"REGISTER is repertoire (the shared repertoire's elements: routines, words,\n"
	"tools, stories...) or accountability (norms and standards: what members\n"
	"hold each other to). ID is the entry's corpus id.\n"
	"\n"
	"add makes an entry: --kind (repertoire only) is one of routine, word, tool,\n"
	"way of doing, story, gesture, symbol, genre, action, concept, event, style,\n"
	"discourse; --description says what the entry is; --community names the\n"
	"community it belongs to (a community id). edit changes only what it is\n"
	"given: --id renames the entry (codings and memos follow it), an empty\n"
	"--description or --community clears it. merge links every coding of FROM\n"
	"to INTO, moves FROM's memos to INTO and deletes FROM. rm deletes an entry;\n"
	"one that codings link to is refused unless --force, which unlinks them\n"
	"(they lose the entry and the interpretation or stance that needs it).\n"
	"\n"
	"Each change is one entry in the audit trail (praxis log). An entry,\n"
	"community or register that does not exist, an id already taken or a bad\n"
	"kind is an error with exit status 2, and nothing is written.\n",
};
