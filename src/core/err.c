/* err.c: filling px_err; see praxis/err.h. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "praxis/err.h"

int (px_fail)(px_err *e, int code, const char *fmt, ...)
{
	va_list ap;

	if (!e)
		return code;
	e->code = code;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	va_end(ap);
	return code;
}

int px_wrap(px_err *e, const char *fmt, ...)
{
	char prefix[512];
	char old[sizeof(e->msg)];
	va_list ap;

	if (!e)
		return PX_EIO;
	va_start(ap, fmt);
	vsnprintf(prefix, sizeof(prefix), fmt, ap);
	va_end(ap);
	memcpy(old, e->msg, sizeof(old));
	size_t n = strlen(prefix);
	if (n > sizeof(e->msg) - 3)
		n = sizeof(e->msg) - 3;
	memcpy(e->msg, prefix, n);
	memcpy(e->msg + n, ": ", 2);
	n += 2;
	size_t rest = strnlen(old, sizeof(old) - 1);
	if (rest > sizeof(e->msg) - 1 - n)
		rest = sizeof(e->msg) - 1 - n;
	memcpy(e->msg + n, old, rest);
	e->msg[n + rest] = '\0';
	return e->code;
}

void px_clear(px_err *e)
{
	if (!e)
		return;
	e->code = PX_OK;
	e->msg[0] = '\0';
}

int px_exit_status(int code)
{
	switch (code) {
	case PX_OK:
		return 0;
	case PX_EUSAGE:
		return 1;
	default:
		return 2;
	}
}
