/* analysis.h: the analyses a Wenger-informed ethnographer writes up --
 * trajectories, histories of meaning, boundary objects and brokers,
 * co-occurrence, codes against case variables.
 *
 * Each is computed on demand from the live summary state (praxis/
 * summary.h), which follows every coding write: asking again after a
 * change gives what a fresh load would. All follow the summary's filter
 * (summary_set_filter): a coding counts when it passes it; the brokers
 * take the vignette-level parts (community, dates, participant present)
 * and, with a coder or code filter, only vignettes holding such a coding.
 * Rows hold row ids; analysis_table (praxis/analysis_table.h) names them. */
#ifndef PRAXIS_ANALYSIS_H
#define PRAXIS_ANALYSIS_H

#include <stddef.h>
#include <stdint.h>
#include "praxis/summary.h"

enum analysis_kind {
	AN_TRAJECTORY, AN_HISTORY, AN_BOUNDARY, AN_BROKERS, AN_COOCCURRENCE, AN_MATRIX,
	AN_COUNT
};
/* "trajectory" ... "matrix"; analysis_kind_parse: -1 if unknown. */
const char *analysis_kind_name(int kind);
int analysis_kind_parse(const char *name);

/* ---- Trajectories: per participant and month ---- */
typedef struct an_traj_row {
	int64_t participant;
	int month;               /* yyyymm */
	char *role;              /* in effect on the month's first day (or NULL) */
	int64_t dims[4];         /* [1..3] ME JE SR: codings naming them */
	int64_t holder, held;    /* JE/mutual accountability codings: among
				    held_by / among participants */
	idlist first_uses;       /* repertoire entries first linked to them
				    this month, ascending row ids */
} an_traj_row;
/* By participant row id, then month. */
int analysis_trajectory(px_summary *s, an_traj_row **rows, size_t *n, px_err *e);
void analysis_trajectory_free(an_traj_row *rows, size_t n);

/* ---- History of a repertoire entry: its linked codings by date ---- */
typedef struct an_hist_row {
	int64_t repertoire, coding, vignette, community, coder, speaker;
	int date;                /* yyyymmdd */
	const char *interpretation;   /* the summary's own string (or NULL) */
	int mode;                /* enum coding_mode bits */
	int64_t start;           /* the span's start; -1: the whole vignette */
} an_hist_row;
/* repertoire 0: every entry; by entry row id, date, coding id. */
int analysis_history(px_summary *s, int64_t repertoire, an_hist_row **rows, size_t *n,
		     px_err *e);

/* ---- Boundary objects: entries used in two or more communities ---- */
typedef struct an_boundary_row {
	int64_t repertoire, community;
	int64_t occurrences;     /* moments (overlapping links count once) */
	int64_t participants;    /* distinct, named by the codings */
	int64_t interpretations; /* distinct members' readings there */
} an_boundary_row;
/* By entry row id, then community row id. */
int analysis_boundary(px_summary *s, an_boundary_row **rows, size_t *n, px_err *e);

/* ---- Brokers: present in two or more communities ---- */
typedef struct an_broker_row {
	int64_t participant;
	idlist communities;      /* ascending row ids */
	int64_t vignettes;       /* those they are present at, in those communities */
} an_broker_row;
int analysis_brokers(px_summary *s, an_broker_row **rows, size_t *n, px_err *e);
void analysis_brokers_free(an_broker_row *rows, size_t n);

/* ---- Co-occurrence: codes (as coded) in the same vignette ---- */
typedef struct an_cooc_row {
	int64_t code_a, code_b;  /* code_a's path before code_b's */
	int64_t vignettes;       /* vignettes holding both */
	int64_t overlaps;        /* pairs of their codings whose spans overlap (a
				    whole-vignette coding overlaps every span) */
} an_cooc_row;
/* By code_a's path, then code_b's. */
int analysis_cooccurrence(px_summary *s, an_cooc_row **rows, size_t *n, px_err *e);
/* The vignettes behind a cell (both codes there), ascending row ids. */
int analysis_cooccurrence_vignettes(px_summary *s, int64_t code_a, int64_t code_b,
				    idlist *out, px_err *e);

/* ---- Codes against a case variable ---- */
typedef struct an_matrix_row {
	int64_t code;            /* with its sub-codes rolled up */
	int depth;               /* 0 for the dimension roots */
	char *value;             /* the variable's value */
	int64_t codings, vignettes;
} an_matrix_row;
/* by: "role" (of the participants a coding names, in effect at the
 * vignette's date), "community", "coder" or "attribute:NAME" (of the
 * participants named); a coding counts once per value. Codes in
 * codebook order, values by text; PX_EUSAGE for another by. */
int analysis_matrix(px_summary *s, const char *by, an_matrix_row **rows, size_t *n,
		    px_err *e);
void analysis_matrix_free(an_matrix_row *rows, size_t n);

#endif
