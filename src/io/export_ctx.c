/* export_ctx.c: the filtered, pseudonymized view every export writes
 * from; see praxis/export_ctx.h. */
#include <stdlib.h>
#include <string.h>
#include "praxis/codebook.h"
#include "praxis/entity.h"
#include "praxis/export_ctx.h"
#include "praxis/memo.h"
#include "praxis/participant.h"
#include "praxis/summary.h"
#include "praxis/text.h"
#include "praxis/util.h"

static const char *const table_names[] = {
	[EXP_TABLE_CODINGS] = "codings", [EXP_TABLE_PARTICIPANTS] = "participants",
	[EXP_TABLE_VIGNETTES] = "vignettes", [EXP_TABLE_CODES] = "codes",
	[EXP_TABLE_MEMOS] = "memos",
};

int export_table_parse(const char *name)
{
	for (size_t i = 0; name && i < sizeof(table_names) / sizeof(*table_names); i++)
		if (strcmp(table_names[i], name) == 0)
			return (int)i;
	return -1;
}

/* The resolved filter: the summaries' filter, and the code's subtree for
 * the per-coding test. */
struct export_filter {
	summary_filter sf;
	idlist codes;            /* the code and its descendants */
	int walk_depth;
};

static int subtree_collect(const px_code *c, void *ud)
{
	struct export_filter *f = ud;

	if (f->walk_depth >= 0 && c->depth <= f->walk_depth)
		f->walk_depth = -1;          /* left the subtree */
	if (c->id == f->sf.code)
		f->walk_depth = c->depth;
	if (f->walk_depth >= 0)
		idl_push(&f->codes, c->id);
	return 0;
}

static int filter_resolve(px_db *db, const struct export_options *o, struct export_filter *f,
			  px_err *e)
{
	summary_filter *sf = &f->sf;
	int rc;

	memset(f, 0, sizeof(*f));
	if (o->participant && (rc = participant_find(db, o->participant, &sf->participant, e)))
		return px_fail(e, PX_EDATA, "--participant: no participant '%s'", o->participant);
	if (o->community &&
	    (rc = entity_find(db, ENT_COMMUNITY, o->community, &sf->community, e)))
		return px_fail(e, PX_EDATA, "--community: no community '%s'", o->community);
	if (o->coder && (rc = entity_find(db, ENT_CODER, o->coder, &sf->coder, e)))
		return px_fail(e, PX_EDATA, "--coder: no coder '%s'", o->coder);
	if (o->code) {
		if ((rc = codebook_resolve(db, o->code, 0, &sf->code, NULL, e)))
			return px_wrap(e, "--code");
		f->walk_depth = -1;
		if ((rc = codebook_each(db, subtree_collect, f, e)))
			return rc;
	}
	if (o->from && summary_parse_date(o->from, &sf->from, e))
		return px_wrap(e, "--from");
	if (o->to && summary_parse_date(o->to, &sf->to, e))
		return px_wrap(e, "--to");
	return PX_OK;
}

/* The vignette-level parts but the participant (see vignette_kept). */
static int vignette_wanted(const summary_filter *f, const px_vignette *v)
{
	int day;

	if (f->community && v->community_id != f->community)
		return 0;
	if (!f->from && !f->to)
		return 1;
	/* dates are read as the summaries read them (a time part ignored) */
	if (summary_parse_date(v->date, &day, NULL))
		return 0;
	return (!f->from || day >= f->from) && (!f->to || day <= f->to);
}

/* A coding passes the summaries' filter (its vignette already passed
 * vignette_wanted): by the coder, under the code, and naming the
 * participant (participants or held_by) or at a vignette they are at. */
static int coding_wanted(const struct export_filter *f, const px_vignette *v, const px_coding *c)
{
	int64_t p = f->sf.participant;

	if (f->sf.coder && c->coder_id != f->sf.coder)
		return 0;
	if (f->sf.code && !idl_has(&f->codes, c->code_id))
		return 0;
	return !p || idl_has(&v->participants, p) || idl_has(&c->participants, p) ||
	       idl_has(&c->held_by, p);
}

/* A vignette with no exported coding stays only when nothing but the
 * vignette-level parts filtered: then it passed them all. */
static int vignette_kept(const summary_filter *f, const struct export_vignette *ev)
{
	if (ev->ncodings)
		return 1;
	if (f->coder || f->code)
		return 0;
	return !f->participant || idl_has(&ev->v.participants, f->participant);
}

static void vignette_entry_free(struct export_vignette *ev)
{
	for (size_t i = 0; i < ev->ncodings; i++) {
		coding_free(&ev->codings[i].c);
		free(ev->codings[i].memo);
		free(ev->codings[i].interpretation);
		free(ev->codings[i].quote);
	}
	free(ev->codings);
	vignette_free(&ev->v);
	sl_free(&ev->memos);
	sl_free(&ev->memo_uuids);
	idl_free(&ev->memo_coders);
	memset(ev, 0, sizeof(*ev));
}

char *export_text(const export_ctx *x, const char *s)
{
	return alias_apply(&x->aliases, s, NULL);
}

/* Exports carry LF line ends (REFI-QDA sources must): CR LF becomes LF
 * and a lone CR becomes LF; *ed receives the removed CRs as edits so spans
 * can be mapped. Takes over s. */
static char *lf_only(char *s, alias_edits *ed)
{
	strbuf b;
	int64_t ocp = 0, ncp = 0;

	ed->n = 0;
	if (!strchr(s, '\r'))
		return s;          /* the common case: nothing to change */
	sb_init(&b);
	sb_add(&b, "");
	for (const char *p = s; *p; p++) {
		if (*p == '\r' && p[1] == '\n') {
			if (ed->n == ed->cap) {
				ed->cap = ed->cap ? ed->cap * 2 : 8;
				ed->v = xrealloc(ed->v, ed->cap * sizeof(*ed->v));
			}
			ed->v[ed->n++] = (struct alias_edit){ ocp, ocp + 1, ncp, ncp };
			ocp++;
			continue;
		}
		sb_addc(&b, *p == '\r' ? '\n' : *p);
		if ((*p & 0xC0) != 0x80) {
			ocp++;
			ncp++;
		}
	}
	free(s);
	return sb_steal(&b);
}

/* One walk over the exported vignettes (export_each_vignette): the
 * vignettes and, alongside, one cursor over every coding in the same
 * (vignette id) order, so each vignette's codings cost no query of their
 * own. */
struct walk {
	export_ctx *x;
	int memos;
	export_vignette_fn fn;
	void *ud;
	int report;                   /* progress to the caller's callback */
	coding_cursor *cur;
	px_coding next;               /* the cursor's coding not yet used */
	int have;
	struct export_vignette ev;    /* the vignette being handed out */
	alias_edits edits;            /* alias replacements in the text */
	alias_edits crs;              /* then CRs removed */
	size_t *cp_at;                /* byte offset of each code point of the
					 text, and its length last */
	size_t cp_cap;
	int64_t done, total;
};

static int64_t map_span(const struct walk *w, int64_t pos, int is_end)
{
	return alias_map_offset(&w->crs, alias_map_offset(&w->edits, pos, is_end), is_end);
}

/* Indexes the vignette's code points once, so each coding's quote is a
 * copy rather than a walk from the start of the text; *n receives the
 * number of code points. Counted as text_cp_len counts them. */
static void index_code_points(struct walk *w, const char *t, int64_t *n)
{
	size_t len = strlen(t), i = 0, k = 0;
	uint32_t cp;

	if (w->cp_cap < len + 1) {
		w->cp_cap = len + 1;
		w->cp_at = xrealloc(w->cp_at, w->cp_cap * sizeof(*w->cp_at));
	}
	while (i < len) {
		w->cp_at[k++] = i;
		i += text_decode(t + i, len - i, &cp);
	}
	w->cp_at[k] = len;
	*n = (int64_t)k;
}

/* The text between code points start and end (clamped to the text, as
 * text_cp_substr does). */
static char *quote_of(const struct walk *w, const char *t, int64_t start, int64_t end)
{
	int64_t n = w->ev.v.length;
	size_t b0 = w->cp_at[start < n ? start : n];
	size_t b1 = end > start ? w->cp_at[end < n ? end : n] : b0;
	char *q = xmalloc(b1 - b0 + 1);

	memcpy(q, t + b0, b1 - b0);
	q[b1 - b0] = '\0';
	return q;
}

/* Adds c (the cursor's coding, which it takes over) to the vignette. */
static void add_coding(struct walk *w, px_coding *c)
{
	struct export_vignette *ev = &w->ev;
	struct export_coding *ec;

	if (!coding_wanted(w->x->filter, &ev->v, c)) {
		coding_free(c);
		return;
	}
	ev->codings = xrealloc(ev->codings, (ev->ncodings + 1) * sizeof(*ev->codings));
	ec = &ev->codings[ev->ncodings++];
	memset(ec, 0, sizeof(*ec));
	ec->c = *c;
	memset(c, 0, sizeof(*c));
	if (ec->c.start >= 0) {
		ec->c.start = map_span(w, ec->c.start, 0);
		ec->c.end = map_span(w, ec->c.end, 1);
		ec->quote = quote_of(w, ev->v.text, ec->c.start, ec->c.end);
	} else {
		ec->quote = xstrdup("");
	}
	ec->memo = export_text(w->x, ec->c.memo);
	ec->interpretation = export_text(w->x, ec->c.interpretation);
}

/* Moves the cursor past vignette id's codings, adding them when add. */
static int take_codings(struct walk *w, int64_t id, int add)
{
	int rc = PX_OK;

	while (w->have && w->next.vignette_id <= id) {
		if (add && w->next.vignette_id == id)
			add_coding(w, &w->next);
		else
			coding_free(&w->next);
		if ((rc = coding_cursor_next(w->cur, &w->next, &w->have, w->x->e)))
			break;
	}
	return rc;
}

struct memo_sink {
	export_ctx *x;
	struct export_vignette *ev;
};

static int collect_memo(const px_memo *m, void *ud)
{
	struct memo_sink *ms = ud;
	char *t = export_text(ms->x, m->text);

	sl_push(&ms->ev->memos, t);
	sl_push(&ms->ev->memo_uuids, m->uuid);
	idl_push(&ms->ev->memo_coders, m->coder_id);
	free(t);
	return 0;
}

static void vignette_dup(px_vignette *d, const px_vignette *s)
{
	*d = *s;
	d->ext_id = xstrdup(s->ext_id);
	d->title = NULL;
	d->date = xstrdup(s->date);
	d->text = NULL;
	d->uuid = xstrdup(s->uuid);
	d->created = xstrdup(s->created);
	d->updated = xstrdup(s->updated);
	memset(&d->participants, 0, sizeof(d->participants));
	idl_copy(&d->participants, &s->participants);
}

/* One vignette with its aliases replaced and its codings and memos. */
static int load_vignette(struct walk *w, const px_vignette *v)
{
	struct export_vignette *ev = &w->ev;
	struct memo_sink ms = { w->x, ev };
	char *s;
	int rc;

	vignette_dup(&ev->v, v);
	ev->v.title = export_text(w->x, v->title);
	s = alias_apply(&w->x->aliases, v->text, &w->edits);
	ev->v.text = lf_only(s, &w->crs);
	index_code_points(w, ev->v.text, &ev->v.length);
	if ((rc = take_codings(w, v->id, 1)))
		return rc;
	if (!w->memos)
		return PX_OK;
	return memo_each(w->x->db, MEMO_VIGNETTE, v->id, collect_memo, &ms, w->x->e);
}

static int walk_vignette(const px_vignette *v, void *ud)
{
	struct walk *w = ud;
	const struct export_filter *f = w->x->filter;
	int rc;

	if (!vignette_wanted(&f->sf, v))
		rc = take_codings(w, v->id, 0);
	else if (!(rc = load_vignette(w, v)) && vignette_kept(&f->sf, &w->ev)) {
		w->x->ncodings += (int64_t)w->ev.ncodings;
		rc = w->fn(w->x, &w->ev, w->ud);
	}
	vignette_entry_free(&w->ev);
	w->done++;
	if (!rc && w->report && w->x->o->progress)
		w->x->o->progress(w->x->o->progress_ud, w->done, w->total);
	return rc;
}

/* The database walk: one vignette in memory at a time. */
static int walk_db(export_ctx *x, int memos, export_vignette_fn fn, void *ud, int report)
{
	struct walk w = { 0 };
	coding_query q = CODING_QUERY_ALL;
	int rc;

	w.x = x;
	w.memos = memos;
	w.fn = fn;
	w.ud = ud;
	w.report = report;
	w.total = report ? vignette_count(x->db) : 0;
	x->ncodings = 0;
	if ((rc = coding_cursor_open(x->db, &q, &w.cur, x->e)))
		return rc;
	if (!(rc = coding_cursor_next(w.cur, &w.next, &w.have, x->e)))
		rc = vignette_each(x->db, 1, walk_vignette, &w, x->e);
	if (w.have)
		coding_free(&w.next);
	coding_cursor_close(w.cur);
	vignette_entry_free(&w.ev);
	alias_edits_free(&w.edits);
	alias_edits_free(&w.crs);
	free(w.cp_at);
	return rc;
}

int export_each_vignette(export_ctx *x, int memos, export_vignette_fn fn, void *ud)
{
	int rc;

	if (!x->loaded)
		return walk_db(x, memos, fn, ud, 1);
	for (size_t i = 0; i < x->nvs; i++) {
		if ((rc = fn(x, &x->vs[i], ud)))
			return rc;
		export_progress(x, i);
	}
	return PX_OK;
}

/* export_load's collector: the walk's vignette moves into x->vs. */
static int keep_vignette(export_ctx *x, struct export_vignette *ev, void *ud)
{
	size_t *cap = ud;

	if (x->nvs == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		x->vs = xrealloc(x->vs, *cap * sizeof(*x->vs));
	}
	x->vs[x->nvs++] = *ev;
	memset(ev, 0, sizeof(*ev));
	return 0;
}

int export_open(px_db *db, const struct export_options *o, export_ctx *x, px_err *e)
{
	struct export_filter *f;
	int rc;

	memset(x, 0, sizeof(*x));
	x->db = db;
	x->o = o;
	x->e = e;
	x->filter = f = xcalloc(1, sizeof(*f));
	if ((rc = db_read_begin(db, &x->reading, e)))
		return rc;
	if ((rc = filter_resolve(db, o, f, e)))
		return rc;
	if ((rc = names_load(db, &x->nm, e)))
		return rc;
	if (!o->keep_names && (rc = alias_load(db, &x->aliases, e)))
		return rc;
	/* the writers' registers, counts and coverage, under the same filter;
	 * a whole-corpus load, so only for the formats that print them */
	if (o->format != EXP_MD && o->format != EXP_HTML && o->format != EXP_CODEBOOK &&
	    o->format != EXP_CODEBOOK_HTML && o->format != EXP_GRAPHML &&
	    !(o->format == EXP_CSV && o->table == EXP_TABLE_CODES))
		return summary_filter_check(&f->sf, e);
	if ((rc = summary_open(db, &x->sum, e)))
		return rc;
	return summary_set_filter(x->sum, &f->sf, e);
}

int export_load(px_db *db, const struct export_options *o, export_ctx *x, px_err *e)
{
	size_t cap = 0;
	int rc;

	if ((rc = export_open(db, o, x, e)))
		return rc;
	if ((rc = walk_db(x, 1, keep_vignette, &cap, 0)))
		return rc;
	x->loaded = 1;
	return PX_OK;
}

void export_memo_filter(const export_ctx *x, memo_filter *mf)
{
	const summary_filter *sf = &x->filter->sf;

	memo_filter_init(mf);
	mf->author = sf->coder;
	mf->participant = sf->participant;
	mf->community = sf->community;
	mf->code = sf->code;
	summary_format_date(sf->from, mf->from);
	summary_format_date(sf->to, mf->to);
}

void export_free(export_ctx *x)
{
	for (size_t i = 0; i < x->nvs; i++)
		vignette_entry_free(&x->vs[i]);
	free(x->vs);
	names_free(&x->nm);
	alias_free(&x->aliases);
	summary_close(x->sum);
	if (x->filter)
		idl_free(&x->filter->codes);
	free(x->filter);
	if (x->db)
		db_read_end(x->db, x->reading);
	memset(x, 0, sizeof(*x));
}

void export_progress(const export_ctx *x, size_t i)
{
	if (x->o->progress)
		x->o->progress(x->o->progress_ud, (int64_t)i + 1, (int64_t)x->nvs);
}

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

/* The codings whose text an edit deleted (start = end = at) as one
 * empty segment at; 0 if there are none. */
static size_t empty_segment(const struct export_vignette *ev, int64_t at,
			    struct export_segment *sg)
{
	for (size_t k = 0; k < ev->ncodings; k++) {
		const px_coding *c = &ev->codings[k].c;
		if (c->start != at || c->end != at)
			continue;
		sg->start = sg->end = at;
		sg->cover = xrealloc(sg->cover, (sg->ncover + 1) * sizeof(size_t));
		sg->cover[sg->ncover++] = k;
	}
	return sg->ncover > 0;
}

struct export_segment *export_segments(const struct export_vignette *ev, size_t *n)
{
	const char *t = ev->v.text;
	size_t nb = 0, cap = 2 * ev->ncodings + 2, out_n = 0;
	int64_t *bounds, cp = 0;
	struct export_segment *seg;

	/* boundaries: 0, length, every span end and every newline (both sides) */
	for (const char *p = t; *p; p++)
		if (*p == '\n')
			cap += 2;
	bounds = xmalloc(cap * sizeof(*bounds));
	bounds[nb++] = 0;
	bounds[nb++] = ev->v.length;
	for (size_t i = 0; i < ev->ncodings; i++) {
		if (ev->codings[i].c.start < 0)
			continue;
		bounds[nb++] = ev->codings[i].c.start;
		bounds[nb++] = ev->codings[i].c.end;
	}
	for (size_t i = 0; t[i]; i++) {
		if ((t[i] & 0xC0) == 0x80)
			continue;
		if (t[i] == '\n') {
			bounds[nb++] = cp;
			bounds[nb++] = cp + 1;
		}
		cp++;
	}
	qsort(bounds, nb, sizeof(*bounds), cmp_i64);
	seg = xcalloc(nb ? 2 * nb : 1, sizeof(*seg));
	for (size_t i = 0; i < nb; i++) {
		int64_t s = bounds[i], e = i + 1 < nb ? bounds[i + 1] : s;
		if (i == 0 || bounds[i - 1] != s)
			out_n += empty_segment(ev, s, &seg[out_n]);
		if (s == e || e > ev->v.length)
			continue;
		seg[out_n].start = s;
		seg[out_n].end = e;
		if (!(e == s + 1 && t[text_cp_to_byte(t, (size_t)s)] == '\n'))
			for (size_t k = 0; k < ev->ncodings; k++) {
				const px_coding *c = &ev->codings[k].c;
				if (c->start < 0 || c->start > s || c->end < e)
					continue;
				seg[out_n].cover = xrealloc(seg[out_n].cover,
							    (seg[out_n].ncover + 1) * sizeof(size_t));
				seg[out_n].cover[seg[out_n].ncover++] = k;
			}
		out_n++;
	}
	free(bounds);
	*n = out_n;
	return seg;
}

void export_segments_free(struct export_segment *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(s[i].cover);
	free(s);
}
