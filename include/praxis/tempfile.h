/* tempfile.h: a temp file that a signal must not leave behind.
 *
 * While a temp file (an export's OUT.tmp-XXXXXX, a backup's copy) is being
 * written, SIGINT, SIGTERM and SIGHUP remove it (and a second path, such
 * as its -journal) before the process ends; the action that was in force
 * for the signal then runs. One file at a time. */
#ifndef PRAXIS_TEMPFILE_H
#define PRAXIS_TEMPFILE_H

/* tmp and also (may be NULL) must stay valid until tempfile_untrack. */
void tempfile_track(const char *tmp, const char *also);
void tempfile_untrack(void);

#endif
