/**
 * The Cohort sheet's results by group: native formulas over the people table
 * (SUMPRODUCT by group, BETAINV for the exact interval: the pre-2010 name,
 * which needs no "_xlfn." prefix in the file), and their cached
 * values from the core's one calculation (src/core/stats/cohort.ts
 * cohortSummary), so the two cannot drift (test/sheets/specs/cohort.test.ts).
 */
import {
  cohortSummary,
  type CohortGroup,
  type CohortGroupSummary,
  type CohortPerson,
} from "../../core/stats/cohort";
import type { Scalar } from "../model";
import type { CellSpec, GridCell, Locator } from "./layout";
import {
  blankCohortRow,
  COHORT_GROUP_LABELS,
  cohortRowCheck,
  groupOf,
  type CohortKey,
} from "./cohortColumns";
import type { CohortRow } from "./netBenefitCohortInput";

const NA = "n/a";

/** Result columns, left to right: each targeted group, every targeted person, then the comparison group. */
export const RESULT_COLUMNS = ["enforcement", "treatment", "both", "overall", "comparison"] as const;
export type ResultColumn = (typeof RESULT_COLUMNS)[number];
const HEADERS: Record<ResultColumn, string> = { ...COHORT_GROUP_LABELS, overall: "All targeted" };

/** Result rows, top to bottom, with their label and number format. */
export const RESULT_ROWS = [
  { key: "people", label: "People", format: "0" },
  { key: "k0", label: "Offences before", format: "0" },
  { key: "k1", label: "Offences after", format: "0" },
  { key: "d0", label: "Days at liberty before", format: "#,##0" },
  { key: "d1", label: "Days at liberty after", format: "#,##0" },
  { key: "rate0", label: "Offences per 365 days at liberty, before", format: "0.00" },
  { key: "rate1", label: "Offences per 365 days at liberty, after", format: "0.00" },
  { key: "rr", label: "Rate ratio (after ÷ before)", format: "0.00" },
  { key: "rrLower", label: "Lower 95% (exact)", format: "0.00" },
  { key: "rrUpper", label: "Upper 95% (exact)", format: "0.00" },
  { key: "eTestP", label: "E-test p (stored when built or imported)", format: "0.000" },
  { key: "share", label: "Share who offended after", format: "0%" },
  { key: "harm0", label: "Harm per 365 days at liberty, before", format: "0.0" },
  { key: "harm1", label: "Harm per 365 days at liberty, after", format: "0.0" },
  { key: "harmChange", label: "Harm-weighted change", format: "0.0%" },
  { key: "logDiff", label: "Log rate ratio minus the comparison's", format: "0.000" },
  { key: "vsRatio", label: "Rate ratio ÷ the comparison's", format: "0.00" },
  { key: "vsLower", label: "Lower 95%", format: "0.00" },
  { key: "vsUpper", label: "Upper 95%", format: "0.00" },
] as const;
export type ResultRow = (typeof RESULT_ROWS)[number]["key"];

/** Grid rows above the results: status lines, then the group headers. */
export const STATUS_ROWS = 3;

export type CohortCache = Record<ResultColumn, Record<ResultRow, Scalar>> & {
  fix: number;
  targeted: number;
};

const isBlank = (v: unknown) => v === null || v === undefined || v === "";

function personOf(r: CohortRow): CohortPerson {
  const days = (v: Scalar | undefined) => (isBlank(v) ? 0 : (v as number));
  const harm = (v: Scalar | undefined) => (isBlank(v) ? null : (v as number));
  return {
    id: r.reference,
    group: groupOf(r.group)!,
    windowDays: r.windowDays as number,
    offencesBefore: r.offencesBefore as number,
    offencesAfter: r.offencesAfter as number,
    daysNotAtLibertyBefore: days(r.daysNotAtLibertyBefore),
    daysNotAtLibertyAfter: days(r.daysNotAtLibertyAfter),
    harmBefore: harm(r.harmBefore),
    harmAfter: harm(r.harmAfter),
  };
}

function columnValues(
  s: CohortGroupSummary | undefined,
  withHarm: boolean,
  hasComparison: boolean,
  col: ResultColumn,
) {
  const out = {} as Record<ResultRow, Scalar>;
  for (const row of RESULT_ROWS) out[row.key] = "";
  if (!s) return out;
  const orNa = (v: number | null | undefined): Scalar => (v === null || v === undefined ? NA : v);
  Object.assign(out, {
    people: s.people,
    k0: s.offencesBefore,
    k1: s.offencesAfter,
    d0: s.daysAtLibertyBefore,
    d1: s.daysAtLibertyAfter,
    rate0: orNa(s.rateBefore),
    rate1: orNa(s.rateAfter),
    rr: orNa(s.rateRatio?.ratio),
    rrLower: orNa(s.rateRatio?.lower),
    rrUpper: orNa(s.rateRatio?.upper),
    eTestP: orNa(s.eTestP),
    share: s.shareReoffending,
    harm0: withHarm ? orNa(s.harmRateBefore) : "",
    harm1: withHarm ? orNa(s.harmRateAfter) : "",
    harmChange: withHarm ? orNa(s.harmChange) : "",
  });
  if (hasComparison && col !== "comparison") {
    const v = s.vsComparison;
    Object.assign(out, {
      logDiff: orNa(v?.logDifference),
      vsRatio: orNa(v?.ratio),
      vsLower: orNa(v?.lower),
      vsUpper: orNa(v?.upper),
    });
  }
  return out;
}

/**
 * What every results cell shows for these rows: "n/a" everywhere while a row
 * needs fixing, blank without targeted people or for a group with nobody in
 * it, otherwise the core's figures.
 */
export function cohortCache(rows: readonly CohortRow[]): CohortCache {
  const used = rows.filter((r) => !blankCohortRow(r));
  const fix = used.filter((r) => cohortRowCheck(r) !== "").length;
  const groupOfRow = (r: CohortRow) => groupOf(r.group);
  const targeted = used.filter((r) => {
    const g = groupOfRow(r);
    return g !== null && g !== "comparison";
  }).length;
  const cache = { fix, targeted } as CohortCache;
  const fill = (value: Scalar) => {
    for (const c of RESULT_COLUMNS)
      cache[c] = Object.fromEntries(RESULT_ROWS.map((r) => [r.key, value])) as Record<ResultRow, Scalar>;
  };
  if (fix > 0) fill(NA);
  else if (targeted === 0) fill("");
  else {
    const people = used.map(personOf);
    const summary = cohortSummary(people);
    const harmGiven = (col: ResultColumn) =>
      people
        .filter((p) => (col === "overall" ? p.group !== "comparison" : p.group === col))
        .every((p) => p.harmBefore !== null && p.harmAfter !== null);
    const hasComparison = summary.groups.some((g) => g.group === "comparison");
    for (const c of RESULT_COLUMNS) {
      const s = c === "overall" ? summary.overall : summary.groups.find((g) => g.group === c);
      cache[c] = columnValues(s, harmGiven(c), hasComparison, c);
    }
  }
  return cache;
}

// ---- native formulas ----

type Col = (key: CohortKey | "check") => string;

/** The rows of one column of results, as SUMPRODUCT over the people table's (grown) columns. */
function selector(col: ResultColumn, column: Col): string {
  const g = column("group");
  const is = (x: CohortGroup) => `(${g}="${COHORT_GROUP_LABELS[x]}")`;
  return col === "overall" ? `(${is("enforcement")}+${is("treatment")}+${is("both")})` : is(col);
}

interface GridContext {
  column: Col;
  /** Absolute address of the grid cell at (row, col) of the results block. */
  at(row: number, col: number): string;
}

const z = "NORM.S.INV(0.975)";

function formulaFor(row: ResultRow, c: number, ctx: GridContext): string {
  const col = RESULT_COLUMNS[c];
  const sel = selector(col, ctx.column);
  const sum = (key: CohortKey) => `SUMPRODUCT(${sel}*1,${ctx.column(key)})`;
  const cell = (r: ResultRow, cc = c) =>
    ctx.at(STATUS_ROWS + RESULT_ROWS.findIndex((x) => x.key === r), cc + 1);
  const P = cell("people");
  const gated = (body: string) => `=IF(ISNUMBER(${P}),${body},${P})`;
  const [k0, k1, d0, d1] = [cell("k0"), cell("k1"), cell("d0"), cell("d1")];
  const scale = `(${d0}/${d1})`;
  const comparison = RESULT_COLUMNS.indexOf("comparison");
  const harmGiven = `SUMPRODUCT(${sel}*ISNUMBER(${ctx.column("harmBefore")})*ISNUMBER(${ctx.column("harmAfter")}))=${P}`;
  switch (row) {
    case "people": {
      const [fix, targeted] = [ctx.at(0, 1), ctx.at(1, 1)];
      const n = `SUMPRODUCT(${sel}*1)`;
      return `=IF(${fix}>0,"${NA}",IF(${targeted}=0,"",IF(${n}=0,"",${n})))`;
    }
    case "k0":
      return gated(sum("offencesBefore"));
    case "k1":
      return gated(sum("offencesAfter"));
    case "d0":
      return gated(`${sum("windowDays")}-${sum("daysNotAtLibertyBefore")}`);
    case "d1":
      return gated(`${sum("windowDays")}-${sum("daysNotAtLibertyAfter")}`);
    case "rate0":
      return gated(`IF(${d0}>0,${k0}*365/${d0},"${NA}")`);
    case "rate1":
      return gated(`IF(${d1}>0,${k1}*365/${d1},"${NA}")`);
    case "rr":
      return gated(`IF(OR(${d0}=0,${d1}=0,${k0}=0),"${NA}",(${k1}/${k0})*${scale})`);
    case "rrLower": {
      const p = `BETAINV(0.025,${k1},${k0}+1)`;
      const rr = cell("rr");
      return `=IF(ISNUMBER(${rr}),IF(${k1}=0,0,${p}/(1-${p})*${scale}),${rr})`;
    }
    case "rrUpper": {
      const p = `BETAINV(0.975,${k1}+1,${k0})`;
      const rr = cell("rr");
      return `=IF(ISNUMBER(${rr}),${p}/(1-${p})*${scale},${rr})`;
    }
    case "share":
      return gated(
        `SUMPRODUCT(${sel}*ISNUMBER(${ctx.column("offencesAfter")})*(${ctx.column("offencesAfter")}>0))/${P}`,
      );
    case "harm0":
      return gated(`IF(${harmGiven},IF(${d0}>0,${sum("harmBefore")}*365/${d0},"${NA}"),"")`);
    case "harm1":
      return gated(`IF(${harmGiven},IF(${d1}>0,${sum("harmAfter")}*365/${d1},"${NA}"),"")`);
    case "harmChange": {
      const [h0, h1] = [cell("harm0"), cell("harm1")];
      return gated(
        `IF(${h0}="","",IF(AND(ISNUMBER(${h0}),ISNUMBER(${h1})),IF(${h0}>0,${h1}/${h0}-1,"${NA}"),"${NA}"))`,
      );
    }
    case "logDiff": {
      const cp = cell("people", comparison);
      const [rr, rrc] = [cell("rr"), cell("rr", comparison)];
      const counts = [k0, k1, cell("k0", comparison), cell("k1", comparison)];
      const ok = `AND(ISNUMBER(${rr}),ISNUMBER(${rrc}),${counts.map((k) => `${k}>0`).join(",")})`;
      return gated(`IF(NOT(ISNUMBER(${cp})),"",IF(${ok},LN(${rr})-LN(${rrc}),"${NA}"))`);
    }
    case "vsRatio":
    case "vsLower":
    case "vsUpper": {
      const ld = cell("logDiff");
      const counts = [k0, k1, cell("k0", comparison), cell("k1", comparison)];
      const half = `${z}*SQRT(${counts.map((k) => `1/${k}`).join("+")})`;
      const body = row === "vsRatio" ? `EXP(${ld})` : `EXP(${ld}${row === "vsLower" ? "-" : "+"}${half})`;
      return `=IF(ISNUMBER(${ld}),${body},${ld})`;
    }
    case "eTestP":
      throw new Error("The E-test p is stored, not a formula");
  }
}

const label = (value: string): CellSpec => ({ value, style: "label" });

/** The results grid: two status rows, the group headers, then one row per figure. */
export function resultsGrid(
  rows: readonly CohortRow[],
  block: string,
  column: (loc: Locator, key: CohortKey | "check") => string,
): GridCell[][] {
  const cache = cohortCache(rows);
  const ctxOf = (loc: Locator): GridContext => ({
    column: (key) => column(loc, key),
    at: (r, c) => loc.cell(block, r, c, true),
  });
  const status = (text: string, value: number, formula: (ctx: GridContext) => string): GridCell[] => [
    label(text),
    { value: (loc) => ({ formula: formula(ctxOf(loc)), value }), style: "computed", format: "0" },
  ];
  return [
    status("Rows to fix (see Row check)", cache.fix, (c) => `=SUMPRODUCT((${c.column("check")}<>"")*1)`),
    status("People targeted", cache.targeted, (c) => `=SUMPRODUCT(${selector("overall", c.column)}*1)`),
    [label(""), ...RESULT_COLUMNS.map((c) => label(HEADERS[c]))],
    ...RESULT_ROWS.map((row): GridCell[] => [
      label(row.label),
      ...RESULT_COLUMNS.map((col, c): CellSpec => {
        const value = cache[col][row.key];
        const versus = ["logDiff", "vsRatio", "vsLower", "vsUpper"].includes(row.key);
        if (row.key === "eTestP" || (versus && col === "comparison"))
          return { value, style: "computed", format: row.format };
        return {
          value: (loc) => ({ formula: formulaFor(row.key, c, ctxOf(loc)), value }),
          style: "computed",
          format: row.format,
        };
      }),
    ]),
  ];
}
