/* measure_export.c: CSV of all codings, against `sqlite3 -csv` running the
 * equivalent query on the same database. */
#include <stdio.h>
#include "bench.h"

/* The same columns praxis writes, one row per coding. */
static const char raw_query[] =
	"SELECT v.ext_id, v.date, cm.ext_id,"
	" (SELECT group_concat(p.ext_id) FROM coding_participant cp JOIN participant p"
	"  ON p.id = cp.participant_id WHERE cp.coding_id = c.id),"
	" c.code_id, k.dimension, c.start, c.end,"
	" substr(v.text, c.start + 1, c.end - c.start), cd.ext_id, c.mode, c.memo,"
	" r.ext_id, c.interpretation, a.ext_id, c.stance,"
	" (SELECT group_concat(p.ext_id) FROM coding_held_by h JOIN participant p"
	"  ON p.id = h.participant_id WHERE h.coding_id = c.id)"
	" FROM coding c JOIN vignette v ON v.id = c.vignette_id"
	" JOIN code k ON k.id = c.code_id JOIN coder cd ON cd.id = c.coder_id"
	" LEFT JOIN community cm ON cm.id = v.community_id"
	" LEFT JOIN repertoire r ON r.id = c.repertoire_id"
	" LEFT JOIN accountability a ON a.id = c.accountability_id"
	" ORDER BY c.vignette_id, c.start, c.id";

int measure_export_csv(struct measure *m, const char *yaml, const char *db, int repeats)
{
	struct samples ours = { 0 }, raw = { 0 };
	int rc = 0;

	(void)yaml;
	for (int i = 0; i < repeats + 2 && !rc; i++) {
		double t = bench_time_sh("'%s' --db '%s' export --format csv > /dev/null",
					 benv.praxis, db);
		double r = bench_time_sh("sqlite3 -csv -header '%s' \"%s\" > /dev/null", db,
					 raw_query);
		if (t < 0 || r < 0)
			rc = -1;
		samples_add(&ours, t);
		samples_add(&raw, r);
	}
	m->med = samples_pct(&ours, 50);
	m->p99 = samples_pct(&ours, 99);
	m->raw_med = samples_pct(&raw, 50);
	m->raw_p99 = samples_pct(&raw, 99);
	m->max_ratio = 2.0;
	samples_free(&ours);
	samples_free(&raw);
	return rc;
}
