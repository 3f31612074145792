/* tempfile.c: removing a temp file when a signal ends the process; see
 * praxis/tempfile.h. */
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include "praxis/tempfile.h"

static const char *volatile tempfile_live;
static const char *volatile tempfile_also;
static const int tempfile_signals[] = { SIGINT, SIGTERM, SIGHUP };
#define TEMPFILE_NSIGNALS (sizeof(tempfile_signals) / sizeof(tempfile_signals[0]))
static struct sigaction tempfile_saved[TEMPFILE_NSIGNALS];

static void tempfile_on_signal(int sig)
{
	const char *tmp = tempfile_live, *also = tempfile_also;

	if (tmp)
		unlink(tmp);
	if (also)
		unlink(also);
	tempfile_live = NULL;
	tempfile_also = NULL;
	for (size_t i = 0; i < TEMPFILE_NSIGNALS; i++)
		if (tempfile_signals[i] == sig)
			sigaction(sig, &tempfile_saved[i], NULL);
	/* pending until this handler returns, then the saved action runs */
	raise(sig);
}

void tempfile_track(const char *tmp, const char *also)
{
	struct sigaction sa;

	if (tempfile_live)
		return;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = tempfile_on_signal;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < TEMPFILE_NSIGNALS; i++)
		sigaddset(&sa.sa_mask, tempfile_signals[i]);
	tempfile_also = also;
	tempfile_live = tmp;
	for (size_t i = 0; i < TEMPFILE_NSIGNALS; i++)
		sigaction(tempfile_signals[i], &sa, &tempfile_saved[i]);
}

void tempfile_untrack(void)
{
	if (!tempfile_live)
		return;
	for (size_t i = 0; i < TEMPFILE_NSIGNALS; i++)
		sigaction(tempfile_signals[i], &tempfile_saved[i], NULL);
	tempfile_live = NULL;
	tempfile_also = NULL;
}
