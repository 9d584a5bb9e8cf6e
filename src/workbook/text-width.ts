/**
 * How wide text is in a cell, measured without a canvas: the advance width
 * of each character of Calibri 11 (Excel's default font), from the metrics
 * of Carlito, its metric-compatible twin (same advance widths; SIL Open Font
 * License), in 1/2048 of an em. Bold text is a little wider (Calibri Bold
 * averages 2.3% wider, a few glyphs up to 9%): the bold factor covers it;
 * italic has the regular widths. Characters outside the table count as a
 * digit, the usual width.
 *
 * Units, as Excel defines them (ECMA-376 Part 1, 18.3.1.13 col): at 96 dpi
 * Calibri 11 is 14.67 px per em, its widest digit is 7 px, and a column
 * width of w characters is w × 7 px, 5 px of padding included. A row of
 * Calibri 11 is 15 points high; a wrapped cell needs 15 points per line.
 */

const CHARS = " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~¡¿«»ºª°€£¥±×÷·–—‘’“”…•áéíóúüñÁÉÍÓÚÜÑàèìòùâêîôûçÇäëïöÄËÏÖ";
// prettier-ignore
const WIDTHS = [
  463, 667, 821, 1020, 1038, 1464, 1397, 452, 621, 621, 1020, 1020, 511, 627, 517, 791,
  1038, 1038, 1038, 1038, 1038, 1038, 1038, 1038, 1038, 1038, 548, 548, 1020, 1020, 1020, 949,
  1831, 1185, 1114, 1092, 1260, 1000, 941, 1292, 1276, 516, 653, 1064, 861, 1751, 1322, 1356,
  1058, 1378, 1112, 941, 998, 1314, 1162, 1822, 1063, 998, 959, 628, 791, 628, 1020, 1020,
  596, 981, 1076, 866, 1076, 1019, 625, 964, 1076, 470, 490, 931, 470, 1636, 1076, 1080,
  1076, 1076, 714, 801, 686, 1076, 925, 1464, 887, 927, 809, 644, 943, 644, 1020, 667,
  949, 1049, 1049, 865, 824, 694, 1038, 1038, 1038, 1020, 1020, 1020, 517, 1020, 1854, 511,
  511, 857, 857, 1414, 1020, 981, 1019, 470, 1080, 1076, 1076, 1076, 1185, 1000, 516, 1356,
  1314, 1314, 1322, 981, 1019, 470, 1080, 1076, 981, 1019, 470, 1080, 1076, 866, 1092, 981,
  1019, 470, 1080, 1185, 1000, 516, 1356,
];
const UNITS_PER_EM = 2048;
const DIGIT_UNITS = 1038;
/** Calibri Bold is wider than Calibri by at most this factor, for the text templates write. */
export const BOLD_FACTOR = 1.06;
/** Pixels of Calibri's widest digit at 11 points: Excel's character unit. */
export const DIGIT_PX = 7;
/** Pixels of padding a column width includes (2 each side and the grid line). */
export const CELL_PADDING_PX = 5;
/** Points per line of 11-point text (Excel's default row height). */
export const LINE_POINTS = 15;

const WIDTH_OF = new Map<number, number>();
[...CHARS].forEach((c, i) => WIDTH_OF.set(c.codePointAt(0)!, WIDTHS[i]));

export interface Font {
  bold?: boolean;
  /** Points; 11 when absent. */
  size?: number;
}

/** Pixels `text` takes on one line at 96 dpi. */
export function textWidthPx(text: string, font: Font = {}): number {
  let units = 0;
  for (const c of text) units += WIDTH_OF.get(c.codePointAt(0)!) ?? DIGIT_UNITS;
  const px = (((units / UNITS_PER_EM) * (font.size ?? 11)) * 96) / 72;
  return font.bold ? px * BOLD_FACTOR : px;
}

/** The column width (Excel characters, padding included) that shows `px` pixels of text, rounded up to a quarter. */
export function columnWidthFor(px: number): number {
  return Math.ceil(((px + CELL_PADDING_PX + 2) / DIGIT_PX) * 4) / 4;
}

/** Pixels of text a column of `width` characters shows on one line. */
export function textRoomPx(width: number): number {
  return Math.max(0, width * DIGIT_PX - CELL_PADDING_PX);
}

/** Points one line of text of this size takes (15 for 11 points, in proportion for others). */
export function lineHeight(font: Font = {}): number {
  return Math.ceil((((font.size ?? 11) * LINE_POINTS) / 11) * 4) / 4;
}

/**
 * Lines `text` wraps into within `roomPx` pixels, as Excel wraps: at spaces;
 * a word wider than the line is broken across lines; line breaks are kept.
 */
export function wrappedLines(text: string, roomPx: number, font: Font = {}): number {
  if (roomPx <= 0) return Number.POSITIVE_INFINITY;
  const space = textWidthPx(" ", font);
  let lines = 0;
  for (const paragraph of text.split("\n")) {
    lines++;
    let line = 0;
    for (const word of paragraph.split(" ")) {
      if (word === "") continue;
      const w = textWidthPx(word, font);
      if (line > 0 && line + space + w <= roomPx) {
        line += space + w;
        continue;
      }
      if (line > 0) lines++;
      // A word wider than the line takes whole lines, and its rest starts the next.
      lines += Math.ceil(w / roomPx) - 1;
      line = w - (Math.ceil(w / roomPx) - 1) * roomPx;
    }
  }
  return lines;
}

/** The widest word of `text` in pixels: a wrapped cell at least this wide keeps every word whole. */
export function widestWordPx(text: string, font: Font = {}): number {
  let widest = 0;
  for (const word of text.split(/\s+/)) widest = Math.max(widest, textWidthPx(word, font));
  return widest;
}
