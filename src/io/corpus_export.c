/* corpus_export.c: the project as corpus YAML, in a fixed order.
 *
 * libyaml's emitter does the quoting, so any text (leading spaces, trailing
 * blanks, control characters) reads back exactly as stored; yaml_out.h
 * keeps characters past U+FFFF (emoji) raw where libyaml would escape them. Strings that a
 * plain scalar would turn into null, a boolean or a number are quoted. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>
#include "praxis/audit.h"
#include "praxis/codebook.h"
#include "praxis/coding.h"
#include "praxis/corpus.h"
#include "praxis/entity.h"
#include "praxis/memo.h"
#include "praxis/names.h"
#include "praxis/participant.h"
#include "praxis/sync_conflict.h"
#include "praxis/text.h"
#include "praxis/util.h"
#include "praxis/vignette.h"
#include "praxis/yaml_out.h"
#include "praxis/ytree.h"

/* Quotes longer than this, or spanning lines, are written as offsets. */
#define EXPORT_QUOTE_MAX 120

struct exp {
	yaml_emitter_t em;
	yaml_out out;            /* keeps emoji and other astral text raw */
	px_db *db;
	px_names nm;
	px_err *e;
	int failed;
	const char *section;     /* the section key its first item opens */
	int64_t coding_memos;    /* 1 if any memo is on a coding */
	int part;                /* enum corpus_part: what this file holds */
	int64_t vignette_id;     /* CORPUS_PART_VIGNETTE: the one vignette */
	const char *conflicts_of;/* the conflicts written: NULL all, "" no vignette's */
};

static void emit(struct exp *x, yaml_event_t *ev)
{
	if (x->failed) {
		yaml_event_delete(ev);
		return;
	}
	if (!yaml_emitter_emit(&x->em, ev)) {
		x->failed = 1;
		if (x->em.error == YAML_WRITER_ERROR)
			px_fail(x->e, PX_EIO, "writing YAML: %s", strerror(errno));
		else
			px_fail(x->e, PX_EIO, "writing YAML: %s",
				x->em.problem ? x->em.problem : "write error");
	}
}

/* 1 if a plain scalar s would read back as something other than a string. */
static int plain_is_special(const char *s)
{
	static const char *const words[] = {
		"", "~", "null", "Null", "NULL", "true", "True", "TRUE", "false", "False",
		"FALSE", "yes", "Yes", "YES", "no", "No", "NO", "on", "On", "ON", "off", "Off",
		"OFF", "y", "Y", "n", "N", NULL
	};
	char *end;

	for (int i = 0; words[i]; i++)
		if (strcmp(s, words[i]) == 0)
			return 1;
	strtod(s, &end);
	return *end == '\0';
}

static void scalar(struct exp *x, const char *s, yaml_scalar_style_t style)
{
	yaml_event_t ev;

	const char *token = yout_hold(&x->out, s, style == YAML_LITERAL_SCALAR_STYLE);

	if (token) {
		s = token;
		style = YAML_PLAIN_SCALAR_STYLE;
	} else if (style == YAML_PLAIN_SCALAR_STYLE && plain_is_special(s)) {
		style = YAML_DOUBLE_QUOTED_SCALAR_STYLE;
	}
	yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)s, (int)strlen(s), 1, 1,
				     style);
	emit(x, &ev);
}

static void str(struct exp *x, const char *s)
{
	scalar(x, s, YAML_PLAIN_SCALAR_STYLE);
}

/* An integer or boolean: always plain. */
static void raw(struct exp *x, const char *s)
{
	yaml_event_t ev;

	yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)s, (int)strlen(s), 1, 1,
				     YAML_PLAIN_SCALAR_STYLE);
	emit(x, &ev);
}

static void integer(struct exp *x, long long v)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%lld", v);
	raw(x, buf);
}

static void map_start(struct exp *x, int flow)
{
	yaml_event_t ev;

	yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1, flow ? YAML_FLOW_MAPPING_STYLE
					    : YAML_BLOCK_MAPPING_STYLE);
	emit(x, &ev);
}

static void map_end(struct exp *x)
{
	yaml_event_t ev;

	yaml_mapping_end_event_initialize(&ev);
	emit(x, &ev);
}

static void seq_start(struct exp *x, int flow)
{
	yaml_event_t ev;

	yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1, flow ? YAML_FLOW_SEQUENCE_STYLE
					     : YAML_BLOCK_SEQUENCE_STYLE);
	emit(x, &ev);
}

static void seq_end(struct exp *x)
{
	yaml_event_t ev;

	yaml_sequence_end_event_initialize(&ev);
	emit(x, &ev);
}

/* key: value, skipped when value is NULL. */
static void kv(struct exp *x, const char *key, const char *value)
{
	if (!value)
		return;
	raw(x, key);
	str(x, value);
}

static void kv_bool(struct exp *x, const char *key, int value)
{
	if (value < 0)
		return;
	raw(x, key);
	raw(x, value ? "true" : "false");
}

static void kv_ids(struct exp *x, const char *key, const idlist *ids, enum names_kind k)
{
	if (!ids->n)
		return;
	raw(x, key);
	seq_start(x, 1);
	for (size_t i = 0; i < ids->n; i++)
		str(x, names_get(&x->nm, k, ids->v[i]));
	seq_end(x);
}

/* A section (key: a sequence) is opened by its first item, so an empty
 * one is left out without counting rows first: a count whose read failed
 * would drop a whole section from a file that looked complete. */
static void section_begin(struct exp *x, const char *key)
{
	x->section = key;
}

/* Starts a top-level item (opening its section if it is the first). */
static void item_start(struct exp *x)
{
	if (x->section) {
		raw(x, x->section);
		seq_start(x, 0);
		x->section = NULL;
	}
	map_start(x, 0);
}

static void section_end(struct exp *x)
{
	if (x->section)
		x->section = NULL;
	else
		seq_end(x);
}

static int entity_item(const px_entity *ent, void *ud)
{
	struct exp *x = ud;

	item_start(x);
	kv(x, "id", ent->ext_id);
	kv(x, "name", ent->name);
	kv(x, "kind", ent->kind);
	kv_bool(x, "reified", ent->reified);
	kv(x, "description", ent->description);
	if (ent->community_id)
		kv(x, "community", names_get(&x->nm, NAMES_COMMUNITY, ent->community_id));
	kv(x, "uuid", ent->uuid);
	map_end(x);
	return x->failed;
}

static int export_entities(struct exp *x, enum entity_kind k, const char *key)
{
	int rc;

	section_begin(x, key);
	if ((rc = entity_each(x->db, k, entity_item, x, x->e)))
		return rc;
	section_end(x);
	return PX_OK;
}

static int code_item(const px_code *c, void *ud)
{
	struct exp *x = ud;

	/* a dimension is written only for its identity (and what a user
	 * gave it): the three exist in every project */
	item_start(x);
	kv(x, "code", names_get(&x->nm, NAMES_CODE, c->id));
	kv(x, "description", c->description);
	if (c->color)
		scalar(x, "color", YAML_PLAIN_SCALAR_STYLE), scalar(x, c->color,
								  YAML_DOUBLE_QUOTED_SCALAR_STYLE);
	kv(x, "uuid", c->uuid);
	map_end(x);
	return x->failed;
}

static int participant_item(const px_participant *p, void *ud)
{
	struct exp *x = ud;

	item_start(x);
	kv(x, "id", p->ext_id);
	kv(x, "pseudonym", p->pseudonym);
	kv(x, "role", p->role);
	if (p->nroles) {
		/* the later roles, each from its day on ('role' above: from the start) */
		raw(x, "roles");
		seq_start(x, 1);
		for (size_t i = 0; i < p->nroles; i++) {
			map_start(x, 1);
			raw(x, "role");
			str(x, p->roles[i].role);
			raw(x, "from");
			raw(x, p->roles[i].from);
			map_end(x);
		}
		seq_end(x);
	}
	if (p->nattrs) {
		raw(x, "attributes");
		map_start(x, 1);
		for (size_t i = 0; i < p->nattrs; i++) {
			str(x, p->attrs[i].key);
			str(x, p->attrs[i].value);
		}
		map_end(x);
	}
	if (p->aliases.n) {
		raw(x, "aliases");
		seq_start(x, 1);
		for (size_t i = 0; i < p->aliases.n; i++) {
			if (i < p->alias_as.n && *p->alias_as.v[i]) {
				map_start(x, 1);
				raw(x, "name");
				str(x, p->aliases.v[i]);
				raw(x, "as");
				str(x, p->alias_as.v[i]);
				map_end(x);
			} else {
				str(x, p->aliases.v[i]);
			}
		}
		seq_end(x);
	}
	kv(x, "uuid", p->uuid);
	map_end(x);
	return x->failed;
}

/* Where a memo is written: under its one vignette or coding (MEMO_VIGNETTE,
 * MEMO_CODING), else (-1) in the top-level memos section with its targets. */
static int memo_nested_under(const px_memo *m)
{
	if (m->n_on == 1 && (m->on[0].kind == MEMO_VIGNETTE || m->on[0].kind == MEMO_CODING))
		return m->on[0].kind;
	return -1;
}

static void memo_fields(struct exp *x, const px_memo *m)
{
	kv(x, "uuid", m->uuid);
	if (m->coder_id)
		kv(x, "author", names_get(&x->nm, NAMES_CODER, m->coder_id));
	kv(x, "created", m->created);
	kv(x, "updated", m->updated);
	kv(x, "title", m->title);
	raw(x, "text");
	scalar(x, m->text, strchr(m->text, '\n') ? YAML_LITERAL_SCALAR_STYLE
					       : YAML_PLAIN_SCALAR_STYLE);
	map_end(x);
}

struct memo_place {
	struct exp *x;
	int nested;              /* memo_nested_under's answer for the memos written */
};

static int memo_item(const px_memo *m, void *ud)
{
	const struct memo_place *mp = ud;
	struct exp *x = mp->x;

	if (memo_nested_under(m) != mp->nested)
		return 0;
	item_start(x);
	if (mp->nested < 0) {
		raw(x, "on");
		seq_start(x, 1);
		for (size_t i = 0; i < m->n_on; i++) {
			char *label = memo_target_label(x->db, &x->nm, &m->on[i]);
			str(x, label);
			free(label);
		}
		seq_end(x);
	}
	memo_fields(x, m);
	return x->failed;
}

/* The memos written under one vignette or coding (kind, id), or with
 * kind -1 the top-level section of all others; left out when empty. */
static int export_memos(struct exp *x, int kind, int64_t id)
{
	struct memo_place mp = { x, kind };
	int rc;

	section_begin(x, "memos");
	if ((rc = memo_each(x->db, kind, id, memo_item, &mp, x->e)))
		return rc;
	section_end(x);
	return x->failed;
}

/* A vignette's codings, held so that their quotes are anchored in one
 * pass over the text (text_anchors). */
struct coding_list {
	px_coding *v;
	size_t n, cap;
};

static int collect_coding(const px_coding *c, void *ud)
{
	struct coding_list *l = ud;

	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 16;
		l->v = xrealloc(l->v, l->cap * sizeof(*l->v));
	}
	coding_copy(&l->v[l->n++], c);
	return 0;
}

static void coding_list_free(struct coding_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		coding_free(&l->v[i]);
	free(l->v);
}

/* A coding with what it sorts by: codings are written by start, end, code
 * path, coder and uuid, an order that does not depend on row ids, so a tree
 * written from two copies of a project lists the same codings alike and two
 * coders' additions land on separate lines. */
struct coding_key {
	const px_coding *c;
	const char *code, *coder;
};

static int str_cmp(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "");
}

static int coding_key_cmp(const void *pa, const void *pb)
{
	const struct coding_key *a = pa, *b = pb;
	int d;

	if (a->c->start != b->c->start)
		return a->c->start < b->c->start ? -1 : 1;
	if (a->c->end != b->c->end)
		return a->c->end < b->c->end ? -1 : 1;
	if ((d = str_cmp(a->code, b->code)) || (d = str_cmp(a->coder, b->coder)))
		return d;
	return str_cmp(a->c->uuid, b->c->uuid);
}

static void sort_codings(const px_names *nm, struct coding_list *l)
{
	struct coding_key *k = xcalloc(l->n, sizeof(*k));
	px_coding *sorted = xcalloc(l->n, sizeof(*sorted));

	for (size_t i = 0; i < l->n; i++) {
		k[i].c = &l->v[i];
		k[i].code = names_get(nm, NAMES_CODE, l->v[i].code_id);
		k[i].coder = names_get(nm, NAMES_CODER, l->v[i].coder_id);
	}
	qsort(k, l->n, sizeof(*k), coding_key_cmp);
	for (size_t i = 0; i < l->n; i++)
		sorted[i] = *k[i].c;
	memcpy(l->v, sorted, l->n * sizeof(*sorted));
	free(sorted);
	free(k);
}

/* The span as a quote when that reads well and anchors the same place,
 * else as offsets. */
static void coding_span(struct exp *x, const px_vignette *v, const px_coding *c,
			const struct text_anchor *a)
{
	if (c->start < 0)
		return;
	if (a->nth > 0 && c->end - c->start <= EXPORT_QUOTE_MAX &&
	    !memchr(v->text + a->byte_start, '\n', a->byte_end - a->byte_start)) {
		char *quote = xstrndup(v->text + a->byte_start, a->byte_end - a->byte_start);
		kv(x, "quote", quote);
		free(quote);
		if (a->count > 1) {
			raw(x, "occurrence");
			integer(x, a->nth);
		}
		return;
	}
	raw(x, "start");
	integer(x, c->start);
	raw(x, "end");
	integer(x, c->end);
}

static int coding_item(struct exp *x, const px_vignette *v, const px_coding *c,
		       const struct text_anchor *a)
{
	map_start(x, 0);
	kv(x, "code", names_get(&x->nm, NAMES_CODE, c->code_id));
	coding_span(x, v, c, a);
	kv_ids(x, "participants", &c->participants, NAMES_PARTICIPANT);
	if (c->mode == MODE_BOTH) {
		/* the set as a list: mode: [participation, reification] */
		raw(x, "mode");
		seq_start(x, 1);
		str(x, coding_mode_name(MODE_PARTICIPATION));
		str(x, coding_mode_name(MODE_REIFICATION));
		seq_end(x);
	} else {
		kv(x, "mode", coding_mode_name(c->mode));
	}
	kv(x, "coder", names_get(&x->nm, NAMES_CODER, c->coder_id));
	if (c->memo) {
		raw(x, "memo");
		scalar(x, c->memo, strchr(c->memo, '\n') ? YAML_LITERAL_SCALAR_STYLE
							: YAML_PLAIN_SCALAR_STYLE);
	}
	if (c->repertoire_id)
		kv(x, "repertoire", names_get(&x->nm, NAMES_REPERTOIRE, c->repertoire_id));
	kv(x, "interpretation", c->interpretation);
	if (c->speaker_id)
		kv(x, "speaker", names_get(&x->nm, NAMES_PARTICIPANT, c->speaker_id));
	if (c->accountability_id)
		kv(x, "accountability", names_get(&x->nm, NAMES_ACCOUNTABILITY,
						  c->accountability_id));
	kv(x, "stance", coding_stance_name(c->stance));
	kv_ids(x, "held_by", &c->held_by, NAMES_PARTICIPANT);
	if (c->needs_review)
		kv_bool(x, "needs_review", 1);
	kv(x, "uuid", c->uuid);
	kv(x, "created", c->created);
	kv(x, "updated", c->updated);
	if (x->coding_memos && export_memos(x, MEMO_CODING, c->id))
		return 1;
	map_end(x);
	return x->failed;
}

/* The vignette's codings, in sort_codings' order, with their anchors. */
static int export_codings(struct exp *x, const px_vignette *v)
{
	coding_query q = CODING_QUERY_ALL;
	struct coding_list l = { 0 };
	struct text_span *spans;
	struct text_anchor *anchors;
	int rc;

	q.vignette_id = v->id;
	/* a read that fails half-way leaves the codings collected so far */
	if ((rc = coding_each(x->db, &q, collect_coding, &l, x->e)) || !l.n) {
		coding_list_free(&l);
		return rc;
	}
	sort_codings(&x->nm, &l);
	spans = xcalloc(l.n, sizeof(*spans));
	anchors = xcalloc(l.n, sizeof(*anchors));
	for (size_t i = 0; i < l.n; i++) {
		spans[i].start = l.v[i].start;
		spans[i].end = l.v[i].end;
	}
	text_anchors(v->text, spans, l.n, anchors);
	raw(x, "codings");
	seq_start(x, 0);
	for (size_t i = 0; i < l.n && !rc; i++)
		rc = coding_item(x, v, &l.v[i], &anchors[i]);
	seq_end(x);
	coding_list_free(&l);
	free(spans);
	free(anchors);
	return rc;
}

static int vignette_item(const px_vignette *v, void *ud)
{
	struct exp *x = ud;
	int rc;

	item_start(x);
	kv(x, "id", v->ext_id);
	kv(x, "title", v->title);
	kv(x, "date", v->date);
	if (v->community_id)
		kv(x, "community", names_get(&x->nm, NAMES_COMMUNITY, v->community_id));
	if (v->observer_id)
		kv(x, "observer", names_get(&x->nm, NAMES_CODER, v->observer_id));
	kv_ids(x, "participants", &v->participants, NAMES_PARTICIPANT);
	kv(x, "uuid", v->uuid);
	kv(x, "created", v->created);
	kv(x, "updated", v->updated);
	raw(x, "text");
	scalar(x, v->text, YAML_LITERAL_SCALAR_STYLE);
	if ((rc = export_memos(x, MEMO_VIGNETTE, v->id)))
		return rc;
	if ((rc = export_codings(x, v)))
		return rc;
	map_end(x);
	return x->failed;
}

static int log_item(const px_audit *a, void *ud)
{
	struct exp *x = ud;

	item_start(x);
	kv(x, "time", a->time);
	if (a->coder_id)
		kv(x, "coder", names_get(&x->nm, NAMES_CODER, a->coder_id));
	kv(x, "action", a->action);
	kv(x, "description", a->description);
	kv(x, "uuid", a->uuid);
	map_end(x);
	return x->failed;
}

static int conflict_item(const sync_conflict *c, void *ud)
{
	struct exp *x = ud;

	item_start(x);
	kv(x, "uuid", c->uuid);
	kv(x, "kind", c->kind);
	kv(x, "vignette", c->vignette);
	kv(x, "ours", c->ours);
	kv(x, "theirs", c->theirs);
	if (c->theirs_text) {
		raw(x, "theirs_text");
		scalar(x, c->theirs_text, strchr(c->theirs_text, '\n') ? YAML_LITERAL_SCALAR_STYLE
									: YAML_PLAIN_SCALAR_STYLE);
	}
	kv(x, "description", c->description);
	kv(x, "created", c->created);
	map_end(x);
	return x->failed;
}

/* The conflicts a sync left for a decision (sync_conflict.h), last: they
 * name codings and vignettes above them. */
static int export_conflicts(struct exp *x)
{
	int rc;

	section_begin(x, "conflicts");
	if ((rc = sync_conflict_each(x->db, x->conflicts_of, conflict_item, x, x->e)))
		return rc;
	section_end(x);
	return x->failed;
}

static int export_version(struct exp *x)
{
	raw(x, "praxis");
	integer(x, CORPUS_FORMAT_VERSION);
	return x->failed;
}

/* Everything but the vignettes: the project file of a tree. */
static int export_project(struct exp *x)
{
	char *title = NULL;
	int rc;

	if ((rc = db_meta_get(x->db, "title", &title, x->e)))
		return rc;
	if (title) {
		raw(x, "project");
		str(x, title);
		free(title);
	}
	for (int i = 0; i < 2; i++) {
		static const char *const identity[] = { "uuid", "created" };
		char *value = NULL;
		if ((rc = db_meta_get(x->db, identity[i], &value, x->e)))
			return rc;
		kv(x, identity[i], value);
		free(value);
	}
	if ((rc = export_entities(x, ENT_CODER, "coders")) ||
	    (rc = export_entities(x, ENT_COMMUNITY, "communities")))
		return rc;
	/* the dimensions themselves are not written (code_item) */
	section_begin(x, "codebook");
	if ((rc = codebook_each(x->db, code_item, x, x->e)))
		return rc;
	section_end(x);
	if ((rc = export_entities(x, ENT_REPERTOIRE, "repertoire")) ||
	    (rc = export_entities(x, ENT_ACCOUNTABILITY, "accountability")))
		return rc;
	section_begin(x, "participants");
	if ((rc = participant_each(x->db, participant_item, x, x->e)))
		return rc;
	section_end(x);
	return db_scalar_get(x->db, "SELECT EXISTS (SELECT 1 FROM memo_target WHERE kind = 5)",
			     &x->coding_memos, x->e);
}

static int export_tail(struct exp *x)
{
	int rc;

	section_begin(x, "log");
	if ((rc = audit_each(x->db, NULL, log_item, x, x->e)))
		return rc;
	section_end(x);
	/* memos on anything else, or on several targets: last, so every
	 * target they name is above them */
	if ((rc = export_memos(x, -1, 0)))
		return rc;
	return export_conflicts(x);
}

static int export_body(struct exp *x)
{
	int rc;

	if ((rc = export_version(x)))
		return rc;
	if (x->part == CORPUS_PART_VIGNETTE) {
		px_vignette v = { 0 };
		if ((rc = db_scalar_get(x->db, "SELECT EXISTS (SELECT 1 FROM memo_target"
					" WHERE kind = 5)", &x->coding_memos, x->e)) ||
		    (rc = vignette_get(x->db, x->vignette_id, &v, x->e)))
			return rc;
		section_begin(x, "vignettes");
		rc = vignette_item(&v, x);
		section_end(x);
		x->conflicts_of = v.ext_id;
		if (!rc)
			rc = export_conflicts(x);
		vignette_free(&v);
		return rc;
	}
	if ((rc = export_project(x)))
		return rc;
	if (x->part == CORPUS_PART_ALL) {
		section_begin(x, "vignettes");
		if ((rc = vignette_each(x->db, 1, vignette_item, x, x->e)))
			return rc;
		section_end(x);
	} else {
		x->conflicts_of = "";
	}
	return export_tail(x);
}

/* Starts a document on out: x's emitter and output filter. */
static void stream_begin(struct exp *x, FILE *out)
{
	yaml_event_t ev;

	x->failed = 0;
	x->section = NULL;
	yaml_emitter_initialize(&x->em);
	yout_init(&x->out, out);
	yaml_emitter_set_output(&x->em, yout_write, &x->out);
	yaml_emitter_set_unicode(&x->em, 1);
	yaml_emitter_set_width(&x->em, -1);
	yaml_emitter_set_indent(&x->em, 2);
	yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING);
	emit(x, &ev);
	yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1);
	emit(x, &ev);
	map_start(x, 0);
}

/* Ends the document begun by stream_begin; rc is the body's status. */
static int stream_end(struct exp *x, int rc)
{
	yaml_event_t ev;
	int read_failed;

	/* a read failed (e says why): nothing more is written, the file is
	 * dropped, and closing the half-made document must not overwrite e */
	if ((read_failed = rc && !x->failed))
		x->failed = 1;
	map_end(x);
	yaml_document_end_event_initialize(&ev, 1);
	emit(x, &ev);
	yaml_stream_end_event_initialize(&ev);
	emit(x, &ev);
	yaml_emitter_flush(&x->em);
	yaml_emitter_delete(&x->em);
	if (yout_finish(&x->out) && !x->failed) {
		x->failed = 1;
		px_fail(x->e, PX_EIO, "writing YAML: %s", strerror(errno));
	}
	yout_free(&x->out);
	/* callbacks stop the walk with 1 once writing failed: the status is I/O */
	if (x->failed && !read_failed)
		rc = PX_EIO;
	return rc;
}

int corpus_export_part(px_db *db, FILE *out, int part, int64_t vignette_id,
		       const px_names *names, px_err *e)
{
	struct exp x = { 0 };
	int rc;

	x.db = db;
	x.e = e;
	x.part = part;
	x.vignette_id = vignette_id;
	if (names)
		x.nm = *names;
	else if ((rc = names_load(db, &x.nm, e)))
		return rc;
	stream_begin(&x, out);
	rc = stream_end(&x, export_body(&x));
	if (!names)
		names_free(&x.nm);
	return rc;
}

int corpus_export(px_db *db, FILE *out, px_err *e)
{
	return corpus_export_part(db, out, CORPUS_PART_ALL, 0, NULL, e);
}

/* ---- a tree read back (praxis merge-file) ------------------------------ */

/* Whether a collection under key is written in flow style, as the writers
 * above do: lists of plain values ([rosa, jonah]), aliases, attributes. */
static int seq_is_flow(const char *key, const ynode *n, int in_flow)
{
	if (in_flow || (key && strcmp(key, "aliases") == 0))
		return 1;
	if (!n->n)
		return 1;
	for (size_t i = 0; i < n->n; i++)
		if (n->kids[i]->type != YN_SCALAR)
			return 0;
	return 1;
}

/* A scalar in the style the writers above give it: plain input that reads
 * as a number or boolean stays plain; a colour is quoted; text spanning
 * lines, and a vignette's text, is a literal block. */
static void node_scalar(struct exp *x, const char *key, const ynode *n, int vignette)
{
	if (n->plain) {
		raw(x, n->value);
	} else if (key && strcmp(key, "color") == 0) {
		scalar(x, n->value, YAML_DOUBLE_QUOTED_SCALAR_STYLE);
	} else if (strchr(n->value, '\n') || (vignette && key && strcmp(key, "text") == 0)) {
		scalar(x, n->value, YAML_LITERAL_SCALAR_STYLE);
	} else {
		str(x, n->value);
	}
}

static void node_write(struct exp *x, const char *key, const ynode *n, int in_flow)
{
	if (n->type == YN_SCALAR) {
		node_scalar(x, key, n, 0);
	} else if (n->type == YN_SEQ) {
		int flow = seq_is_flow(key, n, in_flow);
		seq_start(x, flow);
		for (size_t i = 0; i < n->n; i++)
			node_write(x, key, n->kids[i], flow);
		seq_end(x);
	} else {
		int flow = in_flow || (key && strcmp(key, "attributes") == 0);
		/* a vignette is the mapping with a date (memos have none) */
		int vignette = ynode_get(n, "date") && ynode_get(n, "text");
		map_start(x, flow);
		for (size_t i = 0; i + 1 < n->n; i += 2) {
			const char *k = n->kids[i]->value;
			raw(x, k);
			if (n->kids[i + 1]->type == YN_SCALAR)
				node_scalar(x, k, n->kids[i + 1], vignette);
			else
				node_write(x, k, n->kids[i + 1], flow);
		}
		map_end(x);
	}
}

int corpus_write_node(const ynode *root, FILE *out, px_err *e)
{
	struct exp x = { 0 };

	if (root->type != YN_MAP)
		return px_fail(e, PX_EDATA, "a corpus file is a mapping");
	x.e = e;
	stream_begin(&x, out);
	/* stream_begin opened the top mapping: write its pairs here */
	for (size_t i = 0; i + 1 < root->n; i += 2) {
		raw(&x, root->kids[i]->value);
		node_write(&x, root->kids[i]->value, root->kids[i + 1], 0);
	}
	return stream_end(&x, PX_OK);
}
