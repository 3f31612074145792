/* text.h: UTF-8 as praxis needs it.
 *
 * Offsets in the store count Unicode code points; the screen counts display
 * columns; the C library counts bytes. These functions convert between them
 * and make data safe to show on a terminal. No curses here. */
#ifndef PRAXIS_TEXT_H
#define PRAXIS_TEXT_H

#include <stddef.h>
#include <stdint.h>

/* 1 if s[0..len) is well-formed UTF-8 (no overlongs, no surrogates, no
 * code points past U+10FFFF); otherwise 0 and *bad_at the byte offset of the
 * first bad sequence (bad_at may be NULL). */
int text_utf8_valid(const char *s, size_t len, size_t *bad_at);

/* Decodes one code point at s (at most len bytes). Returns bytes consumed
 * (>= 1 when len > 0, 0 for len 0); invalid bytes decode as U+FFFD consuming one byte. */
size_t text_decode(const char *s, size_t len, uint32_t *cp);
/* Encodes cp into out (4 bytes room); returns bytes written. */
size_t text_encode(uint32_t cp, char out[4]);

/* Number of code points in s (NUL-terminated). */
size_t text_cp_len(const char *s);
size_t text_cp_len_n(const char *s, size_t len);
/* Byte offset of code point index cp in s (clamped to strlen(s)). */
size_t text_cp_to_byte(const char *s, size_t cp);
/* A span of code points [start, end) of one text, and where its quote
 * (the text it covers) sits among the quote's repeats in the text. */
struct text_span {
	int64_t start, end;
};
struct text_anchor {
	size_t byte_start, byte_end;   /* the span in bytes */
	int64_t nth;                   /* the quote's occurrence starting at the
					  span (1-based, overlapping repeats
					  counted as text_find_nth does); 0: none
					  (empty span, start < 0) */
	int64_t count;                 /* occurrences of the quote in the text */
};
/* The anchors of n spans of s in one pass over s per distinct quote, not
 * one search per occurrence per span: a YAML export of 1,000 codings of a
 * common word in a megabyte of text stays linear in the text. */
void text_anchors(const char *s, const struct text_span *spans, size_t n,
		  struct text_anchor *out);
/* Code point index of byte offset b (b must be on a boundary, else the
 * index of the code point containing it). */
size_t text_byte_to_cp(const char *s, size_t b);

/* Display columns of one code point (0 for combining marks, 2 for wide and
 * emoji, -1 for control characters). */
int text_cp_width(uint32_t cp);
/* Display columns of s[0..len) as sanitized for display (controls count as
 * the width of their escaped form). */
size_t text_width_n(const char *s, size_t len);
size_t text_width(const char *s);

/* Copies s into a new string safe to show on a terminal: C0/C1 controls,
 * DEL and ESC become visible caret escapes ("^[" for ESC, "^A", "^?"), C1
 * controls "\x9b", bidi embeddings, overrides and isolates "<U+202E>", and
 * invalid UTF-8 U+FFFD; the rest of an escape sequence stays as plain text.
 * Tabs become a space and newlines are kept only if keep_newlines (else a
 * space). Returns NULL for NULL. Caller frees. */
char *text_sanitize(const char *s, int keep_newlines);
/* s without bidi embeddings, overrides, isolates and marks (for ids made
 * from imported names: invisible, they would make look-alike ids).
 * Caller frees. */
char *text_drop_bidi(const char *s);

/* Byte length of the longest prefix of s that fits in max_cols columns
 * without splitting a character (combining marks stay with their base);
 * *cols receives the columns used (may be NULL). s must be sanitized. */
size_t text_fit(const char *s, size_t len, size_t max_cols, size_t *cols);

/* Finds the n-th (1-based) occurrence of needle in hay, counting a match at
 * every code point where one starts (overlapping matches count). Returns the
 * code point offset or -1. *count receives the total number of matches
 * (may be NULL). */
int64_t text_find_nth(const char *hay, const char *needle, int n, int *count);

/* The substring of s from code point start to end (exclusive). Caller frees. */
char *text_cp_substr(const char *s, size_t start, size_t end);

/* Case-folded comparison for search and pickers: 1 if every code point of
 * needle appears in hay in order (a fuzzy subsequence match), with *score
 * higher for tighter, earlier, word-start matches. ASCII case-insensitive. */
int text_fuzzy_match(const char *hay, const char *needle, int *score);

/* The whole words of text equal to a word of query (letters and digits,
 * case ignored), as code point spans [starts[i], ends[i]) in text order:
 * the full-text search's hits. Returns how many; the caller frees both
 * arrays (allocated even when there are none). */
size_t text_word_hits(const char *text, const char *query, int64_t **starts, int64_t **ends);

#endif
