/** Hostile police.uk files made from the committed fixture, for the CLI and the pane's tests alike. */
import { readPoliceUkText } from "./policeUk";

/**
 * The month's file with a stray quote opening the Location field of data line
 * `from` (file line from + 1) and a quote closing the Location of line
 * `from + span` ("… 42""), so the rows between merge into one record that
 * still has the header's 12 fields. Returns the text and the file lines of both quotes.
 */
export function pairedStrayQuotes(
  month: string,
  from = 100,
  span = 164,
): { text: string; lines: [number, number] } {
  const lines = readPoliceUkText(month).split("\n");
  const open = lines[from].split(",");
  open[6] = `"${open[6]}`;
  lines[from] = open.join(",");
  const close = lines[from + span].split(",");
  close[6] = `${close[6]} 42"`;
  lines[from + span] = close.join(",");
  return { text: lines.join("\n"), lines: [from + 1, from + span + 1] };
}
