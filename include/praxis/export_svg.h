/* export_svg.h: the drawing primitives of the HTML export's inline SVG
 * figures (export_svg.c): shapes, text and a tooltip per mark (an SVG
 * <title>, shown on hover without a script). Every string is escaped for
 * XML; coordinates are whole pixels. Written as XML, so the polyglot page
 * stays readable by both the HTML and the XML parser. */
#ifndef PRAXIS_EXPORT_SVG_H
#define PRAXIS_EXPORT_SVG_H

#include "praxis/util.h"

enum svg_anchor { SVG_START, SVG_MIDDLE, SVG_END };

/* <svg> of w x h with an accessible label; svg_close ends it. */
void svg_open(strbuf *b, int w, int h, const char *label);
void svg_close(strbuf *b);
/* The arrow head edges point with (marker-end="url(#ID)"), coloured. */
void svg_arrow_marker(strbuf *b, const char *id, const char *color);
/* Text at (x, y) (the baseline), size in pixels, bold if weight. */
void svg_text(strbuf *b, int x, int y, enum svg_anchor a, int size, int weight, const char *s);
/* Marks: the tooltip (NULL: none) is the data they stand for. */
void svg_rect(strbuf *b, int x, int y, int w, int h, const char *fill, const char *tip);
void svg_circle(strbuf *b, int cx, int cy, int r, const char *fill, const char *stroke,
		const char *tip);
/* A straight line; dashed if dash. */
void svg_line(strbuf *b, int x1, int y1, int x2, int y2, const char *stroke, int dash);
/* A curved edge: a cubic Bezier from p[0..1] to p[6..7] with the control
 * points p[2..3] and p[4..5], of width w, ending in the arrow marker
 * (NULL: none). */
void svg_edge(strbuf *b, const int p[8], double w, const char *stroke, const char *marker,
	      const char *tip);
/* A dimension's colour as #rrggbb: the built-in background of its role in
 * the interface's role table (praxis/theme.h), so the page matches the
 * screen. */
void svg_dimension_color(int dimension, char out[8]);
/* A categorical colour for the i-th of several things (communities). */
const char *svg_palette(size_t i);
/* Days since 1970-01-01 of a yyyymmdd date (proleptic Gregorian). */
long svg_day_number(int yyyymmdd);

#endif
