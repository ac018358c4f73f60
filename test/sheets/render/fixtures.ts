/**
 * Hand-made SheetModels that exercise every feature the renderers support.
 * Used before (and alongside) buildWorkbook so renderer tests don't depend
 * on the specs' exact layout.
 */
import type { CellInput, SheetModel } from "../../../src/sheets/model";

export const INJECTION = '=HYPERLINK("http://evil.example","click")';

function blank(key: string, name: string, tabColour: string): SheetModel {
  return {
    key,
    name,
    tabColour,
    columnWidths: [],
    cells: [],
    tables: [],
    names: [],
    validations: [],
    conditionalFormats: [],
    charts: [],
  };
}

export function fixtureSheets(resultRows = 10): SheetModel[] {
  const operation = blank("operation", "Operation", "#1F3864");
  operation.columnWidths = [28, 40];
  operation.cells = [
    { address: "A1", value: "Operation", style: "title", merge: "A1:D1" },
    { address: "A2", value: "UKDPC 2009, Chapter 4", style: "source" },
    { address: "A4", value: "Operation name", style: "label" },
    { address: "B4", value: "Op Clearwater", style: "input" },
    { address: "A5", value: "Notes", style: "label" },
    { address: "B5", value: "-started after a tip-off", style: "input", literal: true },
    { address: "A6", value: "Prepared on", style: "label" },
    { address: "B6", value: 46000, style: "input", format: "dd/mm/yyyy" },
  ];
  operation.names = [{ name: "HP_OperationName", ref: "B4", comment: "Name of the operation" }];
  operation.validations = [{ range: "B6", rule: { kind: "date" }, prompt: "Date the plan was prepared." }];
  operation.freeze = { rows: 3 };
  operation.print = { area: "A1:D20", orientation: "portrait", fitToPagesWide: 1, fitToPagesTall: 1 };

  const harm = blank("harm-matrix", "Harm Matrix", "#C00000");
  harm.columnWidths = [30, 12, 12, 14];
  harm.cells = [
    { address: "A1", value: "Harm Matrix", style: "title" },
    { address: "A2", value: "UKDPC 2009, Table 4.1", style: "source" },
  ];
  harm.tables = [
    {
      name: "HP_HarmMatrix",
      topLeft: "A4",
      style: "TableStyleMedium2",
      columns: [
        { key: "harm", header: "Harm", help: "The harm in plain words.", computed: false, wrap: true },
        {
          key: "severity",
          header: "Severity",
          help: "1 (low) to 5 (high).",
          computed: false,
          validation: { kind: "whole", min: 1, max: 5 },
        },
        {
          key: "extent",
          header: "Extent",
          help: "1 (low) to 5 (high).",
          computed: false,
          validation: { kind: "whole", min: 1, max: 5 },
        },
        {
          key: "score",
          header: "Score",
          help: "Severity × extent.",
          computed: true,
          format: "0.0",
        },
      ],
      rows: [
        ["Violence linked to the market", 4, 3, { formula: "=[@Severity]*[@Extent]", value: 12 }],
        ["Discarded needles", 2, 4, { formula: "=[@Severity]*[@Extent]", value: 8 }],
        [INJECTION, 1, 1, { formula: "=[@Severity]*[@Extent]", value: 1 }],
      ],
    },
  ];
  harm.names = [{ name: "HP_HarmLabels", ref: "A5:A7", comment: "Harm labels for drop-downs" }];
  harm.conditionalFormats = [
    { range: "D5:D7", kind: "colorScale3", colours: ["#63BE7B", "#FFEB84", "#F8696B"] },
  ];
  harm.freeze = { rows: 4, columns: 1 };
  harm.print = { area: "A1:D20", orientation: "landscape", fitToPagesWide: 1, fitToPagesTall: 1 };

  const responses = blank("responses", "Responses", "#548235");
  responses.tables = [
    {
      name: "HP_Responses",
      topLeft: "A4",
      style: "TableStyleMedium4",
      columns: [
        { key: "response", header: "Response", help: "What will be done.", computed: false },
        {
          key: "harm",
          header: "Harm addressed",
          help: "Pick a harm from the Harm Matrix.",
          computed: false,
          validation: { kind: "listRef", source: "=HP_HarmLabels" },
        },
        {
          key: "lead",
          header: "Lead",
          help: "Who leads.",
          computed: false,
          validation: { kind: "list", values: ["Police", "Council", "Health", "Other"] },
        },
        {
          key: "start",
          header: "Start",
          help: "Start date.",
          computed: false,
          format: "dd/mm/yyyy",
          validation: { kind: "date" },
        },
      ],
      rows: [],
    },
  ];
  responses.cells = [
    { address: "A1", value: "Responses", style: "title" },
    {
      address: "A2",
      value: { formula: '="Operation: "&HP_OperationName', value: "Operation: Op Clearwater" },
    },
    { address: "C2", value: { formula: "=COUNTA('Harm Matrix'!A5:A7)", value: 3 }, style: "computed" },
  ];

  const results = blank("results", "Results", "#7030A0");
  const rows: CellInput[][] = [];
  for (let i = 0; i < resultRows; i++)
    rows.push([`Area ${i + 1}`, 100 + i, 50 + i, { formula: "=[@After]-[@Before]", value: -50 }]);
  results.tables = [
    {
      name: "HP_Results",
      topLeft: "A4",
      style: "TableStyleLight9",
      columns: [
        { key: "area", header: "Area", help: "Area name.", computed: false },
        {
          key: "before",
          header: "Before",
          help: "Count before.",
          computed: false,
          format: "0",
          validation: { kind: "decimal", min: 0 },
        },
        {
          key: "after",
          header: "After",
          help: "Count after.",
          computed: false,
          format: "0",
          validation: { kind: "decimal", min: 0 },
        },
        { key: "change", header: "Change", help: "After − before.", computed: true, format: "0" },
      ],
      rows,
    },
  ];
  results.cells = [
    { address: "A1", value: "Results", style: "title" },
    { address: "F4", value: "WDQ", style: "label" },
    { address: "G4", value: { formula: "=HARM.WDQ(100,50,100,150,100,100)", value: -1 }, format: "0.00" },
    { address: "F5", value: "Total change", style: "label" },
    { address: "G5", value: { formula: "=SUM(HP_Results[Change])", value: -500 }, format: "0" },
  ];

  const summary = blank("summary", "Summary", "#ED7D31");
  summary.cells = [
    { address: "A1", value: "Summary", style: "title" },
    { address: "A3", value: "Measure", style: "heading" },
    { address: "B3", value: "Before", style: "heading" },
    { address: "C3", value: "After", style: "heading" },
    { address: "A4", value: "Target" },
    { address: "B4", value: 100 },
    { address: "C4", value: 50 },
    { address: "A5", value: "Buffer" },
    { address: "B5", value: 100 },
    { address: "C5", value: 150 },
  ];
  summary.charts = [
    {
      title: "Before and after",
      type: "columnClustered",
      dataRange: "A3:C5",
      seriesBy: "columns",
      anchor: { from: "E3", to: "L18" },
    },
  ];
  summary.print = { area: "A1:L20", orientation: "landscape", fitToPagesWide: 1, fitToPagesTall: 1 };
  return [operation, harm, responses, results, summary];
}
