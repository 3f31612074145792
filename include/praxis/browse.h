/* browse.h: what the interface lists, fetched a screenful at a time.
 *
 * Vignettes are paged by key (date, id) -- never by OFFSET -- so moving
 * through a corpus of 100,000 vignettes costs the same at the end as at the
 * start. A filter narrows every listing: participant, community, code (with
 * its sub-codes), coder, date range and a full-text search (FTS5) over
 * vignette titles, texts and vignette memos. */
#ifndef PRAXIS_BROWSE_H
#define PRAXIS_BROWSE_H

#include <stddef.h>
#include <stdint.h>
#include "praxis/db.h"
#include "praxis/util.h"

typedef struct browse_filter {
	int64_t participant_id;  /* 0: off */
	int64_t community_id;
	int64_t code_id;         /* with its descendants */
	int64_t coder_id;
	char *date_from;         /* YYYY-MM-DD inclusive, NULL: off */
	char *date_to;           /* inclusive */
	char *search;            /* words; each must match (FTS5), NULL: off */
	int order;               /* with a search: enum browse_order */
	/* Drill-down from a summary: only the vignettes in drill_ids (which
	 * may be empty: then none pass); drill_label names the set. */
	int drill;
	idlist drill_ids;
	char *drill_label;
} browse_filter;

/* The order of a search's hits: relevance (FTS5 bm25, a title hit weighs
 * BROWSE_TITLE_WEIGHT times a text hit; vignettes found only by a memo
 * last), the default, or (date, id) as without a search. */
enum browse_order { BROWSE_ORDER_RANK = 0, BROWSE_ORDER_DATE = 1 };
#define BROWSE_TITLE_WEIGHT "10.0"
/* "rank" or "date" to an order; -1 if neither. */
int browse_order_parse(const char *name);
const char *browse_order_name(int order);

int browse_filter_active(const browse_filter *f);
void browse_filter_free(browse_filter *f);
/* Every filter off, the search order kept (a preference, not a filter). */
void browse_filter_clear(browse_filter *f);
void browse_filter_copy(browse_filter *dst, const browse_filter *src);

typedef struct browse_row {
	int64_t id;
	char *date;
	char *title;
	int64_t community_id;
	char *ext_id;
	int64_t counts[4];       /* codings: all, ME, JE, SR */
	int counted;             /* counts[] read (browse_count_rows) */
	/* with a search: the best-matching piece of the title or text, each
	 * matched word between BROWSE_HIT_ON and BROWSE_HIT_OFF; NULL for a
	 * vignette only a memo matched */
	char *snippet;
} browse_row;
#define BROWSE_HIT_ON '\x01'
#define BROWSE_HIT_OFF '\x02'


/* Up to limit vignettes passing f, in (date, id) order (with a search in
 * rank order: by relevance), strictly after (dir 1), from (dir 2: at or
 * after) or before (dir < 0) the key (key_date, key_id); key_date NULL
 * starts from the first (dir > 0) or the last (dir < 0). In rank order the
 * key is the vignette key_id's place among the hits (key_date only needs
 * to be non-NULL). Rows come in list order whatever dir is. A bad search
 * query is PX_EUSAGE. */
int browse_vignettes(px_db *db, const browse_filter *f, const char *key_date, int64_t key_id,
		     int dir, int limit, browse_row **rows, size_t *n, px_err *e);
/* browse_vignettes without the badges (counts[] 0, counted 0), and the
 * badges of rows read in one query (counted set): a list that shows a
 * screenful of a larger window counts the rows as they come into view.
 * Each row's codings are a seek of its own in the codings' index (the
 * list is in date order, the index in vignette order): a page of 64
 * rows counted at once cost about 64 page reads at 100k vignettes. */
int browse_vignettes_uncounted(px_db *db, const browse_filter *f, const char *key_date,
			       int64_t key_id, int dir, int limit, browse_row **rows, size_t *n,
			       px_err *e);
int browse_count_rows(px_db *db, browse_row *rows, size_t n, px_err *e);
/* The SQL browse_vignettes runs for f without a search or a drill-down
 * set (keyed: after a key; dir as there), caller frees; and the one
 * that counts a page's codings per dimension (?1: a JSON array of
 * vignette ids). For the test that both stay index-only (migration 13):
 * they run on every page of the list. */
char *browse_page_sql(const browse_filter *f, int keyed, int dir);
extern const char browse_page_counts_sql[];
/* How many vignettes pass f, and how many come before (date, id). */
int browse_vignette_count(px_db *db, const browse_filter *f, int64_t *count, px_err *e);
int browse_vignette_rank(px_db *db, const browse_filter *f, const char *date, int64_t id,
			 int64_t *rank, px_err *e);
void browse_rows_free(browse_row *rows, size_t n);
/* Frees one row's strings (not the row). */
void browse_row_clear(browse_row *r);

/* Codings per code (not counting descendants), for the codebook pane:
 * counts[i] for ids[i]. */
int browse_code_counts(px_db *db, int64_t **ids, int64_t **counts, size_t *n, px_err *e);

/* One coded segment with its context, for retrieval. */
typedef struct browse_segment {
	int64_t coding_id, vignette_id, code_id, coder_id;
	int64_t start, end;      /* -1/-1: whole vignette */
	char *date, *title;
	char *before, *quote, *after;
} browse_segment;

/* Every segment coded with code_id or a sub-code (by coder_id, 0 for all),
 * in (date, vignette, start) order, at most limit, with context code
 * points of text either side. */
int browse_segments(px_db *db, int64_t code_id, int64_t coder_id, int context, int limit,
		    browse_segment **out, size_t *n, px_err *e);
/* The same segments a page at a time, by key (never OFFSET): up to limit
 * strictly after (dir > 0) or before (dir < 0) key's (date, vignette_id,
 * start, coding_id); key NULL starts from the first (dir > 0) or the last
 * (dir < 0). Rows come in ascending order whatever dir is. */
int browse_segments_page(px_db *db, int64_t code_id, int64_t coder_id, int context,
			 const browse_segment *key, int dir, int limit, browse_segment **out,
			 size_t *n, px_err *e);
/* How many segments browse_segments_page walks through (key NULL), or
 * how many come before key (its rank). */
int browse_segment_count(px_db *db, int64_t code_id, int64_t coder_id, const browse_segment *key,
			 int64_t *count, px_err *e);
void browse_segments_free(browse_segment *s, size_t n);

/* Drill-down sets (sorted vignette row ids, appended to out):
 * vignettes with a coding linked to repertoire entry id (accountability
 * entry if accountability); vignettes of the given codings; vignettes with
 * a coding under code_id or its sub-codes, in month yyyymm (0: any);
 * vignettes where participants a and b are both engaged under ME (both
 * named by, or both present at the vignette of, a coding under ME). */
int browse_entry_vignettes(px_db *db, int accountability, int64_t id, idlist *out, px_err *e);
int browse_coding_vignettes(px_db *db, const idlist *codings, idlist *out, px_err *e);
int browse_code_vignettes(px_db *db, int64_t code_id, int month, idlist *out, px_err *e);
int browse_engaged_vignettes(px_db *db, int64_t a, int64_t b, idlist *out, px_err *e);

/* The search words as an FTS5 query: each word quoted, all required.
 * Caller frees; NULL if there are no words. */
char *browse_fts_query(const char *words);

#endif
