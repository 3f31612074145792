/* timing.h: per-key latency of the interface, for `make bench`.
 *
 * With PRAXIS_TIMINGS=FILE the event loop appends one line per event to
 * FILE: "first_frame MS" once the first full frame is drawn (from the
 * start of the interface, database open and summaries included), then
 * "key CODE MS CPU" for each key, from reading it to the end of the redraw
 * it caused (MS wall time, CPU the event loop thread's CPU time), and "summaries MS" when the summary state (loaded on its own
 * thread) arrives, from the same start as first_frame. Without the
 * variable every call is a cheap no-op. */
#ifndef PRAXIS_TIMING_H
#define PRAXIS_TIMING_H

void timing_start(void);
void timing_first_frame(void);
/* "WHAT MS" from the start, flushed at once. */
void timing_mark(const char *what);
/* Marks the moment a key was read; timing_key_done after its redraw. */
void timing_key_begin(int key);
void timing_key_done(void);
void timing_stop(void);

#endif
