/* negotiate.h: settling the disagreements of two coders into a consensus.
 *
 * A disagreement is one (vignette, code) where the code points coders A
 * and B covered with exactly that code differ, on a vignette both coded
 * (the units of agree.h, segment level). Each is settled by a decision --
 * keep A, keep B, keep both, drop -- recorded under the coder `consensus`
 * (created if missing):
 *   - the kept codings are copied to the consensus coder (participants,
 *     mode, registers included) with the decision as their memo;
 *   - a vignette memo by the consensus coder, "negotiated CODE (A vs B):
 *     DECISION[ -- note]", records the decision itself (so a drop, which
 *     leaves no coding, is recorded too). A disagreement is resolved when
 *     that memo exists. (Renaming the code afterwards orphans the memo: the
 *     disagreement then shows as open again.)
 * Resolving again replaces the earlier decision (its consensus codings of
 * that code on that vignette and its memo). No function here touches the
 * codings of A or B.
 *
 * For the TUI's negotiation view: negotiate_load gives the list (vignettes
 * with their disagreeing codes and the A only / B only / both runs to
 * overlay), negotiate_resolve applies a decision, negotiate_progress counts.
 * Agreement figures come from agree_compute. */
#ifndef PRAXIS_NEGOTIATE_H
#define PRAXIS_NEGOTIATE_H

#include <stddef.h>
#include <stdint.h>
#include "praxis/db.h"

#define NEGOTIATE_CONSENSUS "consensus"

enum negotiate_side { NEG_BOTH = 0, NEG_A_ONLY = 1, NEG_B_ONLY = 2 };
enum negotiate_decision {
	NEG_UNRESOLVED = -1,
	NEG_KEEP_A = 0, NEG_KEEP_B, NEG_KEEP_BOTH, NEG_DROP, NEG_DECISION_COUNT
};

/* "keep A", "keep B", "keep both", "drop"; NULL if out of range. */
const char *negotiate_decision_name(int decision);
/* Accepts the names above and keep-a, keep-b, keep-both, a, b, both, drop. */
int negotiate_decision_parse(const char *s);

/* A maximal run of code points with the same coverage. */
typedef struct negotiate_seg {
	int64_t start, end;   /* code points, end exclusive */
	int side;             /* enum negotiate_side */
} negotiate_seg;

typedef struct negotiate_code {
	int64_t code_id;
	negotiate_seg *segs;  /* covered runs in text order (uncovered omitted) */
	size_t nsegs;
	int64_t both, a_only, b_only; /* code points */
	int decision;         /* enum negotiate_decision, NEG_UNRESOLVED if open */
	int64_t memo_id;      /* the decision memo, 0 if open */
} negotiate_code;

typedef struct negotiate_vignette {
	int64_t vignette_id;
	negotiate_code *codes;/* only codes in disagreement, by code id */
	size_t ncodes;
	size_t resolved;      /* how many of codes are resolved */
} negotiate_vignette;

typedef struct negotiate_list {
	int64_t coder_a, coder_b;
	negotiate_vignette *v;/* only vignettes with a disagreement, in order */
	size_t n;
	int64_t total;        /* disagreements */
	int64_t resolved;
} negotiate_list;

/* The consensus coder's row id; created when create is set, else 0 if absent. */
int negotiate_consensus_coder(px_db *db, int create, int64_t *id, px_err *e);

/* Pure: the covered runs of spans by A and B on a text of length code
 * points (see agree_span). Caller frees *out. */
struct agree_span;
void negotiate_runs(int64_t length, const struct agree_span *a, size_t na,
		    const struct agree_span *b, size_t nb, negotiate_seg **out, size_t *n);

int negotiate_load(px_db *db, int64_t coder_a, int64_t coder_b, negotiate_list *out,
		   px_err *e);
/* One vignette's disagreements (ncodes 0 if none): for refreshing one row. */
int negotiate_load_vignette(px_db *db, int64_t coder_a, int64_t coder_b, int64_t vignette_id,
			    negotiate_vignette *out, px_err *e);
void negotiate_vignette_free(negotiate_vignette *v);
void negotiate_list_free(negotiate_list *l);

/* Records decision for code_id on vignette_id in one transaction; note
 * (may be NULL) is appended to the memos. Codings are added through
 * coding_add, so listeners (summaries, live agreement) hear of them. */
int negotiate_resolve(px_db *db, int64_t coder_a, int64_t coder_b, int64_t vignette_id,
		      int64_t code_id, int decision, const char *note, px_err *e);
/* Takes a decision back: removes its consensus codings and memo. */
int negotiate_unresolve(px_db *db, int64_t coder_a, int64_t coder_b, int64_t vignette_id,
			int64_t code_id, px_err *e);
/* Resolved and total disagreements of the pair. */
int negotiate_progress(px_db *db, int64_t coder_a, int64_t coder_b, int64_t *resolved,
		       int64_t *total, px_err *e);

/* Records that the consensus codings of code_id on vignette_id were made
 * by hand (the view's "edit"): replaces an earlier decision memo with
 * "negotiated CODE (A vs B): edited[ -- note]" and leaves every coding as
 * it is. negotiate_load then reports the code resolved with decision
 * NEG_UNRESOLVED and its memo_id set. */
int negotiate_record_edit(px_db *db, int64_t coder_a, int64_t coder_b, int64_t vignette_id,
			  int64_t code_id, const char *note, px_err *e);
/* The note of a decision memo (after " -- "), copied; NULL if none. */
char *negotiate_memo_note(px_db *db, int64_t vignette_id, int64_t memo_id);
/* The pair's pooled segment table as it would be if every resolved
 * disagreement in l were settled: for each, both coders' spans of the code
 * on the vignette are replaced by the consensus coder's (its a_only and
 * b_only code points become both where the consensus covers them, neither
 * elsewhere). pair is agree_compute's overall table, unit segment. */
struct agree_table;
int negotiate_settled(px_db *db, const negotiate_list *l, const struct agree_table *pair,
		      struct agree_table *out, px_err *e);

#endif
