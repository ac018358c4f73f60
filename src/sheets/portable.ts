/**
 * "Make a portable copy": replaces every formula that calls a HARM.* custom
 * function with its cached value, so the file shows the same numbers where
 * the add-in is not installed (LibreOffice, Excel without the add-in). The
 * people on the Cohort sheet are left out unless the analyst chooses them
 * (portableCohort.ts).
 *
 * Pure: works on the bytes of an .xlsx with fflate only (no Node or DOM APIs),
 * so the task pane can run it on the live workbook's file in the browser.
 */
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from "fflate";
import { leaveOutCohort, type NumbersBlanked } from "./portableCohort";

export type { NumbersBlanked };

/** A custom-function call as typed (HARM.CHANGE) or as Excel saves it (_xldudf_HARM_CHANGE). */
const HARM_CALL = /(?:\bHARM\.|_xldudf_HARM_)/i;

const SHEET_PART = /^xl\/worksheets\/[^/]+\.xml$/;

/** Returns the new sheet XML and how many cells lost their formula. */
export function stripSheetXml(xml: string): { xml: string; replaced: number } {
  // Shared formulas: only the master carries the text; its children refer to it by si.
  const sharedHarm = new Set<string>();
  for (const m of xml.matchAll(/<f\b([^>]*)>([\s\S]*?)<\/f>/g)) {
    const si = /\bt="shared"/.test(m[1]) ? /\bsi="(\d+)"/.exec(m[1])?.[1] : undefined;
    if (si !== undefined && HARM_CALL.test(m[2])) sharedHarm.add(si);
  }
  let replaced = 0;
  const out = xml.replace(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g, (whole, attrs: string, inner?: string) => {
    if (inner === undefined) return whole;
    const f = /<f\b([^>]*?)(?:\/>|>([\s\S]*?)<\/f>)/.exec(inner);
    if (!f) return whole;
    const fAttrs = f[1];
    const text = f[2] ?? "";
    const si = /\bsi="(\d+)"/.exec(fAttrs)?.[1];
    const isHarm =
      HARM_CALL.test(text) || (/\bt="shared"/.test(fAttrs) && si !== undefined && sharedHarm.has(si));
    if (!isHarm) return whole;
    replaced++;
    const rest = inner.replace(f[0], "");
    // No cached value: leave an empty cell rather than a formula that cannot run.
    if (!/<v>/.test(rest)) return `<c${attrs.replace(/\s+t="[^"]*"/, "")}/>`;
    // t="str" (text result), "b", "e" and numeric cells keep their type with the cached <v>.
    return `<c${attrs}>${rest}</c>`;
  });
  return { xml: out, replaced };
}

/** What making a portable copy did. */
export interface PortableCopy {
  /** HARM formulas replaced by their values. */
  replaced: number;
  /** People's rows left out of the Cohort sheet. */
  peopleLeftOut?: number;
  /** Number cells elsewhere blanked for holding a person's reference. */
  numbersBlanked?: NumbersBlanked;
}

export interface PortableOptions {
  /** Keep the people on the Cohort sheet (personal data); left out by default. */
  includeCohort?: boolean;
}

export function stripHarmFormulas(
  xlsx: Uint8Array,
  options: PortableOptions = {},
): PortableCopy & { bytes: Uint8Array } {
  const files = unzipSync(xlsx);
  let replaced = 0;
  for (const name of Object.keys(files)) {
    if (!SHEET_PART.test(name)) continue;
    const xml = strFromU8(files[name]);
    if (!HARM_CALL.test(xml)) continue;
    const r = stripSheetXml(xml);
    if (r.replaced > 0) {
      files[name] = strToU8(r.xml);
      replaced += r.replaced;
    }
  }
  const cohort = options.includeCohort ? { people: 0, changed: false } : leaveOutCohort(files);
  const people = {
    ...(cohort.people ? { peopleLeftOut: cohort.people } : {}),
    ...(cohort.numbersBlanked ? { numbersBlanked: cohort.numbersBlanked } : {}),
  };
  if (replaced === 0 && !cohort.changed) return { bytes: xlsx, replaced: 0 };
  // The calculation chain lists formula cells; a stale one makes Excel "repair" the file.
  if (files["xl/calcChain.xml"]) {
    delete files["xl/calcChain.xml"];
    const ct = "[Content_Types].xml";
    if (files[ct])
      files[ct] = strToU8(strFromU8(files[ct]).replace(/<Override[^>]*\/xl\/calcChain\.xml"[^>]*\/>/, ""));
    const rels = "xl/_rels/workbook.xml.rels";
    if (files[rels])
      files[rels] = strToU8(
        strFromU8(files[rels]).replace(/<Relationship[^>]*Target="[^"]*calcChain\.xml"[^>]*\/>/, ""),
      );
  }
  return { bytes: zipSync(files as Zippable), replaced, ...people };
}
