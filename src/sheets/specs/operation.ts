/**
 * Operation sheet: the operation's details as named cells (HP_…), the harm
 * weights per offence type and the priority weights used by the Harm Matrix.
 */
import { PRIORITY_CRITERIA, DEFAULT_PRIORITY_WEIGHTS } from "../../core/priority";
import type { Operation } from "../../core/operation";
import { PROCESS_SOURCE, PROCESS_STEPS } from "../../core/framework/process";
import { DATE_FORMAT, isoToSerial, type FieldSpec, type SheetSpec } from "./layout";
import { TAB_COLOURS, type SpecContext } from "./input";

const dateField = (label: string, name: string, iso: string): FieldSpec => ({
  label,
  name,
  value: isoToSerial(iso),
  format: DATE_FORMAT,
  validation: { kind: "date" },
  prompt: "Enter a date (dd/mm/yyyy).",
});

const textField = (label: string, name: string, text: string | undefined): FieldSpec => ({
  label,
  name,
  // Operation text is the analyst's: always literal, never a formula.
  value: text ?? "",
  literal: true,
});

const list = (areas: string[]) => areas.filter((a) => a.trim() !== "").join("; ");

export function operationFields(op: Operation): FieldSpec[] {
  return [
    textField("Operation name", "HP_OperationName", op.name),
    textField("Force or area", "HP_Force", op.force),
    textField("Analyst", "HP_Analyst", op.analyst),
    dateField("Prepared on", "HP_PreparedOn", op.preparedOn),
    textField("Target areas", "HP_TargetAreas", list(op.targetAreas)),
    textField("Buffer areas", "HP_BufferAreas", list(op.bufferAreas)),
    textField("Control areas", "HP_ControlAreas", list(op.controlAreas)),
    dateField("Before period: start", "HP_BeforeStart", op.before.start),
    dateField("Before period: end", "HP_BeforeEnd", op.before.end),
    dateField("After period: start", "HP_AfterStart", op.after.start),
    dateField("After period: end", "HP_AfterEnd", op.after.end),
    textField("Notes", "HP_Notes", op.notes),
  ];
}

export function operationSpec(ctx: SpecContext): SheetSpec {
  const op = ctx.input.operation;
  return {
    key: "operation",
    name: "Operation",
    tabColour: TAB_COLOURS.operation,
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
        id: "process",
        kind: "notes",
        heading: `The six steps (${PROCESS_SOURCE})`,
        span: 2,
        lines: PROCESS_STEPS.map((s) => `${s.step}. ${s.title}: ${s.sheets.join(", ")}.`),
      },
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
