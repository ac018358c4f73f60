/**
 * Files of police.uk's shape (street-level crime and outcomes, as downloaded
 * from data.police.uk): known by their header, and held to what police.uk
 * files always are: no line breaks inside fields, one file per month and force.
 */

const key = (h: string): string => h.trim().toLowerCase();

/** The columns of a police.uk file that say which month and force a row belongs to; null for other files. */
export function policeUkColumns(headers: readonly string[]): { month: number; force: number } | null {
  const keys = headers.map(key);
  const month = keys.indexOf("month");
  const force = keys.indexOf("falls within");
  if (month < 0 || force < 0 || !keys.includes("reported by") || !keys.includes("lsoa code")) return null;
  return { month, force };
}

/** Whether the header is police.uk's. */
export const isPoliceUkShape = (headers: readonly string[]): boolean => policeUkColumns(headers) !== null;
