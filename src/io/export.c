/* export.c: the format table and the dispatch to the format writers;
 * see praxis/export.h. The writers never include this module's header. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "praxis/atomic.h"
#include "praxis/corpus.h"
#include "praxis/export.h"
#include "praxis/refi.h"
#include "praxis/util.h"

const struct export_format_def export_formats[] = {
	{ EXP_MD, "md", "markdown", ".md", ".markdown", export_md, NULL, 0, 1 },
	{ EXP_HTML, "html", NULL, ".html", ".htm", export_html, NULL, 0, 1 },
	{ EXP_CSV, "csv", NULL, ".csv", NULL, export_csv, NULL, 1, 1 },
	{ EXP_YAML, "yaml", NULL, ".yaml", ".yml", NULL, NULL, 0, 0 },
	{ EXP_QDPX, "qdpx", NULL, ".qdpx", NULL, NULL, refi_write_qdpx, 0, 1 },
	{ EXP_QDC, "qdc", NULL, ".qdc", NULL, refi_write_qdc, NULL, 0, 0 },
	{ EXP_CODEBOOK, "codebook", NULL, ".codebook.md", NULL, export_codebook_md, NULL, 0, 1 },
	{ EXP_CODEBOOK_HTML, "codebook-html", NULL, ".codebook.html", NULL, export_codebook_html,
	  NULL, 0, 1 },
	{ EXP_GRAPHML, "graphml", NULL, ".graphml", NULL, export_graphml, NULL, 0, 1 },
};
const size_t export_nformats = sizeof(export_formats) / sizeof(export_formats[0]);

const struct export_format_def *export_format_get(int format)
{
	for (size_t i = 0; i < export_nformats; i++)
		if (export_formats[i].format == format)
			return &export_formats[i];
	return NULL;
}

int export_format_parse(const char *name)
{
	for (size_t i = 0; name && i < export_nformats; i++) {
		const struct export_format_def *f = &export_formats[i];
		if (strcmp(f->name, name) == 0 || (f->alias && strcmp(f->alias, name) == 0))
			return f->format;
	}
	return -1;
}

/* The length of ext if path ends in it (any case), else 0. */
static size_t ends_in(const char *path, const char *ext)
{
	size_t n = strlen(path), k = ext ? strlen(ext) : 0;

	return k && n >= k && strcasecmp(path + n - k, ext) == 0 ? k : 0;
}

/* The longest extension wins: notes.codebook.md is the codebook. */
int export_format_of_path(const char *path)
{
	size_t best = 0;
	int format = -1;

	for (size_t i = 0; path && i < export_nformats; i++) {
		const struct export_format_def *f = &export_formats[i];
		size_t k = ends_in(path, f->ext);
		if (!k)
			k = ends_in(path, f->ext_alias);
		if (k > best) {
			best = k;
			format = f->format;
		}
	}
	return format;
}

char *export_format_list(int with_ext, const char *last_sep)
{
	strbuf b;

	sb_init(&b);

	for (size_t i = 0; i < export_nformats; i++) {
		if (i)
			sb_add(&b, i + 1 == export_nformats ? last_sep : with_ext ? " " : ", ");
		sb_add(&b, with_ext ? export_formats[i].ext : export_formats[i].name);
	}
	return sb_steal(&b);
}

static int write_file(export_ctx *x, const char *path, int (*fn)(export_ctx *, FILE *))
{
	atomic_file af;
	int rc;

	if ((rc = atomic_open_mode(&af, path, x->o->keep_names, x->e)))
		return rc;
	if ((rc = fn(x, af.fp))) {
		atomic_abort_err(&af, x->e);
		return rc;
	}
	return atomic_commit(&af, x->e);
}

int export_options_filtered(const struct export_options *o)
{
	return o->participant || o->community || o->coder || o->code || o->from || o->to;
}

static int run_yaml(px_db *db, const struct export_options *o, px_err *e)
{
	atomic_file af;
	int rc;

	if (export_options_filtered(o))
		return px_fail(e, PX_EUSAGE, "--format yaml writes the whole project (a backup):"
			       " filters do not apply");
	if ((rc = atomic_open_mode(&af, o->output, 1, e)))
		return rc;
	if ((rc = corpus_export(db, af.fp, e))) {
		atomic_abort_err(&af, e);
		return rc;
	}
	return atomic_commit(&af, e);
}

int export_run(px_db *db, const struct export_options *o, px_err *e)
{
	const struct export_format_def *f = export_format_get(o->format);
	export_ctx x;
	int rc;

	if (!f)
		return px_fail(e, PX_EUSAGE, "unknown export format %d", o->format);
	if (!f->write && !f->write_path)
		return run_yaml(db, o, e);
	if (f->write_path && (!o->output || strcmp(o->output, "-") == 0))
		return px_fail(e, PX_EUSAGE, "--format %s writes a zip: name the file with -o", f->name);
	rc = f->streams ? export_open(db, o, &x, e) : export_load(db, o, &x, e);
	if (rc) {
		export_free(&x);
		return rc;
	}
	rc = f->write_path ? f->write_path(&x, o->output) : write_file(&x, o->output, f->write);
	export_free(&x);
	return rc;
}
