/* summary.h: the live summaries -- repertoire register, accountability
 * register, engagement, dimension coverage.
 *
 * A px_summary loads the corpus once (a few whole-table queries into
 * compact arrays), then follows every coding write through the db
 * listeners: one add, change or removal moves a handful of counters and
 * never scans the corpus. DB_EV_ROLLBACK and DB_EV_RESET only mark the
 * state stale; the next summary_sync (every query function calls it)
 * reloads from the store. A filter change recomputes from memory.
 *
 * Filter semantics (all parts combine with AND):
 *   participant  the coding names them (participants or held_by) or they
 *                are present at its vignette
 *   community    the coding's vignette is in that community
 *   coder        the coding was made by that coder
 *   code         the coding's code is that code or one of its sub-codes
 *   from, to     the vignette's date (day) lies in [from, to]
 * The "thin vignettes" lists take the vignette-level parts (community,
 * dates, participant present). */
#ifndef PRAXIS_SUMMARY_H
#define PRAXIS_SUMMARY_H

#include <stddef.h>
#include <stdint.h>
#include "praxis/coding.h"
#include "praxis/db.h"
#include "praxis/util.h"

typedef struct px_summary px_summary;

typedef struct summary_filter {
	int64_t participant;     /* row ids; 0: any */
	int64_t community;
	int64_t coder;
	int64_t code;            /* with its sub-codes */
	int from, to;            /* dates as yyyymmdd, inclusive; 0: open */
} summary_filter;

/* Loads the state from db and starts listening to it. */
int summary_open(px_db *db, px_summary **out, px_err *e);
/* Stops listening and frees (NULL is fine). */
void summary_close(px_summary *s);
/* The SQL of every query a load runs, in its order (NULL-terminated):
 * the benchmark's baseline runs the same reads. */
const char *const *summary_load_queries(void);
/* The same state loaded on a thread with its own read-only connection,
 * so that an interface need not wait for it. summary_bg_start returns
 * once the thread holds its snapshot (*out NULL: db is a memory database
 * or inside a transaction; call summary_open). Writes made through db
 * meanwhile are queued and applied by summary_bg_finish, which waits for
 * the thread and hands over a state listening to db; *codings: the
 * codings in the snapshot (without the queued writes). summary_bg_ready
 * says, without waiting, whether finish would wait. Cancel stops and
 * frees a job (NULL is fine). */
typedef struct summary_job summary_job;
int summary_bg_start(px_db *db, summary_job **out, px_err *e);
int summary_bg_ready(summary_job *j);
int summary_bg_finish(summary_job *j, px_summary **out, int64_t *codings, px_err *e);
void summary_bg_cancel(summary_job *j);
/* Reloads if a rollback or reset made the state stale. */
int summary_sync(px_summary *s, px_err *e);
/* Reloads unconditionally from the store. */
int summary_reload(px_summary *s, px_err *e);
/* Checks from <= to and recomputes from memory (not the db). */
int summary_set_filter(px_summary *s, const summary_filter *f, px_err *e);
/* The checks summary_set_filter makes that need no state (an empty date
 * range), for callers that filter without a summary. */
int summary_filter_check(const summary_filter *f, px_err *e);
const summary_filter *summary_get_filter(const px_summary *s);
/* Bumped by every change applied or reload: a pane redraws when it moves. */
uint64_t summary_generation(const px_summary *s);
int summary_stale(const px_summary *s);
/* 1 if both states hold the same numbers; else 0 and a reason in why. */
int summary_equal(const px_summary *a, const px_summary *b, char *why, size_t whylen);

/* Whole-corpus usage, whatever the filter (for panes that show it next to
 * the summaries without querying the store again), indexed by row id with
 * *n = max id + 1 (ids past it: none); the caller frees the arrays.
 * Per participant: the vignettes they are present at and the codings
 * naming them (participants, not held_by). Per code: the codings on that
 * code itself, not its sub-codes. Both sync first. */
int summary_participant_usage(px_summary *s, int64_t **vignettes, int64_t **codings, size_t *n,
			      px_err *e);
int summary_code_usage(px_summary *s, int64_t **codings, size_t *n, px_err *e);

/* "YYYY-MM-DD" (a time part is ignored) -> yyyymmdd; PX_EUSAGE if bad. */
int summary_parse_date(const char *s, int *out, px_err *e);
/* yyyymmdd -> "YYYY-MM-DD", "" for 0; yyyymm -> "YYYY-MM" with month. */
void summary_format_date(int date, char buf[16]);
void summary_format_month(int month, char buf[16]);

/* ---- Repertoire register ---- */
typedef struct summary_text_count {
	char *text;
	int64_t count;
} summary_text_count;

typedef struct summary_rep_row {
	int64_t id;              /* row id of the register entry */
	char *ext_id, *name, *kind;
	int reified;             /* -1 unknown, 0, 1 */
	int64_t occurrences;
	int64_t participants;    /* distinct participants named by the codings */
	int64_t vignettes;       /* distinct vignettes */
	int first_seen, last_seen;        /* yyyymmdd; 0 if never */
	summary_text_count *interp;       /* members' readings (a speaker named):
					     by count descending, then text */
	size_t ninterp;                   /* distinct members' readings: the
					     element's ambiguity */
	summary_text_count *gloss;        /* analyst's glosses (no speaker) */
	size_t nglosses;
	int64_t participation;            /* codings showing participation */
	int64_t reification;              /* ... reification (a coding may show both) */
	char *description;                /* what the entry is (or NULL) */
	char *community;                  /* the community's id it belongs to (or NULL) */
} summary_rep_row;

/* Every register entry (insertion order), under the filter. */
int summary_repertoire(px_summary *s, summary_rep_row **rows, size_t *n, px_err *e);
void summary_repertoire_free(summary_rep_row *rows, size_t n);
/* Shared-repertoire codings (under the filter) not linked to an entry,
 * by coding id. */
int summary_unlinked(px_summary *s, idlist *coding_ids, px_err *e);
/* The distinct vignettes those codings are in, ascending row ids. */
int summary_unlinked_vignettes(px_summary *s, idlist *vignette_ids, px_err *e);

/* ---- Accountability register ---- */
typedef struct summary_pair_count {
	int64_t a, b;            /* participant row ids */
	int64_t count;
} summary_pair_count;

typedef struct summary_month_count {
	int month;               /* yyyymm */
	int64_t count;
} summary_month_count;

typedef struct summary_acc_row {
	int64_t id;
	char *ext_id, *name;
	int reified;
	int64_t occurrences;
	int64_t stance[STANCE_COUNT];     /* [STANCE_NONE] = without a stance */
	int first_seen, last_seen;
	summary_pair_count *held;         /* a held b to account; count desc */
	size_t nheld;
	summary_month_count *timeline;    /* months with occurrences, ascending */
	size_t ntimeline;
	int64_t participation, reification;   /* codings showing each */
	summary_text_count *interp;       /* members' readings of the norm */
	size_t ninterp;
	summary_text_count *gloss;        /* analyst's glosses */
	size_t nglosses;
	char *description;                /* what the norm is (or NULL) */
	char *community;                  /* the community's id it belongs to (or NULL) */
} summary_acc_row;

/* Every register entry (insertion order), under the filter; then, if
 * any coding under JE/mutual accountability names no entry, a row with
 * id 0 and ext_id SUMMARY_UNNAMED counting those moments. */
#define SUMMARY_UNNAMED "(unnamed)"
int summary_accountability(px_summary *s, summary_acc_row **rows, size_t *n, px_err *e);
void summary_accountability_free(summary_acc_row *rows, size_t n);

/* ---- Who holds whom ----
 * On an accountability coding, participants are the people held to
 * account and held_by those holding them; a person holds themselves only
 * when named on both sides. */
typedef struct summary_net_row {
	int64_t holder, held;    /* participant row ids */
	int64_t accountability;  /* entry row id; 0: none named */
	int stance;              /* enum coding_stance (STANCE_NONE: none) */
	int64_t codings;
	int first_seen, last_seen;
	uint64_t key;            /* internal */
} summary_net_row;

/* One row per holder, held person, entry and stance, by holder, held,
 * entry row id, stance; the caller frees *rows. */
int summary_network(px_summary *s, summary_net_row **rows, size_t *n, px_err *e);

/* ---- Engagement ----
 * Mutual engagement is not co-presence: two participants are engaged in a
 * coded moment when one coding under ME names them both (its
 * participants); being present at the vignette is not enough. */
typedef struct summary_person {
	int64_t id;              /* participant row id */
	int64_t dims[4];         /* codings naming them: [0] all, [1..3] ME JE SR */
	int64_t complementary;   /* codings naming them under ME/diversity and
				    partiality/complementary */
	int64_t overlapping;     /* ... /overlapping (as coded, never from roles) */
	int64_t conflict;        /* codings under ME/mutual relationships/conflict */
	int64_t support;         /* ... /support */
} summary_person;

typedef struct summary_role {
	char *role;              /* "" for participants without a role */
	int64_t dims[4];         /* codings naming someone with the role */
} summary_role;

/* A tie and one of its qualities: the ME codings naming both a and b
 * (quality 0: any ME coding), or those under ME code quality (any code
 * below the root, whatever the codebook calls it). */
typedef struct summary_tie {
	int64_t a, b;            /* participant row ids, a < b */
	int64_t quality;         /* ME code row id; 0: all */
	int64_t codings;         /* ME codings naming both */
	int64_t vignettes;       /* distinct */
	int first_seen, last_seen;   /* yyyymmdd */
	uint64_t key;            /* internal */
} summary_tie;

typedef struct summary_engagement {
	summary_pair_count *pairs;   /* a < b; count = distinct vignettes with an
					ME coding naming both; by a, then b */
	size_t npairs;
	summary_tie *ties;           /* by a, b, then quality (0 first) */
	size_t nties;
	summary_person *people;      /* every participant, by row id */
	size_t npeople;
	summary_role *roles;         /* by role name */
	size_t nroles;
	int64_t complementary, overlapping;  /* codings under those codes */
	int64_t conflict, support;           /* codings, named or not */
} summary_engagement;

int summary_engagement_get(px_summary *s, summary_engagement *out, px_err *e);
void summary_engagement_free(summary_engagement *g);

/* ---- Coverage ---- */
typedef struct summary_code_row {
	int64_t code_id;
	int dimension;           /* CODE_ME.. */
	int depth;               /* 0 for the dimension roots */
	char *name;
	int64_t codings;         /* on the code and its sub-codes */
	int64_t vignettes;       /* distinct */
	int64_t participants;    /* distinct participants named */
} summary_code_row;

typedef struct summary_dim_count {
	int64_t key;             /* participant / community row id (0: none),
				    or month yyyymm */
	int64_t dims[4];         /* [0] all, [1..3] ME JE SR */
} summary_dim_count;

typedef struct summary_coverage {
	summary_code_row *codes;         /* codebook pre-order; roots are
					    the dimension totals */
	size_t ncodes;
	summary_dim_count *by_participant, *by_community, *by_month;
	size_t nparticipant, ncommunity, nmonth;   /* non-zero keys, ascending */
	idlist uncoded;                  /* vignettes with no coding */
	idlist single;                   /* vignettes coded in one dimension */
} summary_coverage;

int summary_coverage_get(px_summary *s, summary_coverage *out, px_err *e);
void summary_coverage_free(summary_coverage *c);

#endif
