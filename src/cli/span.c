/* span.c: what the code, recode and respan commands share: the span
 * options, counts, the missing-code message; see commands.h. */
#include <stdlib.h>
#include <string.h>
#include "praxis/coding_edit.h"
#include "commands.h"

int cli_parse_count(const char *s, int64_t *out)
{
	char *end;
	long long v;

	if (!s || !*s)
		return -1;
	v = strtoll(s, &end, 10);
	if (*end || v < 0)
		return -1;
	*out = v;
	return 0;
}

int cli_span_resolve(px_db *db, int64_t vid, const struct cli_span *s, int64_t *start,
		     int64_t *end, px_err *e)
{
	int ways = (s->quote != NULL) + (s->start || s->end) + s->whole;
	int64_t nth = 0;

	if (ways != 1)
		return px_fail(e, PX_EUSAGE, "give exactly one of --quote, --start/--end, --whole");
	if (s->whole) {
		*start = *end = -1;
		return PX_OK;
	}
	if (!s->quote) {
		if (cli_parse_count(s->start, start) || cli_parse_count(s->end, end))
			return px_fail(e, PX_EUSAGE, "--start and --end take code point offsets "
				       "(whole numbers, end exclusive)");
		return PX_OK;
	}
	if (s->occurrence && (cli_parse_count(s->occurrence, &nth) || nth < 1))
		return px_fail(e, PX_EUSAGE, "--occurrence takes a number from 1");
	return coding_quote_span(db, vid, s->quote, nth, start, end, e);
}

int cli_missing_code(px_err *e)
{
	char msg[sizeof(e->msg)];

	memcpy(msg, e->msg, sizeof(msg));
	return px_fail(e, PX_EDATA, "%s (add --create to make it)", msg);
}
