/* analysis_corpus.h: a small corpus counted by hand for the analyses of
 * issue 16 (see analysis_corpus.c for its text and the counts). */
#ifndef PRAXIS_TEST_ANALYSIS_CORPUS_H
#define PRAXIS_TEST_ANALYSIS_CORPUS_H

extern const char fx_analysis_corpus[];

#endif
