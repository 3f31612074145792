/* cmd_participant.c: `praxis participant role`, a participant's dated
 * role history (roles change: every analysis uses the role in effect at
 * a vignette's date). */
#include <stdlib.h>
#include <string.h>
#include "praxis/participant.h"
#include "commands.h"

struct role_job {
	const char *id, *role, *from, *remove;
};

static void print_roles(struct cli *c, const px_participant *p)
{
	fprintf(c->out, "%s (%s)\n", p->ext_id, p->pseudonym);
	fprintf(c->out, "  from the start  %s\n", p->role ? p->role : "(no role)");
	for (size_t i = 0; i < p->nroles; i++)
		fprintf(c->out, "  from %s  %s\n", p->roles[i].from, p->roles[i].role);
}

/* Lists, sets or removes; the change is one participant_update (one
 * transaction). */
static int role_apply(struct cli *c, px_db *db, const struct role_job *j, px_err *e)
{
	px_participant p = { 0 };
	int64_t id;
	int rc, changed = 1;

	if ((rc = participant_find(db, j->id, &id, e)) || (rc = participant_get(db, id, &p, e)))
		return rc == PX_ENOTFOUND ? PX_EDATA : rc;
	if (j->remove)
		rc = participant_role_remove(&p, j->remove, e);
	else if (j->role && j->from)
		rc = participant_role_set(&p, j->role, j->from, e);
	else if (j->role) {
		free(p.role);
		p.role = *j->role ? xstrdup(j->role) : NULL;
	} else
		changed = 0;
	if (rc == PX_ENOTFOUND)
		rc = PX_EDATA;
	if (!rc && changed)
		rc = participant_update(db, &p, e);
	if (!rc)
		print_roles(c, &p);
	participant_free(&p);
	return rc;
}

static int run_role(struct cli *c)
{
	struct role_job j = { 0 };
	const struct cli_opt opts[] = {
		{ "from", 1, &j.from, NULL },
		{ "remove", 1, &j.remove, NULL },
		{ NULL, 0, NULL, NULL },
	};
	char **pos;
	int npos, rc;
	px_db *db;
	px_err e = { 0 };

	if ((rc = cli_parse(c, &cmd_participant, opts, &pos, &npos)))
		return rc == 2 ? 0 : rc;
	if (npos < 1 || npos > 2)
		return cli_usage_error(c, &cmd_participant, "role needs a participant ID and"
				       " optionally a ROLE");
	j.id = pos[0];
	j.role = npos == 2 ? pos[1] : NULL;
	if (j.remove && (j.role || j.from))
		return cli_usage_error(c, &cmd_participant, "--remove takes no ROLE or --from");
	if (j.from && !j.role)
		return cli_usage_error(c, &cmd_participant, "--from needs a ROLE");
	if (j.from && !*j.role)
		return cli_usage_error(c, &cmd_participant, "a dated role cannot be empty");
	if ((rc = cli_open_db(c, 0, &db, &e)))
		return cli_report(c, &e);
	rc = role_apply(c, db, &j, &e);
	db_close(db);
	return rc ? cli_report(c, &e) : 0;
}

static int run_participant(struct cli *c)
{
	struct cli sub = *c;

	if (c->argc < 2 || strcmp(c->argv[1], "--help") == 0 || strcmp(c->argv[1], "-h") == 0) {
		fputs(cmd_participant.usage, c->argc < 2 ? c->err : c->out);
		return c->argc < 2 ? 1 : 0;
	}
	sub.argc = c->argc - 1;
	sub.argv = c->argv + 1;
	if (strcmp(c->argv[1], "role") == 0)
		return run_role(&sub);
	return cli_usage_error(c, &cmd_participant, "unknown participant command '%s' (role)",
			       c->argv[1]);
}

const struct cli_command cmd_participant = {
	"participant", run_participant, "show and change a participant's dated roles",
	"usage: praxis participant role ID\n"
	"       praxis participant role ID ROLE [--from YYYY-MM-DD]\n"
	"       praxis participant role ID --remove YYYY-MM-DD\n"
	"\n"
	"Roles change: a newcomer becomes an old-timer. A participant has a role from\n"
	"the start and any number of later roles, each holding from its day on; every\n"
	"analysis and export uses the role in effect at a vignette's date.\n"
	"\n"
	"With only ID, lists the history. With ROLE and --from, the participant holds\n"
	"ROLE from that day on (replacing a change on the same day); with ROLE alone,\n"
	"ROLE becomes the role from the start (\"\" clears it). --remove drops the\n"
	"change on that day. The history is printed after each change.\n"
	"\n"
	"Exit status: 0 done, 1 bad usage, 2 no such participant, a bad date or no\n"
	"change on that day.\n",
};
