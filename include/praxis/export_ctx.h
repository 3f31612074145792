/* export_ctx.h: what an export reads and its writers share: the options
 * (filters, pseudonymizing), the export context loaded from one read
 * snapshot, and the helpers every format writer uses. The writers
 * (export_md.c, export_html.c, export_csv.c, refi_export.c) include this
 * header, never praxis/export.h: the dispatcher (export_run and the format
 * table) calls them, they never call back.
 *
 * The filters are the summaries' (praxis/summary.h): a coding is exported
 * when it passes that filter, and the registers, code counts and coverage
 * the writers print come from one px_summary under it, so an export and
 * `praxis summary` with the same filters agree. A vignette is exported
 * when it passes the vignette-level parts (community, dates, participant
 * present) and, under a coder or code filter or when the participant is
 * not present, holds at least one exported coding. */
#ifndef PRAXIS_EXPORT_CTX_H
#define PRAXIS_EXPORT_CTX_H

#include <stdint.h>
#include <stdio.h>
#include "praxis/alias.h"
#include "praxis/coding.h"
#include "praxis/memo.h"
#include "praxis/db.h"
#include "praxis/names.h"
#include "praxis/summary.h"
#include "praxis/vignette.h"

enum export_format { EXP_YAML, EXP_MD, EXP_HTML, EXP_CSV, EXP_QDPX, EXP_QDC, EXP_CODEBOOK,
		     EXP_CODEBOOK_HTML, EXP_GRAPHML };
enum export_table { EXP_TABLE_CODINGS, EXP_TABLE_PARTICIPANTS, EXP_TABLE_VIGNETTES,
		    EXP_TABLE_CODES, EXP_TABLE_MEMOS };

struct export_options {
	int format;               /* enum export_format */
	const char *output;       /* NULL or "-": standard output (not for qdpx) */
	const char *participant;  /* filters by corpus id / code path / date; NULL: off */
	const char *community;
	const char *coder;
	const char *code;         /* with its descendants */
	const char *from;         /* YYYY-MM-DD, inclusive */
	const char *to;           /* inclusive */
	int keep_names;           /* 1: no alias replacement */
	int table;                /* csv: enum export_table */
	/* Called after each vignette is written (may be NULL): the CLI draws a
	 * progress bar with it, the TUI its own. */
	void (*progress)(void *ud, int64_t done, int64_t total);
	void *progress_ud;
};

int export_table_parse(const char *name);   /* -1 if unknown */

/* One coding as exported: span mapped onto the replaced text. */
struct export_coding {
	px_coding c;             /* c.start/c.end already mapped; -1 whole */
	char *memo;              /* replaced copies */
	char *interpretation;
	char *quote;             /* the covered text ("" for whole-vignette) */
};

struct export_vignette {
	px_vignette v;           /* v.title, v.text replaced; v.length updated */
	struct export_coding *codings;
	size_t ncodings;
	strlist memos;           /* vignette memos, replaced */
	strlist memo_uuids;
	idlist memo_coders;
};

typedef struct export_ctx {
	px_db *db;
	const struct export_options *o;
	px_names nm;
	alias_map aliases;       /* empty with keep_names */
	struct export_vignette *vs;  /* after export_load: the whole export */
	size_t nvs;
	int loaded;
	int64_t ncodings;        /* after export_load; while walking, so far */
	px_summary *sum;         /* the summaries under the export's filter */
	struct export_filter *filter;
	int reading;             /* x opened the read snapshot (db_read_begin) */
	px_err *e;
} export_ctx;

/* Prepares x to export from one read snapshot of db: filters, names,
 * aliases and the summaries; no vignette is read yet. export_free always. */
int export_open(px_db *db, const struct export_options *o, export_ctx *x, px_err *e);
/* export_open, then the whole filtered project into x->vs (for writers
 * that print totals first or cross-reference vignettes). */
int export_load(px_db *db, const struct export_options *o, export_ctx *x, px_err *e);
void export_free(export_ctx *x);
/* Hands fn every exported vignette in order, its text replaced, its
 * codings (and, with memos, its memos) loaded, then reports progress.
 * After export_load it walks x->vs; after export_open it reads the
 * database one vignette at a time, so memory stays flat whatever the
 * corpus size (fn may keep ev's contents by moving them out and zeroing
 * *ev). A non-zero return from fn stops the walk and is returned. */
typedef int (*export_vignette_fn)(export_ctx *x, struct export_vignette *ev, void *ud);
int export_each_vignette(export_ctx *x, int memos, export_vignette_fn fn, void *ud);
/* Text replaced per the options; caller frees. */
char *export_text(const export_ctx *x, const char *s);
/* Reports progress for vignette i (0-based) through the callback. */
void export_progress(const export_ctx *x, size_t i);
/* Codings per code id, each counting its sub-codes (the summaries'
 * coverage), as an array indexed by code id up to *n (caller frees). */
int export_code_counts(const export_ctx *x, int64_t **counts, int64_t *n);
/* The registers under the export's filter, each handed to its writer when
 * it has entries (an entry without a name is named by its id). */
struct export_register_writer {
	void (*repertoire)(void *ud, const summary_rep_row *rows, size_t n);
	void (*accountability)(void *ud, const summary_acc_row *rows, size_t n);
};
int export_registers(const export_ctx *x, const struct export_register_writer *w, void *ud);
/* The summaries and analyses the documents print as tables, in their
 * order: the engagement ties and the accountability network (the rows of
 * `praxis summary --kind engagement` and `network`, praxis/summary_table.h),
 * then trajectories, histories of the repertoire entries, boundary
 * objects, brokers and co-occurrence (`--kind trajectory` ...,
 * praxis/analysis_table.h), under the export's filter, participants by
 * pseudonym and interpretations pseudonymized. Each is handed to fn with
 * its section and title when it has rows. */
enum export_section {
	EXP_SEC_ENGAGEMENT, EXP_SEC_NETWORK, EXP_SEC_TRAJECTORY, EXP_SEC_HISTORY,
	EXP_SEC_BOUNDARY, EXP_SEC_BROKERS, EXP_SEC_COOCCURRENCE
};
struct tabular;
typedef void (*export_table_fn)(void *ud, int section, const char *title,
				const struct tabular *t);
int export_summary_tables(const export_ctx *x, export_table_fn fn, void *ud);
/* The distinct interpretations of a repertoire row, pseudonymized and
 * joined with "; " (caller frees). */
char *export_interpretations(const export_ctx *x, const summary_rep_row *r);

/* Memos for the documents (export_memos.c): fn gets each memo's title
 * (NULL if none) and text pseudonymized, and its author's id ("" if
 * unknown). export_memos_on: the memos on one target (kind as memo.h).
 * export_memo_sections: for participants, communities, register entries
 * and codings that carry memos, a section heading (only when the kind has
 * any), each target's name, then its memos, then section(ud, NULL). */
/* The export's filters as a memo filter (praxis/memo.h says what each
 * means for a memo; the coder is the memo's author). */
void export_memo_filter(const export_ctx *x, memo_filter *mf);
typedef void (*export_memo_fn)(void *ud, const char *title, const char *text,
			       const char *author);
int export_memos_on(const export_ctx *x, int kind, int64_t id, export_memo_fn fn, void *ud);
struct export_memo_writer {
	void (*section)(void *ud, const char *heading);
	void (*target)(void *ud, const char *name);
	export_memo_fn memo;
};
int export_memo_sections(const export_ctx *x, const struct export_memo_writer *w, void *ud);

/* The text of a register column (praxis/regcols.h) in the documents:
 * numbers, dates, reified as yes / no / "", the interpretations
 * pseudonymized (caller frees). */
struct regcol;
char *export_register_cell(const export_ctx *x, const struct regcol *col, const void *row);

/* One non-overlapping piece of a vignette's text and the codings covering
 * it (indices into the vignette's codings, whole-vignette ones excluded). */
struct export_segment {
	int64_t start, end;      /* code points */
	size_t *cover;
	size_t ncover;
};
/* Splits the text at every span boundary and every newline (a newline is a
 * segment of its own with no cover). The codings whose text an edit
 * deleted (empty spans, start = end) form an empty segment of their own
 * (start = end) at their place, before the text that follows it. Caller frees with export_segments_free. */
struct export_segment *export_segments(const struct export_vignette *ev, size_t *n);
void export_segments_free(struct export_segment *s, size_t n);
/* What the documents show where a coding's text was deleted (U+2300). */
#define EXPORT_EMPTY_MARK "\xe2\x8c\x80"

/* The writers, called by the dispatcher (praxis/export.h) only. */
int export_md(export_ctx *x, FILE *out);
/* The codebook document: every code in tree order with its description,
 * colour, counts (codings, vignettes, participants, coders), memos and up
 * to three example quotes (shortest first, pseudonymized), then the
 * registers. */
int export_codebook_md(export_ctx *x, FILE *out);
int export_html(export_ctx *x, FILE *out);
int export_csv(export_ctx *x, FILE *out);
/* The people as a network for Gephi, igraph, networkx (export_graphml.c). */
int export_graphml(export_ctx *x, FILE *out);
/* The HTML document's figure for a section of export_summary_tables, put
 * before its table (export_analyses.c): the accountability network as a
 * diagram, a trajectory chart per participant, a timeline per repertoire
 * entry, the co-occurrence heat map; nothing for the others. Appended to
 * b; the table's rows come from the same analyses under the same filter. */
int export_html_figure(const export_ctx *x, int section, strbuf *b);
/* s escaped for XML / HTML text and attributes into b (NULL: nothing). */
void export_xml_escape(strbuf *b, const char *s);
/* The same codebook document as one self-contained HTML page
 * (export_codebook_html.c). */
int export_codebook_html(export_ctx *x, FILE *out);

/* export_html.c's pieces the codebook page shares. The HTML writers'
 * state: the export and the page being written. */
struct html {
	export_ctx *x;
	strbuf *b;
	int rc;                  /* the first figure's failure */
};
/* The page from <!DOCTYPE> to its <h1>title</h1> (title escaped here),
 * with the export's stylesheet. */
void export_html_head(strbuf *b, const char *title);
/* A memo as a block (an export_memo_fn; ud is a struct html). */
void export_html_memo(void *ud, const char *title, const char *text, const char *author);
/* The registers as tables (ud is a struct html). */
const struct export_register_writer *export_html_registers(void);

/* What a code is used for in the export (export_codeuse.c): its codings
 * and the vignettes, participants and coders they touch, and its
 * shortest quotes (pseudonymized already: the export context's),
 * shortest first, earliest first among equals. The codebook documents'
 * counts and examples. */
#define CODEBOOK_EXAMPLES 3
struct code_use {
	int64_t codings;
	idlist vignettes, participants, coders;
	struct code_example {
		const struct export_coding *ec;
		const char *vignette;    /* its corpus id */
		size_t len;              /* code points */
	} ex[CODEBOOK_EXAMPLES];
	size_t nex;
};
void code_use_of(const export_ctx *x, int64_t code_id, struct code_use *u);
void code_use_free(struct code_use *u);

#endif
