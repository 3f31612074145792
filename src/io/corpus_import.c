/* corpus_import.c: reading the YAML corpus format into the store.
 *
 * Sections are handled in file order, and long lists one item at a time,
 * so memory stays flat however many vignettes a file holds. A vignette may
 * therefore only name participants, communities, coders and register
 * entries listed above it (or already in the database). */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "praxis/audit.h"
#include "praxis/codebook.h"
#include "praxis/coding.h"
#include "praxis/corpus.h"
#include "praxis/entity.h"
#include "praxis/memo.h"
#include "praxis/participant.h"
#include "praxis/project.h"
#include "praxis/sync_conflict.h"
#include "praxis/text.h"
#include "praxis/util.h"
#include "praxis/vignette.h"
#include "praxis/ytree.h"

enum seen_kind {
	SEEN_CODER, SEEN_COMMUNITY, SEEN_REPERTOIRE, SEEN_ACCOUNTABILITY,
	SEEN_PARTICIPANT, SEEN_VIGNETTE, SEEN_CODE, SEEN_COUNT
};

struct imp {
	px_db *db;
	yreader *r;
	int64_t coder_id;
	corpus_stats *st;
	px_err *e;
	strlist files;             /* names, for "first at FILE:L:C" */
	strmap seen[SEEN_COUNT];   /* ext id -> where it was first listed */
	/* Lookups repeated for every coding, cached for the import (rows are
	 * only added while it runs, so a cached id stays right). */
	strmap code_ids;           /* code path as written -> code id */
	strmap people_ids;         /* participant id -> row id */
	strmap entity_ids[ENT_KIND_COUNT];
	int phase;                 /* enum corpus_phase of the file being read */
};

static int cached_entity(struct imp *im, enum entity_kind k, const char *ext, int64_t *id)
{
	if (sm_get(&im->entity_ids[k], ext, id))
		return PX_OK;
	if (entity_find(im->db, k, ext, id, NULL) != PX_OK)
		return PX_ENOTFOUND;
	sm_put(&im->entity_ids[k], ext, *id);
	return PX_OK;
}

static int cached_participant(struct imp *im, const char *ext, int64_t *id)
{
	if (sm_get(&im->people_ids, ext, id))
		return PX_OK;
	if (participant_find(im->db, ext, id, NULL) != PX_OK)
		return PX_ENOTFOUND;
	sm_put(&im->people_ids, ext, *id);
	return PX_OK;
}

static int cached_code(struct imp *im, const char *path, int64_t *id, int *created)
{
	int rc;

	if (created)
		*created = 0;
	if (sm_get(&im->code_ids, path, id))
		return PX_OK;
	if ((rc = codebook_resolve(im->db, path, 1, id, created, im->e)))
		return rc;
	sm_put(&im->code_ids, path, *id);
	return PX_OK;
}

/* A place in the input packed into one integer for the seen maps. */
static int64_t pack_mark(size_t file, const ynode *n)
{
	return ((int64_t)file << 44) | ((int64_t)n->line << 16) | (n->col & 0xffff);
}

static const char *mark_text(const struct imp *im, int64_t m, char buf[512])
{
	size_t file = (size_t)(m >> 44);

	snprintf(buf, 512, "%s:%lld:%lld", file < im->files.n ? im->files.v[file] : "?",
		 (long long)((m >> 16) & 0xfffffff), (long long)(m & 0xffff));
	return buf;
}

/* ---- field access -------------------------------------------------- */

static int check_keys(struct imp *im, const ynode *map, const char *what,
		      const char *const *allowed)
{
	if (map->type != YN_MAP)
		return yerr(im->e, im->r, map, "%s must be a mapping of keys", what);
	for (size_t i = 0; i < map->n; i += 2) {
		int ok = 0;
		for (const char *const *a = allowed; *a && !ok; a++)
			ok = strcmp(map->kids[i]->value, *a) == 0;
		if (!ok) {
			strbuf list;
			sb_init(&list);
			for (const char *const *a = allowed; *a; a++)
				sb_printf(&list, "%s%s", a == allowed ? "" : ", ", *a);
			int rc = yerr(im->e, im->r, map->kids[i], "unknown key '%s' in %s "
				      "(expected %s)", map->kids[i]->value, what, sb_str(&list));
			sb_free(&list);
			return rc;
		}
	}
	return PX_OK;
}

/* A scalar string field: NULL when absent or null; an error when required
 * and missing, or when it is not a scalar. */
static int get_str(struct imp *im, const ynode *map, const char *key, int required,
		   const char *what, const char **out)
{
	const ynode *v = ynode_get(map, key);

	*out = NULL;
	if (!v || ynode_is_null(v)) {
		if (required)
			return yerr(im->e, im->r, v ? v : map, "%s needs '%s'", what, key);
		return PX_OK;
	}
	if (v->type != YN_SCALAR)
		return yerr(im->e, im->r, v, "'%s' must be a single value, not a list or mapping",
			    key);
	if (required && !*v->value)
		return yerr(im->e, im->r, v, "'%s' cannot be empty", key);
	*out = v->value;
	return PX_OK;
}

static int scalar_int(struct imp *im, const ynode *v, const char *key, int64_t *out)
{
	char *end;
	long long x;

	if (v->type != YN_SCALAR || !v->plain || !*v->value)
		return yerr(im->e, im->r, v, "'%s' must be a whole number", key);
	errno = 0;
	x = strtoll(v->value, &end, 10);
	if (*end)
		return yerr(im->e, im->r, v, "'%s' must be a whole number, not '%s'", key, v->value);
	if (errno == ERANGE)
		return yerr(im->e, im->r, v, "'%s': %s is out of range", key, v->value);
	*out = x;
	return PX_OK;
}

/* -1 when absent; 0 or 1. */
static int get_bool(struct imp *im, const ynode *map, const char *key, int *out)
{
	const ynode *v = ynode_get(map, key);

	*out = -1;
	if (!v || ynode_is_null(v))
		return PX_OK;
	if (v->type == YN_SCALAR && v->plain && strcmp(v->value, "true") == 0)
		*out = 1;
	else if (v->type == YN_SCALAR && v->plain && strcmp(v->value, "false") == 0)
		*out = 0;
	else
		return yerr(im->e, im->r, v, "'%s' must be true or false", key);
	return PX_OK;
}

/* A list of scalars (block or flow sequence); absent or null is empty. */
static int get_list(struct imp *im, const ynode *map, const char *key, const ynode **out)
{
	const ynode *v = ynode_get(map, key);

	*out = NULL;
	if (!v || ynode_is_null(v))
		return PX_OK;
	if (v->type != YN_SEQ)
		return yerr(im->e, im->r, v, "'%s' must be a list, e.g. [a, b]", key);
	for (size_t i = 0; i < v->n; i++)
		if (v->kids[i]->type != YN_SCALAR || ynode_is_null(v->kids[i]))
			return yerr(im->e, im->r, v->kids[i], "'%s' lists plain values", key);
	*out = v;
	return PX_OK;
}

/* The identity fields every kind of row may carry (all optional): a uuid,
 * and for rows that have them the created/updated times, as written by
 * util_now_iso ("2026-05-01T09:30:00Z"). */
static int get_uuid(struct imp *im, const ynode *map, const char **out)
{
	int rc = get_str(im, map, "uuid", 0, "", out);

	if (!rc && *out && !**out)
		rc = yerr(im->e, im->r, ynode_get(map, "uuid"), "'uuid' cannot be empty");
	return rc;
}

static int time_valid(const char *s)
{
	static const char shape[] = "dddd-dd-ddTdd:dd:ddZ";

	if (strlen(s) != sizeof(shape) - 1)
		return 0;
	for (size_t i = 0; shape[i]; i++)
		if (shape[i] == 'd' ? !isdigit((unsigned char)s[i]) : s[i] != shape[i])
			return 0;
	return 1;
}

static int get_time(struct imp *im, const ynode *map, const char *key, char **out)
{
	const char *s;
	int rc;

	if ((rc = get_str(im, map, key, 0, "", &s)))
		return rc;
	if (s && !time_valid(s))
		return yerr(im->e, im->r, ynode_get(map, key), "'%s' must be a UTC time like "
			    "2026-05-01T09:30:00Z, not '%s'", key, s);
	*out = xstrdup(s);
	return PX_OK;
}

/* uuid, created and updated into the row's own fields. */
static int get_stamps(struct imp *im, const ynode *map, char **uuid, char **created,
		      char **updated)
{
	const char *u;
	int rc;

	if ((rc = get_uuid(im, map, &u)) || (rc = get_time(im, map, "created", created)) ||
	    (rc = get_time(im, map, "updated", updated)))
		return rc;
	*uuid = xstrdup(u);
	return PX_OK;
}

/* Records id as listed at n; a second listing in this import is an error. */
static int note_seen(struct imp *im, enum seen_kind k, const char *label, const ynode *n,
		     const char *id)
{
	int64_t first;
	char where[512];

	if (sm_get(&im->seen[k], id, &first))
		return yerr(im->e, im->r, n, "duplicate %s id '%s' (first listed at %s)", label, id,
			    mark_text(im, first, where));
	sm_put(&im->seen[k], id, pack_mark(im->files.n - 1, n));
	return PX_OK;
}

/* Core errors carry no position: prefix the node's. */
static int at_node(struct imp *im, const ynode *n, int rc)
{
	char msg[sizeof(im->e->msg)];

	if (!rc)
		return rc;
	memcpy(msg, im->e->msg, sizeof(msg));
	return yerr(im->e, im->r, n, "%s", msg);
}

static int find_entity(struct imp *im, enum entity_kind k, const ynode *map, const char *key,
		       const char *listed_under, int64_t *id)
{
	const char *ext;
	int rc;

	*id = 0;
	if ((rc = get_str(im, map, key, 0, key, &ext)) || !ext)
		return rc;
	if (cached_entity(im, k, ext, id) != PX_OK)
		return yerr(im->e, im->r, ynode_get(map, key), "no %s '%s' (list it under %s: "
			    "above this point)", entity_label(k), ext, listed_under);
	return PX_OK;
}

static int find_people(struct imp *im, const ynode *list, const idlist *allowed,
		       const char *key, idlist *out)
{
	for (size_t i = 0; list && i < list->n; i++) {
		const ynode *item = list->kids[i];
		int64_t id;
		if (cached_participant(im, item->value, &id) != PX_OK)
			return yerr(im->e, im->r, item, "no participant '%s' (list it under "
				    "participants: above this point)", item->value);
		if (allowed && !idl_has(allowed, id))
			return yerr(im->e, im->r, item, "participant '%s' is not among the "
				    "vignette's participants", item->value);
		if (idl_has(out, id))
			return yerr(im->e, im->r, item, "participant '%s' is named twice in '%s'",
				    item->value, key);
		idl_push(out, id);
	}
	return PX_OK;
}

/* ---- sections ------------------------------------------------------ */

static int import_named(struct imp *im, const ynode *n, enum entity_kind k,
			enum seen_kind seen)
{
	static const char *const keys[] = { "id", "name", "uuid", NULL };
	const char *id, *name, *uuid;
	px_entity ent = { 0 };
	int rc;

	if ((rc = check_keys(im, n, k == ENT_CODER ? "a coder" : "a community", keys)) ||
	    (rc = get_str(im, n, "id", 1, entity_label(k), &id)) ||
	    (rc = get_str(im, n, "name", 0, entity_label(k), &name)) ||
	    (rc = get_uuid(im, n, &uuid)))
		return rc;
	if (k == ENT_CODER && !entity_coder_id_valid(id))
		return yerr(im->e, im->r, ynode_get(n, "id"), "coder id '%s': use only a-z, 0-9, "
			    "'_' and '-'", id);
	if ((rc = note_seen(im, seen, entity_label(k), ynode_get(n, "id"), id)))
		return rc;
	if (entity_find(im->db, k, id, &ent.id, NULL) == PX_OK) {
		/* coders and communities merge: the file's name and uuid win
		 * (the coder importing may exist already, made for the import) */
		if (!name && !uuid)
			return PX_OK;
		if ((rc = entity_get(im->db, k, ent.id, &ent, im->e)))
			return rc;
		if (name) {
			free(ent.name);
			ent.name = xstrdup(name);
		}
		if (uuid) {
			free(ent.uuid);
			ent.uuid = xstrdup(uuid);
		}
		rc = entity_update(im->db, k, &ent, im->e);
	} else {
		ent.ext_id = xstrdup(id);
		ent.name = xstrdup(name);
		ent.uuid = xstrdup(uuid);
		ent.reified = -1;
		rc = entity_add(im->db, k, &ent, im->e);
		if (!rc) {
			if (k == ENT_CODER) {
				im->st->coders++;
				if (!im->coder_id)
					im->coder_id = ent.id;
			}
			else
				im->st->communities++;
		}
	}
	entity_free(&ent);
	return at_node(im, n, rc);
}

static int import_coder(struct imp *im, const ynode *n)
{
	return import_named(im, n, ENT_CODER, SEEN_CODER);
}

static int import_community(struct imp *im, const ynode *n)
{
	return import_named(im, n, ENT_COMMUNITY, SEEN_COMMUNITY);
}

static int import_code(struct imp *im, const ynode *n)
{
	static const char *const keys[] = { "code", "description", "color", "uuid", NULL };
	const char *path, *desc, *color, *uuid;
	int64_t id;
	int created, rc;

	if ((rc = check_keys(im, n, "a codebook entry", keys)) ||
	    (rc = get_str(im, n, "code", 1, "a codebook entry", &path)) ||
	    (rc = get_str(im, n, "description", 0, "", &desc)) ||
	    (rc = get_str(im, n, "color", 0, "", &color)) ||
	    (rc = get_uuid(im, n, &uuid)))
		return rc;
	if (color && !codebook_color_valid(color))
		return yerr(im->e, im->r, ynode_get(n, "color"), "color '%s': use \"#rrggbb\" or "
			    "\"#rgb\" (quoted: # starts a comment)", color);
	if ((rc = cached_code(im, path, &id, &created)))
		return at_node(im, ynode_get(n, "code"), PX_EDATA);
	if ((rc = note_seen(im, SEEN_CODE, "codebook", ynode_get(n, "code"), path)))
		return rc;
	im->st->codes += created;
	if (desc && (rc = codebook_set_description(im->db, id, desc, im->e)))
		return at_node(im, n, rc);
	if (color && (rc = codebook_set_color(im->db, id, color, im->e)))
		return at_node(im, n, rc);
	/* the file names the code's identity (a dimension's or a default
	 * code's too, which a new project has under other uuids) */
	if (uuid && (rc = codebook_set_uuid(im->db, id, uuid, im->e)))
		return at_node(im, n, rc);
	return PX_OK;
}

static int same_str(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static int import_register(struct imp *im, const ynode *n, enum entity_kind k)
{
	static const char *const rep_keys[] = { "id", "name", "kind", "reified", "description",
						"community", "uuid", NULL };
	static const char *const acc_keys[] = { "id", "name", "reified", "description",
						"community", "uuid", NULL };
	const char *id, *name, *kind = NULL, *uuid, *desc;
	px_entity ent = { 0 }, old;
	int64_t community;
	int rc, reified;
	enum seen_kind seen = k == ENT_REPERTOIRE ? SEEN_REPERTOIRE : SEEN_ACCOUNTABILITY;

	if ((rc = check_keys(im, n, k == ENT_REPERTOIRE ? "a repertoire entry"
			     : "an accountability entry", k == ENT_REPERTOIRE ? rep_keys : acc_keys)) ||
	    (rc = get_str(im, n, "id", 1, entity_label(k), &id)) ||
	    (rc = get_str(im, n, "name", 0, "", &name)) ||
	    (k == ENT_REPERTOIRE && (rc = get_str(im, n, "kind", 0, "", &kind))) ||
	    (rc = get_bool(im, n, "reified", &reified)) ||
	    (rc = get_str(im, n, "description", 0, "", &desc)) ||
	    (rc = find_entity(im, ENT_COMMUNITY, n, "community", "communities", &community)) ||
	    (rc = get_uuid(im, n, &uuid)))
		return rc;
	if (kind && !entity_repertoire_kind_valid(kind)) {
		strbuf list;
		sb_init(&list);
		for (int i = 0; entity_repertoire_kinds[i]; i++)
			sb_printf(&list, "%s%s", i ? ", " : "", entity_repertoire_kinds[i]);
		rc = yerr(im->e, im->r, ynode_get(n, "kind"), "unknown repertoire kind '%s' "
			  "(one of %s)", kind, sb_str(&list));
		sb_free(&list);
		return rc;
	}
	if ((rc = note_seen(im, seen, entity_label(k), ynode_get(n, "id"), id)))
		return rc;
	if (entity_find(im->db, k, id, &ent.id, NULL) == PX_OK) {
		if ((rc = entity_get(im->db, k, ent.id, &old, im->e)))
			return rc;
		int same = same_str(old.name, name) && same_str(old.kind, kind) &&
			   old.reified == reified && same_str(old.description, desc) &&
			   old.community_id == community;
		entity_free(&old);
		if (!same)
			return yerr(im->e, im->r, n, "%s '%s' already exists in the database with "
				    "other fields", entity_label(k), id);
		return PX_OK;
	}
	ent.ext_id = xstrdup(id);
	ent.name = xstrdup(name);
	ent.kind = xstrdup(kind);
	ent.reified = reified;
	ent.description = xstrdup(desc);
	ent.community_id = community;
	ent.uuid = xstrdup(uuid);
	rc = entity_add(im->db, k, &ent, im->e);
	entity_free(&ent);
	if (!rc)
		im->st->repertoire += k == ENT_REPERTOIRE, im->st->accountability += k != ENT_REPERTOIRE;
	return at_node(im, n, rc);
}

static int import_repertoire(struct imp *im, const ynode *n)
{
	return import_register(im, n, ENT_REPERTOIRE);
}

static int import_accountability(struct imp *im, const ynode *n)
{
	return import_register(im, n, ENT_ACCOUNTABILITY);
}

static int participant_same(const px_participant *a, const px_participant *b)
{
	if (!same_str(a->pseudonym, b->pseudonym) || !same_str(a->role, b->role) ||
	    a->nattrs != b->nattrs || a->aliases.n != b->aliases.n || a->nroles != b->nroles)
		return 0;
	for (size_t i = 0; i < a->nroles; i++)
		if (!same_str(a->roles[i].role, b->roles[i].role) ||
		    !same_str(a->roles[i].from, b->roles[i].from))
			return 0;
	for (size_t i = 0; i < a->nattrs; i++)
		if (!same_str(a->attrs[i].key, b->attrs[i].key) ||
		    !same_str(a->attrs[i].value, b->attrs[i].value))
			return 0;
	for (size_t i = 0; i < a->aliases.n; i++)
		if (!same_str(a->aliases.v[i], b->aliases.v[i]) ||
		    !same_str(i < a->alias_as.n ? a->alias_as.v[i] : "",
			      i < b->alias_as.n ? b->alias_as.v[i] : ""))
			return 0;
	return 1;
}

/* aliases: [Ferenc, {name: Feri, as: Fen}]: a plain alias is replaced by
 * the pseudonym, a mapping by its own pseudonymous form. */
static int get_aliases(struct imp *im, const ynode *n, px_participant *p)
{
	static const char *const keys[] = { "name", "as", NULL };
	const ynode *v = ynode_get(n, "aliases");

	if (!v || ynode_is_null(v))
		return PX_OK;
	if (v->type != YN_SEQ)
		return yerr(im->e, im->r, v, "'aliases' must be a list, e.g. [Ferenc,"
			    " {name: Feri, as: Fen}]");
	for (size_t i = 0; i < v->n; i++) {
		const ynode *a = v->kids[i];
		const char *name, *as;
		int rc;
		if (a->type == YN_SCALAR && !ynode_is_null(a)) {
			sl_push(&p->aliases, a->value);
			sl_push(&p->alias_as, "");
			continue;
		}
		if (a->type != YN_MAP)
			return yerr(im->e, im->r, a, "an alias is a name or {name: ..., as: ...}");
		if ((rc = check_keys(im, a, "an alias", keys)) ||
		    (rc = get_str(im, a, "name", 1, "an alias", &name)) ||
		    (rc = get_str(im, a, "as", 1, "an alias", &as)))
			return rc;
		sl_push(&p->aliases, name);
		sl_push(&p->alias_as, as);
	}
	return PX_OK;
}

/* roles: [{role: newcomer}, {role: old-timer, from: 2026-04-01}]: a role
 * without 'from' holds from the start (as 'role:' does; only one may),
 * the others from their day on. */
static int get_roles(struct imp *im, const ynode *n, px_participant *p)
{
	static const char *const keys[] = { "role", "from", NULL };
	const ynode *v = ynode_get(n, "roles");

	if (!v || ynode_is_null(v))
		return PX_OK;
	if (v->type != YN_SEQ)
		return yerr(im->e, im->r, v, "'roles' must be a list, e.g. [{role: newcomer,"
			    " from: 2026-03-01}, {role: old-timer, from: 2026-04-01}]");
	for (size_t i = 0; i < v->n; i++) {
		const ynode *r = v->kids[i];
		const char *role, *from;
		px_err e2 = { 0 };
		int rc;
		if (r->type != YN_MAP)
			return yerr(im->e, im->r, r, "a role is {role: ..., from: YYYY-MM-DD}");
		if ((rc = check_keys(im, r, "a role", keys)) ||
		    (rc = get_str(im, r, "role", 1, "a role", &role)) ||
		    (rc = get_str(im, r, "from", 0, "", &from)))
			return rc;
		if (!from) {
			if (p->role)
				return yerr(im->e, im->r, r, "participant '%s' has two roles from the"
					    " start ('%s' and '%s'): give the later one a 'from' date",
					    p->ext_id, p->role, role);
			p->role = xstrdup(role);
			continue;
		}
		for (size_t k = 0; k < p->nroles; k++)
			if (strcmp(p->roles[k].from, from) == 0)
				return yerr(im->e, im->r, ynode_get(r, "from"), "participant '%s' has"
					    " two roles from %s", p->ext_id, from);
		if (participant_role_set(p, role, from, &e2))
			return yerr(im->e, im->r, ynode_get(r, "from"), "bad role date '%s'"
				    " (want YYYY-MM-DD)", from);
	}
	return PX_OK;
}

static int read_participant(struct imp *im, const ynode *n, px_participant *p)
{
	static const char *const keys[] = {
		"id", "pseudonym", "role", "roles", "attributes", "aliases", "uuid", NULL
	};
	const char *id, *pseudonym, *role, *uuid;
	const ynode *attrs;
	int rc;

	if ((rc = check_keys(im, n, "a participant", keys)) ||
	    (rc = get_str(im, n, "id", 1, "a participant", &id)) ||
	    (rc = get_str(im, n, "pseudonym", 1, "a participant", &pseudonym)) ||
	    (rc = get_str(im, n, "role", 0, "", &role)) ||
	    (rc = get_aliases(im, n, p)) ||
	    (rc = get_uuid(im, n, &uuid)))
		return rc;
	p->ext_id = xstrdup(id);
	p->uuid = xstrdup(uuid);
	p->pseudonym = xstrdup(pseudonym);
	p->role = xstrdup(role);
	if ((rc = get_roles(im, n, p)))
		return rc;
	attrs = ynode_get(n, "attributes");
	if (attrs && !ynode_is_null(attrs)) {
		if (attrs->type != YN_MAP)
			return yerr(im->e, im->r, attrs, "'attributes' must be a mapping, e.g. "
				    "{tenure: 3 years}");
		for (size_t i = 0; i + 1 < attrs->n; i += 2) {
			const ynode *v = attrs->kids[i + 1];
			if (v->type != YN_SCALAR)
				return yerr(im->e, im->r, v, "attribute '%s' must be a single value",
					    attrs->kids[i]->value);
			participant_attr_add(p, attrs->kids[i]->value, v->value);
		}
	}
	return PX_OK;
}

static int import_participant(struct imp *im, const ynode *n)
{
	px_participant p = { 0 }, old;
	int64_t existing;
	int rc;

	if ((rc = read_participant(im, n, &p)))
		goto out;
	if ((rc = note_seen(im, SEEN_PARTICIPANT, "participant", ynode_get(n, "id"), p.ext_id)))
		goto out;
	if (participant_find(im->db, p.ext_id, &existing, NULL) == PX_OK) {
		if ((rc = participant_get(im->db, existing, &old, im->e)))
			goto out;
		int same = participant_same(&old, &p);
		participant_free(&old);
		if (!same)
			rc = yerr(im->e, im->r, n, "participant '%s' already exists in the database "
				  "with other fields", p.ext_id);
		goto out;
	}
	rc = at_node(im, n, participant_add(im->db, &p, im->e));
	if (!rc)
		im->st->participants++;
out:
	participant_free(&p);
	return rc;
}

/* The span of a coding: quote (+ occurrence), start/end, or the whole. */
static int coding_span(struct imp *im, const ynode *n, const px_vignette *v, px_coding *c)
{
	const ynode *quote = ynode_get(n, "quote"), *occ = ynode_get(n, "occurrence");
	const ynode *start = ynode_get(n, "start"), *end = ynode_get(n, "end");
	int64_t nth = 1;
	int count = 0, rc;

	c->start = c->end = -1;
	if (quote && (start || end))
		return yerr(im->e, im->r, quote, "give either 'quote' or 'start'/'end', not both");
	if (occ && !quote)
		return yerr(im->e, im->r, occ, "'occurrence' goes with 'quote'");
	if (quote) {
		if (quote->type != YN_SCALAR || !*quote->value)
			return yerr(im->e, im->r, quote, "'quote' must be a non-empty piece of the text");
		if (occ && ((rc = scalar_int(im, occ, "occurrence", &nth)) || nth < 1))
			return rc ? rc : yerr(im->e, im->r, occ, "'occurrence' counts from 1");
		int64_t at = text_find_nth(v->text, quote->value, nth > 1000000 ? -1 : (int)nth,
					   &count);
		if (count == 0)
			return yerr(im->e, im->r, quote, "quote not found in vignette '%s': \"%s\"",
				    v->ext_id, quote->value);
		if (count > 1 && !occ)
			return yerr(im->e, im->r, quote, "quote occurs %d times in vignette '%s'; "
				    "add 'occurrence:' (1 to %d) to say which", count, v->ext_id,
				    count);
		if (at < 0)
			return yerr(im->e, im->r, occ, "occurrence %lld, but the quote occurs %d "
				    "time%s in vignette '%s'", (long long)nth, count,
				    count == 1 ? "" : "s", v->ext_id);
		c->start = at;
		c->end = at + (int64_t)text_cp_len(quote->value);
		return PX_OK;
	}
	if (!start && !end)
		return PX_OK;
	if (!start || !end)
		return yerr(im->e, im->r, start ? start : end, "'start' and 'end' go together");
	if ((rc = scalar_int(im, start, "start", &c->start)) ||
	    (rc = scalar_int(im, end, "end", &c->end)))
		return rc;
	if (c->start < 0 || c->end < c->start)
		return yerr(im->e, im->r, start, "span %lld-%lld is reversed (end is "
			    "exclusive and must not be less than start)", (long long)c->start,
			    (long long)c->end);
	/* an empty span is a coding whose text an edit deleted: it must say
	 * so (coding.c check_span) */
	if (c->end == c->start && !c->needs_review)
		return yerr(im->e, im->r, start, "span %lld-%lld is empty (end is exclusive "
			    "and must be greater than start; an empty span needs "
			    "'needs_review: true')", (long long)c->start, (long long)c->end);
	if (c->end > v->length)
		return yerr(im->e, im->r, end, "span %lld-%lld lies outside the text of vignette "
			    "'%s' (%lld characters)", (long long)c->start, (long long)c->end,
			    v->ext_id, (long long)v->length);
	return PX_OK;
}

static int coding_links(struct imp *im, const ynode *n, px_coding *c)
{
	const char *stance, *interp;
	const ynode *held;
	int rc;

	if ((rc = find_entity(im, ENT_REPERTOIRE, n, "repertoire", "repertoire",
			      &c->repertoire_id)) ||
	    (rc = find_entity(im, ENT_ACCOUNTABILITY, n, "accountability", "accountability",
			      &c->accountability_id)) ||
	    (rc = get_str(im, n, "interpretation", 0, "", &interp)) ||
	    (rc = get_str(im, n, "stance", 0, "", &stance)) ||
	    (rc = get_list(im, n, "held_by", &held)))
		return rc;
	if (interp && !c->repertoire_id && !c->accountability_id)
		return yerr(im->e, im->r, ynode_get(n, "interpretation"), "'interpretation' needs "
			    "'repertoire' or 'accountability' (the entry it interprets)");
	if (stance && !c->accountability_id)
		return yerr(im->e, im->r, ynode_get(n, "stance"), "'stance' needs 'accountability' "
			    "(the norm the stance is taken to)");
	if (held && !c->accountability_id && !coding_under_accountability(im->db, c->code_id))
		return yerr(im->e, im->r, held, "'held_by' needs 'accountability' or a code under "
			    "JE/mutual accountability");
	if (stance && (c->stance = coding_stance_parse(stance)) < 0)
		return yerr(im->e, im->r, ynode_get(n, "stance"), "unknown stance '%s' (upheld, "
			    "breached, negotiated or contested)", stance);
	c->interpretation = xstrdup(interp);
	return find_people(im, held, NULL, "held_by", &c->held_by);
}

/* mode: one name, or a list of them (the set; participation and
 * reification are not alternatives). */
static int coding_mode(struct imp *im, const ynode *n, px_coding *c)
{
	const ynode *m = ynode_get(n, "mode");

	c->mode = MODE_NONE;
	if (!m || ynode_is_null(m))
		return PX_OK;
	for (size_t i = 0; i < (m->type == YN_SEQ ? m->n : 1); i++) {
		const ynode *item = m->type == YN_SEQ ? m->kids[i] : m;
		int k = item->type == YN_SCALAR ? coding_mode_parse(item->value) : -1;
		if (k < 0)
			return yerr(im->e, im->r, item, "unknown mode '%s' (participation, "
				    "reification or [participation, reification])",
				    item->type == YN_SCALAR ? item->value : "");
		c->mode |= k;
	}
	return PX_OK;
}

/* speaker: the participant whose reading the interpretation is; present
 * at the vignette. */
static int coding_speaker(struct imp *im, const ynode *n, const px_vignette *v, px_coding *c)
{
	const char *who;
	int rc;

	if ((rc = get_str(im, n, "speaker", 0, "", &who)) || !who)
		return rc;
	if (!c->interpretation)
		return yerr(im->e, im->r, ynode_get(n, "speaker"), "'speaker' needs "
			    "'interpretation' (the reading they gave)");
	if (cached_participant(im, who, &c->speaker_id) != PX_OK)
		return yerr(im->e, im->r, ynode_get(n, "speaker"), "no participant '%s' (list it "
			    "under participants: above this point)", who);
	if (!idl_has(&v->participants, c->speaker_id))
		return yerr(im->e, im->r, ynode_get(n, "speaker"), "speaker '%s' is not among the "
			    "vignette's participants", who);
	return PX_OK;
}

/* The coder for codings that name none: see corpus_import. */
static int importing_coder(struct imp *im, int64_t *id)
{
	char *fallback;
	int rc;

	if (!im->coder_id) {
		fallback = entity_coder_default_id();
		rc = entity_coder_ensure(im->db, fallback, &im->coder_id, im->e);
		free(fallback);
		if (rc)
			return rc;
	}
	*id = im->coder_id;
	return PX_OK;
}

/* The targets of a top-level memo: `on: [KIND:ID, ...]` (or one KIND:ID). */
static int memo_targets(struct imp *im, const ynode *n, px_memo *m)
{
	const ynode *on = ynode_get(n, "on");
	const ynode *one[1];
	const ynode *const *items = one;
	size_t count = 1;

	if (!on || ynode_is_null(on))
		return yerr(im->e, im->r, n, "a memo in the top-level 'memos' needs 'on' "
			    "(a list of targets such as project, code:SR/tools, vignette:v01)");
	one[0] = on;
	if (on->type == YN_SEQ) {
		items = (const ynode *const *)on->kids;
		count = on->n;
	}
	if (!count)
		return yerr(im->e, im->r, on, "'on' lists no target");
	for (size_t i = 0; i < count; i++) {
		px_memo_on t;
		if (items[i]->type != YN_SCALAR)
			return yerr(im->e, im->r, items[i], "a memo target must be KIND:ID");
		if (memo_target_parse(im->db, items[i]->value, &t, im->e))
			return at_node(im, items[i], PX_EDATA);
		memo_on_push(m, t.kind, t.id);
	}
	return PX_OK;
}

/* One memo: nested under a vignette or coding (on = that target), or at
 * the top level (on = NULL, the memo names its targets). A memo whose
 * uuid is already in the database is there: it is not added twice. */
static int import_memo(struct imp *im, const ynode *n, const px_memo_on *on)
{
	static const char *const keys[] = {
		"on", "uuid", "author", "created", "updated", "title", "text", NULL
	};
	const char *text, *uuid, *created, *updated, *title;
	px_memo m = { 0 };
	int64_t existing;
	int rc;

	if ((rc = check_keys(im, n, "a memo", on ? keys + 1 : keys)) ||
	    (rc = get_str(im, n, "text", 1, "a memo", &text)) ||
	    (rc = get_str(im, n, "uuid", 0, "", &uuid)) ||
	    (rc = get_str(im, n, "created", 0, "", &created)) ||
	    (rc = get_str(im, n, "updated", 0, "", &updated)) ||
	    (rc = get_str(im, n, "title", 0, "", &title)) ||
	    (rc = find_entity(im, ENT_CODER, n, "author", "coders", &m.coder_id)))
		goto out;
	if (uuid && (rc = memo_find_uuid(im->db, uuid, &existing, im->e)) != 0) {
		rc = rc < 0 ? px_status_of(im->e) : PX_OK;
		goto out;
	}
	if (on)
		memo_on_push(&m, on->kind, on->id);
	else if ((rc = memo_targets(im, n, &m)))
		goto out;
	if (!m.coder_id)
		m.coder_id = im->coder_id;
	m.text = xstrdup(text);
	m.uuid = uuid ? xstrdup(uuid) : NULL;
	m.created = created ? xstrdup(created) : NULL;
	m.updated = updated ? xstrdup(updated) : NULL;
	m.title = title ? xstrdup(title) : NULL;
	if (!(rc = at_node(im, n, memo_add(im->db, &m, im->e))))
		im->st->memos++;
out:
	memo_free(&m);
	return rc;
}

static int import_top_memo(struct imp *im, const ynode *n)
{
	return import_memo(im, n, NULL);
}

/* The `memos:` list of a vignette or coding. */
static int import_nested_memos(struct imp *im, const ynode *n, int kind, int64_t id)
{
	const ynode *memos = ynode_get(n, "memos");
	px_memo_on on = { kind, id };
	int rc;

	if (!memos || ynode_is_null(memos))
		return PX_OK;
	if (memos->type != YN_SEQ)
		return yerr(im->e, im->r, memos, "'memos' must be a list of {text: ...}");
	for (size_t i = 0; i < memos->n; i++)
		if ((rc = import_memo(im, memos->kids[i], &on)))
			return rc;
	return PX_OK;
}

static int import_coding(struct imp *im, const ynode *n, const px_vignette *v)
{
	static const char *const keys[] = {
		"code", "quote", "occurrence", "start", "end", "participants", "mode", "coder",
		"memo", "repertoire", "interpretation", "accountability", "stance", "held_by",
		"needs_review", "uuid", "created", "updated", "memos", "speaker", NULL
	};
	const char *path, *memo;
	const ynode *people;
	px_coding c = { 0 };
	int rc;

	c.vignette_id = v->id;
	if ((rc = check_keys(im, n, "a coding", keys)) ||
	    (rc = get_str(im, n, "code", 1, "a coding", &path)) ||
	    (rc = get_str(im, n, "memo", 0, "", &memo)) ||
	    (rc = get_list(im, n, "participants", &people)) ||
	    (rc = get_bool(im, n, "needs_review", &c.needs_review)) ||
	    (rc = get_stamps(im, n, &c.uuid, &c.created, &c.updated)))
		goto out;
	c.needs_review = c.needs_review > 0;
	if (cached_code(im, path, &c.code_id, NULL)) {
		rc = at_node(im, ynode_get(n, "code"), PX_EDATA);
		goto out;
	}
	if ((rc = coding_span(im, n, v, &c)) ||
	    (rc = find_people(im, people, &v->participants, "participants", &c.participants)) ||
	    (rc = find_entity(im, ENT_CODER, n, "coder", "coders", &c.coder_id)) ||
	    (rc = coding_links(im, n, &c)) || (rc = coding_speaker(im, n, v, &c)) ||
	    (rc = coding_mode(im, n, &c)))
		goto out;
	if (!c.coder_id && (rc = importing_coder(im, &c.coder_id)))
		goto out;
	c.memo = xstrdup(memo);
	/* every id above came from the importer's caches of the store */
	if ((rc = at_node(im, n, coding_add_resolved(im->db, &c, v->length, im->e))))
		goto out;
	im->st->codings++;
	rc = import_nested_memos(im, n, MEMO_CODING, c.id);
out:
	coding_free(&c);
	return rc;
}

static int read_vignette(struct imp *im, const ynode *n, px_vignette *v)
{
	static const char *const keys[] = {
		"id", "title", "date", "community", "observer", "participants", "uuid",
		"created", "updated", "text", "memos", "codings", NULL
	};
	const char *id, *title, *date, *text;
	const ynode *people;
	int rc;

	if ((rc = check_keys(im, n, "a vignette", keys)) ||
	    (rc = get_str(im, n, "id", 1, "a vignette", &id)) ||
	    (rc = get_str(im, n, "title", 1, "a vignette", &title)) ||
	    (rc = get_str(im, n, "date", 1, "a vignette", &date)))
		return rc;
	if (!vignette_date_valid(date))
		return yerr(im->e, im->r, ynode_get(n, "date"), "bad date '%s' (use YYYY-MM-DD or "
			    "\"YYYY-MM-DDTHH:MM\")", date);
	if ((rc = get_str(im, n, "text", 0, "", &text)))
		return rc;
	if (!text && !ynode_get(n, "text"))
		return yerr(im->e, im->r, n, "a vignette needs 'text'");
	if ((rc = note_seen(im, SEEN_VIGNETTE, "vignette", ynode_get(n, "id"), id)) ||
	    (rc = get_stamps(im, n, &v->uuid, &v->created, &v->updated)))
		return rc;
	v->ext_id = xstrdup(id);
	v->title = xstrdup(title);
	v->date = xstrdup(date);
	v->text = xstrdup(text ? text : "");
	v->length = (int64_t)text_cp_len(v->text);
	if ((rc = find_entity(im, ENT_COMMUNITY, n, "community", "communities",
			      &v->community_id)) ||
	    (rc = find_entity(im, ENT_CODER, n, "observer", "coders", &v->observer_id)) ||
	    (rc = get_list(im, n, "participants", &people)))
		return rc;
	return find_people(im, people, NULL, "participants", &v->participants);
}

static int import_vignette(struct imp *im, const ynode *n)
{
	px_vignette v = { 0 };
	const ynode *codings;
	int64_t existing;
	int rc;

	if ((rc = read_vignette(im, n, &v)))
		goto out;
	if (vignette_find(im->db, v.ext_id, &existing, NULL) == PX_OK) {
		rc = yerr(im->e, im->r, ynode_get(n, "id"), "vignette '%s' already exists in the "
			  "database", v.ext_id);
		goto out;
	}
	if ((rc = at_node(im, n, vignette_add(im->db, &v, im->e))))
		goto out;
	im->st->vignettes++;
	if ((rc = import_nested_memos(im, n, MEMO_VIGNETTE, v.id)))
		goto out;
	codings = ynode_get(n, "codings");
	if (codings && !ynode_is_null(codings)) {
		if (codings->type != YN_SEQ) {
			rc = yerr(im->e, im->r, codings, "'codings' must be a list");
			goto out;
		}
		for (size_t i = 0; i < codings->n && !rc; i++)
			rc = import_coding(im, codings->kids[i], &v);
	}
out:
	vignette_free(&v);
	return rc;
}

static int import_log_entry(struct imp *im, const ynode *n)
{
	static const char *const keys[] = {
		"time", "coder", "action", "description", "uuid", NULL
	};
	const char *action, *desc, *uuid;
	px_audit a = { 0 };
	int rc;

	if ((rc = check_keys(im, n, "a log entry", keys)) ||
	    (rc = get_str(im, n, "action", 1, "a log entry", &action)) ||
	    (rc = get_str(im, n, "description", 1, "a log entry", &desc)) ||
	    (rc = get_uuid(im, n, &uuid)) ||
	    (rc = get_time(im, n, "time", &a.time)) ||
	    (rc = find_entity(im, ENT_CODER, n, "coder", "coders", &a.coder_id)))
		goto out;
	if (!a.time) {
		rc = yerr(im->e, im->r, n, "a log entry needs 'time'");
		goto out;
	}
	a.action = xstrdup(action);
	a.description = xstrdup(desc);
	a.uuid = xstrdup(uuid);
	/* an entry already here (by uuid) is the same change: kept once */
	rc = at_node(im, n, audit_add(im->db, &a, NULL, im->e));
out:
	audit_free(&a);
	return rc;
}

/* A conflict a sync's merge recorded (sync_conflict.h). */
static int import_conflict(struct imp *im, const ynode *n)
{
	static const char *const keys[] = {
		"uuid", "kind", "vignette", "ours", "theirs", "theirs_text", "description",
		"created", NULL
	};
	const char *kind, *vignette, *ours, *theirs, *text, *desc, *uuid;
	sync_conflict c = { 0 };
	int64_t vid;
	int rc;

	if ((rc = check_keys(im, n, "a conflict", keys)) ||
	    (rc = get_str(im, n, "kind", 1, "a conflict", &kind)) ||
	    (rc = get_str(im, n, "description", 1, "a conflict", &desc)) ||
	    (rc = get_str(im, n, "vignette", 0, "", &vignette)) ||
	    (rc = get_str(im, n, "ours", 0, "", &ours)) ||
	    (rc = get_str(im, n, "theirs", 0, "", &theirs)) ||
	    (rc = get_str(im, n, "theirs_text", 0, "", &text)) ||
	    (rc = get_uuid(im, n, &uuid)) ||
	    (rc = get_time(im, n, "created", &c.created)))
		goto out;
	if (!sync_conflict_kind_valid(kind)) {
		rc = yerr(im->e, im->r, ynode_get(n, "kind"), "unknown conflict kind '%s' "
			  "(coding, deleted, text or field)", kind);
		goto out;
	}
	if (vignette && vignette_find(im->db, vignette, &vid, NULL) != PX_OK) {
		rc = yerr(im->e, im->r, ynode_get(n, "vignette"), "no vignette '%s' above",
			  vignette);
		goto out;
	}
	c.kind = xstrdup(kind);
	c.vignette = xstrdup(vignette);
	c.ours = xstrdup(ours);
	c.theirs = xstrdup(theirs);
	c.theirs_text = xstrdup(text);
	c.description = xstrdup(desc);
	c.uuid = xstrdup(uuid);
	rc = at_node(im, n, sync_conflict_add(im->db, &c, im->e));
out:
	sync_conflict_free(&c);
	return rc;
}

/* ---- the top level ---------------------------------------------------- */

static const struct section {
	const char *key;
	int (*item)(struct imp *im, const ynode *n);
} sections[] = {
	{ "coders", import_coder },
	{ "communities", import_community },
	{ "codebook", import_code },
	{ "repertoire", import_repertoire },
	{ "accountability", import_accountability },
	{ "participants", import_participant },
	{ "vignettes", import_vignette },
	{ "log", import_log_entry },
	{ "memos", import_top_memo },
	{ "conflicts", import_conflict },
};

/* Whether a section is read in this file's phase: a tree's project file is
 * read twice, first without its memos, then (after the vignettes they may
 * name) for its memos alone. */
static int section_in_phase(const struct imp *im, const char *key)
{
	int memos = strcmp(key, "memos") == 0;

	return im->phase == CORPUS_READ_ALL || (im->phase == CORPUS_READ_MEMOS) == memos;
}

static int skip_value(struct imp *im)
{
	ynode *v;
	int rc = yreader_node(im->r, &v, im->e);

	if (!rc)
		ynode_free(v);
	return rc;
}

static int import_section(struct imp *im, const struct section *s, const ynode *key)
{
	int line, col, more, rc;
	ynode *item;

	more = yreader_peek_seq(im->r, &line, &col, im->e);
	if (more < 0)
		return -more;
	if (more == 0) {
		ynode *v;
		if ((rc = yreader_node(im->r, &v, im->e)))
			return rc;
		rc = ynode_is_null(v) ? PX_OK
			: yerr(im->e, im->r, v, "'%s' must be a list of entries", key->value);
		ynode_free(v);
		return rc;
	}
	while ((more = yreader_next_item(im->r, &item, im->e)) > 0) {
		rc = s->item(im, item);
		ynode_free(item);
		if (rc)
			return rc;
	}
	return more < 0 ? -more : PX_OK;
}

static int import_version(struct imp *im, const ynode *key)
{
	ynode *v;
	int64_t version = 0;
	int rc;

	if (strcmp(key->value, "praxis") != 0)
		return yerr(im->e, im->r, key, "a corpus starts with 'praxis: %d' (the format "
			    "version), not '%s'", CORPUS_FORMAT_VERSION, key->value);
	if ((rc = yreader_node(im->r, &v, im->e)))
		return rc;
	if (!(rc = scalar_int(im, v, "praxis", &version))) {
		if (version > CORPUS_FORMAT_VERSION)
			rc = yerr(im->e, im->r, v, "format version %lld is newer than this praxis "
				  "reads (%d); upgrade praxis", (long long)version,
				  CORPUS_FORMAT_VERSION);
		else if (version < 1)
			rc = yerr(im->e, im->r, v, "format version must be %d",
				  CORPUS_FORMAT_VERSION);
	}
	ynode_free(v);
	return rc;
}

static int import_project(struct imp *im)
{
	ynode *v;
	char *old = NULL;
	int rc;

	if ((rc = yreader_node(im->r, &v, im->e)))
		return rc;
	if (v->type != YN_SCALAR)
		rc = yerr(im->e, im->r, v, "'project' is the project's title, a single value");
	else if (!ynode_is_null(v) && !(rc = db_meta_get(im->db, "title", &old, im->e)) && !old)
		rc = db_meta_set(im->db, "title", v->value, im->e);
	free(old);
	ynode_free(v);
	return rc;
}

/* The project's identity (meta uuid and created): a corpus exported from a
 * project carries it, and a database that holds no vignettes yet (a new
 * file the corpus is read into) takes it; any other keeps its own. */
static int import_identity(struct imp *im, const ynode *key)
{
	ynode *v;
	int rc;

	if ((rc = yreader_node(im->r, &v, im->e)))
		return rc;
	if (v->type != YN_SCALAR || ynode_is_null(v) || !*v->value)
		rc = yerr(im->e, im->r, v, "'%s' is a single value", key->value);
	else if (strcmp(key->value, "created") == 0 && !time_valid(v->value))
		rc = yerr(im->e, im->r, v, "'created' must be a UTC time like "
			  "2026-05-01T09:30:00Z, not '%s'", v->value);
	else if (vignette_count(im->db) == 0)
		rc = db_meta_set(im->db, key->value, v->value, im->e);
	ynode_free(v);
	return rc;
}

static int import_top_key(struct imp *im, const ynode *key, strlist *seen_keys)
{
	for (size_t i = 0; i < seen_keys->n; i++)
		if (strcmp(seen_keys->v[i], key->value) == 0)
			return yerr(im->e, im->r, key, "duplicate key '%s'", key->value);
	sl_push(seen_keys, key->value);
	if (im->phase == CORPUS_READ_MEMOS && strcmp(key->value, "memos") != 0 &&
	    strcmp(key->value, "praxis") != 0)
		return skip_value(im);
	if (strcmp(key->value, "project") == 0)
		return import_project(im);
	if (strcmp(key->value, "uuid") == 0 || strcmp(key->value, "created") == 0)
		return import_identity(im, key);
	if (strcmp(key->value, "praxis") == 0)
		return yerr(im->e, im->r, key, "duplicate key 'praxis'");
	for (size_t i = 0; i < sizeof(sections) / sizeof(sections[0]); i++)
		if (strcmp(key->value, sections[i].key) == 0)
			return section_in_phase(im, key->value) ? import_section(im, &sections[i], key)
				: skip_value(im);
	return yerr(im->e, im->r, key, "unknown key '%s' (a corpus has praxis, project, uuid, "
		    "created, coders, communities, codebook, repertoire, accountability, participants, "
		    "vignettes, log, memos, conflicts)", key->value);
}

static int import_stream(struct imp *im)
{
	strlist seen_keys = { 0 };
	ynode *key;
	int more, rc;

	if ((rc = yreader_begin_map(im->r, im->e)))
		return rc;
	more = yreader_next_key(im->r, &key, im->e);
	if (more < 0)
		return -more;
	if (more == 0)
		return yerr_at(im->e, im->r->name, 1, 1, "the corpus is empty (expected "
			       "'praxis: %d' first)", CORPUS_FORMAT_VERSION);
	rc = import_version(im, key);
	ynode_free(key);
	if (rc)
		return rc;
	sl_push(&seen_keys, "praxis");
	while (!rc && (more = yreader_next_key(im->r, &key, im->e)) > 0) {
		rc = import_top_key(im, key, &seen_keys);
		ynode_free(key);
	}
	sl_free(&seen_keys);
	if (rc)
		return rc;
	if (more < 0)
		return -more;
	return yreader_end(im->r, im->e);
}

static void imp_free(struct imp *im)
{
	for (int k = 0; k < SEEN_COUNT; k++)
		sm_free(&im->seen[k]);
	for (int k = 0; k < ENT_KIND_COUNT; k++)
		sm_free(&im->entity_ids[k]);
	sm_free(&im->code_ids);
	sm_free(&im->people_ids);
	sl_free(&im->files);
}

static int import_one(struct imp *im, yreader *r)
{
	/* Files of one project may each list the same coders, participants
	 * and registers (merged or compared with the database); only within a
	 * file is a repeated id a mistake. Vignette ids stay unique across all. */
	for (int k = 0; k < SEEN_COUNT; k++)
		if (k != SEEN_VIGNETTE)
			sm_free(&im->seen[k]);
	im->r = r;
	sl_push(&im->files, r->name);
	return import_stream(im);
}

int corpus_import_sources(px_db *db, const corpus_source *src, int n, int64_t coder_id,
			  int replace, corpus_stats *stats, px_err *e)
{
	struct imp im = { 0 };
	corpus_stats local = { 0 };
	int rc;

	im.db = db;
	im.coder_id = coder_id;
	im.st = stats ? stats : &local;
	im.e = e;
	memset(im.st, 0, sizeof(*im.st));
	if ((rc = db_begin(db, e)))
		return rc;
	/* the corpus brings its own log entries; reading it makes none */
	db_audit_pause(db, 1);
	if (replace)
		rc = project_clear_content(db, e);
	for (int i = 0; i < n && !rc; i++) {
		yreader r;
		if ((rc = yreader_open_file(&r, src[i].path, e)))
			break;
		im.phase = src[i].phase;
		/* the second reading of a file is not a second listing */
		if (im.phase != CORPUS_READ_MEMOS)
			rc = import_one(&im, &r);
		else {
			im.r = &r;
			sl_push(&im.files, r.name);
			rc = import_stream(&im);
		}
		yreader_close(&r);
	}
	db_audit_pause(db, 0);
	imp_free(&im);
	if (rc) {
		db_rollback(db);
		return rc;
	}
	rc = db_commit(db, e);
	db_notify(db, DB_EV_RESET, NULL, NULL);
	return rc;
}

int corpus_import(px_db *db, const char *const *files, int nfiles, int64_t coder_id,
		  corpus_stats *stats, px_err *e)
{
	corpus_source *src = xcalloc(nfiles ? (size_t)nfiles : 1, sizeof(*src));
	int rc;

	for (int i = 0; i < nfiles; i++)
		src[i].path = files[i];
	rc = corpus_import_sources(db, src, nfiles, coder_id, 0, stats, e);
	free(src);
	return rc;
}

int corpus_import_buffer(px_db *db, const char *name, const char *data, size_t len,
			 int64_t coder_id, corpus_stats *stats, px_err *e)
{
	struct imp im = { 0 };
	corpus_stats local = { 0 };
	yreader r;
	int rc;

	im.db = db;
	im.coder_id = coder_id;
	im.st = stats ? stats : &local;
	im.e = e;
	memset(im.st, 0, sizeof(*im.st));
	if ((rc = db_begin(db, e)))
		return rc;
	yreader_open_buffer(&r, name, data, len);
	db_audit_pause(db, 1);
	rc = import_one(&im, &r);
	db_audit_pause(db, 0);
	yreader_close(&r);
	imp_free(&im);
	if (rc) {
		db_rollback(db);
		return rc;
	}
	rc = db_commit(db, e);
	db_notify(db, DB_EV_RESET, NULL, NULL);
	return rc;
}
