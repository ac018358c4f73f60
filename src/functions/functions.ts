/**
 * HARM.* custom functions. Each is a thin adapter over src/core; JSDoc here is
 * what Excel shows in formula autocomplete, and custom-functions-metadata-plugin
 * turns it into functions.json at build time.
 *
 * Every count argument is declared as a matrix so that a column range gives a
 * spilled column of results (one per row) and a single cell is reused for
 * every row (see mapRows in ./excel).
 */
import {
  guardMatrix,
  isBlank,
  isExcelError,
  makeError,
  mapRows,
  toCount,
  toExcelError,
  toNumber,
  unwrapScalar,
} from "./excel";
import { div0Error, isHarmError, valueError } from "../core/errors";
import {
  eTest as coreETest,
  harmWdd as coreHarmWdd,
  interpretDisplacement,
  percentChange,
  poissonZ as corePoissonZ,
  relativeEffectSize,
  totalNetEffect,
  wdd as coreWdd,
  wdq as coreWdq,
} from "../core/stats";
import { aggregateIncidents, parseBound, REASON } from "../core/incidents";
import { PRIORITY_CRITERIA, prioritise as corePrioritise, priorityScore } from "../core/priority";
import type { PriorityCriterionKey, PriorityScores, PriorityWeights } from "../core/priority";

// Outside Excel (browser preview, plain browser) the runtime global is absent;
// the build appends CustomFunctions.associate calls, which must not throw there.
if (typeof CustomFunctions === "undefined") {
  (globalThis as unknown as { CustomFunctions: unknown }).CustomFunctions = { associate: () => undefined };
}

type Pair = { before: number; after: number };

const pair = (before: unknown, after: unknown, name: string): Pair => ({
  before: toCount(before, `${name}Before`),
  after: toCount(after, `${name}After`),
});

/** Optional number cell: blank gives the fallback. */
const optional = (v: unknown, name: string, fallback: number): number =>
  isBlank(v) ? fallback : toNumber(v, name);

const optionalCount = (v: unknown, name: string): number | undefined =>
  isBlank(v) ? undefined : toCount(v, name);

/** Runs one piece of a results row; an undefined piece becomes its own error cell. */
function piece(fn: () => unknown): unknown {
  try {
    return fn();
  } catch (e) {
    return toExcelError(e);
  }
}

/** The six counts every displacement function takes, row by row. */
const sixArgs = (
  tb: unknown,
  ta: unknown,
  bb: unknown,
  ba: unknown,
  cb: unknown,
  ca: unknown,
): { name: string; value: unknown }[] => [
  { name: "targetBefore", value: tb },
  { name: "targetAfter", value: ta },
  { name: "bufferBefore", value: bb },
  { name: "bufferAfter", value: ba },
  { name: "controlBefore", value: cb },
  { name: "controlAfter", value: ca },
];

const sixCounts = (c: unknown[]): { t: Pair; b: Pair; c: Pair } => ({
  t: pair(c[0], c[1], "target"),
  b: pair(c[2], c[3], "buffer"),
  c: pair(c[4], c[5], "control"),
});

const confidenceOf = (v: unknown): number => {
  const conf = optional(v, "confidence", 0.95);
  if (!(conf > 0 && conf < 1)) {
    const hint = conf > 1 && conf < 100 ? ` (for ${conf}% enter ${conf / 100})` : "";
    throw valueError(`confidence must be between 0 and 1, e.g. 0.95; got ${conf}${hint}.`);
  }
  return conf;
};

/** An exposure (days, population…): blank means 1; otherwise it must be above 0. */
const exposure = (v: unknown, name: string): number => {
  const n = optional(v, name, 1);
  if (!(n > 0)) throw valueError(`${name} must be greater than 0 (e.g. the number of days); got ${n}.`);
  return n;
};

/** A count that feeds an exact Poisson test, so it must be whole. */
const wholeCount = (v: unknown, name: string): number => {
  const n = toCount(v, name);
  if (!Number.isInteger(n))
    throw valueError(`${name} must be a whole number of crimes for this test; got ${n}.`);
  return n;
};

/**
 * Percentage change from before to after, as a fraction: (after − before) / before. Select a column to get one result per row.
 * @customfunction CHANGE
 * @param before Count (or harm total) in the before period: a cell or a column.
 * @param after Count (or harm total) in the after period: a cell or a column.
 * @returns The change as a fraction (format the cell as %).
 */
export function change(before: any[][], after: any[][]): any[][] {
  return mapRows(
    [
      { name: "before", value: before },
      { name: "after", value: after },
    ],
    ([b, a]) => {
      const nb = toCount(b, "before");
      const na = toCount(a, "after");
      if (nb === 0)
        throw div0Error("before is 0, so a percentage change is undefined; report the raw change instead.");
      return [percentChange(nb, na)];
    },
  );
}

/**
 * Poisson Z for a change in counts, 2·(√after − √before) (Wheeler 2016). Treat |Z| ≥ 3 as a real change.
 * @customfunction POISSONZ
 * @param before Count in the before period: a cell or a column.
 * @param after Count in the after period: a cell or a column.
 * @returns Z score; negative means the count fell.
 */
export function poissonZ(before: any[][], after: any[][]): any[][] {
  return mapRows(
    [
      { name: "before", value: before },
      { name: "after", value: after },
    ],
    ([b, a]) => [corePoissonZ(toCount(b, "before"), toCount(a, "after"))],
  );
}

/**
 * E-test p-value for two Poisson counts (Krishnamoorthy & Thomson 2004): is the rate really different?
 * @customfunction ETEST
 * @param count1 First count (e.g. before): a cell or a column.
 * @param count2 Second count (e.g. after): a cell or a column.
 * @param [exposure1] Exposure for the first count (e.g. days or population). Leave blank for 1.
 * @param [exposure2] Exposure for the second count. Leave blank for 1.
 * @returns Two-sided p-value from 0 to 1.
 */
export function eTest(count1: any[][], count2: any[][], exposure1?: any[][], exposure2?: any[][]): any[][] {
  return mapRows(
    [
      { name: "count1", value: count1 },
      { name: "count2", value: count2 },
      { name: "exposure1", value: exposure1 ?? null },
      { name: "exposure2", value: exposure2 ?? null },
    ],
    ([k1, k2, n1, n2]) => [
      coreETest(
        wholeCount(k1, "count1"),
        wholeCount(k2, "count2"),
        exposure(n1, "exposure1"),
        exposure(n2, "exposure2"),
      ),
    ],
  );
}

const fourArgs = (tb: unknown, ta: unknown, cb: unknown, ca: unknown): { name: string; value: unknown }[] => [
  { name: "targetBefore", value: tb },
  { name: "targetAfter", value: ta },
  { name: "controlBefore", value: cb },
  { name: "controlAfter", value: ca },
];

/**
 * Relative effect size (a·d)/(b·c) (Farrington et al. 2007). Above 1 means crime fell relative to the control area.
 * @customfunction RES
 * @param targetBefore Target area count before: a cell or a column.
 * @param targetAfter Target area count after.
 * @param controlBefore Control area count before.
 * @param controlAfter Control area count after.
 * @returns Relative effect size.
 */
export function res(
  targetBefore: any[][],
  targetAfter: any[][],
  controlBefore: any[][],
  controlAfter: any[][],
): any[][] {
  return mapRows(fourArgs(targetBefore, targetAfter, controlBefore, controlAfter), (c) => {
    const t = pair(c[0], c[1], "target");
    const k = pair(c[2], c[3], "control");
    return [relativeEffectSize(t.before, t.after, k.before, k.after).res];
  });
}

/**
 * Confidence interval for the relative effect size, spilling lower and upper limits across two cells.
 * @customfunction RES.CI
 * @param targetBefore Target area count before: a cell or a column.
 * @param targetAfter Target area count after.
 * @param controlBefore Control area count before.
 * @param controlAfter Control area count after.
 * @param [confidence] Confidence level, e.g. 0.95 (the default).
 * @param [dispersion] Overdispersion factor of 1 or more to widen the interval. Leave blank for 1.
 * @returns Lower and upper limits (two cells per row).
 */
export function resCi(
  targetBefore: any[][],
  targetAfter: any[][],
  controlBefore: any[][],
  controlAfter: any[][],
  confidence?: any[][],
  dispersion?: any[][],
): any[][] {
  return mapRows(
    [
      ...fourArgs(targetBefore, targetAfter, controlBefore, controlAfter),
      { name: "confidence", value: confidence ?? null },
      { name: "dispersion", value: dispersion ?? null },
    ],
    (c) => {
      const t = pair(c[0], c[1], "target");
      const k = pair(c[2], c[3], "control");
      const r = relativeEffectSize(t.before, t.after, k.before, k.after, {
        confidence: confidenceOf(c[4]),
        dispersion: optional(c[5], "dispersion", 1),
      });
      return [r.lower, r.upper];
    },
    2,
  );
}

/**
 * Weighted displacement quotient (Bowers & Johnson 2003): buffer change over target change, both against the control area.
 * @customfunction WDQ
 * @param targetBefore Target area count before: a cell or a column.
 * @param targetAfter Target area count after.
 * @param bufferBefore Buffer area count before.
 * @param bufferAfter Buffer area count after.
 * @param controlBefore Control area count before.
 * @param controlAfter Control area count after.
 * @returns WDQ: above 0 suggests diffusion of benefits, below 0 displacement.
 */
export function wdq(
  targetBefore: any[][],
  targetAfter: any[][],
  bufferBefore: any[][],
  bufferAfter: any[][],
  controlBefore: any[][],
  controlAfter: any[][],
): any[][] {
  return mapRows(
    sixArgs(targetBefore, targetAfter, bufferBefore, bufferAfter, controlBefore, controlAfter),
    (c) => {
      const s = sixCounts(c);
      return [coreWdq(s.t, s.b, s.c)];
    },
  );
}

/**
 * Total net effect: crimes prevented in the target and buffer areas against the control trend (Guerette 2009).
 * @customfunction NETEFFECT
 * @param targetBefore Target area count before: a cell or a column.
 * @param targetAfter Target area count after.
 * @param bufferBefore Buffer area count before.
 * @param bufferAfter Buffer area count after.
 * @param controlBefore Control area count before.
 * @param controlAfter Control area count after.
 * @returns Crimes prevented (negative means more crime than expected).
 */
export function netEffect(
  targetBefore: any[][],
  targetAfter: any[][],
  bufferBefore: any[][],
  bufferAfter: any[][],
  controlBefore: any[][],
  controlAfter: any[][],
): any[][] {
  return mapRows(
    sixArgs(targetBefore, targetAfter, bufferBefore, bufferAfter, controlBefore, controlAfter),
    (c) => {
      const s = sixCounts(c);
      return [totalNetEffect(s.t, s.b, s.c)];
    },
  );
}

interface WddCells {
  tb: unknown;
  ta: unknown;
  cb: unknown;
  ca: unknown;
  bb: unknown;
  ba: unknown;
  dcb: unknown;
  dca: unknown;
  conf: unknown;
}

function wddRow(x: WddCells): unknown[] {
  const target = pair(x.tb, x.ta, "target");
  const control = pair(x.cb, x.ca, "control");
  const bb = optionalCount(x.bb, "bufferBefore");
  const ba = optionalCount(x.ba, "bufferAfter");
  const dcb = optionalCount(x.dcb, "bufferControlBefore");
  const dca = optionalCount(x.dca, "bufferControlAfter");
  if ((bb === undefined) !== (ba === undefined))
    throw valueError("Give both bufferBefore and bufferAfter, or leave both blank.");
  if ((dcb === undefined) !== (dca === undefined))
    throw valueError("Give both bufferControlBefore and bufferControlAfter, or leave both blank.");
  if (dcb !== undefined && bb === undefined)
    throw valueError("A buffer control area needs buffer counts too; fill in bufferBefore and bufferAfter.");
  const r = coreWdd({
    target,
    control,
    buffer: bb === undefined ? undefined : { before: bb, after: ba as number },
    bufferControl: dcb === undefined ? undefined : { before: dcb, after: dca as number },
    confidence: confidenceOf(x.conf),
  });
  return wddCells(r);
}

const wddCells = (r: {
  estimate: number;
  se: number;
  z: number;
  lower: number;
  upper: number;
}): unknown[] => [
  r.estimate,
  r.se,
  r.se > 0 ? r.z : makeError("#DIV/0!", "The standard error is 0 (all counts are 0), so Z is undefined."),
  r.lower,
  r.upper,
];

/**
 * Weighted displacement difference (Wheeler & Ratcliffe 2018), spilling estimate, standard error, Z, lower and upper limits.
 * @customfunction WDD
 * @param targetBefore Target area count before: a cell or a column.
 * @param targetAfter Target area count after.
 * @param controlBefore Control area count before.
 * @param controlAfter Control area count after.
 * @param [bufferBefore] Buffer area count before. Leave blank if there is no buffer.
 * @param [bufferAfter] Buffer area count after.
 * @param [bufferControlBefore] Count before in a control area for the buffer. Optional.
 * @param [bufferControlAfter] Count after in the buffer's control area.
 * @param [confidence] Confidence level, e.g. 0.95 (the default).
 * @returns Estimate, standard error, Z, lower, upper (five cells per row). Negative means crime fell.
 */
export function wdd(
  targetBefore: any[][],
  targetAfter: any[][],
  controlBefore: any[][],
  controlAfter: any[][],
  bufferBefore?: any[][],
  bufferAfter?: any[][],
  bufferControlBefore?: any[][],
  bufferControlAfter?: any[][],
  confidence?: any[][],
): any[][] {
  return mapRows(
    [
      ...fourArgs(targetBefore, targetAfter, controlBefore, controlAfter),
      { name: "bufferBefore", value: bufferBefore ?? null },
      { name: "bufferAfter", value: bufferAfter ?? null },
      { name: "bufferControlBefore", value: bufferControlBefore ?? null },
      { name: "bufferControlAfter", value: bufferControlAfter ?? null },
      { name: "confidence", value: confidence ?? null },
    ],
    (c) =>
      wddRow({
        tb: c[0],
        ta: c[1],
        cb: c[2],
        ca: c[3],
        bb: c[4],
        ba: c[5],
        dcb: c[6],
        dca: c[7],
        conf: c[8],
      }),
    5,
  );
}

/**
 * Plain-English reading of displacement or diffusion of benefits from the WDQ (after Guerette 2009, Appendix C).
 * @customfunction DISPLACEMENT
 * @param targetBefore Target area count before: a cell or a column.
 * @param targetAfter Target area count after.
 * @param bufferBefore Buffer area count before.
 * @param bufferAfter Buffer area count after.
 * @param controlBefore Control area count before.
 * @param controlAfter Control area count after.
 * @returns A sentence describing the result.
 */
export function displacement(
  targetBefore: any[][],
  targetAfter: any[][],
  bufferBefore: any[][],
  bufferAfter: any[][],
  controlBefore: any[][],
  controlAfter: any[][],
): any[][] {
  return mapRows(
    sixArgs(targetBefore, targetAfter, bufferBefore, bufferAfter, controlBefore, controlAfter),
    (c) => {
      const s = sixCounts(c);
      return [interpretDisplacement(s.t, s.b, s.c).text];
    },
  );
}

const EVALUATE_HEADER = [
  "Change in target",
  "Poisson Z",
  "E-test p",
  "RES",
  "RES lower",
  "RES upper",
  "WDQ",
  "Total net effect",
  "WDD",
  "WDD lower",
  "WDD upper",
  "Interpretation",
];

/**
 * A whole evaluation table in one spill: a header row, then for each row change, Poisson Z, E-test, RES with limits, WDQ, net effect, WDD with limits and a reading.
 * @customfunction EVALUATE
 * @param targetBefore Target area count before: a cell or a column (one operation or area per row).
 * @param targetAfter Target area count after.
 * @param bufferBefore Buffer area count before.
 * @param bufferAfter Buffer area count after.
 * @param controlBefore Control area count before.
 * @param controlAfter Control area count after.
 * @param [confidence] Confidence level for the limits, e.g. 0.95 (the default).
 * @returns A table with a header row and twelve columns.
 */
export function evaluate(
  targetBefore: any[][],
  targetAfter: any[][],
  bufferBefore: any[][],
  bufferAfter: any[][],
  controlBefore: any[][],
  controlAfter: any[][],
  confidence?: any[][],
): any[][] {
  const rows = mapRows(
    [
      ...sixArgs(targetBefore, targetAfter, bufferBefore, bufferAfter, controlBefore, controlAfter),
      { name: "confidence", value: confidence ?? null },
    ],
    (cells) => {
      const s = sixCounts(cells);
      const conf = confidenceOf(cells[6]);
      const { t, b, c } = s;
      const resAll = piece(() =>
        relativeEffectSize(t.before, t.after, c.before, c.after, { confidence: conf }),
      );
      const resPart = (k: "res" | "lower" | "upper"): unknown =>
        isExcelError(resAll) ? resAll : (resAll as Record<string, number>)[k];
      const w = piece(() => wddCells(coreWdd({ target: t, control: c, buffer: b, confidence: conf })));
      const wPart = (i: number): unknown => (isExcelError(w) ? w : (w as unknown[])[i]);
      return [
        piece(() => {
          if (t.before === 0) throw div0Error("targetBefore is 0, so a percentage change is undefined.");
          return percentChange(t.before, t.after);
        }),
        piece(() => corePoissonZ(t.before, t.after)),
        piece(() => coreETest(t.before, t.after, 1, 1)),
        resPart("res"),
        resPart("lower"),
        resPart("upper"),
        piece(() => coreWdq(t, b, c)),
        piece(() => totalNetEffect(t, b, c)),
        wPart(0),
        wPart(3),
        wPart(4),
        piece(() => interpretDisplacement(t, b, c).text),
      ];
    },
    EVALUATE_HEADER.length,
  );
  // A whole-call failure (e.g. ranges of different lengths) is one error cell, not a table.
  if (rows.length === 1 && rows[0].length === 1 && isExcelError(rows[0][0])) return rows;
  return [EVALUATE_HEADER, ...rows];
}

// ---- Incident-level functions --------------------------------------------------------------

/** Area codes from a range (blank cells ignored) or one cell of comma-separated codes. */
function areaList(v: unknown, name: string, required: boolean): string[] {
  const out: string[] = [];
  const add = (cell: unknown): void => {
    if (cell === null || cell === undefined) return;
    if (isExcelError(cell))
      throw valueError(`${name} contains an error value (${cell.code}); fix that cell.`);
    if (typeof cell === "number" && Number.isFinite(cell)) {
      out.push(String(cell));
      return;
    }
    if (typeof cell !== "string")
      throw valueError(
        `${name} must list area codes as text; got ${typeof cell === "boolean" ? cell : "a value"}.`,
      );
    for (const part of cell.split(",")) {
      const t = part.trim();
      if (t !== "") out.push(t);
    }
  };
  const walk = (x: unknown): void => {
    if (Array.isArray(x)) x.forEach(walk);
    else add(x);
  };
  walk(v);
  if (required && out.length === 0)
    throw valueError(
      `${name} is empty; select the cells that list the area codes, or type them separated by commas.`,
    );
  return out;
}

/** Two columns (offence type, weight). A first row whose weight is text is taken as a header. */
function parseWeightTable(v: unknown): Map<string, number> {
  if (!Array.isArray(v) || v.length === 0)
    throw valueError("weightTable is empty; select two columns: offence type, weight.");
  const map = new Map<string, number>();
  v.forEach((row, i) => {
    if (!Array.isArray(row) || row.length !== 2)
      throw valueError("weightTable must be two columns: offence type, then weight.");
    const [type, w] = row as unknown[];
    if (isBlank(type) && isBlank(w)) return;
    if (isExcelError(type) || isExcelError(w))
      throw valueError(`weightTable row ${i + 1} contains an error value; fix that cell.`);
    if (isBlank(type)) throw valueError(`weightTable row ${i + 1} has a weight but no offence type.`);
    const name = String(type).trim();
    if (i === 0 && typeof w === "string" && w.trim() !== "" && !Number.isFinite(Number(w.replace(/,/g, ""))))
      return;
    if (isBlank(w)) throw valueError(`The weight for '${name}' is blank; enter a number of 0 or more.`);
    const n = toNumber(w, `The weight for '${name}'`);
    if (n < 0) throw valueError(`The weight for '${name}' must not be negative; got ${n}.`);
    const prev = map.get(name);
    if (prev !== undefined && prev !== n)
      throw valueError(`'${name}' appears twice in weightTable with different weights (${prev} and ${n}).`);
    map.set(name, n);
  });
  if (map.size === 0) throw valueError("weightTable has no weights; enter offence types and weights.");
  return map;
}

/** Only the outer shape is checked up front: a per-row check would cost a pass over a million rows. */
function column(v: unknown, name: string): unknown[][] {
  if (!Array.isArray(v) || v.length === 0) throw valueError(`${name} is empty; select a column of cells.`);
  return v as unknown[][];
}

/** After an unexpected fault, finds the ragged column that caused it so the message says what to fix. */
function explainShape(cols: Record<string, unknown[] | undefined>): void {
  for (const [name, v] of Object.entries(cols)) {
    if (!v || !Array.isArray(v[0])) continue;
    for (let i = 0; i < v.length; i++) {
      const row = v[i];
      if (!Array.isArray(row) || row.length !== 1)
        throw valueError(`${name} must be a single column; select one column of cells.`);
    }
  }
}

const bound = (v: unknown, name: string, edge: "start" | "end"): number =>
  parseBound(unwrapScalar(v, name), name, edge);

interface IncidentArgs {
  dates: unknown;
  areas: unknown;
  offenceTypes?: unknown;
  targetAreas: unknown;
  bufferAreas: unknown;
  controlAreas: unknown;
  beforeStart: unknown;
  beforeEnd: unknown;
  afterStart: unknown;
  afterEnd: unknown;
  weights?: Map<string, number>;
  byType?: boolean;
}

function aggregate(a: IncidentArgs): ReturnType<typeof aggregateIncidents> {
  const periods = {
    beforeStart: bound(a.beforeStart, "beforeStart", "start"),
    beforeEnd: bound(a.beforeEnd, "beforeEnd", "end"),
    afterStart: bound(a.afterStart, "afterStart", "start"),
    afterEnd: bound(a.afterEnd, "afterEnd", "end"),
  };
  const areas = {
    target: areaList(a.targetAreas, "targetAreas", true),
    buffer: areaList(a.bufferAreas, "bufferAreas", false),
    control: areaList(a.controlAreas, "controlAreas", true),
  };
  const hasTypes = !isBlank(a.offenceTypes);
  // Excel's arrays go straight to the core: no flattening copies.
  const cols = {
    dates: column(a.dates, "dates"),
    areas: column(a.areas, "areas"),
    offenceTypes: hasTypes ? column(a.offenceTypes, "offenceTypes") : undefined,
  };
  if (a.weights && !hasTypes)
    throw valueError("A weight table needs the offenceTypes column too; select it as the tenth argument.");
  let result: ReturnType<typeof aggregateIncidents>;
  try {
    result = aggregateIncidents(cols, areas, periods, {
      weights: a.weights,
      byType: a.byType,
      unknownType: "error",
    });
  } catch (e) {
    if (!isHarmError(e)) explainShape(cols);
    throw e;
  }
  reportUnusableRows(result);
  return result;
}

/**
 * A cell can't list rejected rows, so any row that could not be read (bad or
 * blank date, error value, month straddling a period) fails the whole result
 * rather than leaving the counts silently short. Rows with no area code are
 * the exception: they belong to no area (police.uk "No Location" rows), so
 * they cannot change any count.
 */
function reportUnusableRows(r: ReturnType<typeof aggregateIncidents>): void {
  const unusable = r.rejectedCount - (r.rejectedByReason[REASON.noArea] ?? 0);
  if (unusable <= 0) return;
  const first = r.rejected.find((x) => x.reason !== REASON.noArea);
  const where = first
    ? `row ${first.row} (${first.reason}${first.value ? `: '${first.value}'` : ""})`
    : "some rows";
  const more = unusable > 1 ? ` and ${unusable - 1} other row${unusable > 2 ? "s" : ""}` : "";
  throw valueError(
    `${where}${more} could not be used; fix or remove them, or use the task pane's evaluation, which lists every unusable row.`,
  );
}

/**
 * Counts incidents (or harm totals) by area group and period from incident rows, spilling three rows (target, buffer, control) by two columns (before, after).
 * @customfunction PERIODCOUNTS
 * @param dates Column of incident dates (dates or yyyy-mm months).
 * @param areas Column of area codes, one per incident.
 * @param targetAreas Target area codes: a range of cells, or one cell with codes separated by commas.
 * @param bufferAreas Buffer area codes (may be blank).
 * @param controlAreas Control area codes.
 * @param beforeStart First day of the before period.
 * @param beforeEnd Last day of the before period.
 * @param afterStart First day of the after period.
 * @param afterEnd Last day of the after period.
 * @param [offenceTypes] Column of offence types, one per incident (needed with a weight table).
 * @param [weightTable] Two columns, offence type then harm weight, to get harm totals instead of counts.
 * @returns Three rows (target, buffer, control) by two columns (before, after).
 */
export function periodCounts(
  dates: any[][],
  areas: any[][],
  targetAreas: any[][],
  bufferAreas: any[][],
  controlAreas: any[][],
  beforeStart: any[][],
  beforeEnd: any[][],
  afterStart: any[][],
  afterEnd: any[][],
  offenceTypes?: any[][],
  weightTable?: any[][],
): any[][] {
  return guardMatrix(() => {
    const weights = isBlank(weightTable) ? undefined : parseWeightTable(weightTable);
    const r = aggregate({
      dates,
      areas,
      offenceTypes,
      targetAreas,
      bufferAreas,
      controlAreas,
      beforeStart,
      beforeEnd,
      afterStart,
      afterEnd,
      weights,
    });
    return [
      [r.target.before, r.target.after],
      [r.buffer.before, r.buffer.after],
      [r.control.before, r.control.after],
    ];
  });
}

/**
 * Harm-weighted WDD from incident rows: sums weight × WDD for each offence type, with the matching variance (Wheeler & Ratcliffe 2018).
 * @customfunction HARMWDD
 * @param dates Column of incident dates (dates or yyyy-mm months).
 * @param areas Column of area codes, one per incident.
 * @param offenceTypes Column of offence types, one per incident.
 * @param targetAreas Target area codes: a range, or one cell with codes separated by commas.
 * @param controlAreas Control area codes.
 * @param beforeStart First day of the before period.
 * @param beforeEnd Last day of the before period.
 * @param afterStart First day of the after period.
 * @param afterEnd Last day of the after period.
 * @param weightTable Two columns: offence type, then harm weight.
 * @param [bufferAreas] Buffer area codes. Leave blank if there is no buffer.
 * @param [confidence] Confidence level, e.g. 0.95 (the default).
 * @returns Estimate, standard error, Z, lower, upper (five cells). Negative means harm fell.
 */
export function harmWdd(
  dates: any[][],
  areas: any[][],
  offenceTypes: any[][],
  targetAreas: any[][],
  controlAreas: any[][],
  beforeStart: any[][],
  beforeEnd: any[][],
  afterStart: any[][],
  afterEnd: any[][],
  weightTable: any[][],
  bufferAreas?: any[][],
  confidence?: any[][],
): any[][] {
  return guardMatrix(() => {
    if (isBlank(offenceTypes)) throw valueError("offenceTypes is empty; select the column of offence types.");
    if (isBlank(weightTable))
      throw valueError("weightTable is empty; select two columns: offence type, weight.");
    const weights = parseWeightTable(weightTable);
    const conf = confidenceOf(unwrapScalar(confidence ?? null, "confidence"));
    const hasBuffer = !isBlank(bufferAreas);
    const r = aggregate({
      dates,
      areas,
      offenceTypes,
      targetAreas,
      bufferAreas: bufferAreas ?? null,
      controlAreas,
      beforeStart,
      beforeEnd,
      afterStart,
      afterEnd,
      weights,
      byType: true,
    });
    // Σ w_k·WDD_k with Var Σ w_k²·Var_k (formulas.md): never WDD of harm totals.
    const parts = [...(r.byType ?? new Map())].map(([type, counts]) => ({
      offenceType: type,
      weight: weights.get(type) as number,
      target: counts.target,
      control: counts.control,
      buffer: hasBuffer ? counts.buffer : undefined,
    }));
    if (parts.length === 0)
      throw valueError("No incidents fall in the areas and periods given, so there is nothing to compare.");
    return [wddCells(coreHarmWdd(parts, conf))];
  });
}

// ---- Prioritisation ------------------------------------------------------------------------

const CRITERIA_KEYS = PRIORITY_CRITERIA.map((c) => c.key);

/** A range of up to five weights in criterion order (a row or a column); blanks keep the default. */
function priorityWeights(v: unknown): Partial<PriorityWeights> | undefined {
  if (isBlank(v)) return undefined;
  const cells: unknown[] = [];
  const walk = (x: unknown): void => {
    if (Array.isArray(x)) x.forEach(walk);
    else cells.push(x);
  };
  walk(v);
  if (cells.length > CRITERIA_KEYS.length)
    throw valueError(
      `weights has ${cells.length} cells; give at most five (extent, seriousness, community concern, ability to impact, confidence).`,
    );
  const out: Partial<PriorityWeights> = {};
  cells.forEach((cell, i) => {
    if (isBlank(cell)) return;
    const label = PRIORITY_CRITERIA[i].label;
    const n = toNumber(cell, `The weight for ${label}`);
    if (n < 0) throw valueError(`The weight for ${label} must not be negative; got ${n}.`);
    out[CRITERIA_KEYS[i] as PriorityCriterionKey] = n;
  });
  return out;
}

/** A 1–5 rating cell; blank means "not scored". Text numbers are read as numbers, as Excel does. */
function rating(v: unknown, label: string, row?: number): number | undefined {
  if (isBlank(v)) return undefined;
  const where = row === undefined ? "" : ` in row ${row}`;
  return toNumber(v, `${label}${where}`);
}

/**
 * Priority score from 0 to 100 for a harm, from 1–5 ratings (UKDPC 2009, step 2). Blank optional ratings are left out.
 * @customfunction PRIORITY
 * @param extent How widespread the harm is, 1 (isolated) to 5 (widespread): a cell or a column.
 * @param seriousness How severe the harm is, 1 (minor) to 5 (grave).
 * @param [communityConcern] How much local people say it matters, 1 to 5.
 * @param [abilityToImpact] How far police and partners could reduce it, 1 to 5.
 * @param [confidence] How sure you are of the evidence, 1 to 5.
 * @param [weights] Up to five weights in the order above (default 3, 3, 2, 2, 1).
 * @returns Score from 0 (lowest priority) to 100.
 */
export function priority(
  extent: any[][],
  seriousness: any[][],
  communityConcern?: any[][],
  abilityToImpact?: any[][],
  confidence?: any[][],
  weights?: any[][],
): any[][] {
  return guardMatrix(() => {
    const w = priorityWeights(weights ?? null);
    return mapRows(
      [
        { name: "extent", value: extent },
        { name: "seriousness", value: seriousness },
        { name: "communityConcern", value: communityConcern ?? null },
        { name: "abilityToImpact", value: abilityToImpact ?? null },
        { name: "confidence", value: confidence ?? null },
      ],
      (cells) => {
        const scores: Record<string, number | undefined> = {};
        PRIORITY_CRITERIA.forEach((c, i) => (scores[c.key] = rating(cells[i], c.label)));
        return [priorityScore(scores as PriorityScores, w).score];
      },
    );
  });
}

/**
 * Ranks harms by priority score and shows why: spills rank, harm, score and each criterion's share of the score, under a header row.
 * @customfunction PRIORITISE
 * @param labels Column of harm names.
 * @param criteria Ratings 1–5, one row per harm, in columns: extent, seriousness, then optionally community concern, ability to impact, confidence.
 * @param [weights] Up to five weights in the same order (default 3, 3, 2, 2, 1).
 * @returns A ranked table, highest priority first, with a header row.
 */
export function prioritise(labels: any[][], criteria: any[][], weights?: any[][]): any[][] {
  return guardMatrix(() => {
    const w = priorityWeights(weights ?? null);
    if (!Array.isArray(labels) || labels.length === 0)
      throw valueError("labels is empty; select the harm names.");
    if (!Array.isArray(criteria) || criteria.length === 0 || !Array.isArray(criteria[0]))
      throw valueError("criteria is empty; select the ratings, one row per harm.");
    const width = (criteria[0] as unknown[]).length;
    if (width < 2 || width > CRITERIA_KEYS.length)
      throw valueError(
        `criteria has ${width} column(s); select 2 to 5 columns: extent, seriousness, community concern, ability to impact, confidence.`,
      );
    const names = labels.map((row, i) => {
      const cell = Array.isArray(row) ? row : [row];
      if (cell.length !== 1) throw valueError("labels must be a single column of harm names.");
      const v = cell[0];
      if (isExcelError(v)) throw valueError(`labels row ${i + 1} contains an error value; fix that cell.`);
      return isBlank(v) ? `Row ${i + 1}` : String(v);
    });
    if (criteria.length !== names.length)
      throw valueError(
        `criteria has ${criteria.length} rows but labels has ${names.length}; select ranges of the same length.`,
      );
    const items = criteria.map((row, i) => {
      if (!Array.isArray(row) || row.length !== width)
        throw valueError("criteria must be a rectangular range, one row per harm.");
      const scores: Record<string, number | undefined> = {};
      PRIORITY_CRITERIA.forEach(
        (c, j) => (scores[c.key] = j < width ? rating(row[j], c.label, i + 1) : undefined),
      );
      return { label: names[i], scores: scores as PriorityScores };
    });
    const ranked = corePrioritise(items, w);
    const header = ["Rank", "Harm", "Score", ...PRIORITY_CRITERIA.slice(0, width).map((c) => c.label)];
    return [header, ...ranked.map((r) => [r.rank, r.label, r.score, ...r.contributions.slice(0, width)])];
  });
}

/** Used by tests to list the exported adapters alongside their Excel ids. */
export const HARM_FUNCTIONS = {
  "HARM.CHANGE": change,
  "HARM.POISSONZ": poissonZ,
  "HARM.ETEST": eTest,
  "HARM.RES": res,
  "HARM.RES.CI": resCi,
  "HARM.WDQ": wdq,
  "HARM.NETEFFECT": netEffect,
  "HARM.WDD": wdd,
  "HARM.DISPLACEMENT": displacement,
  "HARM.EVALUATE": evaluate,
  "HARM.PERIODCOUNTS": periodCounts,
  "HARM.HARMWDD": harmWdd,
  "HARM.PRIORITY": priority,
  "HARM.PRIORITISE": prioritise,
} as const;
