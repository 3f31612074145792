/* textdiff.h: what changed between two versions of a text, in code points,
 * and where a span of the old text lands in the new one.
 *
 * The diff is Myers' O(ND) algorithm in linear space over code points,
 * after the common prefix and suffix are set aside; equal runs shorter
 * than three code points between two changes count as part of the change
 * (so "back to back" -> "side by side" is one change, not a scatter of
 * matching letters). No curses, no printing. */
#ifndef PRAXIS_TEXTDIFF_H
#define PRAXIS_TEXTDIFF_H

#include <stddef.h>
#include <stdint.h>

/* One changed region: old [old_start, old_end) became new [new_start,
 * new_end); either may be empty (a pure insertion or deletion). */
typedef struct textdiff_hunk {
	int64_t old_start, old_end, new_start, new_end;
} textdiff_hunk;

typedef struct textdiff {
	textdiff_hunk *h;        /* in text order, never adjacent */
	size_t n;
} textdiff;

/* The changed regions from old_text to new_text (UTF-8, NUL-terminated). */
void textdiff_compute(const char *old_text, const char *new_text, textdiff *out);
void textdiff_free(textdiff *d);

enum textdiff_fate {
	TEXTDIFF_KEPT = 0,       /* untouched: moved by the net shift before it */
	TEXTDIFF_CUT = 1,        /* a change cuts into it: adjusted, review it */
	TEXTDIFF_GONE = 2        /* all of its text was deleted */
};

/* Moves the span [*start, *end) of the old text into the new text and says
 * what happened to it. A kept span keeps its exact text. A cut span runs
 * from the first to the last code point that survived or replaced its
 * text. A gone span is left empty (start = end) at the place its text
 * was, clamped to the new text. */
int textdiff_map_span(const textdiff *d, int64_t new_len, int64_t *start, int64_t *end);

/* new_text as it should be stored after editing old_text: CR LF made LF
 * unless old_text has CR LF itself, and the trailing newlines of old_text
 * restored, so an editor's round trip never counts as an edit. Caller
 * frees. */
char *textdiff_normalize(const char *old_text, const char *new_text);

#endif
