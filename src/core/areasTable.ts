/**
 * The text the Operation sheet puts in an area list's cell when the list is
 * kept in its Areas table ("3,500 areas: see the Areas table"). It names no
 * area, and must never be read as area codes: the sheet's reader takes the
 * table instead, and the HARM functions refuse it.
 */
export const isAreasTablePointer = (text: string): boolean =>
  /^\s*[\d,]+\s+areas?\s*:\s*see the Areas table\.?\s*$/i.test(text);
