/* export_svg.c: the SVG primitives of the HTML figures; see
 * praxis/export_svg.h. */
#include <stdio.h>
#include "praxis/export_ctx.h"
#include "praxis/export_svg.h"
#include "praxis/theme.h"

static const char *const anchors[] = { "start", "middle", "end" };

void svg_open(strbuf *b, int w, int h, const char *label)
{
	sb_printf(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
		  " viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"", w, h, w, h);
	export_xml_escape(b, label);
	sb_add(b, "\" font-family=\"sans-serif\">\n");
}

void svg_close(strbuf *b)
{
	sb_add(b, "</svg>\n");
}

void svg_arrow_marker(strbuf *b, const char *id, const char *color)
{
	sb_printf(b, "<defs><marker id=\"%s\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\""
		  " markerWidth=\"7\" markerHeight=\"7\" markerUnits=\"userSpaceOnUse\""
		  " orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"%s\"/></marker></defs>\n",
		  id, color);
}

void svg_text(strbuf *b, int x, int y, enum svg_anchor a, int size, int weight, const char *s)
{
	sb_printf(b, "<text x=\"%d\" y=\"%d\" font-size=\"%d\"%s%s%s>", x, y, size,
		  a == SVG_START ? "" : " text-anchor=\"", a == SVG_START ? "" : anchors[a],
		  a == SVG_START ? "" : "\"");
	if (weight)
		sb_add(b, "<tspan font-weight=\"bold\">");
	export_xml_escape(b, s);
	sb_add(b, weight ? "</tspan></text>\n" : "</text>\n");
}

/* Ends a mark: its tooltip as a child, or self-closing. */
static void mark_end(strbuf *b, const char *element, const char *tip)
{
	if (!tip) {
		sb_add(b, "/>\n");
		return;
	}
	sb_add(b, "><title>");
	export_xml_escape(b, tip);
	sb_printf(b, "</title></%s>\n", element);
}

void svg_rect(strbuf *b, int x, int y, int w, int h, const char *fill, const char *tip)
{
	sb_printf(b, "<rect class=\"datum\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"",
		  x, y, w, h, fill);
	mark_end(b, "rect", tip);
}

void svg_circle(strbuf *b, int cx, int cy, int r, const char *fill, const char *stroke,
		const char *tip)
{
	sb_printf(b, "<circle class=\"datum\" cx=\"%d\" cy=\"%d\" r=\"%d\" fill=\"%s\"", cx, cy, r,
		  fill);
	if (stroke)
		sb_printf(b, " stroke=\"%s\" stroke-width=\"1.5\"", stroke);
	mark_end(b, "circle", tip);
}

void svg_line(strbuf *b, int x1, int y1, int x2, int y2, const char *stroke, int dash)
{
	sb_printf(b, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\"%s/>\n", x1, y1,
		  x2, y2, stroke, dash ? " stroke-dasharray=\"3,3\"" : "");
}

void svg_edge(strbuf *b, const int p[8], double w, const char *stroke, const char *marker,
	      const char *tip)
{
	sb_printf(b, "<path class=\"edge\" d=\"M%d,%d C%d,%d %d,%d %d,%d\" fill=\"none\""
		  " stroke=\"%s\" stroke-width=\"%.1f\"", p[0], p[1], p[2], p[3], p[4], p[5], p[6],
		  p[7], stroke, w);
	if (marker)
		sb_printf(b, " marker-end=\"url(#%s)\"", marker);
	mark_end(b, "path", tip);
}

void svg_dimension_color(int dimension, char out[8])
{
	int rgb = 0x777777;

	theme_role_default_rgb(theme_dimension_role(dimension), &rgb);
	snprintf(out, 8, "#%06x", (unsigned)rgb & 0xffffffu);
}

const char *svg_palette(size_t i)
{
	/* Okabe-Ito: told apart with the common colour-vision deficiencies */
	static const char *const p[] = { "#0072b2", "#e69f00", "#009e73", "#cc79a7",
					 "#56b4e9", "#d55e00", "#f0e442", "#000000" };

	return p[i % (sizeof(p) / sizeof(p[0]))];
}

long svg_day_number(int yyyymmdd)
{
	long y = yyyymmdd / 10000, m = yyyymmdd / 100 % 100, d = yyyymmdd % 100;
	long era, yoe, doy, doe;

	/* H. Hinnant's days_from_civil */
	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}
