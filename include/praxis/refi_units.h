/* refi_units.h: what a REFI-QDA selection position counts.
 *
 * The standard counts code points, but producers differ: NVivo counts
 * UTF-16 code units (a character past U+FFFF counts two), ATLAS.ti and
 * MAXQDA-style line ends count a CR LF pair as one. A source's text is read
 * as the producer wrote it (BOM, CR LF) and normalized; each reading maps
 * its positions onto code points of the normalized text, and the reading
 * that fits the selections (spans inside the text, names that are the
 * selected text, spans on word boundaries, the producer as a tie-breaker)
 * is chosen. No I/O, no store. */
#ifndef PRAXIS_REFI_UNITS_H
#define PRAXIS_REFI_UNITS_H

#include <stddef.h>
#include <stdint.h>

enum refi_unit {
	REFI_UNIT_AUTO = -1,
	REFI_UNIT_CP = 0,      /* code points, CR LF as two (the standard) */
	REFI_UNIT_UTF16,       /* UTF-16 code units (NVivo) */
	REFI_UNIT_CRLF1,       /* code points with CR LF as one (ATLAS.ti) */
	REFI_UNIT_COUNT
};

const char *refi_unit_name(int unit);    /* codepoints, utf16, crlf1 */
const char *refi_unit_label(int unit);   /* "code points", "UTF-16 units"... */
int refi_unit_parse(const char *s);      /* -1 if unknown */
/* The reading a producer is known for (from <Project origin>), or
 * REFI_UNIT_AUTO when the origin says nothing. */
int refi_unit_of_origin(const char *origin);

typedef struct refi_text {
	char *text;                          /* normalized: no BOM, LF only */
	uint32_t *cp;                        /* its code points */
	size_t n;
	int64_t *map[REFI_UNIT_COUNT];       /* position -> code point, -1 inside
						a character */
	int64_t len[REFI_UNIT_COUNT];        /* the text's length in each unit */
	int changed;                         /* a BOM or CR was dropped */
} refi_text;

/* Takes s (malloc'd, valid UTF-8) and normalizes it in place into t. */
void refi_text_init(refi_text *t, char *s);
void refi_text_free(refi_text *t);
/* pos under unit as a code point of t->text, or -1 if it is past the end
 * or inside a character. */
int64_t refi_text_pos(const refi_text *t, int unit, int64_t pos);
/* 1 if unit and other put every position on the same code point. */
int refi_text_same(const refi_text *t, int unit, int other);

typedef struct refi_sel {
	int64_t start, end;   /* as the file says */
	const char *name;     /* the selection's name, or NULL */
} refi_sel;

typedef struct refi_choice {
	int unit;                             /* the reading chosen */
	int distinct;                         /* readings that differ here */
	int64_t bad[REFI_UNIT_COUNT];         /* selections outside the text */
	int64_t names_fit[REFI_UNIT_COUNT];   /* names that are the text */
	int64_t words_fit[REFI_UNIT_COUNT];   /* spans on word boundaries */
	int64_t names;                        /* selections with a name */
	int by_origin;                        /* the origin broke a tie */
	int64_t doubtful;                     /* selections another reading fits better */
} refi_choice;

/* Chooses the reading for one source's selections: forced (not
 * REFI_UNIT_AUTO) wins; else the reading with the fewest spans outside
 * the text, then the most fitting names, then the most spans on word
 * boundaries, then prior (from the origin), then code points. doubtful[i]
 * (n entries) is set for a selection that another reading fits better. */
void refi_units_choose(const refi_text *t, const refi_sel *sels, size_t n, int forced,
		       int prior, refi_choice *out, unsigned char *doubtful);

#endif
