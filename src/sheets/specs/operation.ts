/**
 * Operation sheet: the operation's details as named cells (HP_…), the harm
 * weights per offence type and the priority weights used by the Harm Matrix.
 */
import { PRIORITY_CRITERIA, DEFAULT_PRIORITY_WEIGHTS } from "../../core/priority";
import { operationLengths, type Operation } from "../../core/operation";
import { PROCESS_SOURCE, PROCESS_STEPS } from "../../core/framework/process";
import { isoToSerialOrNull } from "../../core/incidents/dates";
import { DATE_FORMAT, type FieldSpec, type SheetSpec } from "./layout";
import { sheetIdentity, type SpecContext } from "./input";
import { planningRows } from "./planning";
import { workbookName } from "./common";
import { areaCellText, areasBlock } from "./operationAreas";

type CellKind = "text" | "date" | "areas" | "number";

/** [field, label, kind] of each named input cell, in sheet order. */
const CELL_TABLE = [
  ["name", "Operation name", "text"],
  ["force", "Force or area", "text"],
  ["analyst", "Analyst", "text"],
  ["preparedOn", "Prepared on", "date"],
  ["targetAreas", "Target areas", "areas"],
  ["bufferAreas", "Buffer areas", "areas"],
  ["controlAreas", "Control areas", "areas"],
  ["beforeStart", "Before period: start", "date"],
  ["beforeEnd", "Before period: end", "date"],
  ["afterStart", "After period: start", "date"],
  ["afterEnd", "After period: end", "date"],
  ["notes", "Notes", "text"],
  ["dispersion", "Dispersion (blank: from the data)", "number"],
  ["headlineMeasure", "Headline measure (blank: all selected crime)", "text"],
] as const satisfies readonly (readonly [string, string, CellKind])[];

export type OperationCellField = (typeof CELL_TABLE)[number][0];

/** Each named input cell of the Operation sheet: the one list the spec, the reader and the Summary use. */
export const OPERATION_CELLS: readonly {
  field: OperationCellField;
  label: string;
  name: string;
  kind: CellKind;
}[] = CELL_TABLE.map(([field, label, kind]) => ({
  field,
  label,
  // The one name not built from its field: workbooks already saved use it.
  name: field === "name" ? "HP_OperationName" : workbookName(field),
  kind,
}));

/** Field → workbook name, e.g. OPERATION_NAMES.targetAreas === "HP_TargetAreas". */
export const OPERATION_NAMES = Object.fromEntries(OPERATION_CELLS.map((c) => [c.field, c.name])) as Record<
  OperationCellField,
  string
>;

/** The value each named cell holds for `op`. */
export function operationCellValue(op: Operation, field: OperationCellField): string | number | null {
  switch (field) {
    case "targetAreas":
    case "bufferAreas":
    case "controlAreas":
      // A list too long for one cell is kept in the Areas table; the cell then says so.
      return areaCellText(op[field]);
    case "preparedOn":
      return isoToSerialOrNull(op.preparedOn);
    case "beforeStart":
      return isoToSerialOrNull(op.before.start);
    case "beforeEnd":
      return isoToSerialOrNull(op.before.end);
    case "afterStart":
      return isoToSerialOrNull(op.after.start);
    case "afterEnd":
      return isoToSerialOrNull(op.after.end);
    case "dispersion":
      return op.dispersion ?? "";
    default:
      return op[field] ?? "";
  }
}

export function operationFields(op: Operation): FieldSpec[] {
  return OPERATION_CELLS.map((c): FieldSpec =>
    c.kind === "number"
      ? {
          label: c.label,
          name: c.name,
          value: operationCellValue(op, c.field),
          format: "0.00",
          validation: { kind: "decimal", min: 1 },
          prompt:
            "1 = plain Poisson variation. Above 1 widens every interval (see docs/methods.md, Dispersion).",
        }
      : c.kind === "date"
        ? {
            label: c.label,
            name: c.name,
            value: operationCellValue(op, c.field),
            format: DATE_FORMAT,
            validation: { kind: "date" },
            prompt: "Enter a date (dd/mm/yyyy).",
          }
        : // Operation text is the analyst's: always literal, never a formula.
          { label: c.label, name: c.name, value: operationCellValue(op, c.field), literal: true },
  );
}

/** Names of the worked-out period lengths; the Results sheet reads them. */
export const LENGTH_NAMES = {
  unit: "HP_LengthUnit",
  before: "HP_BeforeLength",
  after: "HP_AfterLength",
} as const;

/**
 * Whole months when both periods run from a 1st to a month's last day (as
 * police.uk data need), else days: the same rule as periodLengths in src/core.
 */
function lengthFields(op: Operation): FieldSpec[] {
  const n = OPERATION_NAMES;
  const months = (start: string, end: string) => `AND(DAY(${start})=1,${end}=EOMONTH(${end},0))`;
  const unit =
    // ISNUMBER, not COUNT: HyperFormula counts an empty named cell, Excel does not.
    `=IF(NOT(AND(ISNUMBER(${n.beforeStart}),ISNUMBER(${n.beforeEnd}),ISNUMBER(${n.afterStart}),ISNUMBER(${n.afterEnd}))),"",` +
    `IF(AND(${months(n.beforeStart, n.beforeEnd)},${months(n.afterStart, n.afterEnd)}),"months","days"))`;
  const length = (start: string, end: string) =>
    `=IF(${LENGTH_NAMES.unit}="","",IF(${LENGTH_NAMES.unit}="months",` +
    `(YEAR(${end})-YEAR(${start}))*12+MONTH(${end})-MONTH(${start})+1,${end}-${start}+1))`;
  const l = operationLengths(op);
  const computed = (label: string, name: string, formula: string, value: string | number): FieldSpec => ({
    label,
    name,
    value: { formula, value },
    style: "computed",
  });
  return [
    computed("Lengths are in", LENGTH_NAMES.unit, unit, l?.unit ?? ""),
    computed(
      "Before period length",
      LENGTH_NAMES.before,
      length(n.beforeStart, n.beforeEnd),
      l?.before ?? "",
    ),
    computed("After period length", LENGTH_NAMES.after, length(n.afterStart, n.afterEnd), l?.after ?? ""),
  ];
}

export function operationSpec(ctx: SpecContext): SheetSpec {
  const op = ctx.input.operation;
  const areas = areasBlock(op);
  return {
    ...sheetIdentity("operation"),
    title: "Operation details",
    source:
      "Framework: UKDPC 2009, Chapter 4 (Figure 4.2, six steps from defining the problem to evaluating net benefit).",
    help: [
      "Start here. Fill in the operation, its areas and its before/after periods; the other sheets refer to these cells by name.",
      "Separate several areas with semicolons. Dates are dd/mm/yyyy. The weight tables feed the Results and Harm Matrix sheets.",
    ],
    titleSpan: 9,
    blocks: [
      {
        id: "fields",
        kind: "fields",
        heading: "The operation",
        fields: operationFields(op),
        widths: [24, 34],
      },
      {
        id: "lengths",
        kind: "fields",
        heading: "Period lengths (worked out from the dates)",
        fields: lengthFields(op),
        widths: [24, 34],
      },
      {
        id: "planning",
        kind: "grid",
        heading: "Planning: the smallest fall the evaluation could detect",
        rows: planningRows(op, ctx.input.planning),
        widths: [24, 34],
      },
      {
        id: "process",
        kind: "notes",
        heading: `The six steps (${PROCESS_SOURCE})`,
        span: 2,
        lines: PROCESS_STEPS.map((s) => `${s.step}. ${s.title}: ${s.sheets.join(", ")}.`),
      },
      ...(areas ? [areas] : []),
      {
        id: "harmWeights",
        kind: "table",
        lane: 3,
        heading: "Harm weights by offence type",
        table: {
          name: "HP_HarmWeights",
          columns: [
            {
              key: "offenceType",
              header: "Offence type",
              help: "police.uk crime category (or your own offence grouping).",
              width: 30,
            },
            {
              key: "weight",
              header: "Weight",
              help: "Harm per offence, e.g. Cambridge Crime Harm Index days or ONS Crime Severity Score. 1 = plain count.",
              width: 10,
              format: "0.00",
              validation: { kind: "decimal", min: 0 },
            },
            { key: "note", header: "Note", help: "Where the weight comes from.", width: 40, wrap: true },
          ],
          rows: op.harmWeights.map((w) => ({
            offenceType: w.offenceType,
            weight: w.weight,
            note: w.note ?? "",
          })),
        },
      },
      {
        id: "priorityWeights",
        kind: "table",
        lane: 7,
        heading: "Priority weights (Harm Matrix)",
        table: {
          name: "HP_PriorityWeights",
          columns: [
            { key: "criterion", header: "Criterion", help: "A criterion of the priority score.", width: 30 },
            {
              key: "weight",
              header: "Weight",
              help: "How much this criterion counts; 0 leaves it out.",
              width: 10,
              validation: { kind: "decimal", min: 0 },
            },
          ],
          rows: PRIORITY_CRITERIA.map((c) => ({
            criterion: c.label,
            weight: DEFAULT_PRIORITY_WEIGHTS[c.key],
          })),
        },
      },
      {
        id: "weightRow",
        kind: "grid",
        lane: 7,
        heading: "Weights as a row (used by formulas)",
        rows: [
          PRIORITY_CRITERIA.map((c) => ({ value: c.label, style: "label" as const })),
          PRIORITY_CRITERIA.map((c, i) => ({
            value: (loc) => {
              const src = loc.cell("priorityWeights", i, 1, true);
              // A blank weight falls back to the default, as in src/core/priority.ts.
              const d = DEFAULT_PRIORITY_WEIGHTS[c.key];
              return { formula: `=IF(ISNUMBER(${src}),${src},${d})`, value: d };
            },
            style: "computed" as const,
          })),
        ],
        names: [
          {
            name: "HP_PriorityWeightRow",
            row: 1,
            cols: PRIORITY_CRITERIA.length,
            comment: "Priority weights in criterion order, for the Harm Matrix score formula.",
          },
        ],
      },
    ],
    mainTable: "harmWeights",
  };
}
