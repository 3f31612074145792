/* vigfile.h: one vignette as an editable text file, for $EDITOR: YAML
 * front matter (id, title, date, community, participants) between `---`
 * lines, then the text itself, verbatim.
 *
 *   ---
 *   id: v3
 *   title: "The pile"
 *   date: 2026-03-02
 *   community: desk
 *   participants: [ann, bo]
 *   ---
 *   Annie put the claim on the Q pile.
 *
 * Communities and participants are named by their corpus ids. */
#ifndef PRAXIS_VIGFILE_H
#define PRAXIS_VIGFILE_H

#include "praxis/db.h"
#include "praxis/vignette.h"

/* The file text for v (caller frees). */
char *vigfile_format(px_db *db, const px_vignette *v);
/* Parses text into out (ext_id, title, date, community_id, participants,
 * text; out->id and out->observer_id are left as they were). Errors name
 * NAME:LINE:COL. Nothing is written to db. */
int vigfile_parse(px_db *db, const char *name, const char *text, px_vignette *out, px_err *e);

#endif
