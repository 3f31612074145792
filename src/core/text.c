/* text.c: UTF-8 decoding, display widths, terminal-safe copies and
 * matching; see praxis/text.h.
 *
 * Widths come from our own tables rather than wcwidth(3) so the layout does
 * not change with the locale the user happens to run under, and so the
 * width we compute is the width of what text_sanitize() actually emits. */
#include <stdlib.h>
#include <string.h>
#include "praxis/text.h"

struct cp_range {
	uint32_t lo;
	uint32_t hi;
};

/* Generated from Unicode 14 data: general categories Mn and Me, the
 * invisible format characters (ALM, MVS, ZWSP..RLM, LS..RLO, WJ..invisible
 * plus, the isolates and deprecated format controls, ZWNBSP, interlinear
 * annotation, hieroglyph, shorthand and musical beam controls, the tags
 * of flag sequences), variation selectors and the whole combining blocks
 * 1AB0, 1DC0, 20D0 and FE20 so marks added there later already measure 0.
 * Hangul medial vowels and final consonants (1160..11FF, D7B0..D7FF) are 0
 * too: after a leading consonant they share its wide cell, which is how
 * decomposed Korean (as macOS stores file names) reaches the screen. With
 * these the table agrees with glibc 2.36's C.UTF-8 wcwidth on every code
 * point from U+00A0 that glibc assigns a width. */
static const struct cp_range zero_width[] = {
	{0x0300, 0x036F}, {0x0483, 0x0489}, {0x0591, 0x05BD},
	{0x05BF, 0x05BF}, {0x05C1, 0x05C2}, {0x05C4, 0x05C5},
	{0x05C7, 0x05C7}, {0x0610, 0x061A}, {0x061C, 0x061C},
	{0x064B, 0x065F}, {0x0670, 0x0670}, {0x06D6, 0x06DC},
	{0x06DF, 0x06E4}, {0x06E7, 0x06E8}, {0x06EA, 0x06ED},
	{0x0711, 0x0711}, {0x0730, 0x074A}, {0x07A6, 0x07B0},
	{0x07EB, 0x07F3}, {0x07FD, 0x07FD}, {0x0816, 0x0819},
	{0x081B, 0x0823}, {0x0825, 0x0827}, {0x0829, 0x082D},
	{0x0859, 0x085B}, {0x0898, 0x089F}, {0x08CA, 0x08E1},
	{0x08E3, 0x0902}, {0x093A, 0x093A}, {0x093C, 0x093C},
	{0x0941, 0x0948}, {0x094D, 0x094D}, {0x0951, 0x0957},
	{0x0962, 0x0963}, {0x0981, 0x0981}, {0x09BC, 0x09BC},
	{0x09C1, 0x09C4}, {0x09CD, 0x09CD}, {0x09E2, 0x09E3},
	{0x09FE, 0x09FE}, {0x0A01, 0x0A02}, {0x0A3C, 0x0A3C},
	{0x0A41, 0x0A42}, {0x0A47, 0x0A48}, {0x0A4B, 0x0A4D},
	{0x0A51, 0x0A51}, {0x0A70, 0x0A71}, {0x0A75, 0x0A75},
	{0x0A81, 0x0A82}, {0x0ABC, 0x0ABC}, {0x0AC1, 0x0AC5},
	{0x0AC7, 0x0AC8}, {0x0ACD, 0x0ACD}, {0x0AE2, 0x0AE3},
	{0x0AFA, 0x0AFF}, {0x0B01, 0x0B01}, {0x0B3C, 0x0B3C},
	{0x0B3F, 0x0B3F}, {0x0B41, 0x0B44}, {0x0B4D, 0x0B4D},
	{0x0B55, 0x0B56}, {0x0B62, 0x0B63}, {0x0B82, 0x0B82},
	{0x0BC0, 0x0BC0}, {0x0BCD, 0x0BCD}, {0x0C00, 0x0C00},
	{0x0C04, 0x0C04}, {0x0C3C, 0x0C3C}, {0x0C3E, 0x0C40},
	{0x0C46, 0x0C48}, {0x0C4A, 0x0C4D}, {0x0C55, 0x0C56},
	{0x0C62, 0x0C63}, {0x0C81, 0x0C81}, {0x0CBC, 0x0CBC},
	{0x0CBF, 0x0CBF}, {0x0CC6, 0x0CC6}, {0x0CCC, 0x0CCD},
	{0x0CE2, 0x0CE3}, {0x0D00, 0x0D01}, {0x0D3B, 0x0D3C},
	{0x0D41, 0x0D44}, {0x0D4D, 0x0D4D}, {0x0D62, 0x0D63},
	{0x0D81, 0x0D81}, {0x0DCA, 0x0DCA}, {0x0DD2, 0x0DD4},
	{0x0DD6, 0x0DD6}, {0x0E31, 0x0E31}, {0x0E34, 0x0E3A},
	{0x0E47, 0x0E4E}, {0x0EB1, 0x0EB1}, {0x0EB4, 0x0EBC},
	{0x0EC8, 0x0ECD}, {0x0F18, 0x0F19}, {0x0F35, 0x0F35},
	{0x0F37, 0x0F37}, {0x0F39, 0x0F39}, {0x0F71, 0x0F7E},
	{0x0F80, 0x0F84}, {0x0F86, 0x0F87}, {0x0F8D, 0x0F97},
	{0x0F99, 0x0FBC}, {0x0FC6, 0x0FC6}, {0x102D, 0x1030},
	{0x1032, 0x1037}, {0x1039, 0x103A}, {0x103D, 0x103E},
	{0x1058, 0x1059}, {0x105E, 0x1060}, {0x1071, 0x1074},
	{0x1082, 0x1082}, {0x1085, 0x1086}, {0x108D, 0x108D},
	{0x109D, 0x109D}, {0x1160, 0x11FF}, {0x135D, 0x135F},
	{0x1712, 0x1714}, {0x1732, 0x1733}, {0x1752, 0x1753},
	{0x1772, 0x1773}, {0x17B4, 0x17B5}, {0x17B7, 0x17BD},
	{0x17C6, 0x17C6}, {0x17C9, 0x17D3}, {0x17DD, 0x17DD},
	{0x180B, 0x180F}, {0x1885, 0x1886}, {0x18A9, 0x18A9},
	{0x1920, 0x1922}, {0x1927, 0x1928}, {0x1932, 0x1932},
	{0x1939, 0x193B}, {0x1A17, 0x1A18}, {0x1A1B, 0x1A1B},
	{0x1A56, 0x1A56}, {0x1A58, 0x1A5E}, {0x1A60, 0x1A60},
	{0x1A62, 0x1A62}, {0x1A65, 0x1A6C}, {0x1A73, 0x1A7C},
	{0x1A7F, 0x1A7F}, {0x1AB0, 0x1B03}, {0x1B34, 0x1B34},
	{0x1B36, 0x1B3A}, {0x1B3C, 0x1B3C}, {0x1B42, 0x1B42},
	{0x1B6B, 0x1B73}, {0x1B80, 0x1B81}, {0x1BA2, 0x1BA5},
	{0x1BA8, 0x1BA9}, {0x1BAB, 0x1BAD}, {0x1BE6, 0x1BE6},
	{0x1BE8, 0x1BE9}, {0x1BED, 0x1BED}, {0x1BEF, 0x1BF1},
	{0x1C2C, 0x1C33}, {0x1C36, 0x1C37}, {0x1CD0, 0x1CD2},
	{0x1CD4, 0x1CE0}, {0x1CE2, 0x1CE8}, {0x1CED, 0x1CED},
	{0x1CF4, 0x1CF4}, {0x1CF8, 0x1CF9}, {0x1DC0, 0x1DFF},
	{0x200B, 0x200F}, {0x2028, 0x202E}, {0x2060, 0x2064},
	{0x2066, 0x206F}, {0x20D0, 0x20FF}, {0x2CEF, 0x2CF1},
	{0x2D7F, 0x2D7F}, {0x2DE0, 0x2DFF}, {0x302A, 0x302D},
	{0x3099, 0x309A}, {0xA66F, 0xA672}, {0xA674, 0xA67D},
	{0xA69E, 0xA69F}, {0xA6F0, 0xA6F1}, {0xA802, 0xA802},
	{0xA806, 0xA806}, {0xA80B, 0xA80B}, {0xA825, 0xA826},
	{0xA82C, 0xA82C}, {0xA8C4, 0xA8C5}, {0xA8E0, 0xA8F1},
	{0xA8FF, 0xA8FF}, {0xA926, 0xA92D}, {0xA947, 0xA951},
	{0xA980, 0xA982}, {0xA9B3, 0xA9B3}, {0xA9B6, 0xA9B9},
	{0xA9BC, 0xA9BD}, {0xA9E5, 0xA9E5}, {0xAA29, 0xAA2E},
	{0xAA31, 0xAA32}, {0xAA35, 0xAA36}, {0xAA43, 0xAA43},
	{0xAA4C, 0xAA4C}, {0xAA7C, 0xAA7C}, {0xAAB0, 0xAAB0},
	{0xAAB2, 0xAAB4}, {0xAAB7, 0xAAB8}, {0xAABE, 0xAABF},
	{0xAAC1, 0xAAC1}, {0xAAEC, 0xAAED}, {0xAAF6, 0xAAF6},
	{0xABE5, 0xABE5}, {0xABE8, 0xABE8}, {0xABED, 0xABED},
	{0xD7B0, 0xD7FF}, {0xFB1E, 0xFB1E}, {0xFE00, 0xFE0F},
	{0xFE20, 0xFE2F}, {0xFEFF, 0xFEFF}, {0xFFF9, 0xFFFB},
	{0x101FD, 0x101FD}, {0x102E0, 0x102E0}, {0x10376, 0x1037A},
	{0x10A01, 0x10A03}, {0x10A05, 0x10A06}, {0x10A0C, 0x10A0F},
	{0x10A38, 0x10A3A}, {0x10A3F, 0x10A3F}, {0x10AE5, 0x10AE6},
	{0x10D24, 0x10D27}, {0x10EAB, 0x10EAC}, {0x10F46, 0x10F50},
	{0x10F82, 0x10F85}, {0x11001, 0x11001}, {0x11038, 0x11046},
	{0x11070, 0x11070}, {0x11073, 0x11074}, {0x1107F, 0x11081},
	{0x110B3, 0x110B6}, {0x110B9, 0x110BA}, {0x110C2, 0x110C2},
	{0x11100, 0x11102}, {0x11127, 0x1112B}, {0x1112D, 0x11134},
	{0x11173, 0x11173}, {0x11180, 0x11181}, {0x111B6, 0x111BE},
	{0x111C9, 0x111CC}, {0x111CF, 0x111CF}, {0x1122F, 0x11231},
	{0x11234, 0x11234}, {0x11236, 0x11237}, {0x1123E, 0x1123E},
	{0x112DF, 0x112DF}, {0x112E3, 0x112EA}, {0x11300, 0x11301},
	{0x1133B, 0x1133C}, {0x11340, 0x11340}, {0x11366, 0x1136C},
	{0x11370, 0x11374}, {0x11438, 0x1143F}, {0x11442, 0x11444},
	{0x11446, 0x11446}, {0x1145E, 0x1145E}, {0x114B3, 0x114B8},
	{0x114BA, 0x114BA}, {0x114BF, 0x114C0}, {0x114C2, 0x114C3},
	{0x115B2, 0x115B5}, {0x115BC, 0x115BD}, {0x115BF, 0x115C0},
	{0x115DC, 0x115DD}, {0x11633, 0x1163A}, {0x1163D, 0x1163D},
	{0x1163F, 0x11640}, {0x116AB, 0x116AB}, {0x116AD, 0x116AD},
	{0x116B0, 0x116B5}, {0x116B7, 0x116B7}, {0x1171D, 0x1171F},
	{0x11722, 0x11725}, {0x11727, 0x1172B}, {0x1182F, 0x11837},
	{0x11839, 0x1183A}, {0x1193B, 0x1193C}, {0x1193E, 0x1193E},
	{0x11943, 0x11943}, {0x119D4, 0x119D7}, {0x119DA, 0x119DB},
	{0x119E0, 0x119E0}, {0x11A01, 0x11A0A}, {0x11A33, 0x11A38},
	{0x11A3B, 0x11A3E}, {0x11A47, 0x11A47}, {0x11A51, 0x11A56},
	{0x11A59, 0x11A5B}, {0x11A8A, 0x11A96}, {0x11A98, 0x11A99},
	{0x11C30, 0x11C36}, {0x11C38, 0x11C3D}, {0x11C3F, 0x11C3F},
	{0x11C92, 0x11CA7}, {0x11CAA, 0x11CB0}, {0x11CB2, 0x11CB3},
	{0x11CB5, 0x11CB6}, {0x11D31, 0x11D36}, {0x11D3A, 0x11D3A},
	{0x11D3C, 0x11D3D}, {0x11D3F, 0x11D45}, {0x11D47, 0x11D47},
	{0x11D90, 0x11D91}, {0x11D95, 0x11D95}, {0x11D97, 0x11D97},
	{0x11EF3, 0x11EF4}, {0x13430, 0x13438}, {0x16AF0, 0x16AF4},
	{0x16B30, 0x16B36}, {0x16F4F, 0x16F4F}, {0x16F8F, 0x16F92},
	{0x16FE4, 0x16FE4}, {0x1BC9D, 0x1BC9E}, {0x1BCA0, 0x1BCA3},
	{0x1CF00, 0x1CF2D}, {0x1CF30, 0x1CF46}, {0x1D167, 0x1D169},
	{0x1D173, 0x1D182}, {0x1D185, 0x1D18B}, {0x1D1AA, 0x1D1AD},
	{0x1D242, 0x1D244}, {0x1DA00, 0x1DA36}, {0x1DA3B, 0x1DA6C},
	{0x1DA75, 0x1DA75}, {0x1DA84, 0x1DA84}, {0x1DA9B, 0x1DA9F},
	{0x1DAA1, 0x1DAAF}, {0x1E000, 0x1E006}, {0x1E008, 0x1E018},
	{0x1E01B, 0x1E021}, {0x1E023, 0x1E024}, {0x1E026, 0x1E02A},
	{0x1E130, 0x1E136}, {0x1E2AE, 0x1E2AE}, {0x1E2EC, 0x1E2EF},
	{0x1E8D0, 0x1E8D6}, {0x1E944, 0x1E94A}, {0xE0000, 0xE007F},
	{0xE0100, 0xE01EF},
};

/* East Asian Wide and Fullwidth from the same Unicode 14 data (which since
 * Unicode 9 includes every default-emoji-presentation character), plus the
 * Yijing hexagrams (wide in later Unicode and in glibc) and the reserved
 * parts of the CJK blocks, planes 2 and 3 and the emoji blocks, where new
 * assignments are wide. Combining marks inside these blocks
 * (U+302A..302D, U+3099..309A) are left out: they are in zero_width. */
static const struct cp_range wide[] = {
	{0x1100, 0x115F}, {0x231A, 0x231B}, {0x2329, 0x232A},
	{0x23E9, 0x23EC}, {0x23F0, 0x23F0}, {0x23F3, 0x23F3},
	{0x25FD, 0x25FE}, {0x2614, 0x2615}, {0x2648, 0x2653},
	{0x267F, 0x267F}, {0x2693, 0x2693}, {0x26A1, 0x26A1},
	{0x26AA, 0x26AB}, {0x26BD, 0x26BE}, {0x26C4, 0x26C5},
	{0x26CE, 0x26CE}, {0x26D4, 0x26D4}, {0x26EA, 0x26EA},
	{0x26F2, 0x26F3}, {0x26F5, 0x26F5}, {0x26FA, 0x26FA},
	{0x26FD, 0x26FD}, {0x2705, 0x2705}, {0x270A, 0x270B},
	{0x2728, 0x2728}, {0x274C, 0x274C}, {0x274E, 0x274E},
	{0x2753, 0x2755}, {0x2757, 0x2757}, {0x2795, 0x2797},
	{0x27B0, 0x27B0}, {0x27BF, 0x27BF}, {0x2B1B, 0x2B1C},
	{0x2B50, 0x2B50}, {0x2B55, 0x2B55}, {0x2E80, 0x3029},
	{0x302E, 0x303E}, {0x3041, 0x3098}, {0x309B, 0xA4CF},
	{0xA960, 0xA97C}, {0xAC00, 0xD7A3}, {0xF900, 0xFAFF},
	{0xFE10, 0xFE19}, {0xFE30, 0xFE52}, {0xFE54, 0xFE66},
	{0xFE68, 0xFE6B}, {0xFF00, 0xFF60}, {0xFFE0, 0xFFE6},
	{0x16FE0, 0x16FE3}, {0x16FF0, 0x16FF1}, {0x17000, 0x187F7},
	{0x18800, 0x18CD5}, {0x18D00, 0x18D08}, {0x1AFF0, 0x1AFF3},
	{0x1AFF5, 0x1AFFB}, {0x1AFFD, 0x1AFFE}, {0x1B000, 0x1B122},
	{0x1B150, 0x1B152}, {0x1B164, 0x1B167}, {0x1B170, 0x1B2FB},
	{0x1F004, 0x1F004}, {0x1F0CF, 0x1F0CF}, {0x1F18E, 0x1F18E},
	{0x1F191, 0x1F19A}, {0x1F200, 0x1F202}, {0x1F210, 0x1F23B},
	{0x1F240, 0x1F248}, {0x1F250, 0x1F251}, {0x1F260, 0x1F265},
	{0x1F300, 0x1F320}, {0x1F32D, 0x1F335}, {0x1F337, 0x1F37C},
	{0x1F37E, 0x1F393}, {0x1F3A0, 0x1F3CA}, {0x1F3CF, 0x1F3D3},
	{0x1F3E0, 0x1F3F0}, {0x1F3F4, 0x1F3F4}, {0x1F3F8, 0x1F43E},
	{0x1F440, 0x1F440}, {0x1F442, 0x1F4FC}, {0x1F4FF, 0x1F53D},
	{0x1F54B, 0x1F54E}, {0x1F550, 0x1F567}, {0x1F57A, 0x1F57A},
	{0x1F595, 0x1F596}, {0x1F5A4, 0x1F5A4}, {0x1F5FB, 0x1F64F},
	{0x1F680, 0x1F6C5}, {0x1F6CC, 0x1F6CC}, {0x1F6D0, 0x1F6D2},
	{0x1F6D5, 0x1F6DF}, {0x1F6EB, 0x1F6EF}, {0x1F6F4, 0x1F6FF},
	{0x1F7E0, 0x1F7EB}, {0x1F7F0, 0x1F7F0}, {0x1F90C, 0x1F93A},
	{0x1F93C, 0x1F945}, {0x1F947, 0x1F9FF}, {0x1FA70, 0x1FAFF},
	{0x20000, 0x2FFFD}, {0x30000, 0x3FFFD},
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))
#define REPLACEMENT 0xFFFDu
/* Longest escape text_sanitize() writes for one code point: "<U+2069>". */
#define ESCAPE_MAX 8
/* No code point grows by more than this factor when sanitized: a stray
 * byte becomes the 3-byte U+FFFD, a C0 byte becomes 2, a 2-byte C1 becomes
 * 4 and a 3-byte bidi control becomes 8. */
#define SANITIZE_GROWTH 3

/* Same policy as util.h's xmalloc (allocation failure aborts) without
 * linking util.c, so this file can be built and tested on its own. */
static void *alloc_or_die(size_t count, size_t size)
{
	void *p;

	if (size && count > (SIZE_MAX - 1) / size)
		abort();
	p = malloc(count * size + 1);
	if (!p)
		abort();
	return p;
}

/* ---- decoding ---------------------------------------------------------- */

/* Sequence length for lead byte c and the allowed range of the second
 * byte; the narrowed ranges after E0, ED, F0 and F4 are what rule out
 * overlongs, surrogates and code points past U+10FFFF. Returns 0 for bytes
 * that can never start a sequence (80..C1, F5..FF). */
static size_t lead_info(unsigned char c, unsigned char *lo, unsigned char *hi)
{
	*lo = 0x80;
	*hi = 0xBF;
	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF)
		return 2;
	if (c >= 0xE0 && c <= 0xEF) {
		if (c == 0xE0)
			*lo = 0xA0;
		else if (c == 0xED)
			*hi = 0x9F;
		return 3;
	}
	if (c >= 0xF0 && c <= 0xF4) {
		if (c == 0xF0)
			*lo = 0x90;
		else if (c == 0xF4)
			*hi = 0x8F;
		return 4;
	}
	return 0;
}

/* Decodes one well-formed sequence; 0 if s does not start with one. */
static size_t decode_strict(const unsigned char *s, size_t len, uint32_t *cp)
{
	static const unsigned char lead_mask[5] = {0, 0x7F, 0x1F, 0x0F, 0x07};
	unsigned char lo, hi;
	size_t n = lead_info(s[0], &lo, &hi);
	uint32_t v;

	if (n == 0 || n > len)
		return 0;
	if (n > 1 && (s[1] < lo || s[1] > hi))
		return 0;
	v = s[0] & lead_mask[n];
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		v = (v << 6) | (s[i] & 0x3Fu);
	}
	*cp = v;
	return n;
}

int text_utf8_valid(const char *s, size_t len, size_t *bad_at)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;
	uint32_t cp;

	while (i < len) {
		size_t n = decode_strict(u + i, len - i, &cp);

		if (n == 0) {
			if (bad_at)
				*bad_at = i;
			return 0;
		}
		i += n;
	}
	return 1;
}

size_t text_decode(const char *s, size_t len, uint32_t *cp)
{
	size_t n;

	if (len == 0) {
		/* Nothing to consume; callers loop while bytes remain. */
		*cp = 0;
		return 0;
	}
	n = decode_strict((const unsigned char *)s, len, cp);
	if (n)
		return n;
	*cp = REPLACEMENT;
	return 1;
}

size_t text_encode(uint32_t cp, char out[4])
{
	/* Surrogates and out-of-range values cannot be encoded; writing U+FFFD
	 * keeps the output well-formed. */
	if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		cp = REPLACEMENT;
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/* ---- code point offsets ------------------------------------------------ */

/* Byte offset reached by stepping ncp code points from byte offset from.
 * Stray bytes count as one code point each, as text_decode() reads them. */
static size_t advance(const char *s, size_t len, size_t from, size_t ncp)
{
	size_t i = from;
	uint32_t cp;

	while (ncp > 0 && i < len) {
		i += text_decode(s + i, len - i, &cp);
		ncp--;
	}
	return i;
}

size_t text_cp_len(const char *s)
{
	return s ? text_cp_len_n(s, strlen(s)) : 0;
}

size_t text_cp_len_n(const char *s, size_t len)
{
	size_t i = 0, count = 0;
	uint32_t cp;

	while (i < len) {
		i += text_decode(s + i, len - i, &cp);
		count++;
	}
	return count;
}

size_t text_cp_to_byte(const char *s, size_t cp)
{
	return s ? advance(s, strlen(s), 0, cp) : 0;
}

size_t text_byte_to_cp(const char *s, size_t b)
{
	size_t len, i = 0, idx = 0;
	uint32_t cp;

	if (!s)
		return 0;
	len = strlen(s);
	while (i < len) {
		i += text_decode(s + i, len - i, &cp);
		if (b < i)
			return idx;
		idx++;
	}
	return idx;
}

/* ---- widths ------------------------------------------------------------ */

static int in_ranges(uint32_t cp, const struct cp_range *r, size_t n)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (cp < r[mid].lo)
			hi = mid;
		else if (cp > r[mid].hi)
			lo = mid + 1;
		else
			return 1;
	}
	return 0;
}

int text_cp_width(uint32_t cp)
{
	if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
		return -1;
	/* Neither table has anything below U+0300: plain Latin stays cheap. */
	if (cp < 0x300)
		return 1;
	if (in_ranges(cp, zero_width, NELEM(zero_width)))
		return 0;
	if (in_ranges(cp, wide, NELEM(wide)))
		return 2;
	return 1;
}

/* Bidi embeddings, overrides and isolates can reorder the rest of a
 * terminal line, so a note could make other text appear to say something
 * else; they are shown, not obeyed. */
static int is_bidi_control(uint32_t cp)
{
	return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

char *text_drop_bidi(const char *s)
{
	size_t len = s ? strlen(s) : 0, i = 0, o = 0;
	char *out = alloc_or_die(len, 1);
	uint32_t cp;

	while (i < len) {
		size_t k = text_decode(s + i, len - i, &cp);
		/* the marks (LRM, RLM, ALM) too: invisible, they make two ids
		 * that look alike differ */
		if (!is_bidi_control(cp) && cp != 0x200E && cp != 0x200F && cp != 0x061C) {
			memcpy(out + o, s + i, k);
			o += k;
		}
		i += k;
	}
	out[o] = '\0';
	return out;
}

/* Writes the visible stand-in for cp into out and returns its length, or
 * returns 0 when cp is safe to emit as itself. Every stand-in is printable
 * ASCII, so its length is also its width in columns. ESC gets no special
 * parsing: once it is shown as "^[" the bytes of the sequence after it are
 * ordinary text, and any controls among them are escaped in turn. */
static size_t escape_cp(uint32_t cp, int keep_newlines, char out[ESCAPE_MAX])
{
	static const char hex_lower[] = "0123456789abcdef";
	static const char hex_upper[] = "0123456789ABCDEF";

	if (cp == '\t' || (cp == '\n' && !keep_newlines)) {
		out[0] = ' ';
		return 1;
	}
	if (cp == '\n')
		return 0;
	if (cp < 0x20 || cp == 0x7F) {
		out[0] = '^';
		out[1] = cp == 0x7F ? '?' : (char)(cp + 0x40);
		return 2;
	}
	if (cp >= 0x80 && cp <= 0x9F) {
		memcpy(out, "\\x", 2);
		out[2] = hex_lower[cp >> 4];
		out[3] = hex_lower[cp & 0xF];
		return 4;
	}
	/* U+2028/9 end a line in some terminals and break a table's rows */
	if (!is_bidi_control(cp) && cp != 0x2028 && cp != 0x2029)
		return 0;
	memcpy(out, "<U+", 3);
	for (int i = 0; i < 4; i++)
		out[3 + i] = hex_upper[(cp >> (12 - 4 * i)) & 0xF];
	out[7] = '>';
	return 8;
}

/* Columns cp takes once sanitized for a single line. */
static size_t display_cols(uint32_t cp)
{
	char buf[ESCAPE_MAX];
	size_t n = escape_cp(cp, 0, buf);
	int w;

	if (n)
		return n;
	w = text_cp_width(cp);
	return w > 0 ? (size_t)w : 0;
}

size_t text_width_n(const char *s, size_t len)
{
	size_t i = 0, cols = 0;
	uint32_t cp;

	while (i < len) {
		i += text_decode(s + i, len - i, &cp);
		cols += display_cols(cp);
	}
	return cols;
}

size_t text_width(const char *s)
{
	return s ? text_width_n(s, strlen(s)) : 0;
}

/* ---- sanitizing and fitting -------------------------------------------- */

char *text_sanitize(const char *s, int keep_newlines)
{
	size_t len, i = 0, o = 0;
	char *out, *shrunk;
	uint32_t cp;

	if (!s)
		return NULL;
	len = strlen(s);
	out = alloc_or_die(len, SANITIZE_GROWTH);
	while (i < len) {
		size_t n;

		i += text_decode(s + i, len - i, &cp);
		n = escape_cp(cp, keep_newlines, out + o);
		o += n ? n : text_encode(cp, out + o);
	}
	out[o] = '\0';
	/* The buffer was sized for the worst case; give the rest back. */
	shrunk = realloc(out, o + 1);
	return shrunk ? shrunk : out;
}

size_t text_fit(const char *s, size_t len, size_t max_cols, size_t *cols)
{
	size_t i = 0, used = 0;
	uint32_t cp;

	while (s && i < len) {
		size_t n = text_decode(s + i, len - i, &cp);
		size_t w = display_cols(cp);

		/* Zero-width code points never stop the loop, so marks after
		 * the last base that fits are kept with it, and a base that
		 * does not fit takes its marks with it. */
		if (w > 0 && used + w > max_cols)
			break;
		used += w;
		i += n;
	}
	if (cols)
		*cols = used;
	return i;
}

/* ---- searching --------------------------------------------------------- */

int64_t text_find_nth(const char *hay, const char *needle, int n, int *count)
{
	size_t hlen, nlen, i = 0;
	int64_t found = -1, idx = 0;
	int matches = 0;
	uint32_t cp;

	if (count)
		*count = 0;
	if (!hay || !needle || !*needle)
		return -1;
	hlen = strlen(hay);
	nlen = strlen(needle);
	while (i < hlen && hlen - i >= nlen) {
		if (memcmp(hay + i, needle, nlen) == 0 && ++matches == n)
			found = idx;
		i += text_decode(hay + i, hlen - i, &cp);
		idx++;
	}
	if (count)
		*count = matches;
	return found;
}

char *text_cp_substr(const char *s, size_t start, size_t end)
{
	size_t len, b0, b1;
	char *out;

	if (!s)
		s = "";
	len = strlen(s);
	b0 = advance(s, len, 0, start);
	b1 = end > start ? advance(s, len, b0, end - start) : b0;
	out = alloc_or_die(b1 - b0, 1);
	memcpy(out, s + b0, b1 - b0);
	out[b1 - b0] = '\0';
	return out;
}

/* ---- fuzzy matching ---------------------------------------------------- */

/* Score weights. A consecutive pair earns more than a gap can (at best a
 * word start less one skipped code point) by more than a scattered match
 * can gain at its first code point (a word start and no lead penalty), so
 * a contiguous occurrence of the needle always outscores a scattered one,
 * wherever each starts. Leading and gap penalties are capped so that one
 * far-off match in a long note does not sink an otherwise tight one. */
enum {
	FUZZY_MATCH = 16,     /* every matched code point */
	FUZZY_CONSEC = 40,    /* matched right after the previous one */
	FUZZY_WORD = 10,      /* matched at the start of hay or of a word */
	FUZZY_LEAD_CAP = 12,  /* at most this much off for a late first match */
	FUZZY_GAP_CAP = 16,   /* at most this much off per skipped stretch */
	FUZZY_WHOLE = 8       /* hay is the needle: rank "code" over "codes" */
};
_Static_assert(FUZZY_CONSEC > 2 * FUZZY_WORD + FUZZY_LEAD_CAP - 1,
	"a contiguous match must outscore any scattered one");
_Static_assert(FUZZY_MATCH > FUZZY_LEAD_CAP && FUZZY_MATCH >= FUZZY_GAP_CAP,
	"every match must score above zero");

/* Alignments that cannot happen; far enough from INT64_MIN that adding
 * bonuses and subtracting capped penalties cannot overflow. */
#define FUZZY_NONE (INT64_MIN / 4)

struct fuzzy {
	uint32_t *hay;
	size_t n;
	uint32_t *needle;
	size_t m;
};

static uint32_t fold_ascii(uint32_t cp)
{
	return cp >= 'A' && cp <= 'Z' ? cp + ('a' - 'A') : cp;
}

/* Decodes s into a new array of case-folded code points. */
static uint32_t *fold_decode(const char *s, size_t *count)
{
	size_t len = strlen(s), i = 0, k = 0;
	uint32_t *v = alloc_or_die(len, sizeof(*v));

	while (i < len) {
		i += text_decode(s + i, len - i, &v[k]);
		v[k] = fold_ascii(v[k]);
		k++;
	}
	*count = k;
	return v;
}

static int is_subsequence(const struct fuzzy *f)
{
	size_t j = 0;

	for (size_t i = 0; i < f->n && j < f->m; i++)
		if (f->hay[i] == f->needle[j])
			j++;
	return j == f->m;
}

static int64_t word_bonus(const struct fuzzy *f, size_t i)
{
	uint32_t prev;

	if (i == 0)
		return FUZZY_WORD;
	prev = f->hay[i - 1];
	return prev == ' ' || prev == '/' || prev == '-' || prev == '_' ?
		FUZZY_WORD : 0;
}

static int64_t min64(int64_t a, int64_t b)
{
	return a < b ? a : b;
}

static int64_t max64(int64_t a, int64_t b)
{
	return a > b ? a : b;
}

/* First row: best score with needle[0] matched at hay[i]. */
static void fuzzy_first_row(const struct fuzzy *f, int64_t *row)
{
	for (size_t i = 0; i < f->n; i++)
		/* needle[0] exists: text_fuzzy_match returns early on an empty
		 * needle (the analyzer cannot see that far) */
		/* NOLINTNEXTLINE(clang-analyzer-core.UndefinedBinaryOperatorResult) */
		row[i] = f->hay[i] != f->needle[0] ? FUZZY_NONE :
			FUZZY_MATCH + word_bonus(f, i) -
			min64((int64_t)i, FUZZY_LEAD_CAP);
}

/* Row j from row j-1: needle[j] matched at hay[i], either right after
 * needle[j-1] or after a gap. The best gap predecessor is kept as two
 * running maxima (one for the linear penalty, one for the capped), so the
 * row costs O(n) rather than O(n^2). */
static void fuzzy_next_row(const struct fuzzy *f, size_t j,
		const int64_t *prev, int64_t *row)
{
	int64_t lin = FUZZY_NONE, capped = FUZZY_NONE;

	for (size_t i = 0; i < f->n; i++) {
		int64_t best = FUZZY_NONE;

		if (i >= 2 && prev[i - 2] > FUZZY_NONE) {
			lin = max64(lin, prev[i - 2] + (int64_t)(i - 2) + 1);
			capped = max64(capped, prev[i - 2] - FUZZY_GAP_CAP);
		}
		row[i] = FUZZY_NONE;
		if (f->hay[i] != f->needle[j])
			continue;
		if (i >= 1 && prev[i - 1] > FUZZY_NONE)
			best = prev[i - 1] + FUZZY_CONSEC;
		if (capped > FUZZY_NONE)
			best = max64(best, max64(lin - (int64_t)i, capped) +
				word_bonus(f, i));
		if (best > FUZZY_NONE)
			row[i] = best + FUZZY_MATCH;
	}
}

/* Best alignment score; f must hold a subsequence match. */
static int64_t fuzzy_best(const struct fuzzy *f)
{
	int64_t *prev = alloc_or_die(f->n, sizeof(*prev));
	int64_t *row = alloc_or_die(f->n, sizeof(*row));
	int64_t best = FUZZY_NONE;

	fuzzy_first_row(f, row);
	for (size_t j = 1; j < f->m; j++) {
		int64_t *t = prev;

		prev = row;
		row = t;
		fuzzy_next_row(f, j, prev, row);
	}
	for (size_t i = 0; i < f->n; i++)
		best = max64(best, row[i]);
	free(prev);
	free(row);
	if (f->n == f->m)
		best += FUZZY_WHOLE;
	return best;
}

int text_fuzzy_match(const char *hay, const char *needle, int *score)
{
	struct fuzzy f;
	int64_t best = 0;
	int ok;

	if (score)
		*score = 0;
	if (!needle || !*needle)
		return 1;
	if (!hay)
		return 0;
	f.hay = fold_decode(hay, &f.n);
	f.needle = fold_decode(needle, &f.m);
	ok = is_subsequence(&f);
	if (ok)
		best = fuzzy_best(&f);
	free(f.hay);
	free(f.needle);
	if (ok && score)
		*score = best > INT32_MAX ? INT32_MAX : (int)best;
	return ok;
}
