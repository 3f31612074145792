/* export.h: annotated exports (Markdown, HTML, CSV) and exchange (YAML,
 * REFI-QDA .qdpx/.qdc), pseudonymized by default.
 *
 * export_run is the one entry point for the CLI and the TUI: it loads the
 * filtered project into an export_ctx (praxis/export_ctx.h, with every
 * participant alias in the exported text replaced by the pseudonym unless
 * keep_names), then hands it to the format's writer. Files are written
 * atomically.
 *
 * The format table is the one list of formats: the CLI's --format, the
 * TUI's :export (the format follows the file name's extension), its
 * completion and the help are all read from it. */
#ifndef PRAXIS_EXPORT_H
#define PRAXIS_EXPORT_H

#include <stddef.h>
#include "praxis/export_ctx.h"

struct export_format_def {
	int format;              /* enum export_format */
	const char *name;        /* --format NAME */
	const char *alias;       /* another --format name, or NULL */
	const char *ext;         /* the file name extension (".md") :export knows */
	const char *ext_alias;   /* another extension, or NULL */
	/* The writer: to a stream, or to a named file (then -o is needed: never
	 * standard output); neither for yaml, the whole project as a backup. */
	int (*write)(export_ctx *x, FILE *out);
	int (*write_path)(export_ctx *x, const char *path);
	int streams;             /* rows written one vignette at a time: opened, not loaded */
	int filtered;            /* follows the filters (yaml and qdc do not) */
};

/* The formats in the order help and messages list them. */
extern const struct export_format_def export_formats[];
extern const size_t export_nformats;

/* The entry of an enum export_format, NULL if none. */
const struct export_format_def *export_format_get(int format);
/* -1 if unknown: by --format name, by a file name's extension (any case). */
int export_format_parse(const char *name);
int export_format_of_path(const char *path);
/* The names joined for a message: "md, html, ... or qdc" (with_ext 0) or
 * ".md .html ... .qdc" (with_ext 1, last_sep " " or " or "); caller frees. */
char *export_format_list(int with_ext, const char *last_sep);

int export_run(px_db *db, const struct export_options *o, px_err *e);
/* 1 if any filter of o is set (participant, community, coder, code, dates). */
int export_options_filtered(const struct export_options *o);

#endif
