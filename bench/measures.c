/* measures.c: the table of what `make bench` measures, in report order. */
#include <stddef.h>
#include "bench.h"

const struct bench_measure bench_measures[] = {
	{ "import YAML corpus", measure_import },
	{ "CSV export of all codings", measure_export_csv },
	{ "summaries: full load", measure_summary_load },
	{ "summaries: apply one coding", measure_summary_apply },
	{ "start-up to first frame (pty)", measure_startup },
	{ "start-up to summaries loaded (pty)", measure_startup_summaries },
	{ "keystroke: list move / open", measure_keystroke },
	{ "add a coding (commit+summary+draw)", measure_add_coding },
	{ "ranked search, first page", measure_search },
	{ "search by relevance: count + page", measure_search_rank },
	{ "search by date: count + page", measure_search_date },
	{ "peak RSS of the interface (MB)", measure_rss },
	{ NULL, NULL },
};
