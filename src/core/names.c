/* names.c: id -> name tables; see praxis/names.h. */
#include <stdlib.h>
#include <string.h>
#include "praxis/names.h"
#include "praxis/codebook.h"
#include "praxis/util.h"

static const char *const names_sql[NAMES_KIND_COUNT] = {
	[NAMES_CODER] = "SELECT id, ext_id FROM coder ORDER BY id",
	[NAMES_COMMUNITY] = "SELECT id, ext_id FROM community ORDER BY id",
	[NAMES_PARTICIPANT] = "SELECT id, ext_id FROM participant ORDER BY id",
	[NAMES_PSEUDONYM] = "SELECT id, pseudonym FROM participant ORDER BY id",
	[NAMES_VIGNETTE] = "SELECT id, ext_id FROM vignette ORDER BY id",
	[NAMES_CODE] = NULL,     /* paths are built from the tree */
	[NAMES_REPERTOIRE] = "SELECT id, ext_id FROM repertoire ORDER BY id",
	[NAMES_ACCOUNTABILITY] = "SELECT id, ext_id FROM accountability ORDER BY id",
};

static void push(px_names *nm, enum names_kind k, int64_t id, const char *name, size_t *cap)
{
	if (nm->n[k] == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		nm->v[k] = xrealloc(nm->v[k], *cap * sizeof(*nm->v[k]));
	}
	nm->v[k][nm->n[k]].id = id;
	nm->v[k][nm->n[k]].name = xstrdup(name ? name : "");
	nm->n[k]++;
}

static int load_kind(px_db *db, px_names *nm, enum names_kind k, px_err *e)
{
	sqlite3_stmt *st = db_prepare_iter(db, names_sql[k], e);
	size_t cap = 0;
	int rc;

	if (!st)
		return px_status_of(e);
	while (db_row(db, st, &rc, e))
		push(nm, k, sqlite3_column_int64(st, 0), (const char *)sqlite3_column_text(st, 1),
		     &cap);
	sqlite3_finalize(st);
	return rc;
}

struct code_ctx {
	px_names *nm;
	size_t cap;
	strlist stack;           /* escaped segment per depth */
};

static int add_code(const px_code *c, void *ud)
{
	struct code_ctx *ctx = ud;
	strbuf path;

	while (ctx->stack.n > (size_t)c->depth) {
		free(ctx->stack.v[--ctx->stack.n]);
	}
	if (c->depth == 0) {
		sl_push(&ctx->stack, codebook_root_short(c->dimension));
	} else {
		char *esc = codebook_escape_segment(c->name);
		sl_push(&ctx->stack, esc);
		free(esc);
	}
	sb_init(&path);
	for (size_t i = 0; i < ctx->stack.n; i++) {
		if (i)
			sb_addc(&path, '/');
		sb_add(&path, ctx->stack.v[i]);
	}
	push(ctx->nm, NAMES_CODE, c->id, sb_str(&path), &ctx->cap);
	ctx->nm->code_dimension = xrealloc(ctx->nm->code_dimension,
					   ctx->cap * sizeof(*ctx->nm->code_dimension));
	ctx->nm->code_dimension[ctx->nm->n[NAMES_CODE] - 1] = c->dimension;
	sb_free(&path);
	return 0;
}

static int cmp_entry(const void *a, const void *b)
{
	int64_t x = ((const struct names_entry *)a)->id, y = ((const struct names_entry *)b)->id;

	return (x > y) - (x < y);
}

int names_load(px_db *db, px_names *nm, px_err *e)
{
	return names_load_kinds(db, nm, ~0u, e);
}

int names_load_kinds(px_db *db, px_names *nm, unsigned kinds, px_err *e)
{
	struct code_ctx ctx = { nm, 0, { 0 } };
	int rc;

	memset(nm, 0, sizeof(*nm));
	for (int k = 0; k < NAMES_KIND_COUNT; k++)
		if (names_sql[k] && (kinds & NAMES_BIT(k)) &&
		    (rc = load_kind(db, nm, (enum names_kind)k, e)))
			goto fail;
	rc = codebook_each(db, add_code, &ctx, e);
	sl_free(&ctx.stack);
	if (rc)
		goto fail;
	/* the walk is in tree order; lookups need id order (dimension kept
	 * alongside by sorting pairs together) */
	size_t n = nm->n[NAMES_CODE];
	struct { struct names_entry ent; int dim; } *pairs = xcalloc(n ? n : 1, sizeof(*pairs));
	for (size_t i = 0; i < n; i++) {
		pairs[i].ent = nm->v[NAMES_CODE][i];
		pairs[i].dim = nm->code_dimension[i];
	}
	qsort(pairs, n, sizeof(*pairs), cmp_entry);
	for (size_t i = 0; i < n; i++) {
		nm->v[NAMES_CODE][i] = pairs[i].ent;
		nm->code_dimension[i] = pairs[i].dim;
	}
	free(pairs);
	return PX_OK;
fail:
	names_free(nm);
	return rc;
}

static const struct names_entry *find(const px_names *nm, enum names_kind k, int64_t id)
{
	size_t lo = 0, hi = nm->n[k];

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (nm->v[k][mid].id == id)
			return &nm->v[k][mid];
		if (nm->v[k][mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

const char *names_get(const px_names *nm, enum names_kind k, int64_t id)
{
	const struct names_entry *ent = id ? find(nm, k, id) : NULL;

	return ent ? ent->name : "";
}

int names_code_dimension(const px_names *nm, int64_t code_id)
{
	const struct names_entry *ent = find(nm, NAMES_CODE, code_id);

	return ent ? nm->code_dimension[ent - nm->v[NAMES_CODE]] : 0;
}

void names_free(px_names *nm)
{
	for (int k = 0; k < NAMES_KIND_COUNT; k++) {
		for (size_t i = 0; i < nm->n[k]; i++)
			free(nm->v[k][i].name);
		free(nm->v[k]);
	}
	free(nm->code_dimension);
	memset(nm, 0, sizeof(*nm));
}

char *names_join(const px_names *nm, enum names_kind k, const idlist *ids, const char *sep)
{
	strbuf b;

	sb_init(&b);
	sb_add(&b, "");
	for (size_t i = 0; i < ids->n; i++) {
		if (i)
			sb_add(&b, sep);
		sb_add(&b, names_get(nm, k, ids->v[i]));
	}
	return sb_steal(&b);
}
