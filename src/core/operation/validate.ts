/**
 * One rule set for an operation, used by the task pane, the CLI and the
 * evaluation: what stops it being saved, and what stops it being evaluated.
 */
import { areaOverlaps } from "../areas";
import { FIRST_YEAR, LAST_YEAR, inPlannableYears, isoToSerialOrNull } from "../incidents/dates";
import type { Operation, Period } from "./model";

export type OperationPurpose = "save" | "evaluate";

function periodProblems(label: string, per: Period, out: string[]): boolean {
  if (!per.start || !per.end) {
    out.push(`Enter both dates of the ${label} period.`);
    return false;
  }
  const bad = (["start", "end"] as const).filter((k) => isoToSerialOrNull(per[k]) === null);
  if (bad.length) {
    out.push(`The ${label} period's ${bad.join(" and ")} ${bad.length > 1 ? "are" : "is"} not a real date.`);
    return false;
  }
  const far = (["start", "end"] as const).filter((k) => !inPlannableYears(per[k]));
  if (far.length) {
    const shown = far.map((k) => `${k} (${per[k].split("-").reverse().join("/")})`).join(" and ");
    out.push(
      `The ${label} period's ${shown} ${far.length > 1 ? "are" : "is"} outside ${FIRST_YEAR}–${LAST_YEAR}; ` +
        "give the dates the operation really starts and ends.",
    );
    return false;
  }
  if (per.start > per.end) {
    out.push(`The ${label} period ends before it starts.`);
    return false;
  }
  return true;
}

/**
 * Problems in the analyst's terms; empty when the operation is fit for the
 * purpose. Evaluating also needs a target area.
 */
export function operationProblems(op: Operation, purpose: OperationPurpose = "save"): string[] {
  const p: string[] = [];
  if (purpose === "save" && !op.name.trim()) p.push("Give the operation a name.");
  const beforeOk = periodProblems("before", op.before, p);
  const afterOk = periodProblems("after", op.after, p);
  if (beforeOk && afterOk && op.before.end >= op.after.start)
    p.push("The before period must end before the after period starts.");
  for (const o of areaOverlaps({ target: op.targetAreas, buffer: op.bufferAreas, control: op.controlAreas }))
    p.push(`Area ${o}; each area may be in one set only.`);
  if (op.dispersion !== undefined && !(Number.isFinite(op.dispersion) && op.dispersion >= 1))
    p.push("The dispersion factor must be a number of 1 or more (1 means plain Poisson variation).");
  if (purpose === "evaluate" && op.targetAreas.length === 0) p.push("Choose at least one target area.");
  return p;
}

/** How many months a period may reach past the months the data hold (a month or two of lag is usual). */
export const MONTHS_BEYOND_DATA = 12;

const monthNumber = (key: string): number => Number(key.slice(0, 4)) * 12 + Number(key.slice(5, 7)) - 1;
const MONTH_NAMES = "January February March April May June July August September October November December";
const monthName = (key: string): string =>
  `${MONTH_NAMES.split(" ")[Number(key.slice(5, 7)) - 1]} ${key.slice(0, 4)}`;

/**
 * Periods reaching far beyond the months (yyyy-mm) in which any row of the
 * data falls: an end date typed years out would only add empty months to
 * count and lay out. A month or so beyond is left to the coverage checks
 * (the Results' "Months missing"). Empty when no month is known.
 */
export function periodsBeyondData(
  op: Pick<Operation, "before" | "after">,
  dataMonths: Iterable<string>,
): string[] {
  let first = "";
  let last = "";
  for (const m of dataMonths) {
    if (first === "" || m < first) first = m;
    if (m > last) last = m;
  }
  if (first === "") return [];
  const lo = monthNumber(first);
  const hi = monthNumber(last);
  const span = `${monthName(first)} to ${monthName(last)}`;
  const out: string[] = [];
  for (const [label, per] of [
    ["before", op.before],
    ["after", op.after],
  ] as const) {
    if (!per.start || !per.end) continue;
    const s = monthNumber(per.start);
    const e = monthNumber(per.end);
    if (s < lo - MONTHS_BEYOND_DATA || e > hi + MONTHS_BEYOND_DATA)
      out.push(
        `The ${label} period (${monthName(per.start)} to ${monthName(per.end)}) reaches more than ` +
          `${MONTHS_BEYOND_DATA} months beyond the data (${span}); check its dates, or load the files for those months.`,
      );
  }
  return out;
}
