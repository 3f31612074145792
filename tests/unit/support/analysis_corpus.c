/* analysis_corpus.c: the corpus behind the issue 16 tests.
 *
 * Communities desk, ward. Cy is a newcomer from the start and an old-timer
 * from 2026-04-01; Di a supervisor; Ed a clerk. Attributes: shift day (Cy),
 * night (Ed).
 * v1 2026-03-05 desk [cy di] "Cy asked about the pile. Di laughed."
 *   c1 SR/tools 15-23 cy, pile, "where doubt goes" said by Cy, participation (a)
 *   c2 ME/mutual relationships/support, whole, cy di (a)
 *   c3 JE/mutual accountability 0-24, cy held by di, quota upheld (a)
 * v2 2026-04-10 ward [cy ed] "Cy stamped the form. Ed used the pile too."
 *   c4 SR/tools 29-37 ed, pile, "a shortcut" said by Ed (a)
 *   c5 SR/tools 3-10 cy, stamp, reification (b)
 *   c6 JE/mutual accountability 21-42, ed held by cy, quota contested (a)
 *   c7 ME/mutual relationships/support 0-20, cy ed (b)
 * v3 2026-04-20 desk [di ed] "Di moved the pile."
 *   c8 SR/tools 9-17 di, pile, "where doubt goes" said by Di (a)
 *   c9 ME/mutual relationships/conflict, whole, di ed (a) */
#include "analysis_corpus.h"

const char fx_analysis_corpus[] =
	"praxis: 1\n"
	"coders:\n  - id: a\n  - id: b\n"
	"communities:\n  - id: desk\n  - id: ward\n"
	"repertoire:\n  - {id: pile, name: the pile, kind: tool}\n"
	"  - {id: stamp, name: the stamp, kind: tool}\n"
	"accountability:\n  - {id: quota, name: meet the quota}\n"
	"participants:\n"
	"  - id: cy\n    pseudonym: Cy\n"
	"    roles: [{role: newcomer}, {role: old-timer, from: 2026-04-01}]\n"
	"    attributes: {shift: day}\n"
	"  - {id: di, pseudonym: Di, role: supervisor}\n"
	"  - {id: ed, pseudonym: Ed, role: clerk, attributes: {shift: night}}\n"
	"vignettes:\n"
	"  - id: v1\n    title: one\n    date: 2026-03-05\n    community: desk\n"
	"    participants: [cy, di]\n"
	"    text: Cy asked about the pile. Di laughed.\n"
	"    codings:\n"
	"      - {code: SR/tools, coder: a, participants: [cy], repertoire: pile, start: 15,"
	" end: 23, interpretation: where doubt goes, speaker: cy, mode: participation}\n"
	"      - {code: ME/mutual relationships/support, coder: a, participants: [cy, di]}\n"
	"      - {code: JE/mutual accountability, coder: a, participants: [cy], held_by: [di],"
	" accountability: quota, stance: upheld, start: 0, end: 24}\n"
	"  - id: v2\n    title: two\n    date: 2026-04-10\n    community: ward\n"
	"    participants: [cy, ed]\n"
	"    text: Cy stamped the form. Ed used the pile too.\n"
	"    codings:\n"
	"      - {code: SR/tools, coder: a, participants: [ed], repertoire: pile, start: 29,"
	" end: 37, interpretation: a shortcut, speaker: ed}\n"
	"      - {code: SR/tools, coder: b, participants: [cy], repertoire: stamp, start: 3,"
	" end: 10, mode: reification}\n"
	"      - {code: JE/mutual accountability, coder: a, participants: [ed], held_by: [cy],"
	" accountability: quota, stance: contested, start: 21, end: 42}\n"
	"      - {code: ME/mutual relationships/support, coder: b, participants: [cy, ed],"
	" start: 0, end: 20}\n"
	"  - id: v3\n    title: three\n    date: 2026-04-20\n    community: desk\n"
	"    participants: [di, ed]\n"
	"    text: Di moved the pile.\n"
	"    codings:\n"
	"      - {code: SR/tools, coder: a, participants: [di], repertoire: pile, start: 9,"
	" end: 17, interpretation: where doubt goes, speaker: di}\n"
	"      - {code: ME/mutual relationships/conflict, coder: a, participants: [di, ed]}\n";
