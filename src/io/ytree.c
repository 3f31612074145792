/* ytree.c: YAML events into small marked trees; see praxis/ytree.h. */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "praxis/ytree.h"
#include "praxis/util.h"

/* Deeper nesting than any corpus needs means a hostile file: refuse it
 * before the recursion can exhaust the stack. */
#define YTREE_MAX_DEPTH 64
/* libyaml reads ahead of the event it returns; this much slack between
 * events is never a single value's doing. */
#define YTREE_READ_SLACK ((size_t)64 << 10)

static size_t max_scalar = YTREE_MAX_SCALAR;
static unsigned long long max_file = YTREE_MAX_FILE;

void ytree_set_limits(size_t scalar, unsigned long long file)
{
	max_scalar = scalar ? scalar : YTREE_MAX_SCALAR;
	max_file = file ? file : YTREE_MAX_FILE;
}

/* The input handler for files and buffers alike: counts what it hands
 * libyaml, and stops reading (an input error libyaml reports at once)
 * when the file or one value grows past its limit, so a huge value is
 * refused after at most max_scalar bytes of it are in memory. */
static int read_input(void *ud, unsigned char *buf, size_t size, size_t *got)
{
	yreader *r = ud;
	size_t n;

	if (r->fp) {
		n = fread(buf, 1, size, r->fp);
		if (n == 0 && ferror(r->fp))
			return 0;
	} else {
		n = r->len - r->pos < size ? r->len - r->pos : size;
		memcpy(buf, r->data + r->pos, n);
		r->pos += n;
	}
	r->total += n;
	r->since_event += n;
	if (r->total > max_file) {
		r->too_big = 2;
		return 0;
	}
	if (r->since_event > max_scalar + YTREE_READ_SLACK) {
		r->too_big = 1;
		return 0;
	}
	*got = n;
	return 1;
}

static int limit_error(yreader *r, px_err *e)
{
	if (r->too_big == 2)
		return px_fail(e, PX_EDATA, "%s: larger than %llu MiB, more than praxis reads "
			       "from one corpus file; split it", r->name, max_file >> 20);
	return yerr_at(e, r->name, r->last_line, r->last_col, "the value that starts here is "
		       "longer than %zu MiB, more than praxis takes for one text; split it",
		       max_scalar >> 20);
}

int yerr_at(px_err *e, const char *name, int line, int col, const char *fmt, ...)
{
	char msg[768];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return px_fail(e, PX_EDATA, "%s:%d:%d: %s", name, line, col, msg);
}

int yerr(px_err *e, const yreader *r, const ynode *at, const char *fmt, ...)
{
	char msg[768];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return px_fail(e, PX_EDATA, "%s:%d:%d: %s", r->name, at ? at->line : 1, at ? at->col : 1,
		       msg);
}

int yreader_open_file(yreader *r, const char *path, px_err *e)
{
	struct stat sb;

	memset(r, 0, sizeof(*r));
	r->name = path;
	if (stat(path, &sb) != 0)
		return px_fail(e, PX_EIO, "%s: cannot read: %s", path, strerror(errno));
	if (S_ISDIR(sb.st_mode))
		return px_fail(e, PX_EIO, "%s: is a directory, not a corpus file", path);
	if (S_ISREG(sb.st_mode) && (unsigned long long)sb.st_size > max_file)
		return px_fail(e, PX_EDATA, "%s: %lld bytes, larger than the %llu MiB praxis "
			       "reads from one corpus file; split it", path,
			       (long long)sb.st_size, max_file >> 20);
	if (!(r->fp = fopen(path, "rb")))
		return px_fail(e, PX_EIO, "%s: cannot read: %s", path, strerror(errno));
	yaml_parser_initialize(&r->parser);
	yaml_parser_set_input(&r->parser, read_input, r);
	r->last_line = r->last_col = 1;
	return PX_OK;
}

int yreader_open_buffer(yreader *r, const char *name, const char *data, size_t len)
{
	memset(r, 0, sizeof(*r));
	r->name = name;
	r->data = data;
	r->len = len;
	r->last_line = r->last_col = 1;
	yaml_parser_initialize(&r->parser);
	yaml_parser_set_input(&r->parser, read_input, r);
	return PX_OK;
}

void yreader_close(yreader *r)
{
	if (r->has_event)
		yaml_event_delete(&r->ev);
	yaml_parser_delete(&r->parser);
	if (r->fp)
		fclose(r->fp);
	memset(r, 0, sizeof(*r));
}

/* The input from its first byte again, for locating an error after the
 * parser gave up: file or buffer. Returns 0 if it cannot be re-read (a
 * pipe). */
static int input_rewind(yreader *r, size_t *pos)
{
	*pos = 0;
	if (r->fp)
		return fseek(r->fp, 0, SEEK_SET) == 0;
	return r->data != NULL;
}

static int input_byte(yreader *r, size_t *pos)
{
	if (r->fp) {
		(*pos)++;
		return getc(r->fp);
	}
	/* a buffer is fed through read_input, so the parser's own string
	 * input is unset: read r->data */
	if (*pos >= r->len)
		return EOF;
	return (unsigned char)r->data[(*pos)++];
}

/* libyaml reports undecodable bytes and control characters by byte offset
 * only (its mark stays at 1:1): turn the offset into a line and a column
 * in characters. For a bad trailing byte the place is the sequence's lead
 * byte. */
static void reader_mark(yreader *r, size_t offset, int at_lead, int *line, int *col)
{
	int l = 1, c = 1, lead_l = 1, lead_c = 1, b;
	size_t pos;

	*line = *col = 1;
	if (!input_rewind(r, &pos))
		return;
	while (pos < offset && (b = input_byte(r, &pos)) != EOF) {
		if ((b & 0xc0) == 0x80)
			continue;
		lead_l = l;
		lead_c = c;
		if (b == '\n') {
			l++;
			c = 1;
		} else {
			c++;
		}
	}
	*line = at_lead ? lead_l : l;
	*col = at_lead ? lead_c : c;
}

/* 1 if the character at line:col (1-based, columns in characters) is a tab. */
static int tab_at(yreader *r, int line, int col)
{
	int l = 1, c = 1, b;
	size_t pos;

	if (!input_rewind(r, &pos))
		return 0;
	while ((b = input_byte(r, &pos)) != EOF && l <= line) {
		if ((b & 0xc0) == 0x80)
			continue;
		if (l == line && c == col)
			return b == '\t';
		if (b == '\n') {
			l++;
			c = 1;
		} else {
			c++;
		}
	}
	return 0;
}

static int reader_error(yreader *r, px_err *e)
{
	yaml_parser_t *p = &r->parser;
	const char *problem = p->problem ? p->problem : "read error";
	int line, col;

	if (strstr(problem, "UTF-8") || strstr(problem, "Unicode")) {
		reader_mark(r, p->problem_offset, strstr(problem, "trailing") != NULL, &line,
			    &col);
		return yerr_at(e, r->name, line, col, "invalid UTF-8 (%s at byte %zu); the "
			       "file must be UTF-8", problem, p->problem_offset);
	}
	reader_mark(r, p->problem_offset, 0, &line, &col);
	if (strstr(problem, "control characters") && p->problem_value >= 0)
		return yerr_at(e, r->name, line, col, "control character U+%04X is not "
			       "allowed; write it as an escape in a double-quoted string",
			       (unsigned)p->problem_value);
	return yerr_at(e, r->name, line, col, "cannot read: %s", problem);
}

static int parse_error(yreader *r, px_err *e)
{
	yaml_parser_t *p = &r->parser;
	int line = (int)p->problem_mark.line + 1, col = (int)p->problem_mark.column + 1;

	if (r->too_big)
		return limit_error(r, e);
	if (p->error == YAML_READER_ERROR)
		return reader_error(r, e);
	if (p->error == YAML_MEMORY_ERROR)
		return px_fail(e, PX_EIO, "%s: out of memory while reading", r->name);
	if (p->error == YAML_SCANNER_ERROR && tab_at(r, line, col))
		return yerr_at(e, r->name, line, col, "syntax error: a tab character; indent "
			       "with spaces (YAML does not allow tabs for indentation)");
	if (p->context)
		return yerr_at(e, r->name, line, col, "syntax error: %s %s (line %d)", p->problem,
			       p->context, (int)p->context_mark.line + 1);
	return yerr_at(e, r->name, line, col, "syntax error: %s",
		       p->problem ? p->problem : "malformed YAML");
}

/* Makes sure the lookahead event is loaded. */
static int peek(yreader *r, px_err *e)
{
	if (r->has_event)
		return PX_OK;
	if (!yaml_parser_parse(&r->parser, &r->ev))
		return parse_error(r, e);
	r->has_event = 1;
	r->since_event = 0;
	r->last_line = (int)r->ev.end_mark.line + 1;
	r->last_col = (int)r->ev.end_mark.column + 1;
	return PX_OK;
}

static void consume(yreader *r)
{
	if (r->has_event)
		yaml_event_delete(&r->ev);
	r->has_event = 0;
}

static int ev_line(const yreader *r)
{
	return (int)r->ev.start_mark.line + 1;
}

static int ev_col(const yreader *r)
{
	return (int)r->ev.start_mark.column + 1;
}

static int expect(yreader *r, yaml_event_type_t type, const char *what, px_err *e)
{
	int rc = peek(r, e);

	if (rc)
		return rc;
	if (r->ev.type != type)
		return yerr_at(e, r->name, ev_line(r), ev_col(r), "expected %s", what);
	consume(r);
	return PX_OK;
}

static int refuse_anchor(yreader *r, const yaml_char_t *anchor, const yaml_char_t *tag,
			 int implicit, px_err *e)
{
	if (anchor)
		return yerr_at(e, r->name, ev_line(r), ev_col(r),
			       "anchors (&%s) are not supported in a corpus", (const char *)anchor);
	if (tag && !implicit)
		return yerr_at(e, r->name, ev_line(r), ev_col(r),
			       "tags (%s) are not supported in a corpus", (const char *)tag);
	return PX_OK;
}

static ynode *node_new(int type, int line, int col)
{
	ynode *n = xcalloc(1, sizeof(*n));

	n->type = type;
	n->line = line;
	n->col = col;
	return n;
}

static void node_add(ynode *parent, ynode *kid, size_t *cap)
{
	if (parent->n == *cap) {
		*cap = *cap ? *cap * 2 : 4;
		/* an array of pointers: sizeof a pointer is meant */
		/* NOLINTNEXTLINE(bugprone-sizeof-expression) */
		parent->kids = xrealloc(parent->kids, *cap * sizeof(*parent->kids));
	}
	parent->kids[parent->n++] = kid;
}

static int read_node(yreader *r, ynode **out, int depth, px_err *e);

static int read_children(yreader *r, ynode *n, yaml_event_type_t end, int depth, px_err *e)
{
	size_t cap = 0;
	int rc;

	for (;;) {
		if ((rc = peek(r, e)))
			return rc;
		if (r->ev.type == end) {
			consume(r);
			return PX_OK;
		}
		ynode *kid;
		if ((rc = read_node(r, &kid, depth + 1, e)) || !kid)
			return rc ? rc : PX_EDATA;
		if (n->type == YN_MAP && n->n % 2 == 0) {
			if (kid->type != YN_SCALAR)
				rc = yerr(e, r, kid, "a mapping key must be a plain word");
			else if (ynode_get(n, kid->value))
				rc = yerr(e, r, kid, "duplicate key '%s'", kid->value);
			if (rc) {
				ynode_free(kid);
				return rc;
			}
		}
		node_add(n, kid, &cap);
	}
}

static int read_node(yreader *r, ynode **out, int depth, px_err *e)
{
	int rc;
	ynode *n;

	*out = NULL;
	if ((rc = peek(r, e)))
		return rc;
	if (depth > YTREE_MAX_DEPTH)
		return yerr_at(e, r->name, ev_line(r), ev_col(r), "nested more than %d levels deep",
			       YTREE_MAX_DEPTH);
	switch (r->ev.type) {
	case YAML_SCALAR_EVENT:
		if ((rc = refuse_anchor(r, r->ev.data.scalar.anchor, r->ev.data.scalar.tag,
					r->ev.data.scalar.plain_implicit ||
					r->ev.data.scalar.quoted_implicit, e)))
			return rc;
		if (r->ev.data.scalar.length > max_scalar)
			return yerr_at(e, r->name, ev_line(r), ev_col(r), "a value of %zu bytes, "
				       "longer than the %zu MiB praxis takes for one text; split it",
				       r->ev.data.scalar.length, max_scalar >> 20);
		n = node_new(YN_SCALAR, ev_line(r), ev_col(r));
		n->len = r->ev.data.scalar.length;
		n->value = xstrndup((const char *)r->ev.data.scalar.value, n->len);
		n->plain = r->ev.data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
		consume(r);
		if (strlen(n->value) != n->len) {
			rc = yerr(e, r, n, "a NUL character is not allowed in text");
			ynode_free(n);
			return rc;
		}
		*out = n;
		return PX_OK;
	case YAML_SEQUENCE_START_EVENT:
		if ((rc = refuse_anchor(r, r->ev.data.sequence_start.anchor,
					r->ev.data.sequence_start.tag,
					r->ev.data.sequence_start.implicit, e)))
			return rc;
		n = node_new(YN_SEQ, ev_line(r), ev_col(r));
		consume(r);
		rc = read_children(r, n, YAML_SEQUENCE_END_EVENT, depth, e);
		break;
	case YAML_MAPPING_START_EVENT:
		if ((rc = refuse_anchor(r, r->ev.data.mapping_start.anchor,
					r->ev.data.mapping_start.tag,
					r->ev.data.mapping_start.implicit, e)))
			return rc;
		n = node_new(YN_MAP, ev_line(r), ev_col(r));
		consume(r);
		rc = read_children(r, n, YAML_MAPPING_END_EVENT, depth, e);
		break;
	case YAML_ALIAS_EVENT:
		return yerr_at(e, r->name, ev_line(r), ev_col(r),
			       "aliases (*%s) are not supported in a corpus",
			       (const char *)r->ev.data.alias.anchor);
	default:
		return yerr_at(e, r->name, ev_line(r), ev_col(r), "unexpected YAML structure");
	}
	if (rc) {
		ynode_free(n);
		return rc;
	}
	*out = n;
	return PX_OK;
}

int yreader_node(yreader *r, ynode **out, px_err *e)
{
	return read_node(r, out, 0, e);
}

/* The start of the stream and of its document; *empty is 1 (and nothing
 * more read) if the stream holds no document at all. */
static int begin_document(yreader *r, int *empty, px_err *e)
{
	int rc;

	*empty = 0;
	if ((rc = expect(r, YAML_STREAM_START_EVENT, "the start of the file", e)))
		return rc;
	if ((rc = peek(r, e)))
		return rc;
	if (r->ev.type == YAML_STREAM_END_EVENT) {
		*empty = 1;
		return PX_OK;
	}
	return expect(r, YAML_DOCUMENT_START_EVENT, "a YAML document", e);
}

int yreader_begin_map(yreader *r, px_err *e)
{
	int rc, empty;

	if ((rc = begin_document(r, &empty, e)))
		return rc;
	if (empty)
		return yerr_at(e, r->name, 1, 1, "the file is empty (expected a praxis corpus "
			       "starting with 'praxis: 1')");
	if ((rc = peek(r, e)))
		return rc;
	if (r->ev.type == YAML_SCALAR_EVENT && r->ev.data.scalar.length == 0 &&
	    r->ev.data.scalar.style == YAML_PLAIN_SCALAR_STYLE)
		return yerr_at(e, r->name, ev_line(r), ev_col(r), "the document is empty "
			       "(expected a praxis corpus starting with 'praxis: 1')");
	if (r->ev.type != YAML_MAPPING_START_EVENT)
		return yerr_at(e, r->name, ev_line(r), ev_col(r), "a corpus is a mapping of "
			       "keys (praxis, project, participants, vignettes, ...)");
	if ((rc = refuse_anchor(r, r->ev.data.mapping_start.anchor, r->ev.data.mapping_start.tag,
				r->ev.data.mapping_start.implicit, e)))
		return rc;
	consume(r);
	return PX_OK;
}

int yreader_next_key(yreader *r, ynode **key, px_err *e)
{
	int rc;

	*key = NULL;
	if ((rc = peek(r, e)))
		return -rc;
	if (r->ev.type == YAML_MAPPING_END_EVENT) {
		consume(r);
		return 0;
	}
	if (r->ev.type != YAML_SCALAR_EVENT)
		return -yerr_at(e, r->name, ev_line(r), ev_col(r), "a key must be a plain word");
	if ((rc = read_node(r, key, 1, e)))
		return -rc;
	return 1;
}

int yreader_peek_seq(yreader *r, int *line, int *col, px_err *e)
{
	int rc;

	if ((rc = peek(r, e)))
		return -rc;
	*line = ev_line(r);
	*col = ev_col(r);
	if (r->ev.type != YAML_SEQUENCE_START_EVENT)
		return 0;
	if ((rc = refuse_anchor(r, r->ev.data.sequence_start.anchor,
				r->ev.data.sequence_start.tag,
				r->ev.data.sequence_start.implicit, e)))
		return -rc;
	consume(r);
	return 1;
}

int yreader_next_item(yreader *r, ynode **item, px_err *e)
{
	int rc;

	*item = NULL;
	if ((rc = peek(r, e)))
		return -rc;
	if (r->ev.type == YAML_SEQUENCE_END_EVENT) {
		consume(r);
		return 0;
	}
	if ((rc = read_node(r, item, 1, e)))
		return -rc;
	return 1;
}

/* The end of the one document and of the stream; what names the kind of
 * file for the message about a second document. */
static int end_document(yreader *r, const char *what, px_err *e)
{
	int rc;

	if ((rc = expect(r, YAML_DOCUMENT_END_EVENT, "the end of the document", e)))
		return rc;
	if ((rc = peek(r, e)))
		return rc;
	if (r->ev.type == YAML_DOCUMENT_START_EVENT)
		return yerr_at(e, r->name, ev_line(r), ev_col(r),
			       "a second YAML document; %s holds one", what);
	return expect(r, YAML_STREAM_END_EVENT, "the end of the file", e);
}

int yreader_end(yreader *r, px_err *e)
{
	return end_document(r, "a corpus file", e);
}

void ynode_free(ynode *n)
{
	if (!n)
		return;
	for (size_t i = 0; i < n->n; i++)
		ynode_free(n->kids[i]);
	free(n->kids);
	free(n->value);
	free(n);
}

ynode *ynode_get(const ynode *map, const char *key)
{
	if (!map || map->type != YN_MAP)
		return NULL;
	for (size_t i = 0; i + 1 < map->n; i += 2)
		if (strcmp(map->kids[i]->value, key) == 0)
			return map->kids[i + 1];
	return NULL;
}

int ynode_is_null(const ynode *n)
{
	if (!n || n->type != YN_SCALAR || !n->plain)
		return 0;
	return !*n->value || strcmp(n->value, "~") == 0 || strcmp(n->value, "null") == 0 ||
	       strcmp(n->value, "Null") == 0 || strcmp(n->value, "NULL") == 0;
}

int yreader_document(yreader *r, ynode **root, px_err *e)
{
	int rc, empty;

	*root = NULL;
	if ((rc = begin_document(r, &empty, e)) || empty)
		return rc;
	if ((rc = read_node(r, root, 0, e)))
		return rc;
	if ((rc = end_document(r, "this file", e)))
		goto fail;
	return PX_OK;
fail:
	ynode_free(*root);
	*root = NULL;
	return rc;
}
