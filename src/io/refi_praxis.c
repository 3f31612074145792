/* refi_praxis.c: praxis's extension inside a .qdpx (praxis.xml in
 * REFI_NS_PRAXIS, see refi.h), which other tools ignore. It names the
 * project.qde it was written with and holds what REFI-QDA has no place
 * for: the register entries (with description and community) and each
 * coding's mode, register links, interpretation, speaker, stance, held_by
 * and review flag, by GUID; an export that changes nothing also names the
 * whole corpus. Texts are pseudonymized as the rest of the export is. */
#include <stdlib.h>
#include <string.h>
#include <libxml/tree.h>
#include "praxis/coding.h"
#include "praxis/entity.h"
#include "praxis/memo.h"
#include "praxis/participant.h"
#include "praxis/export.h"
#include "praxis/refi.h"
#include "praxis/refi_praxis.h"
#include "praxis/refi_xml.h"
#include "praxis/util.h"

static const enum entity_kind registers[] = { ENT_REPERTOIRE, ENT_ACCOUNTABILITY };
static const char *const register_names[] = { "repertoire", "accountability" };

static void put_text(xmlNsPtr ns, xmlNodePtr n, const char *name, const char *value)
{
	char *c = refi_xml_clean(value);

	xmlNewTextChild(n, ns, BAD_CAST name, BAD_CAST c);
	free(c);
}

/* The uuid of a row of table by its id (participant, repertoire,
 * accountability, community), or NULL. */
static char *uuid_of(export_ctx *x, const char *sql, int64_t id)
{
	sqlite3_stmt *st = db_stmt(x->db, sql, NULL);
	char *u = NULL;

	if (!st)
		return NULL;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW)
		u = db_col_strdup(st, 0);
	sqlite3_reset(st);
	return u;
}

static char *participant_uuid(export_ctx *x, int64_t id)
{
	return uuid_of(x, "SELECT uuid FROM participant WHERE id = ?1", id);
}

struct entries {
	export_ctx *x;
	xmlNsPtr ns;
	xmlNodePtr parent;
	int reg;                 /* index into registers; -1: communities */
	idlist *want;            /* NULL: every entry */
};

/* A <Memo> under the element of the memo's target (REFI-QDA has no place
 * for memos on communities and register entries). */
static int memo_node(const px_memo *m, void *ud)
{
	struct entries *w = ud;
	xmlNodePtr n;
	char *t = export_text(w->x, m->text);

	n = xmlNewChild(w->parent, w->ns, BAD_CAST "Memo", NULL);
	refi_attr(n, "guid", m->uuid);
	if (m->title) {
		char *title = export_text(w->x, m->title);
		refi_attr(n, "title", title);
		free(title);
	}
	refi_attr(n, "created", m->created);
	if (m->coder_id) {        /* its author, by the id the Users carry */
		px_entity c = { 0 };
		if (entity_get(w->x->db, ENT_CODER, m->coder_id, &c, NULL) == PX_OK)
			refi_attr(n, "author", c.ext_id);
		entity_free(&c);
	}
	put_text(w->ns, n, "Text", t);
	free(t);
	return 0;
}

static int memos_under(struct entries *w, xmlNodePtr n, int kind, int64_t id)
{
	struct entries under = *w;

	under.parent = n;
	return memo_each(w->x->db, kind, id, memo_node, &under, w->x->e);
}

/* A community that carries memos, by its id. */
static int community_node(const px_entity *ent, void *ud)
{
	struct entries *w = ud;
	xmlNodePtr n;
	int64_t count = 0;
	char *sql = xasprintf("SELECT count(*) FROM memo_target WHERE kind = %d AND"
			      " target_id = %lld", MEMO_COMMUNITY, (long long)ent->id);
	int rc = db_scalar_get(w->x->db, sql, &count, w->x->e);

	free(sql);
	if (rc || !count)
		return rc;
	n = xmlNewChild(w->parent, w->ns, BAD_CAST "Community", NULL);
	refi_attr(n, "id", ent->ext_id);
	return memos_under(w, n, MEMO_COMMUNITY, ent->id);
}

static int entry_node(const px_entity *ent, void *ud)
{
	struct entries *w = ud;
	xmlNodePtr n;
	px_entity com = { 0 };
	char *t;

	if (w->want && !idl_has(w->want, ent->id))
		return 0;
	n = xmlNewChild(w->parent, w->ns, BAD_CAST "Entry", NULL);
	refi_attr(n, "register", register_names[w->reg]);
	refi_attr(n, "guid", ent->uuid);
	t = export_text(w->x, ent->ext_id);
	refi_attr(n, "id", t);
	free(t);
	if (ent->name) {
		t = export_text(w->x, ent->name);
		refi_attr(n, "name", t);
		free(t);
	}
	refi_attr(n, "kind", ent->kind);
	if (ent->reified >= 0)
		refi_attr(n, "reified", ent->reified ? "true" : "false");
	if (ent->community_id &&
	    entity_get(w->x->db, ENT_COMMUNITY, ent->community_id, &com, NULL) == PX_OK)
		refi_attr(n, "community", com.ext_id);
	entity_free(&com);
	if (ent->description) {
		t = export_text(w->x, ent->description);
		put_text(w->ns, n, "Description", t);
		free(t);
	}
	return memos_under(w, n, w->reg ? MEMO_ACCOUNTABILITY : MEMO_REPERTOIRE, ent->id);
}

static void coding_node(export_ctx *x, xmlNsPtr ns, xmlNodePtr parent,
			const struct export_coding *ec)
{
	const px_coding *c = &ec->c;
	xmlNodePtr n;
	char *u;

	if (!c->mode && !c->repertoire_id && !c->accountability_id && !c->stance &&
	    !c->speaker_id && !c->held_by.n && !c->needs_review && !ec->interpretation)
		return;
	n = xmlNewChild(parent, ns, BAD_CAST "Coding", NULL);
	refi_attr(n, "guid", c->uuid);
	refi_attr(n, "mode", coding_mode_name(c->mode));
	if (c->repertoire_id && (u = uuid_of(x, "SELECT uuid FROM repertoire WHERE id = ?1",
					     c->repertoire_id))) {
		refi_attr(n, "repertoire", u);
		free(u);
	}
	if (c->accountability_id &&
	    (u = uuid_of(x, "SELECT uuid FROM accountability WHERE id = ?1",
			 c->accountability_id))) {
		refi_attr(n, "accountability", u);
		free(u);
	}
	refi_attr(n, "stance", coding_stance_name(c->stance));
	if (c->speaker_id && (u = participant_uuid(x, c->speaker_id))) {
		refi_attr(n, "speaker", u);
		free(u);
	}
	if (c->needs_review)
		refi_attr(n, "needsReview", "true");
	if (ec->interpretation)
		put_text(ns, n, "Interpretation", ec->interpretation);
	for (size_t i = 0; i < c->held_by.n; i++)
		if ((u = participant_uuid(x, c->held_by.v[i]))) {
			refi_attr(xmlNewChild(n, ns, BAD_CAST "HeldBy", NULL), "participant", u);
			free(u);
		}
}

int refi_praxis_xml(export_ctx *x, const char *qde, size_t qlen, const char *corpus,
		    strbuf *out)
{
	xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
	xmlNodePtr root = xmlNewNode(NULL, BAD_CAST "Praxis"), regs, cods;
	xmlNsPtr ns = xmlNewNs(root, BAD_CAST REFI_NS_PRAXIS, NULL);
	int filtered = export_options_filtered(x->o), rc = PX_OK;
	idlist want = { 0 };
	char digest[32];
	xmlChar *mem = NULL;
	int len = 0;

	xmlSetNs(root, ns);
	xmlDocSetRootElement(doc, root);
	refi_digest(qde, qlen, digest);
	refi_attr(root, "version", "1");
	refi_attr(root, "origin", "praxis " PRAXIS_VERSION);
	refi_attr(root, "project", digest);
	xmlAddChild(root, xmlNewComment(BAD_CAST " what REFI-QDA has no place for, by GUID;"
					" praxis reads it while project.qde is unchanged "));
	if (corpus) {
		xmlNodePtr c = xmlNewChild(root, ns, BAD_CAST "Corpus", NULL);
		refi_attr(c, "path", corpus);
		refi_attr(c, "format", "praxis-yaml");
	}
	/* a filtered export names only the entries its codings use */
	for (size_t i = 0; filtered && i < x->nvs; i++)
		for (size_t k = 0; k < x->vs[i].ncodings; k++) {
			idl_push(&want, x->vs[i].codings[k].c.repertoire_id);
			idl_push(&want, x->vs[i].codings[k].c.accountability_id);
		}
	regs = xmlNewChild(root, ns, BAD_CAST "Registers", NULL);
	for (int r = 0; r < 2 && !rc; r++) {
		struct entries w = { x, ns, regs, r, filtered ? &want : NULL };
		rc = entity_each(x->db, registers[r], entry_node, &w, x->e);
	}
	if (!rc && !filtered) {   /* a filtered export names no community memos */
		struct entries w = { x, ns, xmlNewChild(root, ns, BAD_CAST "Communities", NULL),
				     -1, NULL };
		rc = entity_each(x->db, ENT_COMMUNITY, community_node, &w, x->e);
	}
	cods = xmlNewChild(root, ns, BAD_CAST "Codings", NULL);
	for (size_t i = 0; i < x->nvs && !rc; i++)
		for (size_t k = 0; k < x->vs[i].ncodings; k++)
			coding_node(x, ns, cods, &x->vs[i].codings[k]);
	if (!rc) {
		xmlDocDumpFormatMemoryEnc(doc, &mem, &len, "UTF-8", 1);
		if (mem)
			sb_addn(out, (const char *)mem, (size_t)len);
		else
			rc = px_fail(x->e, PX_EIO, "serializing praxis.xml failed");
		xmlFree(mem);
	}
	idl_free(&want);
	xmlFreeDoc(doc);
	return rc;
}

/* ---- reading ---- */

static char *text_of(xmlNodePtr n, const char *name)
{
	for (xmlNodePtr c = n->children; c; c = c->next)
		if (refi_is(c, name)) {
			xmlChar *v = xmlNodeGetContent(c);
			char *s = xstrdup(v ? (const char *)v : "");
			xmlFree(v);
			return s;
		}
	return NULL;
}

static int bad(px_err *e, const char *where, xmlNodePtr n, const char *what, const char *value)
{
	return px_fail(e, PX_EDATA, "%s: praxis.xml:%ld: %s '%s'", where, xmlGetLineNo(n), what,
		       value ? value : "");
}

/* The row of table with uuid, 0 if none. */
static int64_t by_uuid(px_db *db, const char *sql, const char *uuid)
{
	int64_t id = 0;

	if (!uuid || db_lookup_text(db, sql, uuid, &id, NULL) != 1)
		return 0;
	return id;
}

/* The <Memo>s under n as memos on (kind, id); one whose uuid the project
 * has already (a memo with several targets came in through a note) is
 * not added twice. */
static int read_memos(px_db *db, xmlNodePtr n, int kind, int64_t id, const char *where,
		      px_err *e)
{
	for (xmlNodePtr c = n->children; c; c = c->next) {
		px_memo m = { 0 };
		int64_t have = 0;
		int rc;
		if (!refi_is(c, "Memo"))
			continue;
		m.uuid = refi_prop(c, "guid");
		if (m.uuid && memo_find_uuid(db, m.uuid, &have, NULL) == 1) {
			free(m.uuid);
			continue;
		}
		m.target = kind;
		m.target_id = id;
		m.title = refi_prop(c, "title");
		m.created = refi_prop(c, "created");
		m.text = text_of(c, "Text");
		{
			char *author = refi_prop(c, "author");
			if (author)
				entity_find(db, ENT_CODER, author, &m.coder_id, NULL);
			free(author);
		}
		if (!m.text || !*m.text)
			rc = bad(e, where, c, "a memo without text", m.uuid);
		else
			rc = memo_add(db, &m, e);
		memo_free(&m);
		if (rc)
			return rc;
	}
	return PX_OK;
}

static int read_entry(px_db *db, xmlNodePtr n, strmap *entries, const char *where, px_err *e)
{
	char *reg = refi_prop(n, "register"), *reified;
	int r = reg && strcmp(reg, "accountability") == 0, rc = PX_OK;
	px_entity ent = { 0 };
	int64_t id = 0;

	if (!reg || (!r && strcmp(reg, "repertoire") != 0))
		rc = bad(e, where, n, "an entry of the register", reg);
	ent.uuid = refi_prop(n, "guid");
	ent.ext_id = refi_prop(n, "id");
	if (!rc && (!ent.uuid || !ent.ext_id || !*ent.ext_id))
		rc = bad(e, where, n, "an entry without guid or id", ent.ext_id);
	if (!rc && entity_find(db, registers[r], ent.ext_id, &id, NULL) != PX_OK) {
		/* new here: the entry as it was, with its uuid; one the project
		 * has already stays as it is */
		char *com = refi_prop(n, "community");
		ent.name = refi_prop(n, "name");
		ent.kind = refi_prop(n, "kind");
		reified = refi_prop(n, "reified");
		ent.reified = !reified ? -1 : strcmp(reified, "true") == 0;
		ent.description = text_of(n, "Description");
		if (com && *com)
			rc = entity_ensure(db, ENT_COMMUNITY, com, &ent.community_id, e);
		if (!rc)
			rc = entity_add(db, registers[r], &ent, e);
		id = ent.id;
		free(reified);
		free(com);
	}
	if (!rc)
		sm_put(entries, ent.uuid, id);
	if (!rc)
		rc = read_memos(db, n, r ? MEMO_ACCOUNTABILITY : MEMO_REPERTOIRE, id, where, e);
	free(reg);
	entity_free(&ent);
	return rc;
}

static int read_coding(px_db *db, xmlNodePtr n, const strmap *entries, const char *where,
		       px_err *e)
{
	char *guid = refi_prop(n, "guid");
	int64_t id = by_uuid(db, "SELECT id FROM coding WHERE uuid = ?1", guid);
	px_coding c = { 0 };
	int rc;

	if (!id) {                /* not imported (skipped or deleted text) */
		free(guid);
		return PX_OK;
	}
	if ((rc = coding_get(db, id, &c, e))) {
		free(guid);
		return rc;
	}
	{
		char *mode = refi_prop(n, "mode"), *stance = refi_prop(n, "stance");
		char *rep = refi_prop(n, "repertoire"), *acc = refi_prop(n, "accountability");
		char *speaker = refi_prop(n, "speaker"), *review = refi_prop(n, "needsReview");
		if (mode && (c.mode = coding_mode_parse(mode)) < 0)
			rc = bad(e, where, n, "a mode", mode);
		else if (stance && (c.stance = coding_stance_parse(stance)) <= 0)
			rc = bad(e, where, n, "a stance", stance);
		else if (rep && !sm_get(entries, rep, &c.repertoire_id))
			rc = bad(e, where, n, "a repertoire entry not in <Registers>", rep);
		else if (acc && !sm_get(entries, acc, &c.accountability_id))
			rc = bad(e, where, n, "an accountability entry not in <Registers>", acc);
		else if (speaker && !(c.speaker_id = by_uuid(db, "SELECT id FROM participant"
							      " WHERE uuid = ?1", speaker)))
			rc = bad(e, where, n, "a speaker who is no case of the project", speaker);
		c.needs_review = c.needs_review || (review && strcmp(review, "true") == 0);
		free(mode), free(stance), free(rep), free(acc), free(speaker), free(review);
	}
	free(c.interpretation);
	c.interpretation = text_of(n, "Interpretation");
	for (xmlNodePtr h = n->children; h && !rc; h = h->next) {
		int64_t p;
		char *v;
		if (!refi_is(h, "HeldBy"))
			continue;
		v = refi_prop(h, "participant");
		if (!(p = by_uuid(db, "SELECT id FROM participant WHERE uuid = ?1", v)))
			rc = bad(e, where, h, "held_by someone who is no case of the project", v);
		else if (!idl_has(&c.held_by, p))
			idl_push(&c.held_by, p);
		free(v);
	}
	if (!rc && (rc = coding_update(db, &c, e)))
		rc = px_fail(e, PX_EDATA, "%s: praxis.xml:%ld: coding %s: %s", where,
			     xmlGetLineNo(n), guid, e->msg);
	coding_free(&c);
	free(guid);
	return rc;
}

int refi_praxis_apply(px_db *db, xmlDocPtr doc, const char *where, px_err *e)
{
	xmlNodePtr root = xmlDocGetRootElement(doc);
	strmap entries = { 0 };
	int rc = PX_OK;

	for (xmlNodePtr s = root->children; s && !rc; s = s->next)
		for (xmlNodePtr n = refi_is(s, "Registers") ? s->children : NULL; n && !rc; n = n->next)
			if (refi_is(n, "Entry"))
				rc = read_entry(db, n, &entries, where, e);
	for (xmlNodePtr s = root->children; s && !rc; s = s->next)
		for (xmlNodePtr n = refi_is(s, "Communities") ? s->children : NULL; n && !rc;
		     n = n->next) {
			char *id = refi_is(n, "Community") ? refi_prop(n, "id") : NULL;
			int64_t cid = 0;
			if (id && !(rc = entity_ensure(db, ENT_COMMUNITY, id, &cid, e)))
				rc = read_memos(db, n, MEMO_COMMUNITY, cid, where, e);
			free(id);
		}
	for (xmlNodePtr s = root->children; s && !rc; s = s->next)
		for (xmlNodePtr n = refi_is(s, "Codings") ? s->children : NULL; n && !rc; n = n->next)
			if (refi_is(n, "Coding"))
				rc = read_coding(db, n, &entries, where, e);
	sm_free(&entries);
	return rc;
}
