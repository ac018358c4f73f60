/**
 * The verdict in a cell: HARM.DISPERSION (how much more monthly counts vary
 * than chance alone) and HARM.VERDICT (the task pane's and the command line's
 * evaluation over incident rows, spilling its headline). Both run the core
 * code the pane runs: monthlyDispersion, and evaluateIncidents then
 * headlineOf, so a cell cannot disagree with the pane or the CLI.
 */
import { otherAreas } from "../core/areas";
import { naError, valueError } from "../core/errors";
import { evaluateIncidents, type Evaluation } from "../core/evaluation";
import { rowDispersion } from "../core/evaluation/figures";
import { headlineOf, type Headline } from "../core/evaluation/headlineOf";
import { serialToIso } from "../core/incidents/dates";
import { blankOperation, operationProblems, type Operation } from "../core/operation";
import { MIN_MONTHS, monthlyDispersion } from "../core/stats/dispersion";
import { readConfidence, readDispersion } from "./args";
import {
  errorCell,
  guardMatrix,
  isBlank,
  must,
  readCount,
  toColumn,
  unwrapScalar,
  type ExcelResultError,
} from "./excel";
import { areaList, counted, incidentColumns, offenceList, periodsFrom } from "./incidentArgs";
import { fixedSize, type HarmFunction } from "./spill";

/** How HARM.MONTHLYCOUNTS marks a month with no data at all: left out, never read as 0. */
const NO_DATA = "no data";

const isNoData = (v: unknown): boolean => typeof v === "string" && v.trim().toLowerCase() === NO_DATA;

/** Text with no digit in it and not "no data": a column heading such as "Target" ("1,5" is a mistyped count). */
const isHeading = (v: unknown): boolean =>
  typeof v === "string" && v.trim() !== "" && !isNoData(v) && !/\d/.test(v);

/** A HARM.MONTHLYCOUNTS spill (Month, Target, Buffer, Control): its Target and Control columns. */
function monthlySpill(v: unknown): { target: unknown[]; control: unknown[] } | null {
  if (!Array.isArray(v) || !Array.isArray(v[0]) || v[0].length !== 4) return null;
  const head = (v[0] as unknown[]).map((h) =>
    String(h ?? "")
      .trim()
      .toLowerCase(),
  );
  if (head[1] !== "target" || head[3] !== "control") return null;
  const rows = v.slice(1) as unknown[][];
  return { target: rows.map((r) => r[1]), control: rows.map((r) => r[3]) };
}

/** One month's count, or null when the month is left out (blank, "no data"). */
function monthCount(v: unknown, name: string, row: number): number | null {
  if (isBlank(v) || isNoData(v)) return null;
  return must(readCount(v, `${name} row ${row}`));
}

/** The two columns of monthly counts, a heading row left out. */
function monthlyColumns(
  targetArg: unknown,
  controlArg: unknown,
): { t: (number | null)[]; c?: (number | null)[] } {
  let target: unknown[];
  let control: unknown[] | undefined;
  const spill = isBlank(controlArg) ? monthlySpill(targetArg) : null;
  if (spill) ({ target, control } = spill);
  else {
    target = toColumn(targetArg, "targetMonthly");
    control = isBlank(controlArg) ? undefined : toColumn(controlArg, "controlMonthly");
  }
  if (control && control.length !== target.length)
    throw valueError(
      `controlMonthly has ${control.length} rows but targetMonthly has ${target.length}; select the same months for both.`,
    );
  // A heading in the first row ("Target", "Control") is skipped in both columns.
  const skip = isHeading(target[0]) && (!control || isHeading(control[0]) || isBlank(control[0])) ? 1 : 0;
  const read = (col: unknown[], name: string) =>
    col.slice(skip).map((v, i) => monthCount(v, name, i + 1 + skip));
  return control
    ? { t: read(target, "targetMonthly"), c: read(control, "controlMonthly") }
    : { t: read(target, "targetMonthly") };
}

/**
 * HARM.DISPERSION: the quasi-Poisson Pearson dispersion of the target's
 * monthly counts against the control's month-to-month pattern (a flat one
 * without a control), floored at 1: what the evaluation widens its intervals by.
 */
export function dispersion(targetMonthly: any[][], controlMonthly?: any[][]): any[][] {
  return guardMatrix(() => {
    const { t, c } = monthlyColumns(targetMonthly, controlMonthly ?? null);
    const months = t.filter((x, i) => x !== null && (!c || c[i] !== null)).length;
    if (months < MIN_MONTHS)
      throw naError(
        `Only ${months} month${months === 1 ? "" : "s"} ha${months === 1 ? "s" : "ve"} counts${c ? " in both columns" : ""}; ` +
          `at least ${MIN_MONTHS} are needed to estimate how much the counts vary (the evaluation uses 1 then). Select more months.`,
      );
    return [[monthlyDispersion(t, c).value]];
  });
}

export const VERDICT_HEADER = [
  "Verdict",
  "Reason",
  "Headline",
  "Net effect",
  "Net effect lower",
  "Net effect upper",
  "Dispersion",
  "Similar areas as large",
  "Similar areas",
  "Same months then: net effect",
  "Then: lower",
  "Then: upper",
  "Same months: years back",
  "Checks",
];

/** The headline's row of cells: each figure, or an error cell saying why it is not given. */
function verdictRow(h: Headline | { reason: string }, op: Operation): unknown[] {
  if ("reason" in h) {
    const why = errorCell("#N/A", `Not judged: ${h.reason}.`);
    return ["Not judged", h.reason, ...new Array<ExcelResultError>(VERDICT_HEADER.length - 2).fill(why)];
  }
  const j = h.figures.judgement;
  const ne = h.figures.netEffect;
  const noNet = ne.defined ? null : errorCell("#N/A", `No net effect: ${ne.reason}.`);
  const ctx = h.row.context;
  const similar = ctx?.similar;
  const year = ctx?.lastYear;
  const notSimilar =
    similar?.available === false
      ? errorCell("#N/A", `No similar areas to rank against: ${similar.reason}.`)
      : null;
  const noYear =
    year?.available === false ? errorCell("#N/A", `No same months to compare with: ${year.reason}.`) : null;
  return [
    `${j.label}${j.borderline ? " (borderline)" : ""}`,
    j.reason,
    h.sentence,
    ne.defined ? ne.value.estimate : noNet,
    ne.defined ? ne.value.lower : noNet,
    ne.defined ? ne.value.upper : noNet,
    rowDispersion(h.row, op),
    similar?.available ? similar.asLarge : notSimilar,
    similar?.available ? similar.n : notSimilar,
    year?.available ? year.estimate : noYear,
    year?.available ? year.lower : noYear,
    year?.available ? year.upper : noYear,
    year?.available ? year.yearsBack : noYear,
    h.figures.checksText,
  ];
}

/** Every cell of an n×1 column, for the areas in the data. */
function* cellsOf(col: unknown[][]): Generator<unknown> {
  for (let i = 0; i < col.length; i++) yield col[i]?.[0];
}

/** HARM.VERDICT: a header row and the headline's row: verdict, reason, sentence, net effect with its interval, dispersion, similar areas, the same months then, checks. */
export function verdict(
  dates: any[][],
  areas: any[][],
  offenceTypes: any[][],
  targetAreas: any[][],
  bufferAreas: any[][],
  controlAreas: any[][],
  beforeStart: any[][],
  beforeEnd: any[][],
  afterStart: any[][],
  afterEnd: any[][],
  offenceFilter?: any[][],
  confidence?: any[][],
  dispersionArg?: any[][],
  crimeIds?: any[][],
): any[][] {
  return guardMatrix(() => {
    const conf = must(readConfidence(unwrapScalar(confidence ?? null, "confidence")));
    const typed = isBlank(dispersionArg)
      ? undefined
      : must(readDispersion(unwrapScalar(dispersionArg, "dispersion")));
    const periods = periodsFrom([beforeStart, beforeEnd, afterStart, afterEnd]);
    const target = areaList(targetAreas, "targetAreas", true);
    const buffer = areaList(bufferAreas, "bufferAreas", false);
    const cols = incidentColumns({ dates, areas, offenceTypes, ids: crimeIds ?? null });
    const filter = isBlank(offenceFilter) ? undefined : offenceList(offenceFilter);
    if (filter && !cols.offenceTypes)
      throw valueError(
        "An offence filter needs the offenceTypes column too; select it as the third argument.",
      );
    if (filter && filter.size === 0) throw valueError("offenceFilter lists no offence types.");
    // Blank: every other area in the data, as the task pane's and the command line's default.
    const listed = areaList(controlAreas, "controlAreas", false);
    const control = listed.length ? listed : otherAreas(cellsOf(cols.areas), [...target, ...buffer]);
    if (control.length === 0)
      throw valueError(
        "controlAreas is blank and the data have no other areas to compare with; list the control areas.",
      );
    const op: Operation = {
      ...blankOperation(),
      targetAreas: target,
      bufferAreas: buffer,
      controlAreas: control,
      before: { start: serialToIso(periods.beforeStart), end: serialToIso(periods.beforeEnd) },
      after: { start: serialToIso(periods.afterStart), end: serialToIso(periods.afterEnd) },
      ...(typed !== undefined ? { dispersion: typed } : {}),
    };
    const problems = operationProblems(op, "evaluate");
    if (problems.length) throw valueError(problems.join(" "));
    let evaluation: Evaluation | undefined;
    counted(cols, () => {
      evaluation = evaluateIncidents({
        incidents: cols,
        periods,
        areas: { target, buffer, control },
        offenceTypes: filter ? [...filter] : [],
        confidence: conf,
        ...(typed !== undefined ? { typedDispersion: typed } : {}),
        headlineOnly: true,
      });
      return evaluation.aggregate;
    });
    if (filter) checkFilter(filter, evaluation!);
    return [VERDICT_HEADER, verdictRow(headlineOf(evaluation!, op, conf), op)];
  });
}

/** Every type in the filter is in the data, as the offenceTypes column spells it. */
function checkFilter(filter: Set<string>, e: Evaluation): void {
  const counted = new Set(e.aggregate.byType?.keys() ?? []);
  const missing = [...filter].filter((t) => !counted.has(t));
  if (missing.length === 0) return;
  throw valueError(
    `No row has the offence type${missing.length === 1 ? "" : "s"} ${missing.map((t) => `'${t}'`).join(", ")} ` +
      "in offenceFilter; write the types as the offenceTypes column spells them.",
  );
}

export const VERDICT_FUNCTIONS = [
  { id: "HARM.DISPERSION", fn: dispersion, spill: fixedSize(1, 1) },
  { id: "HARM.VERDICT", fn: verdict, spill: fixedSize(VERDICT_HEADER.length, 2) },
] as const satisfies readonly HarmFunction[];
