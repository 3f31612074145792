/* ytree.h: YAML read as small trees with line and column marks.
 *
 * The reader streams: a caller takes the top-level mapping key by key and
 * a long sequence item by item, so a corpus of 100,000 vignettes never
 * sits in memory as one tree. Anchors, aliases and tags are refused. */
#ifndef PRAXIS_YTREE_H
#define PRAXIS_YTREE_H

#include <stddef.h>
#include <stdio.h>
#include <yaml.h>
#include "praxis/err.h"

enum ynode_type { YN_SCALAR, YN_SEQ, YN_MAP };

typedef struct ynode {
	int type;
	char *value;             /* scalars: UTF-8, NUL-terminated */
	size_t len;
	int plain;               /* scalar written without quotes or block style */
	int line, col;           /* 1-based */
	struct ynode **kids;     /* maps: key, value, key, value, ... */
	size_t n;
} ynode;

typedef struct yreader {
	yaml_parser_t parser;
	FILE *fp;
	const char *name;        /* file name for messages */
	int has_event;
	yaml_event_t ev;         /* lookahead */
	const char *data;        /* buffer input */
	size_t len, pos;
	size_t total;            /* bytes handed to libyaml */
	size_t since_event;      /* of those, since the last event */
	int last_line, last_col; /* where the last event ended */
	int too_big;             /* 1 value, 2 file: the input broke a limit */
} yreader;

/* Limits on hostile or mistaken input, checked while reading so that a
 * 100 MB vignette or a runaway file is refused (FILE:LINE:COL) before it
 * can exhaust memory: one scalar (a vignette's text, a memo) at most
 * YTREE_MAX_SCALAR bytes, a whole file at most YTREE_MAX_FILE. */
#define YTREE_MAX_SCALAR ((size_t)16 << 20)
#define YTREE_MAX_FILE ((unsigned long long)1 << 30)
/* Sets the limits for readers opened afterwards; 0 restores a default.
 * For tests, which cannot afford gigabytes. */
void ytree_set_limits(size_t max_scalar, unsigned long long max_file);

int yreader_open_file(yreader *r, const char *path, px_err *e);
int yreader_open_buffer(yreader *r, const char *name, const char *data, size_t len);
void yreader_close(yreader *r);

/* Stream and document start, then the start of the top-level mapping.
 * An empty file or document is an error naming the file. */
int yreader_begin_map(yreader *r, px_err *e);
/* Next top-level key: 1 with *key (caller frees), 0 at the mapping's end,
 * or minus the error status. */
int yreader_next_key(yreader *r, ynode **key, px_err *e);
/* Reads a whole node (the value of the current key, or one item). */
int yreader_node(yreader *r, ynode **out, px_err *e);
/* If the next node is a sequence: consumes its start and returns 1 (with
 * its mark); then call yreader_next_item until it returns 0. Both return
 * minus the error status on error. */
int yreader_peek_seq(yreader *r, int *line, int *col, px_err *e);
int yreader_next_item(yreader *r, ynode **item, px_err *e);
/* After the top-level mapping: the end of document and stream; a second
 * document is an error. */
int yreader_end(yreader *r, px_err *e);

/* A whole small file as one tree (a settings file): *root is NULL for a
 * file with no document (empty, or only comments); a second document is
 * an error. Not for corpora, which stream. */
int yreader_document(yreader *r, ynode **root, px_err *e);

void ynode_free(ynode *n);
/* A map's value for key, or NULL. */
ynode *ynode_get(const ynode *map, const char *key);
/* 1 if n is a plain null scalar: empty, ~, null, Null, NULL. */
int ynode_is_null(const ynode *n);

/* "FILE:LINE:COL: message" into e, status PX_EDATA. */
int yerr(px_err *e, const yreader *r, const ynode *at, const char *fmt, ...) PX_PRINTF(4, 5);
int yerr_at(px_err *e, const char *name, int line, int col, const char *fmt, ...) PX_PRINTF(5, 6);

#endif
