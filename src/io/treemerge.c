/* treemerge.c: the three-way merge of a tree file by identity; see
 * praxis/treemerge.h. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "praxis/atomic.h"
#include "praxis/corpus.h"
#include "praxis/text.h"
#include "praxis/textdiff.h"
#include "praxis/treemerge.h"
#include "praxis/util.h"
#include "praxis/ytree.h"

enum item_kind { ITEM_OTHER, ITEM_CODING, ITEM_VIGNETTE, ITEM_CODE };
enum origin { FROM_OURS, FROM_THEIRS };

struct tmerge {
	ynode *conflicts;          /* the conflicts this merge records */
	const char *vignette;      /* the vignette being merged (its id) */
	/* a text merged from both sides: each side's codings move into it */
	char *merged_text;
	const char *side_text[2];  /* ours, theirs */
	int remap;
	/* where the merge is: keys and (item[i]) row ids from the file's root,
	 * so that a field conflict can say which field (treemerge_set_field) */
	const char *steps[TREEMERGE_MAX_DEPTH];
	int item[TREEMERGE_MAX_DEPTH];
	int depth;
};

static void step_in(struct tmerge *m, const char *step, int item)
{
	if (m->depth < TREEMERGE_MAX_DEPTH) {
		m->steps[m->depth] = step;
		m->item[m->depth] = item;
	}
	m->depth++;
}

static void step_out(struct tmerge *m)
{
	m->depth--;
}

/* ---- small trees ------------------------------------------------------- */

static ynode *ynew(int type)
{
	ynode *n = xcalloc(1, sizeof(*n));

	n->type = type;
	return n;
}

static ynode *yscalar(const char *s, int plain)
{
	ynode *n = ynew(YN_SCALAR);

	n->value = xstrdup(s);
	n->len = strlen(s);
	n->plain = plain;
	return n;
}

static void ypush(ynode *parent, ynode *kid)
{
	parent->kids = xrealloc(parent->kids, (parent->n + 1) * sizeof(ynode *));
	parent->kids[parent->n++] = kid;
}

static void yput(ynode *map, const char *key, ynode *value)
{
	ypush(map, yscalar(key, 1));
	ypush(map, value);
}

static ynode *ycopy(const ynode *n)
{
	ynode *c;

	if (!n)
		return NULL;
	c = ynew(n->type);
	c->value = n->value ? xstrdup(n->value) : NULL;
	c->len = n->len;
	c->plain = n->plain;
	for (size_t i = 0; i < n->n; i++)
		ypush(c, ycopy(n->kids[i]));
	return c;
}

static int yeq(const ynode *a, const ynode *b)
{
	if (!a || !b)
		return a == b;
	if (a->type != b->type || a->n != b->n)
		return 0;
	if (a->type == YN_SCALAR)
		return strcmp(a->value, b->value) == 0;
	for (size_t i = 0; i < a->n; i++)
		if (!yeq(a->kids[i], b->kids[i]))
			return 0;
	return 1;
}

/* Replaces (or adds) key's value in map. */
static void yset(ynode *map, const char *key, ynode *value)
{
	for (size_t i = 0; i + 1 < map->n; i += 2)
		if (strcmp(map->kids[i]->value, key) == 0) {
			ynode_free(map->kids[i + 1]);
			map->kids[i + 1] = value;
			return;
		}
	yput(map, key, value);
}

static void ydel(ynode *map, const char *key)
{
	for (size_t i = 0; i + 1 < map->n; i += 2)
		if (strcmp(map->kids[i]->value, key) == 0) {
			ynode_free(map->kids[i]);
			ynode_free(map->kids[i + 1]);
			memmove(map->kids + i, map->kids + i + 2, (map->n - i - 2) * sizeof(ynode *));
			map->n -= 2;
			return;
		}
}

static const char *yget_str(const ynode *map, const char *key)
{
	const ynode *v = ynode_get(map, key);

	return v && v->type == YN_SCALAR ? v->value : NULL;
}

/* A row's identity: its corpus id (what an import matches on), else its
 * uuid (codings, memos, log entries, conflicts). Codebook entries are
 * matched by path: every project makes its dimensions (and a code two
 * people added alike) under uuids of its own. */
static const char *item_id_of(const ynode *item, int kind)
{
	const char *id;

	if (!item || item->type != YN_MAP)
		return NULL;
	if (kind == ITEM_CODE && (id = yget_str(item, "code")))
		return id;
	if ((id = yget_str(item, "id")) || (id = yget_str(item, "uuid")))
		return id;
	return yget_str(item, "code");
}

static const char *item_id(const ynode *item)
{
	return item_id_of(item, ITEM_OTHER);
}

/* 1 if every item of seq is a row with an identity. */
static int identified(const ynode *seq)
{
	if (!seq)
		return 1;
	if (seq->type != YN_SEQ || !seq->n)
		return seq->type == YN_SEQ;
	for (size_t i = 0; i < seq->n; i++)
		if (!item_id(seq->kids[i]))
			return 0;
	return 1;
}

static const ynode *find_item(const ynode *seq, const char *id, int kind)
{
	for (size_t i = 0; seq && i < seq->n; i++) {
		const char *k = item_id_of(seq->kids[i], kind);
		if (k && strcmp(k, id) == 0)
			return seq->kids[i];
	}
	return NULL;
}

/* A uuid made from text: the same inputs give the same uuid on every
 * machine, so two merges of the same edits name the copy alike. */
static char *derived_uuid(const char *a, const char *b)
{
	uint64_t h1 = 0xcbf29ce484222325ULL, h2 = 0x84222325cbf29ce4ULL;
	const char *parts[2] = { a ? a : "", b ? b : "" };

	for (int k = 0; k < 2; k++)
		for (const unsigned char *p = (const unsigned char *)parts[k]; ; p++) {
			h1 = (h1 ^ *p) * 0x100000001b3ULL;
			h2 = (h2 ^ *p) * 0x1000193ULL + (h1 >> 29);
			if (!*p)
				break;
		}
	return xasprintf("%08x-%04x-5%03x-%04x-%012llx", (unsigned)(h1 >> 32),
			 (unsigned)(h1 >> 16) & 0xffff, (unsigned)h1 & 0xfff,
			 (unsigned)((h2 >> 48) & 0x3fff) | 0x8000,
			 (unsigned long long)(h2 & 0xffffffffffffULL));
}

/* ---- conflicts ----------------------------------------------------------- */

static void record(struct tmerge *m, const char *kind, const char *ours, const char *theirs,
		   const char *theirs_text, const char *description)
{
	ynode *c = ynew(YN_MAP);
	char now[32];
	char *uuid = derived_uuid(kind, description);

	util_now_iso(now);
	yput(c, "uuid", yscalar(uuid, 0));
	yput(c, "kind", yscalar(kind, 0));
	if (m->vignette)
		yput(c, "vignette", yscalar(m->vignette, 0));
	if (ours)
		yput(c, "ours", yscalar(ours, 0));
	if (theirs)
		yput(c, "theirs", yscalar(theirs, 0));
	if (theirs_text)
		yput(c, "theirs_text", yscalar(theirs_text, 0));
	yput(c, "description", yscalar(description, 0));
	yput(c, "created", yscalar(now, 0));
	ypush(m->conflicts, c);
	free(uuid);
}

/* "the coding of CODE at 'QUOTE' by CODER" for a conflict's description. */
static char *coding_label(const ynode *c)
{
	const char *quote = yget_str(c, "quote"), *coder = yget_str(c, "coder");
	const char *code = yget_str(c, "code");

	return xasprintf("the coding of %s%s%s%s by %s", code ? code : "?",
			 quote ? " at '" : "", quote ? quote : "", quote ? "'" : "",
			 coder ? coder : "?");
}

/* A value for a description: a scalar cut to a line, else what it is. */
static char *value_label(const ynode *v)
{
	size_t n;

	if (v->type != YN_SCALAR)
		return xstrdup(v->type == YN_SEQ ? "a list" : "a mapping");
	n = strcspn(v->value, "\n");
	if (n > 40)
		return xasprintf("%.37s...", v->value);
	return n < strlen(v->value) ? xasprintf("%.*s...", (int)n, v->value)
		: xstrdup(v->value);
}

/* theirs as a one-key YAML document ("role: nurse"), for a person to read
 * and for treemerge_set_field to parse back. */
static char *value_yaml(const char *key, const ynode *v)
{
	ynode *doc = ynew(YN_MAP);
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	yput(doc, key, ycopy(v));
	if (fp) {
		if (corpus_write_node(doc, fp, NULL)) {
			fclose(fp);
			free(buf);
			buf = NULL;
		} else {
			fclose(fp);
		}
	}
	ynode_free(doc);
	if (buf && len && buf[len - 1] == '\n')
		buf[len - 1] = 0;
	return buf ? buf : xasprintf("%s: ", key);
}

/* A field both sides changed: ours stays; the conflict holds where the
 * field is (its path, in ours) and theirs (theirs_text), so that deciding
 * theirs can apply it. */
static void record_field(struct tmerge *m, const char *key, const ynode *o, const ynode *t)
{
	strbuf path, where;
	char *lo = value_label(o), *lt = value_label(t), *tt = value_yaml(key, t), *desc;
	int n = m->depth < TREEMERGE_MAX_DEPTH ? m->depth : TREEMERGE_MAX_DEPTH;

	sb_init(&path);
	sb_init(&where);
	for (int i = 0; i < n; i++) {
		sb_printf(&path, "%s%s\n", m->item[i] ? "=" : "", m->steps[i]);
		if (m->item[i] && i > 0)
			sb_printf(&where, "%s%s %s", where.len ? ", " : "", m->steps[i - 1],
				  m->steps[i]);
	}
	sb_add(&path, key);
	desc = xasprintf("'%s'%s%s changed on both sides: ours is kept (%s), theirs is %s", key,
			 where.len ? " of " : " of the project", where.len ? sb_str(&where) : "",
			 lo, lt);
	/* a path cut short by a very deep file cannot be applied: none then */
	record(m, "field", m->depth <= TREEMERGE_MAX_DEPTH ? sb_str(&path) : NULL, NULL, tt,
	       desc);
	free(desc);
	free(tt);
	free(lo);
	free(lt);
	sb_free(&path);
	sb_free(&where);
}

/* ---- the merge ------------------------------------------------------------ */

static ynode *merge_map(struct tmerge *m, const ynode *b, const ynode *o, const ynode *t,
			int kind, int *clash);
static ynode *merge_list(struct tmerge *m, const ynode *b, const ynode *o, const ynode *t,
			 int kind);
static ynode *merge_text(struct tmerge *m, const ynode *b, const ynode *o, const ynode *t);

static int kind_of_list(const char *key)
{
	if (strcmp(key, "codings") == 0)
		return ITEM_CODING;
	if (strcmp(key, "vignettes") == 0)
		return ITEM_VIGNETTE;
	if (strcmp(key, "codebook") == 0)
		return ITEM_CODE;
	return ITEM_OTHER;
}

/* A vignette's codings after its text was merged (merge_value). */
static ynode *merge_codings(struct tmerge *m, const char *key, const ynode *b, const ynode *o,
			    const ynode *t)
{
	ynode *none = ynew(YN_SEQ), *r;

	step_in(m, key, 0);
	r = merge_list(m, b, o ? o : none, t ? t : none, ITEM_CODING);
	step_out(m);
	ynode_free(none);
	return r;
}

/* One key's merged value (NULL: absent). A field both sides changed
 * differently sets *clash when clash is given (a coding keeps both), else
 * keeps ours and records a field conflict. */
static ynode *merge_value(struct tmerge *m, const char *key, const ynode *b, const ynode *o,
			  const ynode *t, int parent_kind, int *clash)
{
	/* a text merged from both sides: every coding moves into it, even
	 * where the lists themselves agree */
	if (m->remap && parent_kind == ITEM_VIGNETTE && strcmp(key, "codings") == 0 &&
	    (o || t) && (!o || o->type == YN_SEQ) && (!t || t->type == YN_SEQ) &&
	    (!b || b->type == YN_SEQ))
		return merge_codings(m, key, b, o, t);
	if (yeq(o, t) || yeq(b, t))
		return ycopy(o);
	if (yeq(b, o))
		return ycopy(t);
	/* a row matched by another identity, or two projects' own identity:
	 * ours, without a word (it is no one's edit) */
	if (o && t && (strcmp(key, "uuid") == 0 || strcmp(key, "created") == 0) &&
	    parent_kind != ITEM_CODING)
		return ycopy(o);
	if (o && t && strcmp(key, "updated") == 0 && o->type == YN_SCALAR &&
	    t->type == YN_SCALAR)
		return ycopy(strcmp(o->value, t->value) >= 0 ? o : t);
	if (o && t && parent_kind == ITEM_VIGNETTE && strcmp(key, "text") == 0 &&
	    o->type == YN_SCALAR && t->type == YN_SCALAR && (!b || b->type == YN_SCALAR))
		return merge_text(m, b, o, t);
	if (o && t && o->type == YN_SEQ && t->type == YN_SEQ && (!b || b->type == YN_SEQ) &&
	    identified(b) && identified(o) && identified(t) && (o->n || t->n) &&
	    (item_id(o->n ? o->kids[0] : t->kids[0]))) {
		step_in(m, key, 0);
		ynode *r = merge_list(m, b, o, t, kind_of_list(key));
		step_out(m);
		return r;
	}
	if (o && t && o->type == YN_MAP && t->type == YN_MAP && (!b || b->type == YN_MAP)) {
		step_in(m, key, 0);
		ynode *r = merge_map(m, b, o, t, ITEM_OTHER, clash);
		step_out(m);
		return r;
	}
	if (clash) {
		*clash = 1;
		return NULL;
	}
	if (!o)          /* deleted here, changed there: kept */
		return ycopy(t);
	if (t)
		record_field(m, key, o, t);
	return ycopy(o);
}

static const char *const span_keys[] = { "quote", "occurrence", "start", "end", NULL };

static int is_span_key(const char *k)
{
	for (int i = 0; span_keys[i]; i++)
		if (strcmp(k, span_keys[i]) == 0)
			return 1;
	return 0;
}

static int span_eq(const ynode *a, const ynode *b)
{
	for (int i = 0; span_keys[i]; i++)
		if (!yeq(ynode_get(a, span_keys[i]), ynode_get(b, span_keys[i])))
			return 0;
	return 1;
}

/* A mapping key by key. The template (ours, or for a coding whose span
 * only theirs moved, theirs) gives the order; keys only the other side
 * has follow. The span of a coding is one field. */
static ynode *merge_map(struct tmerge *m, const ynode *b, const ynode *o, const ynode *t,
			int kind, int *clash)
{
	const ynode *tpl = o, *other = t;
	const char *saved = m->vignette;
	ynode *r = ynew(YN_MAP);

	if (kind == ITEM_CODING) {
		int o_moved = !span_eq(b, o), t_moved = !span_eq(b, t);
		if (o_moved && t_moved && !span_eq(o, t))
			*clash = 1;
		if (t_moved && !o_moved)
			tpl = t, other = o;
	}
	if (kind == ITEM_VIGNETTE) {
		m->vignette = item_id(o);
		m->remap = 0;   /* set by merge_text for this vignette's codings */
	}
	for (size_t i = 0; i + 1 < tpl->n; i += 2) {
		const char *k = tpl->kids[i]->value;
		ynode *v;
		if (kind == ITEM_CODING && is_span_key(k))
			v = ycopy(tpl->kids[i + 1]);
		else if (tpl == o)
			v = merge_value(m, k, ynode_get(b, k), tpl->kids[i + 1], ynode_get(t, k),
					kind, kind == ITEM_CODING ? clash : NULL);
		else
			v = merge_value(m, k, ynode_get(b, k), ynode_get(o, k), tpl->kids[i + 1],
					kind, kind == ITEM_CODING ? clash : NULL);
		if (v)
			yput(r, k, v);
	}
	for (size_t i = 0; i + 1 < other->n; i += 2) {
		const char *k = other->kids[i]->value;
		ynode *v;
		if (ynode_get(tpl, k) || (kind == ITEM_CODING && is_span_key(k)))
			continue;
		v = tpl == o ? merge_value(m, k, ynode_get(b, k), NULL, other->kids[i + 1], kind,
					   kind == ITEM_CODING ? clash : NULL)
			: merge_value(m, k, ynode_get(b, k), other->kids[i + 1], NULL, kind,
				      kind == ITEM_CODING ? clash : NULL);
		if (v)
			yput(r, k, v);
	}
	m->vignette = saved;
	if (kind == ITEM_VIGNETTE)
		m->remap = 0;
	return r;
}

/* A coding of one side moved into the merged text (merge_text). */
static void remap_coding(struct tmerge *m, ynode *c, int origin)
{
	const char *text = m->side_text[origin], *quote = yget_str(c, "quote");
	const char *s = yget_str(c, "start"), *e = yget_str(c, "end");
	int64_t start, end;
	textdiff d;
	char buf[32];

	if (!m->remap)
		return;
	if (quote) {
		const char *occ = yget_str(c, "occurrence");
		start = text_find_nth(text, quote, occ ? (int)strtol(occ, NULL, 10) : 1, NULL);
		if (start < 0)
			return;
		end = start + (int64_t)text_cp_len(quote);
	} else if (s && e) {
		start = strtoll(s, NULL, 10);
		end = strtoll(e, NULL, 10);
	} else {
		return;   /* the whole vignette */
	}
	textdiff_compute(text, m->merged_text, &d);
	int fate = textdiff_map_span(&d, (int64_t)text_cp_len(m->merged_text), &start, &end);
	textdiff_free(&d);
	ydel(c, "quote");
	ydel(c, "occurrence");
	snprintf(buf, sizeof(buf), "%lld", (long long)start);
	yset(c, "start", yscalar(buf, 1));
	snprintf(buf, sizeof(buf), "%lld", (long long)end);
	yset(c, "end", yscalar(buf, 1));
	if (fate != TEXTDIFF_KEPT)
		yset(c, "needs_review", yscalar("true", 1));
}

/* Both versions of a coding both sides edited: ours as it is, theirs under
 * a uuid made from its own and its time. */
static void keep_both(struct tmerge *m, ynode *r, const ynode *o, const ynode *t)
{
	ynode *copy = ycopy(t);
	const char *uuid = yget_str(o, "uuid");
	char *label_o = coding_label(o), *label_t = coding_label(t);
	char *nu = derived_uuid(uuid, yget_str(t, "updated")), *desc;

	yset(copy, "uuid", yscalar(nu, 0));
	remap_coding(m, copy, FROM_THEIRS);
	ypush(r, copy);
	desc = xasprintf("edited on both sides: ours is %s, theirs %s", label_o, label_t);
	record(m, "coding", uuid, nu, NULL, desc);
	free(desc);
	free(nu);
	free(label_o);
	free(label_t);
}

/* A row deleted on one side and edited on the other: the edit is kept. */
static void kept_edit(struct tmerge *m, ynode *r, const ynode *item, int origin, int kind)
{
	ynode *copy = ycopy(item);

	if (kind == ITEM_CODING)
		remap_coding(m, copy, origin);
	ypush(r, copy);
	if (kind == ITEM_CODING) {
		char *label = coding_label(item);
		char *desc = xasprintf("%s was deleted %s and edited %s", label,
				       origin == FROM_OURS ? "on theirs" : "on ours",
				       origin == FROM_OURS ? "on ours" : "on theirs");
		const char *uuid = yget_str(item, "uuid");
		record(m, "deleted", origin == FROM_OURS ? uuid : NULL,
		       origin == FROM_THEIRS ? uuid : NULL, NULL, desc);
		free(desc);
		free(label);
	}
}

static ynode *merge_list(struct tmerge *m, const ynode *b, const ynode *o, const ynode *t,
			 int kind)
{
	ynode *r = ynew(YN_SEQ);

	for (size_t i = 0; o && i < o->n; i++) {
		const ynode *oi = o->kids[i];
		const char *id = item_id_of(oi, kind);
		const ynode *bi = find_item(b, id, kind), *ti = find_item(t, id, kind);
		if (!ti) {
			if (!bi) {                      /* added here */
				ynode *c = ycopy(oi);
				if (kind == ITEM_CODING)
					remap_coding(m, c, FROM_OURS);
				ypush(r, c);
			} else if (!yeq(bi, oi)) {      /* edited here, deleted there */
				kept_edit(m, r, oi, FROM_OURS, kind);
			}
			continue;
		}
		if (yeq(oi, ti) || yeq(bi, ti) || yeq(bi, oi)) {
			const ynode *pick = yeq(bi, oi) ? ti : oi;
			ynode *c = ycopy(pick);
			if (kind == ITEM_CODING)
				remap_coding(m, c, pick == oi ? FROM_OURS : FROM_THEIRS);
			ypush(r, c);
			continue;
		}
		int clash = 0;
		step_in(m, id, 1);
		ynode *merged = merge_map(m, bi, oi, ti, kind, &clash);
		step_out(m);
		if (kind == ITEM_CODING && clash) {
			ynode_free(merged);
			merged = ycopy(oi);
			remap_coding(m, merged, FROM_OURS);
			ypush(r, merged);
			keep_both(m, r, oi, ti);
		} else {
			if (kind == ITEM_CODING)
				remap_coding(m, merged, span_eq(bi, oi) ? FROM_THEIRS : FROM_OURS);
			ypush(r, merged);
		}
	}
	for (size_t i = 0; t && i < t->n; i++) {
		const ynode *ti = t->kids[i];
		const char *id = item_id_of(ti, kind);
		const ynode *bi = find_item(b, id, kind);
		if (find_item(o, id, kind))
			continue;
		if (!bi) {                              /* added there */
			ynode *c = ycopy(ti);
			if (kind == ITEM_CODING)
				remap_coding(m, c, FROM_THEIRS);
			ypush(r, c);
		} else if (!yeq(bi, ti)) {              /* edited there, deleted here */
			kept_edit(m, r, ti, FROM_THEIRS, kind);
		}
	}
	return r;
}

/* 1 if an edit of ours and one of theirs touch the same stretch of base. */
static int edits_overlap(const textdiff *a, const textdiff *b)
{
	for (size_t i = 0; i < a->n; i++)
		for (size_t j = 0; j < b->n; j++)
			if (a->h[i].old_start <= b->h[j].old_end &&
			    b->h[j].old_start <= a->h[i].old_end)
				return 1;
	return 0;
}

/* base with both sides' edits applied (they do not overlap). */
static char *apply_both(const char *base, const char *o, const textdiff *dO, const char *t,
			const textdiff *dT)
{
	strbuf out;
	size_t i = 0, j = 0;
	int64_t at = 0;

	sb_init(&out);
	while (i < dO->n || j < dT->n) {
		int ours = j >= dT->n || (i < dO->n && dO->h[i].old_start < dT->h[j].old_start);
		const textdiff_hunk *h = ours ? &dO->h[i++] : &dT->h[j++];
		const char *side = ours ? o : t;
		size_t from = text_cp_to_byte(base, (size_t)at);
		size_t to = text_cp_to_byte(base, (size_t)h->old_start);
		sb_addn(&out, base + from, to - from);
		from = text_cp_to_byte(side, (size_t)h->new_start);
		to = text_cp_to_byte(side, (size_t)h->new_end);
		sb_addn(&out, side + from, to - from);
		at = h->old_end;
	}
	sb_add(&out, base + text_cp_to_byte(base, (size_t)at));
	return sb_steal(&out);
}

static ynode *merge_text(struct tmerge *m, const ynode *b, const ynode *o, const ynode *t)
{
	const char *base = b ? b->value : "";
	textdiff dO, dT;
	ynode *r;

	textdiff_compute(base, o->value, &dO);
	textdiff_compute(base, t->value, &dT);
	if (edits_overlap(&dO, &dT)) {
		char *desc = xasprintf("the text of %s was edited on both sides in the same place: "
				       "ours is kept, theirs waits for review",
				       m->vignette ? m->vignette : "a vignette");
		record(m, "text", NULL, NULL, t->value, desc);
		free(desc);
		r = ycopy(o);
	} else {
		free(m->merged_text);
		m->merged_text = apply_both(base, o->value, &dO, t->value, &dT);
		m->side_text[FROM_OURS] = o->value;
		m->side_text[FROM_THEIRS] = t->value;
		m->remap = 1;
		r = yscalar(m->merged_text, 0);
	}
	textdiff_free(&dO);
	textdiff_free(&dT);
	return r;
}

/* ---- files ----------------------------------------------------------------- */

static int read_tree(const char *path, int may_be_missing, ynode **root, px_err *e)
{
	yreader r;
	int rc;

	*root = NULL;
	if (may_be_missing && access(path, F_OK) != 0)
		return PX_OK;
	if ((rc = yreader_open_file(&r, path, e)))
		return rc;
	rc = yreader_document(&r, root, e);
	yreader_close(&r);
	if (!rc && *root && (*root)->type != YN_MAP) {
		ynode_free(*root);
		*root = NULL;
		return px_fail(e, PX_EDATA, "%s: not a praxis corpus file (a mapping)", path);
	}
	return rc;
}

/* root written over path, atomically. */
static int write_tree(const char *path, const ynode *root, px_err *e)
{
	atomic_file af;
	int rc;

	if ((rc = atomic_open(&af, path, e)))
		return rc;
	if ((rc = corpus_write_node(root, af.fp, e)))
		atomic_abort(&af);
	else
		rc = atomic_commit(&af, e);
	return rc;
}

int treemerge_files(const char *base, const char *ours, const char *theirs, int *conflicts,
		    px_err *e)
{
	ynode *b = NULL, *o = NULL, *t = NULL, *r = NULL, *empty = ynew(YN_MAP);
	struct tmerge m = { 0 };
	int rc;

	m.conflicts = ynew(YN_SEQ);
	if ((rc = read_tree(base, 1, &b, e)) || (rc = read_tree(ours, 0, &o, e)) ||
	    (rc = read_tree(theirs, 0, &t, e)))
		goto out;
	/* the vignettes of a file are merged one by one (m.remap is per text) */
	r = merge_map(&m, b ? b : empty, o ? o : empty, t ? t : empty, ITEM_OTHER, NULL);
	if (m.conflicts->n) {
		ynode *list = ynode_get(r, "conflicts");
		if (!list) {
			list = ynew(YN_SEQ);
			yput(r, "conflicts", list);
		}
		for (size_t i = 0; i < m.conflicts->n; i++) {
			ypush(list, m.conflicts->kids[i]);
			m.conflicts->kids[i] = NULL;
		}
	}
	if (conflicts)
		*conflicts = (int)m.conflicts->n;
	rc = write_tree(ours, r, e);
out:
	for (size_t i = 0; i < m.conflicts->n; i++)
		ynode_free(m.conflicts->kids[i]);
	m.conflicts->n = 0;
	ynode_free(m.conflicts);
	free(m.merged_text);
	ynode_free(b);
	ynode_free(o);
	ynode_free(t);
	ynode_free(r);
	ynode_free(empty);
	return rc;
}

/* ---- a field conflict decided for theirs ----------------------------------- */

/* The node a path leads to in root and the key of its last step; NULL
 * when the file has no such row or field. */
static ynode *follow(ynode *root, char *path, char **last)
{
	ynode *at = root;
	const char *list_key = NULL;
	char *step = path, *next;

	for (;; step = next + 1) {
		next = strchr(step, '\n');
		if (!next) {
			*last = step;
			return at && at->type == YN_MAP && ynode_get(at, step) ? at : NULL;
		}
		*next = 0;
		if (!at)
			return NULL;
		if (*step == '=') {
			if (at->type != YN_SEQ || !list_key)
				return NULL;
			at = (ynode *)find_item(at, step + 1, kind_of_list(list_key));
		} else {
			if (at->type != YN_MAP)
				return NULL;
			list_key = step;
			at = ynode_get(at, step);
		}
	}
}

int treemerge_set_field(const char *file, const char *path, const char *theirs_yaml,
			px_err *e)
{
	ynode *root = NULL, *doc = NULL, *parent;
	char *p = xstrdup(path), *key = NULL, now[32];
	yreader r;
	int rc;

	if ((rc = read_tree(file, 0, &root, e)))
		goto out;
	if (yreader_open_buffer(&r, "their value", theirs_yaml, strlen(theirs_yaml))) {
		rc = px_fail(e, PX_EIO, "cannot read the conflict's value of theirs");
		goto out;
	}
	rc = yreader_document(&r, &doc, e);
	yreader_close(&r);
	if (rc)
		goto out;
	if (!root || !(parent = follow(root, p, &key))) {
		rc = px_fail(e, PX_ENOTFOUND, "the field the conflict names is no longer there "
			     "(the row was deleted or renamed): decide ours");
		goto out;
	}
	if (!doc || doc->type != YN_MAP || !ynode_get(doc, key)) {
		rc = px_fail(e, PX_EDATA, "the conflict's value of theirs is not '%s: VALUE'",
			     key);
		goto out;
	}
	yset(parent, key, ycopy(ynode_get(doc, key)));
	/* the row changed now: the next sync sends it as this side's edit */
	if (strcmp(key, "updated") != 0 && ynode_get(parent, "updated")) {
		util_now_iso(now);
		yset(parent, "updated", yscalar(now, 0));
	}
	rc = write_tree(file, root, e);
out:
	ynode_free(root);
	ynode_free(doc);
	free(p);
	return rc;
}
