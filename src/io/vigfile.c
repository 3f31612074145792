/* vigfile.c: a vignette as an editable file; see praxis/vigfile.h. */
#include <stdlib.h>
#include <string.h>
#include "praxis/entity.h"
#include "praxis/participant.h"
#include "praxis/util.h"
#include "praxis/vigfile.h"
#include "praxis/ytree.h"

/* A double-quoted YAML scalar, so any title survives the round trip. */
static void quoted(strbuf *b, const char *s)
{
	sb_addc(b, '"');
	for (const char *p = s ? s : ""; *p; p++) {
		if (*p == '"' || *p == '\\')
			sb_addc(b, '\\');
		if (*p == '\n')
			sb_add(b, "\\n");
		else
			sb_addc(b, *p);
	}
	sb_addc(b, '"');
}

char *vigfile_format(px_db *db, const px_vignette *v)
{
	strbuf b;
	px_entity com = { 0 };

	sb_init(&b);
	sb_add(&b, "---\nid: ");
	quoted(&b, v->ext_id);
	sb_add(&b, "\ntitle: ");
	quoted(&b, v->title);
	sb_printf(&b, "\ndate: %s\ncommunity: ", v->date ? v->date : "");
	if (v->community_id && entity_get(db, ENT_COMMUNITY, v->community_id, &com, NULL) == PX_OK)
		sb_add(&b, com.ext_id);
	entity_free(&com);
	sb_add(&b, "\nparticipants: [");
	for (size_t i = 0; i < v->participants.n; i++) {
		px_participant p = { 0 };
		if (participant_get(db, v->participants.v[i], &p, NULL) == PX_OK)
			sb_printf(&b, "%s%s", i ? ", " : "", p.ext_id);
		participant_free(&p);
	}
	sb_add(&b, "]\n---\n");
	sb_add(&b, v->text ? v->text : "");
	if (!b.len || b.s[b.len - 1] != '\n')
		sb_addc(&b, '\n');
	return sb_steal(&b);
}

/* Where the closing `---` line starts, or NULL. */
static const char *front_end(const char *text, int *line)
{
	const char *p = strchr(text, '\n');

	*line = 2;
	while (p) {
		p++;
		if (strncmp(p, "---", 3) == 0 && (p[3] == '\n' || p[3] == '\0' || p[3] == '\r'))
			return p;
		p = strchr(p, '\n');
		(*line)++;
	}
	return NULL;
}

static int scalar(const char *name, const ynode *n, const char *key, px_err *e)
{
	if (n->type != YN_SCALAR)
		return yerr_at(e, name, n->line, n->col, "'%s' must be a single value", key);
	return PX_OK;
}

static int set_community(px_db *db, const char *name, const ynode *n, px_vignette *out, px_err *e)
{
	int rc = scalar(name, n, "community", e);

	out->community_id = 0;
	if (rc || ynode_is_null(n))
		return rc;
	if (entity_find(db, ENT_COMMUNITY, n->value, &out->community_id, NULL))
		return yerr_at(e, name, n->line, n->col, "unknown community '%s'", n->value);
	return PX_OK;
}

static int set_participants(px_db *db, const char *name, const ynode *n, px_vignette *out,
			    px_err *e)
{
	out->participants.n = 0;
	if (n->type == YN_SCALAR && ynode_is_null(n))
		return PX_OK;
	if (n->type != YN_SEQ)
		return yerr_at(e, name, n->line, n->col, "'participants' must be a list, e.g. [ann, bo]");
	for (size_t i = 0; i < n->n; i++) {
		const ynode *k = n->kids[i];
		int64_t id;
		if (k->type != YN_SCALAR || participant_find(db, k->value, &id, NULL))
			return yerr_at(e, name, k->line, k->col, "unknown participant '%s'",
				       k->type == YN_SCALAR ? k->value : "(a list)");
		idl_push(&out->participants, id);
	}
	return PX_OK;
}

static int set_field(px_db *db, const char *name, const ynode *key, const ynode *val,
		     px_vignette *out, px_err *e)
{
	char **slot = NULL;
	int rc;

	if (strcmp(key->value, "community") == 0)
		return set_community(db, name, val, out, e);
	if (strcmp(key->value, "participants") == 0)
		return set_participants(db, name, val, out, e);
	if (strcmp(key->value, "id") == 0)
		slot = &out->ext_id;
	else if (strcmp(key->value, "title") == 0)
		slot = &out->title;
	else if (strcmp(key->value, "date") == 0)
		slot = &out->date;
	else
		return yerr_at(e, name, key->line, key->col, "unknown field '%s' (id, title, date, "
			       "community, participants)", key->value);
	if ((rc = scalar(name, val, key->value, e)))
		return rc;
	if (slot == &out->date && !vignette_date_valid(val->value))
		return yerr_at(e, name, val->line, val->col, "bad date '%s' (use YYYY-MM-DD or "
			       "YYYY-MM-DDTHH:MM)", val->value);
	if (!*val->value)
		return yerr_at(e, name, val->line, val->col, "'%s' is empty", key->value);
	free(*slot);
	*slot = xstrdup(val->value);
	return PX_OK;
}

static int parse_front(px_db *db, const char *name, const char *yaml, px_vignette *out, px_err *e)
{
	yreader r;
	ynode *key = NULL, *val = NULL;
	int rc, more;

	yreader_open_buffer(&r, name, yaml, strlen(yaml));
	if ((rc = yreader_begin_map(&r, e)))
		goto out;
	while ((more = yreader_next_key(&r, &key, e)) == 1) {
		if ((rc = yreader_node(&r, &val, e)))
			goto out;
		if ((rc = set_field(db, name, key, val, out, e)))
			goto out;
		ynode_free(key);
		ynode_free(val);
		key = val = NULL;
	}
	rc = more < 0 ? -more : PX_OK;
out:
	ynode_free(key);
	ynode_free(val);
	yreader_close(&r);
	return rc;
}

int vigfile_parse(px_db *db, const char *name, const char *text, px_vignette *out, px_err *e)
{
	const char *end;
	char *yaml;
	int line, rc;
	size_t len;

	if (strncmp(text, "---\n", 4) != 0)
		return yerr_at(e, name, 1, 1, "start with a '---' line, then id, title, date, "
			       "community, participants and a closing '---'");
	if (!(end = front_end(text, &line)))
		return yerr_at(e, name, 1, 1, "no closing '---' line after the front matter");
	yaml = xstrndup(text, (size_t)(end - text));
	rc = parse_front(db, name, yaml, out, e);
	free(yaml);
	if (rc)
		return rc;
	if (!out->title || !out->date)
		return yerr_at(e, name, line, 1, "the front matter needs a title and a date");
	end = strchr(end, '\n');
	end = end ? end + 1 : text + strlen(text);
	len = strlen(end);
	if (len && end[len - 1] == '\n')
		len--;   /* the editor's final newline is not part of the text */
	if (!len)
		return yerr_at(e, name, line + 1, 1, "the vignette has no text");
	free(out->text);
	out->text = xstrndup(end, len);
	return PX_OK;
}
