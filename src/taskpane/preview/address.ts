/** The preview's active-cell box: an address as Excel's Name Box takes one, within Excel's grid. */
import { colIndex } from "../../sheets/a1";

export const EXCEL_ROWS = 1_048_576;
export const EXCEL_COLUMNS = 16_384; // A to XFD

export type ParsedAddress = { address: string } | { error: string };

const HINT = "Type a column A to XFD and a row 1 to 1,048,576, e.g. B4.";

/** "b4" → B4; anything else gets a message saying why (never a silent A1). */
export function parseActiveCell(text: string): ParsedAddress {
  const t = text.trim().replace(/\$/g, "").toUpperCase();
  const m = /^([A-Z]{1,3})([0-9]{1,7})$/.exec(t);
  if (!m) return { error: `“${text.trim()}” is not a cell address. ${HINT}` };
  const col = colIndex(m[1]);
  const row = Number(m[2]);
  if (col >= EXCEL_COLUMNS) return { error: `Excel's last column is XFD, so ${t} is off the sheet. ${HINT}` };
  if (row < 1 || row > EXCEL_ROWS)
    return { error: `Excel's rows run from 1 to 1,048,576, so ${t} is off the sheet. ${HINT}` };
  return { address: `${m[1]}${row}` };
}
