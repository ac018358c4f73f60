/**
 * A police.uk download zip built from the committed fixture, as data.police.uk
 * lays it out: one folder per month holding the street file, and (made up
 * here, as the fixture has none) outcomes and stop-and-search files, which
 * the evaluation must skip.
 */
import { strToU8, zipSync, type Zippable } from "fflate";
import { POLICE_UK_MONTHS, readPoliceUkText } from "./policeUk";

const OUTCOMES =
  "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Outcome type\n" +
  "abc123,2024-01,Gwent Police,Gwent Police,-3.0,51.6,On or near High Street,W01001685,Newport 014B,Investigation complete; no suspect identified\n";
const STOP_AND_SEARCH =
  "Type,Date,Part of a policing operation,Policing operation,Latitude,Longitude,Gender,Age range,Self-defined ethnicity,Officer-defined ethnicity,Legislation,Object of search,Outcome,Outcome linked to object of search,Removal of more than just outer clothing\n" +
  "Person search,2024-01-05T10:00:00+00:00,,,51.6,-3.0,Male,18-24,,,Misuse of Drugs Act 1971 (section 23),Controlled drugs,A no further action disposal,,False\n";

/** The zip's bytes; `level` 0 stores the files instead of deflating them. */
export function policeUkZip(level: 0 | 6 = 6): Uint8Array {
  const files: Zippable = {};
  for (const m of POLICE_UK_MONTHS) {
    files[`${m}/${m}-gwent-outcomes.csv`] = strToU8(OUTCOMES.replace("2024-01", m));
    files[`${m}/${m}-gwent-street.csv`] = strToU8(readPoliceUkText(m));
  }
  files["2024-01/2024-01-gwent-stop-and-search.csv"] = strToU8(STOP_AND_SEARCH);
  return zipSync(files, { level });
}

/** The note the evaluation gives for that zip, named `name`. */
export const policeUkZipNote = (name: string): string =>
  `Read 12 street-level crime files from ${name} and skipped 12 outcomes files and 1 stop-and-search file: only street-level crimes are counted.`;
