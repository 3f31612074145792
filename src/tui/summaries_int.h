/* summaries_int.h (private to the summaries pane, pane_summaries.c, and
 * its analysis tabs, summary_tabs.c): the tabs' tables of cells. */
#ifndef PRAXIS_SUMMARIES_INT_H
#define PRAXIS_SUMMARIES_INT_H

#include "praxis/analysis.h"
#include "praxis/summary.h"
#include "praxis/tui.h"

enum {
	TAB_REP, TAB_ACC, TAB_ENG, TAB_COV, TAB_TIES,
	/* the analyses, on the second row of tabs */
	TAB_NET, TAB_TRAJ, TAB_HIST, TAB_BOUND, TAB_BROKER, TAB_COOC,
	TAB_COUNT
};
#define TAB_FIRST_ANALYSIS TAB_NET
#define MAXCOL 14
#define MAX_MONTHS 24
#define ENG_CELL 4               /* matrix cell: 3 glyphs and a gap */

struct scol {
	const char *head;
	int numeric;             /* right-aligned, sorts by key, largest first */
	int cap;                 /* widest it grows; 0: takes the rest */
	int nosort;
};

/* DR_WHO: the participant filter on id; DR_VIG: open vignette id at the
 * code point at; DR_PAIR: the vignettes where id and other share a tie. */
enum drill_kind {
	DR_NONE, DR_REP, DR_ACC, DR_CODE, DR_IDS, DR_PERSON, DR_WHO, DR_VIG, DR_PAIR
};

struct srow {
	char *cell[MAXCOL];
	int64_t key[MAXCOL];
	int pinned;              /* stays at the end whatever the sort */
	size_t order;            /* natural order */
	int role;
	int drill;
	int64_t id, at;
	int64_t other;           /* DR_PAIR: the tie's second person (id the first) */
	idlist ids;
	char *detail;            /* footer line for the selected row */
	char *about;             /* second footer line: a register entry's
				    community and description, NULL if none */
};

struct stab {
	const struct scol *cols;
	int ncols;
	struct srow *rows;
	size_t n;
	int width[MAXCOL];
	int natural0;            /* the first column's width before its cap */
	int sort;                /* column, -1: natural order */
	int desc;
	int built;
	char months_head[48];
};

struct sstate {
	px_summary *sum;         /* the interface's (t->sum), not ours */
	/* What the coding events since the last build can have moved: a
	 * coding outside the registers leaves those tabs as they are. */
	int moved[TAB_COUNT];
	int moved_any, moved_all;
	int tab;
	struct stab tabs[TAB_COUNT];
	uint64_t gen;
	unsigned epoch;          /* t->sum_epoch the tabs were built at */
	summary_engagement eng;
	int64_t max_pair;
	size_t col;              /* engagement, co-occurrence: matrix column
				    (list position) */
	int64_t hist_rep;        /* the entry the History tab follows (0: all) */
	an_cooc_row *cooc;       /* the co-occurrence pairs behind the matrix */
	size_t ncooc;
	int64_t max_cooc;
	char *err;
};


struct srow *sum_row_add(struct stab *tb);
void sum_cell_text(struct srow *r, int c, const char *s, int64_t key);
void sum_cell_num(struct srow *r, int c, int64_t v);
void sum_cell_date(struct srow *r, int c, int date);
/* Narrows the vignettes to ids (taken) under label (taken). */
void sum_drill_set(struct tui *t, idlist *ids, char *label);

/* The tab numbered (1..TAB_COUNT) or named by arg (its name or a prefix
 * naming one tab, any case, hyphens ignored), from 0; -1 if none. */
int summaries_tab_named(const char *arg);
/* Shows tab (from 0) in the summaries pane p. */
void summaries_show_tab(struct pane *p, struct tui *t, int tab);

/* summary_tabs.c: the analysis tabs' columns and builders. */
extern const struct scol sum_traj_cols[], sum_hist_cols[], sum_bound_cols[],
	sum_broker_cols[], sum_cooc_cols[];
extern const int sum_traj_ncols, sum_hist_ncols, sum_bound_ncols, sum_broker_ncols,
	sum_cooc_ncols;
int sum_build_traj(struct sstate *s, struct tui *t, struct stab *tb, px_err *e);
int sum_build_hist(struct sstate *s, struct tui *t, struct stab *tb, px_err *e);
int sum_build_bound(struct sstate *s, struct tui *t, struct stab *tb, px_err *e);
int sum_build_broker(struct sstate *s, struct tui *t, struct stab *tb, px_err *e);
int sum_build_cooc(struct sstate *s, struct tui *t, struct stab *tb, px_err *e);
/* The co-occurrence matrix cell of row (list position) and column k. */
void sum_draw_cooc(struct pane *p, struct sstate *s, struct tui *t, size_t row, int y, int x,
		   int w, int sel);
/* Its footer line for the cell under the cursor; 0 if none. */
int sum_cooc_footer(struct pane *p, struct sstate *s, struct tui *t, char *out, size_t n);
/* Enter on a cell: the vignettes behind it. */
void sum_cooc_drill(struct pane *p, struct sstate *s, struct tui *t);

#endif
