/* textseg.h: words, sentences and paragraphs of a text, for moving and
 * selecting in it.
 *
 * Words and sentences follow the Unicode text segmentation rules (UAX #29,
 * by ICU's break iterator; CJK text splits into dictionary words, kana and
 * ideograph runs, never one run for a whole line). A word is a segment of
 * letters, numbers, kana or ideographs; spaces and punctuation are
 * segments of their own. A sentence ends after its terminal punctuation
 * (and closing quotes); the white space after it is not part of it.
 * Paragraphs are separated by blank lines. Every offset counts code points
 * of cp[0..n). No curses. */
#ifndef PRAXIS_TEXTSEG_H
#define PRAXIS_TEXTSEG_H

#include <stddef.h>
#include <stdint.h>

enum textseg_unit { TEXTSEG_WORD, TEXTSEG_SENTENCE, TEXTSEG_PARAGRAPH };

/* The text object at code point at, as [*start, *end): inner (vi's iw, is,
 * ip: the word or run of spaces, the sentence, the paragraph) or, with
 * around, that plus the white space after it (before it when none
 * follows: aw, as, ap). Returns 0, or -1 for an empty text. */
int textseg_object(const uint32_t *cp, size_t n, size_t at, enum textseg_unit unit,
		   int around, size_t *start, size_t *end);

/* The start of the next unit after at (n when there is none). */
size_t textseg_next(const uint32_t *cp, size_t n, size_t at, enum textseg_unit unit);
/* The start of the unit at holds, if at is past it; else of the one
 * before (0 when there is none). */
size_t textseg_prev(const uint32_t *cp, size_t n, size_t at, enum textseg_unit unit);
/* The last code point of the first unit that ends after at: where a
 * selection extended forward by a word, sentence or paragraph stops, so
 * it holds the unit exactly (n when there is none, or n is 0). */
size_t textseg_end(const uint32_t *cp, size_t n, size_t at, enum textseg_unit unit);
/* The last code point of the last unit that ends before at: where a
 * selection shrunk back by a unit stops (0 when there is none). */
size_t textseg_prev_end(const uint32_t *cp, size_t n, size_t at, enum textseg_unit unit);

#endif
