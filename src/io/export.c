/* export.c: the filtered, pseudonymized view every export writes from,
 * and the dispatch to the format writers; see praxis/export.h. */
#include <stdlib.h>
#include <string.h>
#include "praxis/atomic.h"
#include "praxis/codebook.h"
#include "praxis/corpus.h"
#include "praxis/entity.h"
#include "praxis/export.h"
#include "praxis/memo.h"
#include "praxis/participant.h"
#include "praxis/refi.h"
#include "praxis/summary.h"
#include "praxis/text.h"
#include "praxis/util.h"

static const char *const format_names[] = {
	[EXP_YAML] = "yaml", [EXP_MD] = "md", [EXP_HTML] = "html",
	[EXP_CSV] = "csv", [EXP_QDPX] = "qdpx", [EXP_QDC] = "qdc",
};
static const char *const table_names[] = {
	[EXP_TABLE_CODINGS] = "codings", [EXP_TABLE_PARTICIPANTS] = "participants",
	[EXP_TABLE_VIGNETTES] = "vignettes", [EXP_TABLE_CODES] = "codes",
};

static int lookup(const char *const *names, int n, const char *s)
{
	for (int i = 0; s && i < n; i++)
		if (strcmp(names[i], s) == 0)
			return i;
	return -1;
}

int export_format_parse(const char *name)
{
	if (name && strcmp(name, "markdown") == 0)
		return EXP_MD;
	return lookup(format_names, (int)(sizeof(format_names) / sizeof(*format_names)), name);
}

int export_table_parse(const char *name)
{
	return lookup(table_names, (int)(sizeof(table_names) / sizeof(*table_names)), name);
}

/* The resolved filter: the summaries' filter, and the code's subtree for
 * the per-coding test. */
struct filter {
	summary_filter sf;
	idlist codes;            /* the code and its descendants */
	int walk_depth;
};

static int subtree_collect(const px_code *c, void *ud)
{
	struct filter *f = ud;

	if (f->walk_depth >= 0 && c->depth <= f->walk_depth)
		f->walk_depth = -1;          /* left the subtree */
	if (c->id == f->sf.code)
		f->walk_depth = c->depth;
	if (f->walk_depth >= 0)
		idl_push(&f->codes, c->id);
	return 0;
}

static int filter_resolve(px_db *db, const struct export_options *o, struct filter *f,
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
static int coding_wanted(const struct filter *f, const px_vignette *v, const px_coding *c)
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
}

struct load_ctx {
	export_ctx *x;
	const struct filter *f;
	size_t cap;
	struct export_vignette *ev;   /* while collecting codings */
	alias_edits edits;            /* alias replacements in the text */
	alias_edits crs;              /* then CRs removed */
};

static void vignette_dup(px_vignette *d, const px_vignette *s)
{
	*d = *s;
	d->ext_id = xstrdup(s->ext_id);
	d->title = xstrdup(s->title);
	d->date = xstrdup(s->date);
	d->text = xstrdup(s->text);
	d->uuid = xstrdup(s->uuid);
	d->created = xstrdup(s->created);
	d->updated = xstrdup(s->updated);
	memset(&d->participants, 0, sizeof(d->participants));
	idl_copy(&d->participants, &s->participants);
}

static int collect_vignette(const px_vignette *v, void *ud)
{
	struct load_ctx *l = ud;
	export_ctx *x = l->x;

	if (!vignette_wanted(&l->f->sf, v))
		return 0;
	if (x->nvs == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 64;
		x->vs = xrealloc(x->vs, l->cap * sizeof(*x->vs));
	}
	memset(&x->vs[x->nvs], 0, sizeof(x->vs[x->nvs]));
	vignette_dup(&x->vs[x->nvs].v, v);
	x->nvs++;
	return 0;
}

char *export_text(const export_ctx *x, const char *s)
{
	return alias_apply(&x->aliases, s, NULL);
}

/* Exports carry LF line ends (REFI-QDA sources must): CR LF becomes LF
 * and a lone CR becomes LF; *ed receives the removed CRs as edits so spans
 * can be mapped. */
static char *lf_only(const char *s, alias_edits *ed)
{
	strbuf b;
	int64_t ocp = 0, ncp = 0;

	ed->n = 0;
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
	return sb_steal(&b);
}

static int64_t map_span(const struct load_ctx *l, int64_t pos, int is_end)
{
	return alias_map_offset(&l->crs, alias_map_offset(&l->edits, pos, is_end), is_end);
}

static int collect_coding(const px_coding *c, void *ud)
{
	struct load_ctx *l = ud;
	struct export_vignette *ev = l->ev;
	struct export_coding *ec;

	if (!coding_wanted(l->f, &ev->v, c))
		return 0;
	ev->codings = xrealloc(ev->codings, (ev->ncodings + 1) * sizeof(*ev->codings));
	ec = &ev->codings[ev->ncodings++];
	memset(ec, 0, sizeof(*ec));
	coding_copy(&ec->c, c);
	if (c->start >= 0) {
		ec->c.start = map_span(l, c->start, 0);
		ec->c.end = map_span(l, c->end, 1);
		ec->quote = text_cp_substr(ev->v.text, (size_t)ec->c.start, (size_t)ec->c.end);
	} else {
		ec->quote = xstrdup("");
	}
	ec->memo = export_text(l->x, c->memo);
	ec->interpretation = export_text(l->x, c->interpretation);
	l->x->ncodings++;
	return 0;
}

static int collect_memo(const px_memo *m, void *ud)
{
	struct load_ctx *l = ud;
	char *t = export_text(l->x, m->text);

	sl_push(&l->ev->memos, t);
	sl_push(&l->ev->memo_uuids, m->uuid);
	idl_push(&l->ev->memo_coders, m->coder_id);
	free(t);
	return 0;
}

/* Replaces aliases in one vignette and gathers its codings and memos. */
static int load_details(struct load_ctx *l, struct export_vignette *ev)
{
	coding_query q = CODING_QUERY_ALL;
	char *s;
	int rc;

	l->ev = ev;
	s = export_text(l->x, ev->v.title);
	free(ev->v.title);
	ev->v.title = s;
	s = alias_apply(&l->x->aliases, ev->v.text, &l->edits);
	free(ev->v.text);
	ev->v.text = lf_only(s, &l->crs);
	free(s);
	ev->v.length = (int64_t)text_cp_len(ev->v.text);
	q.vignette_id = ev->v.id;
	if ((rc = coding_each(l->x->db, &q, collect_coding, l, l->x->e)))
		return rc;
	return memo_each(l->x->db, MEMO_VIGNETTE, ev->v.id, collect_memo, l, l->x->e);
}

int export_load(px_db *db, const struct export_options *o, export_ctx *x, px_err *e)
{
	struct filter f;
	struct load_ctx l = { 0 };
	size_t keep = 0;
	int rc;

	memset(x, 0, sizeof(*x));
	x->db = db;
	x->o = o;
	x->e = e;
	if ((rc = filter_resolve(db, o, &f, e)))
		goto done;
	if ((rc = names_load(db, &x->nm, e)))
		goto done;
	if (!o->keep_names && (rc = alias_load(db, &x->aliases, e)))
		goto done;
	l.x = x;
	l.f = &f;
	if ((rc = vignette_each(db, 1, collect_vignette, &l, e)))
		goto done;
	for (size_t i = 0; i < x->nvs; i++)
		if ((rc = load_details(&l, &x->vs[i])))
			goto done;
	for (size_t i = 0; i < x->nvs; i++) {
		if (!vignette_kept(&f.sf, &x->vs[i])) {
			vignette_entry_free(&x->vs[i]);
			continue;
		}
		x->vs[keep++] = x->vs[i];
	}
	x->nvs = keep;
	/* the writers' registers, counts and coverage, under the same filter;
	 * a whole-corpus load, so only for the formats that print them */
	if (o->format != EXP_MD && o->format != EXP_HTML &&
	    !(o->format == EXP_CSV && o->table == EXP_TABLE_CODES)) {
		rc = summary_filter_check(&f.sf, e);
		goto done;
	}
	if ((rc = summary_open(db, &x->sum, e)))
		goto done;
	rc = summary_set_filter(x->sum, &f.sf, e);
done:
	alias_edits_free(&l.edits);
	alias_edits_free(&l.crs);
	idl_free(&f.codes);
	return rc;
}

void export_free(export_ctx *x)
{
	for (size_t i = 0; i < x->nvs; i++)
		vignette_entry_free(&x->vs[i]);
	free(x->vs);
	names_free(&x->nm);
	alias_free(&x->aliases);
	summary_close(x->sum);
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
	seg = xcalloc(nb ? nb : 1, sizeof(*seg));
	for (size_t i = 0; i + 1 < nb; i++) {
		int64_t s = bounds[i], e = bounds[i + 1];
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

static int write_file(export_ctx *x, const char *path, int (*fn)(export_ctx *, FILE *))
{
	atomic_file af;
	int rc;

	if ((rc = atomic_open(&af, path, x->e)))
		return rc;
	if ((rc = fn(x, af.fp))) {
		atomic_abort_err(&af, x->e);
		return rc;
	}
	return atomic_commit(&af, x->e);
}

static int any_filter(const struct export_options *o)
{
	return o->participant || o->community || o->coder || o->code || o->from || o->to;
}

static int run_yaml(px_db *db, const struct export_options *o, px_err *e)
{
	atomic_file af;
	int rc;

	if (any_filter(o))
		return px_fail(e, PX_EUSAGE, "--format yaml writes the whole project (a backup):"
			       " filters do not apply");
	if ((rc = atomic_open(&af, o->output, e)))
		return rc;
	if ((rc = corpus_export(db, af.fp, e))) {
		atomic_abort_err(&af, e);
		return rc;
	}
	return atomic_commit(&af, e);
}

int export_run(px_db *db, const struct export_options *o, px_err *e)
{
	static int (*const writers[])(export_ctx *, FILE *) = {
		[EXP_MD] = export_md, [EXP_HTML] = export_html, [EXP_CSV] = export_csv,
		[EXP_QDC] = refi_write_qdc,
	};
	export_ctx x;
	int rc;

	if (o->format == EXP_YAML)
		return run_yaml(db, o, e);
	if (o->format == EXP_QDPX && (!o->output || strcmp(o->output, "-") == 0))
		return px_fail(e, PX_EUSAGE, "--format qdpx writes a zip: name the file with -o");
	if (o->format < EXP_YAML || o->format > EXP_QDC)
		return px_fail(e, PX_EUSAGE, "unknown export format %d", o->format);
	if ((rc = export_load(db, o, &x, e))) {
		export_free(&x);
		return rc;
	}
	if (o->format == EXP_QDPX)
		rc = refi_write_qdpx(&x, o->output);
	else
		rc = write_file(&x, o->output, writers[o->format]);
	export_free(&x);
	return rc;
}
