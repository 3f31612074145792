/* gen.c: a synthetic corpus in the praxis YAML format, for `make bench`.
 *
 * usage: gen VIGNETTES CODINGS > corpus.yaml
 * Fixed seed, so every run writes the same bytes: about 800 characters per
 * vignette, 2,000 participants, 300 codes used with a skewed (Zipf)
 * frequency, 30% of codings without participants, a few hundred register
 * entries. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PARTICIPANTS 2000
#define CODES 300
#define REPERTOIRE 200
#define ACCOUNTABILITY 100
#define COMMUNITIES 10

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static uint32_t rnd(void)
{
	/* xorshift64*: fast, and the same on every platform */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (uint32_t)((rng_state * 2685821657736338717ull) >> 32);
}

static uint32_t below(uint32_t n)
{
	return rnd() % n;
}

static const char *const words[] = {
	"the", "claim", "form", "desk", "queue", "supervisor", "shift", "handover",
	"laughed", "asked", "pile", "rule", "quota", "newcomer", "coffee", "screen",
	"code", "denied", "appeal", "called", "whispered", "board", "ward", "patient",
	"nurse", "chart", "because", "again", "never", "always", "quietly", "later",
	"procedure", "exception", "colleague", "manager", "policy", "story", "joke",
	"binder", "printer", "stamp", "signature", "deadline", "overtime", "lunch",
	"café", "naïve", "Zoë", "résumé", "王", "芳",
};
#define NWORDS (sizeof(words) / sizeof(words[0]))

static const char *const roots[] = { "ME", "JE", "SR" };
static const char *const stances[] = { "upheld", "breached", "negotiated", "contested" };
static const char *const kinds[] = { "routine", "word", "tool", "story", "gesture", "symbol" };

static double zipf_cdf[CODES];

static void zipf_init(void)
{
	double sum = 0;

	for (int i = 0; i < CODES; i++)
		sum += 1.0 / (i + 1);
	double acc = 0;
	for (int i = 0; i < CODES; i++) {
		acc += 1.0 / (i + 1) / sum;
		zipf_cdf[i] = acc;
	}
}

static int zipf_pick(void)
{
	double u = rnd() / 4294967296.0;
	int lo = 0, hi = CODES - 1;

	while (lo < hi) {
		int mid = (lo + hi) / 2;
		if (zipf_cdf[mid] < u)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Text of about 800 code points; returns its length in code points. */
static size_t make_text(char *buf, size_t cap)
{
	size_t len = 0, cps = 0;
	int sentence = 0;

	buf[0] = '\0';
	while (cps < 780) {
		const char *w = words[below(NWORDS)];
		size_t wl = strlen(w);
		if (len + wl + 4 >= cap)
			break;
		if (sentence == 0 && w[0] >= 'a' && w[0] <= 'z') {
			buf[len++] = (char)(w[0] - 'a' + 'A');
			memcpy(buf + len, w + 1, wl - 1);
			len += wl - 1;
		} else {
			memcpy(buf + len, w, wl);
			len += wl;
		}
		for (size_t i = 0; i < wl; i++)
			cps += ((unsigned char)w[i] & 0xC0) != 0x80;
		if (++sentence > 8 + (int)below(6)) {
			buf[len++] = '.';
			cps++;
			sentence = 0;
			if (below(4) == 0) {
				buf[len++] = '\n';
				cps++;
			}
		}
		buf[len++] = ' ';
		cps++;
	}
	buf[len++] = '.';
	cps++;
	buf[len] = '\0';
	return cps;
}

static void code_path(int i, char *out, size_t cap)
{
	snprintf(out, cap, "%s/theme %03d", roots[i % 3], i);
}

static void header(void)
{
	printf("praxis: 1\nproject: Synthetic benchmark corpus\ncoders:\n");
	for (int i = 0; i < 3; i++)
		printf("  - id: c%d\n    name: Coder %d\n", i, i);
	printf("communities:\n");
	for (int i = 0; i < COMMUNITIES; i++)
		printf("  - id: site%d\n    name: Site %d\n", i, i);
	printf("codebook:\n");
	for (int i = 0; i < CODES; i++) {
		char path[64];
		code_path(i, path, sizeof(path));
		printf("  - code: %s\n    description: synthetic code %d\n", path, i);
	}
	printf("repertoire:\n");
	for (int i = 0; i < REPERTOIRE; i++)
		printf("  - id: r%d\n    name: element %d\n    kind: %s\n    reified: %s\n", i, i,
		       kinds[i % 6], i % 2 ? "true" : "false");
	printf("accountability:\n");
	for (int i = 0; i < ACCOUNTABILITY; i++)
		printf("  - id: a%d\n    name: norm %d\n    reified: %s\n", i, i,
		       i % 3 ? "false" : "true");
	printf("participants:\n");
	for (int i = 0; i < PARTICIPANTS; i++)
		printf("  - id: p%d\n    pseudonym: Person %d\n    role: %s\n", i, i,
		       i % 7 == 0 ? "old-timer" : i % 5 == 0 ? "supervisor" : "newcomer");
}

static void coding(int v, size_t len, const int *people, int npeople)
{
	int code = zipf_pick();
	size_t start = below((uint32_t)(len - 40)), span = 5 + below(35);
	char path[64];

	code_path(code, path, sizeof(path));
	printf("      - code: %s\n        start: %zu\n        end: %zu\n", path, start,
	       start + span);
	if (below(10) >= 3) {
		int a = people[below((uint32_t)npeople)], b = people[below((uint32_t)npeople)];
		if (a == b)
			printf("        participants: [p%d]\n", a);
		else
			printf("        participants: [p%d, p%d]\n", a, b);
	}
	printf("        coder: c%d\n", v % 3 == 0 ? (int)below(3) : v % 3);
	if (code % 3 == 2 && below(3) == 0)
		printf("        repertoire: r%u\n        interpretation: reading %u\n",
		       below(REPERTOIRE), below(5));
	if (code % 3 == 1 && below(3) == 0)
		printf("        accountability: a%u\n        stance: %s\n", below(ACCOUNTABILITY),
		       stances[below(4)]);
	if (below(20) == 0)
		printf("        mode: %s\n", below(2) ? "participation" : "reification");
}

/* Standard output to PREFIX-NAME.yaml from here on. */
static int reopen(const char *prefix, const char *name)
{
	char path[4096];

	snprintf(path, sizeof(path), "%s-%s.yaml", prefix, name);
	if (!freopen(path, "w", stdout)) {
		perror(path);
		return 0;
	}
	return 1;
}

int main(int argc, char **argv)
{
	static char text[4096];
	long nv, nc;

	long per = 0;            /* vignettes per part file; 0: one stream */
	const char *prefix = NULL;

	if ((argc != 3 && argc != 5) || (nv = atol(argv[1])) <= 0 || (nc = atol(argv[2])) < 0 ||
	    (argc == 5 && (per = atol(argv[3])) <= 0)) {
		fprintf(stderr, "usage: gen VIGNETTES CODINGS > corpus.yaml\n"
			"       gen VIGNETTES CODINGS PER_FILE PREFIX  (PREFIX-head.yaml, then\n"
			"           PREFIX-partNN.yaml of PER_FILE vignettes each: praxis reads\n"
			"           at most 1 GiB from one corpus file)\n");
		return 1;
	}
	if (per) {
		prefix = argv[4];
		if (!reopen(prefix, "head"))
			return 1;
	}
	zipf_init();
	header();
	if (!per)
		printf("vignettes:\n");
	long made = 0;
	for (long v = 0; v < nv; v++) {
		int people[6], np = 2 + (int)below(5);
		if (per && v % per == 0) {
			char part[32];
			snprintf(part, sizeof(part), "part%03ld", v / per + 1);
			if (!reopen(prefix, part))
				return 1;
			printf("praxis: 1\nvignettes:\n");
		}
		size_t len = make_text(text, sizeof(text));
		for (int i = 0; i < np; i++)
			people[i] = (int)below(PARTICIPANTS);
		printf("  - id: v%ld\n    title: Episode %ld\n    date: %04ld-%02ld-%02ld\n"
		       "    community: site%ld\n    observer: c%ld\n    participants: [",
		       v, v, 2020 + (v * 7 / (nv + 1)) % 7, 1 + v % 12, 1 + v % 28,
		       v % COMMUNITIES, v % 3);
		/* distinct participant list */
		int shown = 0;
		for (int i = 0; i < np; i++) {
			int dup = 0;
			for (int j = 0; j < i; j++)
				dup |= people[j] == people[i];
			if (!dup)
				printf("%sp%d", shown++ ? ", " : "", people[i]);
		}
		printf("]\n    text: |\n      ");
		for (char *p = text; *p; p++) {
			putchar(*p);
			if (*p == '\n')
				fputs("      ", stdout);
		}
		putchar('\n');
		long want = (nc * (v + 1)) / nv - made;
		if (want > 0)
			printf("    codings:\n");
		for (long k = 0; k < want; k++)
			coding((int)v, len, people, np);
		made += want;
	}
	return fflush(stdout) == 0 ? 0 : 1;
}
