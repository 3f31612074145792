/* refi_export.c: REFI-QDA codebook (.qdc) and project (.qdpx) writers;
 * see praxis/refi.h and the REFI-QDA 1.0 schema (tests/data/refi-qda.xsd). */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <libxml/tree.h>
#include <zip.h>
#include "praxis/atomic.h"
#include "praxis/codebook.h"
#include "praxis/corpus.h"
#include "praxis/entity.h"
#include "praxis/export.h"
#include "praxis/memo.h"
#include "praxis/participant.h"
#include "praxis/refi.h"
#include "praxis/refi_praxis.h"
#include "praxis/refi_xml.h"
#include "praxis/tempfile.h"
#include "praxis/text.h"
#include "praxis/util.h"

void refi_guid(const char *seed, char out[37])
{
	uint64_t h1 = 0xcbf29ce484222325ULL, h2 = 0x84222325cbf29ce4ULL;
	unsigned char b[16];

	for (const unsigned char *p = (const unsigned char *)seed; *p; p++) {
		h1 = (h1 ^ *p) * 0x100000001b3ULL;
		h2 = (h2 ^ *p) * 0x100000001b3ULL;
		h2 ^= h2 >> 29;
	}
	h1 ^= h2 >> 17;
	for (int i = 0; i < 8; i++) {
		b[i] = (unsigned char)(h1 >> (56 - 8 * i));
		b[8 + i] = (unsigned char)(h2 >> (56 - 8 * i));
	}
	b[6] = (unsigned char)((b[6] & 0x0f) | 0x50);   /* version 5 layout */
	b[8] = (unsigned char)((b[8] & 0x3f) | 0x80);   /* RFC 4122 variant */
	snprintf(out, 37, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
		 "%02x%02x%02x%02x%02x%02x", b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7],
		 b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
}

void refi_digest(const char *data, size_t len, char out[32])
{
	uint64_t h = 0xcbf29ce484222325ULL;

	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)data[i]) * 0x100000001b3ULL;
	snprintf(out, 32, "fnv1a64:%016llx", (unsigned long long)h);
}

struct qx {
	export_ctx *x;
	xmlDocPtr doc;
	xmlNsPtr ns;
	int project;             /* 1 for .qdpx (notes, cases...), 0 for .qdc */
	char *project_uuid;
	xmlNodePtr stack[64];    /* code nodes by depth */
	xmlNodePtr codes;
	xmlNodePtr notes;        /* created on first note */
	xmlNodePtr root;
	strlist project_notes;   /* GUIDs of project memos, for NoteRef */
	strlist project_texts;   /* and their texts, for the Description */
	char *created;           /* the project's creation time, for notes that
				    have none (QualCoder stops at a note without) */
	struct vars *vars;       /* while writing cases and sources */
};

static xmlNodePtr el(struct qx *q, xmlNodePtr parent, const char *name)
{
	return xmlNewChild(parent, q->ns, BAD_CAST name, NULL);
}

static xmlNodePtr el_text(struct qx *q, xmlNodePtr parent, const char *name, const char *text)
{
	char *c = refi_xml_clean(text);
	xmlNodePtr n = xmlNewTextChild(parent, q->ns, BAD_CAST name, BAD_CAST c);

	free(c);
	return n;
}

static void attr_int(xmlNodePtr n, const char *name, long long v)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%lld", v);
	xmlNewProp(n, BAD_CAST name, BAD_CAST buf);
}

static void ref(struct qx *q, xmlNodePtr parent, const char *name, const char *guid)
{
	refi_attr(el(q, parent, name), "targetGUID", guid);
}

/* A GUID praxis keeps no row uuid for: derived from the row it belongs
 * to (a coding's uuid is unique on its own, so its selection and memo
 * keep their GUIDs through an export and import), or for variables,
 * which are only names, from the project's uuid. */
static void derived(struct qx *q, const char *kind, const char *id, char out[37])
{
	char *seed = strcmp(kind, "variable") == 0
		? xasprintf("%s:%s:%s", q->project_uuid, kind, id)
		: xasprintf("praxis:%s:%s", kind, id);

	refi_guid(seed, out);
	free(seed);
}

/* 2026-03-02 or 2026-03-02T03:10[:SS] as an xsd:dateTime in UTC. */
static char *refi_datetime(const char *d)
{
	if (!d)
		return NULL;
	if (strlen(d) == 10)
		return xasprintf("%sT00:00:00Z", d);
	if (strlen(d) == 16)
		return xasprintf("%s:00Z", d);
	if (strlen(d) == 19)
		return xasprintf("%sZ", d);
	return xstrdup(d);
}

static const char *coder_guid(struct qx *q, int64_t coder_id, char buf[37])
{
	px_entity ent = { 0 };

	if (!coder_id || entity_get(q->x->db, ENT_CODER, coder_id, &ent, NULL))
		return NULL;
	snprintf(buf, 37, "%s", ent.uuid);
	entity_free(&ent);
	return buf;
}

static xmlNodePtr note_add(struct qx *q, const char *guid, const char *name, int64_t coder,
			   const char *created, const char *text)
{
	xmlNodePtr n;
	char cg[37], *dt = refi_datetime(created ? created : q->created);

	if (!q->notes)
		q->notes = xmlNewNode(q->ns, BAD_CAST "Notes");
	n = el(q, q->notes, "Note");
	refi_attr(n, "guid", guid);
	refi_attr(n, "name", name);
	refi_attr(n, "creatingUser", coder_guid(q, coder, cg));
	refi_attr(n, "creationDateTime", dt);
	el_text(q, n, "PlainTextContent", text);
	free(dt);
	return n;
}

/* A <Description> holding lead (may be NULL) and then each memo text,
 * paragraphs apart: where QualCoder, MAXQDA and ATLAS.ti read a memo. A
 * praxis import takes the memos from the notes and drops the copy (see
 * refi_import.c, desc_covered). Nothing is written when both are empty. */
static void description(struct qx *q, xmlNodePtr parent, const char *lead, const strlist *memos)
{
	strbuf b;

	sb_init(&b);
	sb_add(&b, "");
	if (lead && *lead)
		sb_add(&b, lead);
	for (size_t i = 0; memos && i < memos->n; i++) {
		if (!*memos->v[i])
			continue;
		if (b.len)
			sb_add(&b, "\n\n");
		sb_add(&b, memos->v[i]);
	}
	if (b.len)
		el_text(q, parent, "Description", b.s);
	sb_free(&b);
}

/* The memos on one target, pseudonymized, with their uuids and authors. */
struct memo_list {
	export_ctx *x;
	strlist texts;
	strlist uuids;
	idlist coders;
	strlist created;
};

static int memo_collect(const px_memo *m, void *ud)
{
	struct memo_list *ml = ud;
	char *t = export_text(ml->x, m->text);

	sl_push(&ml->texts, t);
	sl_push(&ml->uuids, m->uuid);
	idl_push(&ml->coders, m->coder_id);
	sl_push(&ml->created, m->created ? m->created : "");
	free(t);
	return 0;
}

static int memos_on(export_ctx *x, int kind, int64_t id, struct memo_list *ml)
{
	memset(ml, 0, sizeof(*ml));
	ml->x = x;
	return memo_each(x->db, kind, id, memo_collect, ml, x->e);
}

static void memo_list_free(struct memo_list *ml)
{
	sl_free(&ml->texts);
	sl_free(&ml->uuids);
	idl_free(&ml->coders);
	sl_free(&ml->created);
}

/* #RRGGBB in capitals; #RGB spelled out (QualCoder matches six digits). */
static void color_upper(char *dst, const char *c)
{
	size_t i, n = strlen(c);

	for (i = 0; i < 7 && i < n; i++)
		dst[i] = (char)(c[i] >= 'a' && c[i] <= 'f' ? c[i] - 32 : c[i]);
	dst[i] = '\0';
	if (n == 4) {
		for (i = 3; i >= 1; i--)
			dst[2 * i] = dst[2 * i - 1] = dst[i];
		dst[7] = '\0';
	}
}

static int code_node(const px_code *c, void *ud)
{
	struct qx *q = ud;
	xmlNodePtr parent = c->depth == 0 ? q->codes : q->stack[c->depth - 1], n;
	char color[8];

	if (c->depth >= 63)
		return px_fail(q->x->e, PX_EDATA, "code '%s' is nested too deep", c->name);
	n = el(q, parent, "Code");
	q->stack[c->depth] = n;
	refi_attr(n, "guid", c->uuid);
	refi_attr(n, "name", c->depth ? c->name : codebook_root_name(c->dimension));
	refi_attr(n, "isCodable", "true");
	if (c->color && codebook_color_valid(c->color)) {
		color_upper(color, c->color);
		refi_attr(n, "color", color);
	}
	{
		/* the description, then (in a project) the code's memos after
		 * it, each also a note the code refers to */
		struct memo_list ml = { 0 };
		char *d = c->description ? export_text(q->x, c->description) : NULL;
		int rc = q->project ? memos_on(q->x, MEMO_CODE, c->id, &ml) : PX_OK;
		description(q, n, d, &ml.texts);
		for (size_t i = 0; !rc && i < ml.texts.n; i++) {
			char *name = xasprintf("memo on %s", c->name);
			note_add(q, ml.uuids.v[i], name, ml.coders.v[i],
				 *ml.created.v[i] ? ml.created.v[i] : NULL, ml.texts.v[i]);
			ref(q, n, "NoteRef", ml.uuids.v[i]);
			free(name);
		}
		free(d);
		memo_list_free(&ml);
		return rc;
	}
}

static int write_codebook(struct qx *q, xmlNodePtr parent)
{
	xmlNodePtr cb = q->project ? el(q, parent, "CodeBook") : parent;

	q->codes = el(q, cb, "Codes");
	return codebook_each(q->x->db, code_node, q, q->x->e);
}

static int user_node(const px_entity *ent, void *ud)
{
	struct qx *q = ud;
	xmlNodePtr u;

	/* opened by the first coder: no count first, whose failed read
	 * would drop the element from a file that looked complete */
	if (!q->stack[0])
		q->stack[0] = el(q, q->root, "Users");
	u = el(q, q->stack[0], "User");

	refi_attr(u, "guid", ent->uuid);
	refi_attr(u, "name", ent->name ? ent->name : ent->ext_id);
	refi_attr(u, "id", ent->ext_id);
	return 0;
}

/* Variables: "role" and every attribute key, all Text. */
struct vars {
	strlist names;
	strlist guids;
};

static const char *var_guid(struct qx *q, struct vars *v, const char *name)
{
	char g[37];

	for (size_t i = 0; i < v->names.n; i++)
		if (strcmp(v->names.v[i], name) == 0)
			return v->guids.v[i];
	derived(q, "variable", name, g);
	sl_push(&v->names, name);
	sl_push(&v->guids, g);
	return v->guids.v[v->guids.n - 1];
}

struct case_ctx {
	struct qx *q;
	struct vars *vars;
	xmlNodePtr cases;
};

static int note_vars(const px_participant *p, void *ud)
{
	struct case_ctx *cc = ud;

	var_guid(cc->q, cc->vars, REFI_VAR_ID);
	if (p->role)
		var_guid(cc->q, cc->vars, "role");
	for (size_t i = 0; i < p->nattrs; i++)
		var_guid(cc->q, cc->vars, p->attrs[i].key);
	return 0;
}

static void var_value(struct qx *q, struct vars *vars, xmlNodePtr parent, const char *name,
		      const char *value)
{
	xmlNodePtr vv = el(q, parent, "VariableValue");
	char *t = export_text(q->x, value);

	ref(q, vv, "VariableRef", var_guid(q, vars, name));
	el_text(q, vv, "TextValue", t);
	free(t);
}

static int case_node(const px_participant *p, void *ud)
{
	struct case_ctx *cc = ud;
	struct qx *q = cc->q;
	export_ctx *x = q->x;
	xmlNodePtr c;
	char g[37];

	if (!cc->cases)
		cc->cases = xmlNewNode(q->ns, BAD_CAST "Cases");
	c = el(q, cc->cases, "Case");
	refi_attr(c, "guid", p->uuid);
	refi_attr(c, "name", p->pseudonym);
	{
		/* the participant's memos: the schema gives a case no NoteRef,
		 * so its Description is the one place (QualCoder's case memo) */
		struct memo_list ml;
		int rc = memos_on(x, MEMO_PARTICIPANT, p->id, &ml);
		if (!rc)
			description(q, c, NULL, &ml.texts);
		memo_list_free(&ml);
		if (rc)
			return rc;
	}
	var_value(q, cc->vars, c, REFI_VAR_ID, p->ext_id);
	if (p->role)
		var_value(q, cc->vars, c, "role", p->role);
	for (size_t i = 0; i < p->nattrs; i++)
		var_value(q, cc->vars, c, p->attrs[i].key, p->attrs[i].value);
	for (size_t i = 0; i < x->nvs; i++)
		if (idl_has(&x->vs[i].v.participants, p->id))
			ref(q, c, "SourceRef", x->vs[i].v.uuid);
	for (size_t i = 0; i < x->nvs; i++)
		for (size_t k = 0; k < x->vs[i].ncodings; k++) {
			const px_coding *cd = &x->vs[i].codings[k].c;
			if (cd->start < 0 || !idl_has(&cd->participants, p->id))
				continue;
			derived(q, "selection", cd->uuid, g);
			ref(q, c, "SelectionRef", g);
		}
	return 0;
}

static int write_cases(struct qx *q, xmlNodePtr root)
{
	struct vars vars = { { 0 }, { 0 } };
	struct case_ctx cc = { q, &vars, NULL };
	int rc;

	if ((rc = participant_each(q->x->db, note_vars, &cc, q->x->e)))
		goto done;
	if (q->x->nvs) {         /* the vignettes' own, on their sources */
		var_guid(q, &vars, REFI_VAR_VIGNETTE_ID);
		var_guid(q, &vars, REFI_VAR_DATE);
		var_guid(q, &vars, REFI_VAR_COMMUNITY);
	}
	if (vars.names.n) {
		xmlNodePtr vs = el(q, root, "Variables");
		for (size_t i = 0; i < vars.names.n; i++) {
			xmlNodePtr v = el(q, vs, "Variable");
			refi_attr(v, "guid", vars.guids.v[i]);
			refi_attr(v, "name", vars.names.v[i]);
			refi_attr(v, "typeOfVariable", "Text");
		}
	}
	rc = participant_each(q->x->db, case_node, &cc, q->x->e);
	/* in the document even after a failed read, so it is freed with it */
	if (cc.cases)
		xmlAddChild(root, cc.cases);
done:
	q->vars = NULL;
	if (rc) {
		sl_free(&vars.names);
		sl_free(&vars.guids);
		return rc;
	}
	q->vars = xmalloc(sizeof(vars));
	*q->vars = vars;          /* kept for the sources' values */
	return rc;
}

static void coding_node(struct qx *q, xmlNodePtr parent, const struct export_coding *ec,
			const char *code_name)
{
	xmlNodePtr cn = el(q, parent, "Coding");
	char cg[37], *dt = refi_datetime(ec->c.created);
	px_code code = { 0 };

	refi_attr(cn, "guid", ec->c.uuid);
	refi_attr(cn, "creatingUser", coder_guid(q, ec->c.coder_id, cg));
	refi_attr(cn, "creationDateTime", dt);
	free(dt);
	if (codebook_get(q->x->db, ec->c.code_id, &code, NULL) == PX_OK) {
		ref(q, cn, "CodeRef", code.uuid);
		codebook_free(&code);
	}
	if (ec->memo) {
		char g[37], *name = xasprintf("memo on %s", code_name);
		derived(q, "coding-memo", ec->c.uuid, g);
		note_add(q, g, name, ec->c.coder_id, ec->c.created, ec->memo);
		ref(q, cn, "NoteRef", g);
		free(name);
	}
}

/* A PlainTextSelection of [start, end) named name, holding ec's coding:
 * its Description is the coding's memo and then the analytic memos on the
 * coding (what QualCoder and MAXQDA read as the coding memo); the coding
 * memo is also a note of the Coding, each analytic memo a note of the
 * selection, which is how praxis reads them back apart. */
static int selection_node(struct qx *q, xmlNodePtr s, const struct export_coding *ec,
			  const char *code, const char *name, int64_t start, int64_t end)
{
	xmlNodePtr sel = el(q, s, "PlainTextSelection");
	char cg[37], g[37], *dt = refi_datetime(ec->c.created);
	struct memo_list ml;
	int rc;

	derived(q, "selection", ec->c.uuid, g);
	refi_attr(sel, "guid", g);
	refi_attr(sel, "name", name);
	attr_int(sel, "startPosition", start);
	attr_int(sel, "endPosition", end);
	refi_attr(sel, "creatingUser", coder_guid(q, ec->c.coder_id, cg));
	refi_attr(sel, "creationDateTime", dt);
	free(dt);
	rc = memos_on(q->x, MEMO_CODING, ec->c.id, &ml);
	description(q, sel, ec->memo, &ml.texts);
	coding_node(q, sel, ec, code);
	for (size_t i = 0; !rc && i < ml.texts.n; i++) {
		char *nm = xasprintf("memo on %s", code);
		note_add(q, ml.uuids.v[i], nm, ml.coders.v[i],
			 *ml.created.v[i] ? ml.created.v[i] : NULL, ml.texts.v[i]);
		ref(q, sel, "NoteRef", ml.uuids.v[i]);
		free(nm);
	}
	memo_list_free(&ml);
	return rc;
}

/* A coding whose text an edit deleted (an empty span, flagged): other
 * tools mis-handle a zero-length PlainTextSelection (a selection of
 * nothing, or refused), so it becomes a note on the source naming the
 * coding, its code, coder and position; a praxis import reads it back as
 * a memo on the vignette, not as a coding. */
static char *deleted_text(struct qx *q, const struct export_coding *ec, const char *code)
{
	return xasprintf("praxis coding %s (%s, by %s) lost all of its text to an edit; it sat"
			 " at character %lld and needs review.", ec->c.uuid, code,
			 names_get(&q->x->nm, NAMES_CODER, ec->c.coder_id), (long long)ec->c.start);
}

static void deleted_note(struct qx *q, xmlNodePtr s, const struct export_coding *ec,
			 const char *code)
{
	char g[37], *name = xasprintf("deleted text coded %s", code);
	char *text = deleted_text(q, ec, code);

	derived(q, "deleted-coding", ec->c.uuid, g);
	note_add(q, g, name, ec->c.coder_id, ec->c.created, text);
	ref(q, s, "NoteRef", g);
	free(name);
	free(text);
}

static int source_node(struct qx *q, xmlNodePtr sources, const struct export_vignette *ev)
{
	xmlNodePtr s = el(q, sources, "TextSource");
	char *path = xasprintf("internal://%s.txt", ev->v.uuid), *dt = refi_datetime(ev->v.date);
	char cg[37];
	int rc = PX_OK;

	refi_attr(s, "guid", ev->v.uuid);
	refi_attr(s, "name", ev->v.title);
	refi_attr(s, "plainTextPath", path);
	refi_attr(s, "creatingUser", coder_guid(q, ev->v.observer_id, cg));
	refi_attr(s, "creationDateTime", dt);
	free(path);
	free(dt);
	/* the vignette's memos and the notes on codings that lost their text,
	 * where other tools read a document memo (QualCoder drops a note a
	 * source refers to unless it marks a passage) */
	{
		strlist texts = { 0 };
		for (size_t i = 0; i < ev->memos.n; i++)
			sl_push(&texts, ev->memos.v[i]);
		for (size_t k = 0; k < ev->ncodings; k++) {
			const struct export_coding *ec = &ev->codings[k];
			char *t;
			if (ec->c.start < 0 || ec->c.start != ec->c.end)
				continue;
			t = deleted_text(q, ec, names_get(&q->x->nm, NAMES_CODE, ec->c.code_id));
			sl_push(&texts, t);
			free(t);
		}
		description(q, s, NULL, &texts);
		sl_free(&texts);
	}
	for (size_t k = 0; k < ev->ncodings && !rc; k++) {
		const struct export_coding *ec = &ev->codings[k];
		const char *code = names_get(&q->x->nm, NAMES_CODE, ec->c.code_id);
		if (ec->c.start < 0)
			continue;
		if (ec->c.start == ec->c.end) {
			deleted_note(q, s, ec, code);
			continue;
		}
		rc = selection_node(q, s, ec, code, ec->quote, ec->c.start, ec->c.end);
	}
	/* whole-vignette codings: a selection over the whole text, which every
	 * tool reads (QualCoder ignores a Coding directly under the source);
	 * praxis reads it back as whole-vignette from a praxis origin */
	for (size_t k = 0; k < ev->ncodings && !rc; k++) {
		const struct export_coding *ec = &ev->codings[k];
		const char *code = names_get(&q->x->nm, NAMES_CODE, ec->c.code_id);
		if (ec->c.start >= 0)
			continue;
		if (ev->v.length <= 0) {
			coding_node(q, s, ec, code);    /* no text to select */
			continue;
		}
		rc = selection_node(q, s, ec, code, ev->v.text, 0, ev->v.length);
	}
	for (size_t i = 0; i < ev->memos.n; i++) {
		char *name = xasprintf("memo on %s", ev->v.title);
		note_add(q, ev->memo_uuids.v[i], name, ev->memo_coders.v[i], NULL, ev->memos.v[i]);
		ref(q, s, "NoteRef", ev->memo_uuids.v[i]);
		free(name);
	}
	if (q->vars) {
		px_entity com = { 0 };
		var_value(q, q->vars, s, REFI_VAR_VIGNETTE_ID, ev->v.ext_id);
		var_value(q, q->vars, s, REFI_VAR_DATE, ev->v.date);
		if (ev->v.community_id &&
		    entity_get(q->x->db, ENT_COMMUNITY, ev->v.community_id, &com, NULL) == PX_OK)
			var_value(q, q->vars, s, REFI_VAR_COMMUNITY, com.ext_id);
		entity_free(&com);
	}
	return rc;
}

struct set_ctx {
	struct qx *q;
	xmlNodePtr sets;
};

static int community_set(const px_entity *ent, void *ud)
{
	struct set_ctx *sc = ud;
	export_ctx *x = sc->q->x;
	xmlNodePtr set = NULL;

	for (size_t i = 0; i < x->nvs; i++) {
		if (x->vs[i].v.community_id != ent->id)
			continue;
		if (!set) {
			if (!sc->sets)
				sc->sets = xmlNewNode(sc->q->ns, BAD_CAST "Sets");
			set = el(sc->q, sc->sets, "Set");
			refi_attr(set, "guid", ent->uuid);
			refi_attr(set, "name", ent->name ? ent->name : ent->ext_id);
			el_text(sc->q, set, "Description", ent->ext_id);
		}
		ref(sc->q, set, "MemberSource", x->vs[i].v.uuid);
	}
	return 0;
}

static int project_memo(const px_memo *m, void *ud)
{
	struct qx *q = ud;
	char *t = export_text(q->x, m->text);

	note_add(q, m->uuid, "project memo", m->coder_id, m->created, t);
	sl_push(&q->project_notes, m->uuid);
	sl_push(&q->project_texts, t);
	free(t);
	return 0;
}

/* PX_OK, or a failed read of the project's uuid (the document is made
 * either way, for qx_free). */
static int qx_init(struct qx *q, export_ctx *x, const char *root, const char *ns, int project)
{
	int rc;

	memset(q, 0, sizeof(*q));
	q->x = x;
	q->project = project;
	q->doc = xmlNewDoc(BAD_CAST "1.0");
	q->root = xmlNewNode(NULL, BAD_CAST root);
	q->ns = xmlNewNs(q->root, BAD_CAST ns, NULL);
	xmlSetNs(q->root, q->ns);
	xmlDocSetRootElement(q->doc, q->root);
	rc = db_meta_get(x->db, "uuid", &q->project_uuid, x->e);
	if (!q->project_uuid)
		q->project_uuid = xstrdup("praxis");
	return rc;
}

static void qx_free(struct qx *q)
{
	if (q->notes)
		xmlFreeNode(q->notes);
	xmlFreeDoc(q->doc);
	free(q->project_uuid);
	free(q->created);
	if (q->vars) {
		sl_free(&q->vars->names);
		sl_free(&q->vars->guids);
		free(q->vars);
	}
	sl_free(&q->project_notes);
	sl_free(&q->project_texts);
}

static int qx_dump(struct qx *q, strbuf *out)
{
	xmlChar *mem = NULL;
	int len = 0;

	xmlDocDumpFormatMemoryEnc(q->doc, &mem, &len, "UTF-8", 1);
	if (!mem)
		return px_fail(q->x->e, PX_EIO, "serializing XML failed");
	sb_addn(out, (const char *)mem, (size_t)len);
	xmlFree(mem);
	return PX_OK;
}

int refi_write_qdc(export_ctx *x, FILE *out)
{
	struct qx q;
	strbuf b;
	int rc;

	rc = qx_init(&q, x, "CodeBook", REFI_NS_CODEBOOK, 0);
	refi_attr(q.root, "origin", "praxis " PRAXIS_VERSION);
	sb_init(&b);
	if (!rc && !(rc = write_codebook(&q, q.root)) && !(rc = qx_dump(&q, &b)) &&
	    fwrite(b.s, 1, b.len, out) != b.len)
		rc = px_fail(x->e, PX_EIO, "writing the codebook failed");
	sb_free(&b);
	qx_free(&q);
	return rc;
}

static int build_project(struct qx *q, strbuf *xml)
{
	export_ctx *x = q->x;
	char *title = NULL, *created = NULL, *t;
	struct set_ctx sc = { q, NULL };
	int rc;

	if ((rc = db_meta_get(x->db, "title", &title, x->e)) ||
	    (rc = db_meta_get(x->db, "created", &created, x->e))) {
		free(title);
		return rc;
	}
	t = export_text(x, title ? title : "praxis project");
	refi_attr(q->root, "name", t);
	refi_attr(q->root, "origin", "praxis " PRAXIS_VERSION);
	refi_attr(q->root, "creationDateTime", created);
	if (created)
		q->created = xstrdup(created);
	else {
		char now[32];
		util_now_iso(now);
		q->created = xstrdup(now);
	}
	free(t);
	free(title);
	free(created);
	q->stack[0] = NULL;
	if ((rc = entity_each(x->db, ENT_CODER, user_node, q, x->e)))
		return rc;
	if ((rc = write_codebook(q, q->root)) || (rc = write_cases(q, q->root)))
		return rc;
	if (x->nvs) {
		xmlNodePtr sources = el(q, q->root, "Sources");
		for (size_t i = 0; i < x->nvs && !rc; i++) {
			rc = source_node(q, sources, &x->vs[i]);
			export_progress(x, i);
		}
		if (rc)
			goto done;
	}
	if ((rc = memo_each(x->db, MEMO_PROJECT, 0, project_memo, q, x->e)))
		goto done;
	if (q->notes) {
		xmlAddChild(q->root, q->notes);
		q->notes = NULL;
	}
	rc = entity_each(x->db, ENT_COMMUNITY, community_set, &sc, x->e);
	/* in the document even after a failed read, so it is freed with it */
	if (sc.sets)
		xmlAddChild(q->root, sc.sets);
	if (rc)
		goto done;
	/* the project memos: QualCoder's project memo is the Description */
	description(q, q->root, NULL, &q->project_texts);
	for (size_t i = 0; i < q->project_notes.n; i++)
		ref(q, q->root, "NoteRef", q->project_notes.v[i]);
	rc = qx_dump(q, xml);
done:
	return rc;
}

static int qdpx_add(zip_t *z, const char *name, const char *data, size_t len, px_err *e)
{
	void *copy = xmalloc(len ? len : 1);
	zip_source_t *src;

	memcpy(copy, data, len);
	if (!(src = zip_source_buffer(z, copy, len, 1))) {
		free(copy);
		return px_fail(e, PX_EIO, "zip: %s", zip_strerror(z));
	}
	if (zip_file_add(z, name, src, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE) < 0) {
		zip_source_free(src);
		return px_fail(e, PX_EIO, "zip: %s", zip_strerror(z));
	}
	return PX_OK;
}

static int fsync_path(const char *path)
{
	int fd = open(path, O_RDONLY), rc;

	if (fd < 0)
		return -1;
	rc = fsync(fd);
	close(fd);
	return rc;
}

/* praxis's extension (refi.h, refi_praxis.h): always praxis.xml, and for
 * an export that changes nothing (--keep-names, no filter) the corpus. */
static int add_praxis(export_ctx *x, zip_t *z, const strbuf *qde)
{
	int lossless = x->o->keep_names && !export_options_filtered(x->o), rc = PX_OK;
	char *corpus = NULL;
	size_t clen = 0;
	strbuf m;

	if (lossless) {
		FILE *fp = open_memstream(&corpus, &clen);
		if (!fp)
			return px_fail(x->e, PX_EIO, "out of memory");
		rc = corpus_export(x->db, fp, x->e);
		fclose(fp);
	}
	sb_init(&m);
	if (!rc)
		rc = refi_praxis_xml(x, qde->s, qde->len, lossless ? REFI_PRAXIS_CORPUS : NULL, &m);
	if (!rc && lossless)
		rc = qdpx_add(z, REFI_PRAXIS_CORPUS, corpus, clen, x->e);
	if (!rc)
		rc = qdpx_add(z, REFI_PRAXIS_ENTRY, m.s, m.len, x->e);
	sb_free(&m);
	free(corpus);
	return rc;
}

/* The zip goes to a temp name beside path (libzip writes its own temp and
 * renames onto it), is synced, then renamed into place. */
static int write_zip(export_ctx *x, const char *path, const strbuf *xml)
{
	char *tmp;
	int fd, zerr = 0, rc = PX_OK;
	zip_t *z = NULL;
	/* the project's private names are in it: 0600 unless replacing */
	mode_t mode = atomic_mode(path, 1);

	if ((rc = atomic_check_target(path, x->e)))
		return rc;
	tmp = xasprintf("%s.tmp-XXXXXX", path);
	if ((fd = mkstemp(tmp)) < 0) {
		rc = px_fail(x->e, PX_EIO, "%s: cannot write: %s", path, strerror(errno));
		free(tmp);
		return rc;
	}
	close(fd);
	tempfile_track(tmp, NULL);
	if (!(z = zip_open(tmp, ZIP_CREATE | ZIP_TRUNCATE, &zerr))) {
		zip_error_t ze;
		zip_error_init_with_code(&ze, zerr);
		rc = px_fail(x->e, PX_EIO, "%s: cannot write: %s", path, zip_error_strerror(&ze));
		zip_error_fini(&ze);
		goto fail;
	}
	if ((rc = qdpx_add(z, "project.qde", xml->s, xml->len, x->e)) ||
	    (rc = add_praxis(x, z, xml)))
		goto fail;
	for (size_t i = 0; i < x->nvs; i++) {
		char *name = xasprintf("sources/%s.txt", x->vs[i].v.uuid);
		rc = qdpx_add(z, name, x->vs[i].v.text, strlen(x->vs[i].v.text), x->e);
		free(name);
		if (rc)
			goto fail;
	}
	if (zip_close(z) != 0) {
		rc = px_fail(x->e, PX_EIO, "%s: cannot write: %s", path, zip_strerror(z));
		goto fail;
	}
	z = NULL;
	chmod(tmp, mode);
	if (fsync_path(tmp) != 0 || rename(tmp, path) != 0) {
		rc = px_fail(x->e, PX_EIO, "%s: cannot write: %s", path, strerror(errno));
		goto fail;
	}
	tempfile_untrack();
	free(tmp);
	return PX_OK;
fail:
	if (z)
		zip_discard(z);
	unlink(tmp);
	tempfile_untrack();
	free(tmp);
	return rc;
}

int refi_write_qdpx(export_ctx *x, const char *path)
{
	struct qx q;
	strbuf xml;
	int rc;

	rc = qx_init(&q, x, "Project", REFI_NS_PROJECT, 1);
	sb_init(&xml);
	if (!rc && !(rc = build_project(&q, &xml)))
		rc = write_zip(x, path, &xml);
	sb_free(&xml);
	qx_free(&q);
	return rc;
}
