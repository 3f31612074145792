/* participant_role.c: a participant's dated role history (roles change:
 * newcomer, then old-timer); see praxis/participant.h. */
#include <stdlib.h>
#include <string.h>
#include "praxis/participant.h"
#include "praxis/vignette.h"

void participant_roles_free(px_participant *p)
{
	for (size_t i = 0; i < p->nroles; i++) {
		free(p->roles[i].role);
		free(p->roles[i].from);
	}
	free(p->roles);
	p->roles = NULL;
	p->nroles = 0;
}

int participant_role_set(px_participant *p, const char *role, const char *from, px_err *e)
{
	size_t i;

	if (!role || !*role)
		return px_fail(e, PX_EDATA, "participant '%s': a role change needs a role",
			       p->ext_id ? p->ext_id : "");
	if (!from || !vignette_date_valid(from) || strlen(from) != 10)
		return px_fail(e, PX_EDATA, "participant '%s': bad role date '%s' (want YYYY-MM-DD)",
			       p->ext_id ? p->ext_id : "", from ? from : "");
	for (i = 0; i < p->nroles; i++) {
		int c = strcmp(p->roles[i].from, from);
		if (c == 0) {
			free(p->roles[i].role);
			p->roles[i].role = xstrdup(role);
			return PX_OK;
		}
		if (c > 0)
			break;
	}
	p->roles = xrealloc(p->roles, (p->nroles + 1) * sizeof(*p->roles));
	memmove(p->roles + i + 1, p->roles + i, (p->nroles - i) * sizeof(*p->roles));
	p->roles[i].role = xstrdup(role);
	p->roles[i].from = xstrdup(from);
	p->nroles++;
	return PX_OK;
}

int participant_role_remove(px_participant *p, const char *from, px_err *e)
{
	for (size_t i = 0; i < p->nroles; i++) {
		if (strcmp(p->roles[i].from, from) != 0)
			continue;
		free(p->roles[i].role);
		free(p->roles[i].from);
		memmove(p->roles + i, p->roles + i + 1, (p->nroles - i - 1) * sizeof(*p->roles));
		p->nroles--;
		return PX_OK;
	}
	return px_fail(e, PX_ENOTFOUND, "participant '%s' has no role change on %s",
		       p->ext_id ? p->ext_id : "", from);
}

const char *participant_role_at(const px_participant *p, const char *date)
{
	const char *role = p->role;

	/* dates compare as text: YYYY-MM-DD, a time part after it is later
	 * on the same day, which the first ten characters decide */
	for (size_t i = 0; date && i < p->nroles; i++)
		if (strncmp(p->roles[i].from, date, 10) <= 0)
			role = p->roles[i].role;
	return role;
}

int participant_roles_write(px_db *db, const px_participant *p, px_err *e)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = db_run_id(db, "DELETE FROM participant_role WHERE participant_id = ?", p->id,
			    "participant roles", e)))
		return rc;
	for (size_t i = 0; i < p->nroles; i++) {
		if (!p->roles[i].role || !*p->roles[i].role || !p->roles[i].from ||
		    !vignette_date_valid(p->roles[i].from))
			return px_fail(e, PX_EDATA, "participant '%s': bad role change '%s' from '%s'",
				       p->ext_id, p->roles[i].role ? p->roles[i].role : "",
				       p->roles[i].from ? p->roles[i].from : "");
		if (!(st = db_stmt(db, "INSERT INTO participant_role(participant_id, from_date, role)"
				   " VALUES (?, ?, ?)", e)))
			return px_status_of(e);
		sqlite3_bind_int64(st, 1, p->id);
		db_bind_text(st, 2, p->roles[i].from);
		db_bind_text(st, 3, p->roles[i].role);
		if ((rc = db_step_done(db, st, e, "participant role")))
			return px_wrap(e, "participant '%s', role from %s", p->ext_id,
				       p->roles[i].from);
	}
	return PX_OK;
}

int participant_roles_read(px_db *db, px_participant *p, px_err *e)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT role, from_date FROM participant_role"
				   " WHERE participant_id = ? ORDER BY from_date", e);
	int rc;

	if (!st)
		return px_status_of(e);
	sqlite3_bind_int64(st, 1, p->id);
	while (db_row(db, st, &rc, e)) {
		p->roles = xrealloc(p->roles, (p->nroles + 1) * sizeof(*p->roles));
		p->roles[p->nroles].role = db_col_strdup(st, 0);
		p->roles[p->nroles].from = db_col_strdup(st, 1);
		p->nroles++;
	}
	sqlite3_reset(st);
	return rc;
}

char *participant_role_on(px_db *db, int64_t id, const char *date)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT coalesce((SELECT role FROM participant_role"
				   " WHERE participant_id = ?1 AND from_date <= substr(?2, 1, 10)"
				   " ORDER BY from_date DESC LIMIT 1), role) FROM participant"
				   " WHERE id = ?1", NULL);
	char *role = NULL;

	if (!st)
		return NULL;
	sqlite3_bind_int64(st, 1, id);
	db_bind_text(st, 2, date ? date : "");
	if (sqlite3_step(st) == SQLITE_ROW)
		role = db_col_strdup(st, 0);
	sqlite3_reset(st);
	return role;
}
