/* negotiate.c: disagreements of two coders and their settlement; see
 * praxis/negotiate.h for what is recorded where. */
#include <stdlib.h>
#include <string.h>
#include "praxis/agree.h"
#include "praxis/audit.h"
#include "praxis/codebook.h"
#include "praxis/coding.h"
#include "praxis/entity.h"
#include "praxis/memo.h"
#include "praxis/negotiate.h"
#include "praxis/util.h"
#include "praxis/vignette.h"

static const char *const decision_names[] = { "keep A", "keep B", "keep both", "drop" };

const char *negotiate_decision_name(int decision)
{
	return decision >= 0 && decision < NEG_DECISION_COUNT ? decision_names[decision] : NULL;
}

int negotiate_decision_parse(const char *s)
{
	static const struct { const char *name; int d; } alias[] = {
		{ "keep-a", NEG_KEEP_A }, { "a", NEG_KEEP_A }, { "keep-b", NEG_KEEP_B },
		{ "b", NEG_KEEP_B }, { "keep-both", NEG_KEEP_BOTH }, { "both", NEG_KEEP_BOTH },
	};

	if (!s)
		return -1;
	for (int d = 0; d < NEG_DECISION_COUNT; d++)
		if (strcmp(s, decision_names[d]) == 0)
			return d;
	for (size_t i = 0; i < sizeof(alias) / sizeof(alias[0]); i++)
		if (strcmp(s, alias[i].name) == 0)
			return alias[i].d;
	return -1;
}

int negotiate_consensus_coder(px_db *db, int create, int64_t *id, px_err *e)
{
	px_entity ent = { 0 };
	int rc;

	*id = 0;
	if (entity_find(db, ENT_CODER, NEGOTIATE_CONSENSUS, id, NULL) == PX_OK)
		return PX_OK;
	if (!create)
		return PX_OK;
	ent.ext_id = xstrdup(NEGOTIATE_CONSENSUS);
	ent.name = xstrdup("Consensus");
	ent.reified = -1;
	rc = entity_add(db, ENT_CODER, &ent, e);
	*id = ent.id;
	entity_free(&ent);
	return rc;
}

static void seg_push(negotiate_seg **v, size_t *n, int64_t start, int64_t end, int side)
{
	*v = xrealloc(*v, (*n + 1) * sizeof(**v));
	(*v)[*n].start = start;
	(*v)[*n].end = end;
	(*v)[*n].side = side;
	(*n)++;
}

void negotiate_runs(int64_t length, const agree_span *a, size_t na, const agree_span *b,
		    size_t nb, negotiate_seg **out, size_t *n)
{
	static const int side_of[4] = { -1, NEG_A_ONLY, NEG_B_ONLY, NEG_BOTH };
	unsigned char *mark;
	int64_t run = 0;

	*out = NULL;
	*n = 0;
	if (length <= 0)
		return;
	mark = xcalloc((size_t)length, 1);
	agree_mark(mark, length, a, na, 1);
	agree_mark(mark, length, b, nb, 2);
	for (int64_t p = 1; p <= length; p++) {
		if (p < length && mark[p] == mark[run])
			continue;
		if (mark[run])
			seg_push(out, n, run, p, side_of[mark[run]]);
		run = p;
	}
	free(mark);
}

/* The decision memo's fixed prefix for a code and pair: "negotiated
 * ME/x (ann vs bo): ". Caller frees. */
static int memo_prefix(px_db *db, int64_t coder_a, int64_t coder_b, int64_t code_id,
		       char **out, px_err *e)
{
	px_entity a = { 0 }, b = { 0 };
	char *path = NULL;
	int rc;

	*out = NULL;
	if ((rc = codebook_path(db, code_id, &path, e)) ||
	    (rc = entity_get(db, ENT_CODER, coder_a, &a, e)) ||
	    (rc = entity_get(db, ENT_CODER, coder_b, &b, e)))
		goto done;
	*out = xasprintf("negotiated %s (%s vs %s): ", path, a.ext_id, b.ext_id);
done:
	free(path);
	entity_free(&a);
	entity_free(&b);
	return rc;
}

struct memo_find {
	int64_t coder;
	const char *prefix;
	int64_t id;
	int decision;
};

static int memo_match(const px_memo *m, void *ud)
{
	struct memo_find *f = ud;
	size_t len = strlen(f->prefix);

	if (m->coder_id != f->coder || strncmp(m->text, f->prefix, len) != 0)
		return 0;
	f->id = m->id;
	f->decision = NEG_UNRESOLVED;
	for (int d = 0; d < NEG_DECISION_COUNT; d++) {
		size_t dl = strlen(decision_names[d]);
		if (strncmp(m->text + len, decision_names[d], dl) == 0 &&
		    (m->text[len + dl] == '\0' || m->text[len + dl] == ' '))
			f->decision = d;
	}
	return 0;
}

/* The recorded decision memo of code_id on vignette_id, if any. */
static int find_decision(px_db *db, int64_t coder_a, int64_t coder_b, int64_t vignette_id,
			 int64_t code_id, int64_t consensus, struct memo_find *f, px_err *e)
{
	char *prefix = NULL;
	int rc;

	f->coder = consensus;
	f->id = 0;
	f->decision = NEG_UNRESOLVED;
	if (!consensus)
		return PX_OK;
	if ((rc = memo_prefix(db, coder_a, coder_b, code_id, &prefix, e)))
		return rc;
	f->prefix = prefix;
	rc = memo_each(db, MEMO_VIGNETTE, vignette_id, memo_match, f, e);
	f->prefix = NULL;
	free(prefix);
	return rc;
}

static int load_one(px_db *db, int64_t coder_a, int64_t coder_b, int64_t consensus,
		    int64_t vignette_id, negotiate_vignette *out, px_err *e)
{
	agree_vcode *vc = NULL;
	size_t nvc = 0;
	int64_t length;
	int rc;

	memset(out, 0, sizeof(*out));
	out->vignette_id = vignette_id;
	if ((rc = agree_vignette_codes(db, vignette_id, coder_a, coder_b, 0, &vc, &nvc,
				       &length, e)))
		return rc;
	for (size_t i = 0; i < nvc && !rc; i++) {
		agree_table t = agree_count_spans(length, vc[i].a, vc[i].na, vc[i].b, vc[i].nb);
		struct memo_find f;
		if (!t.a_only && !t.b_only)
			continue;
		out->codes = xrealloc(out->codes, (out->ncodes + 1) * sizeof(*out->codes));
		negotiate_code *nc = &out->codes[out->ncodes++];
		memset(nc, 0, sizeof(*nc));
		nc->code_id = vc[i].code_id;
		nc->both = t.both;
		nc->a_only = t.a_only;
		nc->b_only = t.b_only;
		negotiate_runs(length, vc[i].a, vc[i].na, vc[i].b, vc[i].nb, &nc->segs, &nc->nsegs);
		rc = find_decision(db, coder_a, coder_b, vignette_id, nc->code_id, consensus, &f, e);
		nc->decision = f.id ? f.decision : NEG_UNRESOLVED;
		nc->memo_id = f.id;
		if (f.id)
			out->resolved++;
	}
	agree_vcodes_free(vc, nvc);
	if (rc)
		negotiate_vignette_free(out);
	return rc;
}

int negotiate_load_vignette(px_db *db, int64_t coder_a, int64_t coder_b, int64_t vignette_id,
			    negotiate_vignette *out, px_err *e)
{
	int64_t consensus;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = negotiate_consensus_coder(db, 0, &consensus, e)))
		return rc;
	return load_one(db, coder_a, coder_b, consensus, vignette_id, out, e);
}

int negotiate_load(px_db *db, int64_t coder_a, int64_t coder_b, negotiate_list *out,
		   px_err *e)
{
	idlist vids = { 0 };
	int64_t consensus;
	int rc;

	memset(out, 0, sizeof(*out));
	out->coder_a = coder_a;
	out->coder_b = coder_b;
	if (coder_a == coder_b)
		return px_fail(e, PX_EUSAGE, "negotiation needs two different coders");
	if ((rc = negotiate_consensus_coder(db, 0, &consensus, e)) ||
	    (rc = agree_common_vignettes(db, coder_a, coder_b, &vids, e)))
		goto done;
	for (size_t i = 0; i < vids.n; i++) {
		negotiate_vignette v;
		if ((rc = load_one(db, coder_a, coder_b, consensus, vids.v[i], &v, e)))
			goto done;
		if (!v.ncodes) {
			negotiate_vignette_free(&v);
			continue;
		}
		out->v = xrealloc(out->v, (out->n + 1) * sizeof(*out->v));
		out->v[out->n++] = v;
		out->total += (int64_t)v.ncodes;
		out->resolved += (int64_t)v.resolved;
	}
done:
	idl_free(&vids);
	if (rc)
		negotiate_list_free(out);
	return rc;
}

void negotiate_vignette_free(negotiate_vignette *v)
{
	for (size_t i = 0; i < v->ncodes; i++)
		free(v->codes[i].segs);
	free(v->codes);
	memset(v, 0, sizeof(*v));
}

void negotiate_list_free(negotiate_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		negotiate_vignette_free(&l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

int negotiate_progress(px_db *db, int64_t coder_a, int64_t coder_b, int64_t *resolved,
		       int64_t *total, px_err *e)
{
	negotiate_list l;
	int rc = negotiate_load(db, coder_a, coder_b, &l, e);

	*resolved = rc ? 0 : l.resolved;
	*total = rc ? 0 : l.total;
	negotiate_list_free(&l);
	return rc;
}

/* Codings gathered before writing, so no statement is stepped while the
 * same table is written. */
struct gather {
	px_coding *v;
	size_t n;
};

static int gather_coding(const px_coding *c, void *ud)
{
	struct gather *g = ud;

	g->v = xrealloc(g->v, (g->n + 1) * sizeof(*g->v));
	coding_copy(&g->v[g->n++], c);
	return 0;
}

static void gather_free(struct gather *g)
{
	for (size_t i = 0; i < g->n; i++)
		coding_free(&g->v[i]);
	free(g->v);
	memset(g, 0, sizeof(*g));
}

static int gather_of(px_db *db, int64_t vignette_id, int64_t code_id, int64_t coder,
		     struct gather *g, px_err *e)
{
	coding_query q = CODING_QUERY_ALL;

	q.vignette_id = vignette_id;
	q.code_id = code_id;
	q.coder_id = coder;
	return coding_each(db, &q, gather_coding, g, e);
}

/* Removes an earlier decision: the consensus codings of the code on the
 * vignette and the decision memo. */
static int clear_decision(px_db *db, int64_t consensus, int64_t vignette_id, int64_t code_id,
			  int64_t memo_id, px_err *e)
{
	struct gather g = { 0 };
	int rc;

	if ((rc = gather_of(db, vignette_id, code_id, consensus, &g, e)))
		return rc;
	for (size_t i = 0; i < g.n && !rc; i++)
		rc = coding_delete(db, g.v[i].id, e);
	gather_free(&g);
	if (!rc && memo_id)
		rc = memo_delete(db, memo_id, e);
	return rc;
}

static int same_span(const px_coding *x, const struct gather *g, size_t upto)
{
	for (size_t i = 0; i < upto; i++)
		if (g->v[i].start == x->start && g->v[i].end == x->end)
			return 1;
	return 0;
}

static int copy_kept(px_db *db, const struct gather *g, int64_t consensus, const char *decision,
		     px_err *e)
{
	int rc = PX_OK;

	for (size_t i = 0; i < g->n && !rc; i++) {
		px_coding c;
		/* keep both: a span both coders drew once is copied once */
		if (same_span(&g->v[i], g, i))
			continue;
		coding_copy(&c, &g->v[i]);
		c.id = 0;
		c.coder_id = consensus;
		free(c.uuid);
		free(c.created);
		free(c.updated);
		c.uuid = c.created = c.updated = NULL;
		free(c.memo);
		c.memo = g->v[i].memo && *g->v[i].memo
			? xasprintf("%s\n[%s]", g->v[i].memo, decision) : xstrdup(decision);
		c.needs_review = 0;
		rc = coding_add(db, &c, e);
		coding_free(&c);
	}
	return rc;
}

static int record_memo(px_db *db, int64_t consensus, int64_t vignette_id, const char *text,
		       px_err *e)
{
	px_memo m = { 0 };
	int rc;

	m.target = MEMO_VIGNETTE;
	m.target_id = vignette_id;
	m.coder_id = consensus;
	m.text = xstrdup(text);
	rc = memo_add(db, &m, e);
	memo_free(&m);
	return rc;
}

static int apply_decision(px_db *db, int64_t coder_a, int64_t coder_b, int64_t consensus,
			  int64_t vignette_id, int64_t code_id, int decision, const char *text,
			  px_err *e)
{
	struct gather g = { 0 };
	int rc = PX_OK;

	if (decision == NEG_KEEP_A || decision == NEG_KEEP_BOTH)
		rc = gather_of(db, vignette_id, code_id, coder_a, &g, e);
	if (!rc && (decision == NEG_KEEP_B || decision == NEG_KEEP_BOTH))
		rc = gather_of(db, vignette_id, code_id, coder_b, &g, e);
	if (!rc)
		rc = copy_kept(db, &g, consensus, text, e);
	gather_free(&g);
	if (!rc)
		rc = record_memo(db, consensus, vignette_id, text, e);
	return rc;
}

/* The consensus coder (created if missing), which must not be A or B. */
static int consensus_for(px_db *db, int64_t coder_a, int64_t coder_b, int64_t *consensus,
			 px_err *e)
{
	int rc = negotiate_consensus_coder(db, 1, consensus, e);

	if (!rc && (*consensus == coder_a || *consensus == coder_b))
		rc = px_fail(e, PX_EUSAGE, "the consensus coder cannot be one of the pair");
	return rc;
}

/* Ends a decision's transaction: commits if rc is 0, else rolls back. */
/* The decision's entry in the audit trail: the memo's words and where. */
static int log_decision(px_db *db, int64_t vignette_id, const char *text, px_err *e)
{
	px_vignette v;
	int rc;

	if ((rc = vignette_get(db, vignette_id, &v, e)))
		return rc;
	rc = audit_record(db, "negotiate", e, "%s (vignette %s)", text, v.ext_id);
	vignette_free(&v);
	return rc;
}

/* Logs the decision (when it was recorded) and ends the transaction. */
static int finish(px_db *db, int rc, int64_t vignette_id, char *prefix, char *text,
		  px_err *e)
{
	if (!rc && text)
		rc = log_decision(db, vignette_id, text, e);
	free(prefix);
	free(text);
	if (rc) {
		db_rollback(db);
		return rc;
	}
	return db_commit(db, e);
}

/* "PREFIX WORD[ -- note]" */
static char *decision_text(const char *prefix, const char *word, const char *note)
{
	return note && *note ? xasprintf("%s%s -- %s", prefix, word, note)
		: xasprintf("%s%s", prefix, word);
}

int negotiate_resolve(px_db *db, int64_t coder_a, int64_t coder_b, int64_t vignette_id,
		      int64_t code_id, int decision, const char *note, px_err *e)
{
	struct memo_find f;
	int64_t consensus;
	char *prefix = NULL, *text = NULL;
	int rc;

	if (!negotiate_decision_name(decision))
		return px_fail(e, PX_EUSAGE, "unknown negotiation decision %d", decision);
	if (coder_a == coder_b)
		return px_fail(e, PX_EUSAGE, "negotiation needs two different coders");
	if ((rc = db_begin(db, e)))
		return rc;
	if ((rc = consensus_for(db, coder_a, coder_b, &consensus, e)))
		goto fail;
	if ((rc = find_decision(db, coder_a, coder_b, vignette_id, code_id, consensus, &f, e)) ||
	    (rc = clear_decision(db, consensus, vignette_id, code_id, f.id, e)) ||
	    (rc = memo_prefix(db, coder_a, coder_b, code_id, &prefix, e)))
		goto fail;
	text = decision_text(prefix, decision_names[decision], note);
	rc = apply_decision(db, coder_a, coder_b, consensus, vignette_id, code_id, decision, text, e);
fail:
	return finish(db, rc, vignette_id, prefix, text, e);
}

int negotiate_unresolve(px_db *db, int64_t coder_a, int64_t coder_b, int64_t vignette_id,
			int64_t code_id, px_err *e)
{
	struct memo_find f;
	int64_t consensus;
	int rc;

	if ((rc = negotiate_consensus_coder(db, 0, &consensus, e)) || !consensus)
		return rc;
	if ((rc = db_begin(db, e)))
		return rc;
	if ((rc = find_decision(db, coder_a, coder_b, vignette_id, code_id, consensus, &f, e)) ||
	    (rc = clear_decision(db, consensus, vignette_id, code_id, f.id, e))) {
		db_rollback(db);
		return rc;
	}
	return db_commit(db, e);
}

int negotiate_record_edit(px_db *db, int64_t coder_a, int64_t coder_b, int64_t vignette_id,
			  int64_t code_id, const char *note, px_err *e)
{
	struct memo_find f;
	int64_t consensus;
	char *prefix = NULL, *text = NULL;
	int rc;

	if (coder_a == coder_b)
		return px_fail(e, PX_EUSAGE, "negotiation needs two different coders");
	if ((rc = db_begin(db, e)))
		return rc;
	if ((rc = consensus_for(db, coder_a, coder_b, &consensus, e)))
		goto fail;
	if ((rc = find_decision(db, coder_a, coder_b, vignette_id, code_id, consensus, &f, e)) ||
	    (f.id && (rc = memo_delete(db, f.id, e))) ||
	    (rc = memo_prefix(db, coder_a, coder_b, code_id, &prefix, e)))
		goto fail;
	text = decision_text(prefix, "edited", note);
	rc = record_memo(db, consensus, vignette_id, text, e);
fail:
	return finish(db, rc, vignette_id, prefix, text, e);
}

struct note_find {
	int64_t id;
	char *note;
};

static int note_match(const px_memo *m, void *ud)
{
	struct note_find *f = ud;
	const char *colon, *dash;

	if (m->id != f->id || !(colon = strstr(m->text, "): ")))
		return 0;
	if ((dash = strstr(colon, " -- ")))
		f->note = xstrdup(dash + 4);
	return 0;
}

char *negotiate_memo_note(px_db *db, int64_t vignette_id, int64_t memo_id)
{
	struct note_find f = { memo_id, NULL };

	if (memo_id)
		memo_each(db, MEMO_VIGNETTE, vignette_id, note_match, &f, NULL);
	return f.note;
}

/* Code points the consensus covers with code_id on vignette_id. */
static int consensus_cover(px_db *db, int64_t consensus, int64_t vignette_id, int64_t code_id,
			   int64_t *cover, px_err *e)
{
	agree_vcode *vc = NULL;
	size_t n = 0;
	int64_t length;
	int rc;

	*cover = 0;
	/* the consensus asked as both coders: its spans land on side a */
	if ((rc = agree_vignette_codes(db, vignette_id, consensus, consensus, code_id, &vc, &n,
				       &length, e)))
		return rc;
	for (size_t i = 0; i < n; i++)
		if (vc[i].code_id == code_id)
			*cover = agree_count_spans(length, vc[i].a, vc[i].na, vc[i].a, vc[i].na).both;
	agree_vcodes_free(vc, n);
	return PX_OK;
}

int negotiate_settled(px_db *db, const negotiate_list *l, const agree_table *pair,
		      agree_table *out, px_err *e)
{
	int64_t consensus;
	int rc;

	*out = *pair;
	if ((rc = negotiate_consensus_coder(db, 0, &consensus, e)) || !consensus)
		return rc;
	for (size_t i = 0; i < l->n; i++)
		for (size_t k = 0; k < l->v[i].ncodes; k++) {
			const negotiate_code *c = &l->v[i].codes[k];
			int64_t cover, span = c->both + c->a_only + c->b_only;
			if (!c->memo_id)
				continue;
			if ((rc = consensus_cover(db, consensus, l->v[i].vignette_id, c->code_id,
						  &cover, e)))
				return rc;
			/* the (vignette, code)'s units: before both/a_only/b_only/rest,
			 * after cover agreed coded and the rest agreed uncoded */
			out->both += cover - c->both;
			out->neither += span - cover;
			out->a_only -= c->a_only;
			out->b_only -= c->b_only;
		}
	return PX_OK;
}
