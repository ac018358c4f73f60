/**
 * How each named CellStyle looks. Both renderers use this one palette so the
 * live workbook and the shareable file match. Colours are "#RRGGBB".
 */
import type { CellStyle } from "./model";

export interface StyleSpec {
  bold?: boolean;
  italic?: boolean;
  size?: number;
  color?: string;
  fill?: string;
  wrap?: boolean;
}

export const STYLES: Record<CellStyle, StyleSpec> = {
  title: { bold: true, size: 16, color: "#1F3864" },
  subtitle: { size: 12, color: "#404040" },
  help: { italic: true, color: "#595959", wrap: true },
  heading: { bold: true, size: 12, color: "#1F3864", fill: "#D9E1F2" },
  label: { bold: true },
  // Yellow input cells and grey computed cells follow the common modelling convention.
  input: { fill: "#FFF2CC" },
  computed: { fill: "#EDEDED", color: "#1F3864" },
  source: { italic: true, size: 9, color: "#7F7F7F" },
  // A sentence to read first (the Summary's verdict), and the status word beside it.
  headline: { size: 12, color: "#1F3864", wrap: true },
  status: { bold: true, size: 12, wrap: true },
  // Plain text that wraps (the Summary's lines and footnotes).
  body: { wrap: true },
};

/** Table header fill in the shareable file (LibreOffice does not draw Excel table styles). */
export const TABLE_HEADER_FILL = "#1F4E79";

/** Fill used on the data body of computed table columns. */
export const COMPUTED_COLUMN_FILL = "#F2F2F2";

/** Excel column width in characters → points (Office.js `format.columnWidth` is in points). */
export function widthCharsToPoints(chars: number): number {
  // Excel's default font: 7 px per character plus 5 px padding; 0.75 pt per px.
  return Math.round((chars * 7 + 5) * 0.75 * 100) / 100;
}
