/**
 * Measures sheet: outcome measures for the harms targeted (UKDPC 2009,
 * step 4) with a starter library from Appendix C and Harocopos & Hough.
 */
import { DATA_SOURCES, DATA_SOURCES_SOURCE } from "../../core/framework/dataSources";
import { HARM_LEVELS } from "../../core/framework/harmMatrix";
import { MEASURE_LIBRARY, MEASURES_SOURCE } from "../../core/framework/measures";
import type { RowValues, SheetSpec } from "./layout";
import { sheetIdentity, type SpecContext } from "./input";
import { choiceColumn } from "./columns";
import { HARM_LABEL_LIST, blankRows, starterOn } from "./common";
import { harmLabelById } from "./harmMatrix";

export function measuresSpec(ctx: SpecContext): SheetSpec {
  const rows: RowValues[] = starterOn(ctx.input)
    ? MEASURE_LIBRARY.map((m) => ({
        measure: m.measure,
        harm: harmLabelById(m.harmId),
        source: m.dataSource,
        level: m.level,
        betterWhen: m.betterWhen,
      }))
    : blankRows(3);
  return {
    ...sheetIdentity("measures"),
    title: "Measures: how will you know the harms fell?",
    source: `Sources: ${MEASURES_SOURCE}; data sources from ${DATA_SOURCES_SOURCE}.`,
    help: [
      "Measure outcomes (changes in the harms themselves), not outputs such as arrests, seizures or 'disruptions' (N8 PRP 2024; UKDPC 2009, step 4).",
      "Pick measures for the harms you target and for harms the operation might increase; record the baseline before the operation starts.",
      "Delete starter measures you will not use. Blank cells in 'Baseline' and 'Target value' are yours to fill in.",
    ],
    titleSpan: 9,
    blocks: [
      {
        id: "measures",
        kind: "table",
        table: {
          name: "HP_Measures",
          columns: [
            {
              key: "measure",
              header: "Measure",
              help: "What you will count or survey.",
              width: 48,
              wrap: true,
            },
            {
              key: "harm",
              header: "Harm measured",
              help: "The harm this measure tracks (Harm Matrix list).",
              width: 32,
              wrap: true,
              validation: HARM_LABEL_LIST,
            },
            {
              key: "source",
              header: "Data source",
              help: `Where the data will come from (${DATA_SOURCES_SOURCE}).`,
              width: 32,
              wrap: true,
              validation: { kind: "listRef", source: "=HP_DataSources" },
            },
            choiceColumn("level", "Level", "The level at which the harm is felt.", 16, HARM_LEVELS),
            { key: "baseline", header: "Baseline", help: "Value before the operation starts.", width: 11 },
            { key: "target", header: "Target value", help: "The value you aim for.", width: 11 },
            choiceColumn(
              "betterWhen",
              "Better when",
              "Whether a lower or a higher value means less harm.",
              11,
              ["Lower", "Higher"],
            ),
            {
              key: "frequency",
              header: "Frequency",
              help: "How often you will collect it (monthly…).",
              width: 12,
            },
            { key: "owner", header: "Owner", help: "Who collects and reports it.", width: 18 },
          ],
          rows,
        },
      },
      {
        id: "sources",
        kind: "grid",
        lane: 10,
        heading: `Data sources (${DATA_SOURCES_SOURCE})`,
        widths: [44],
        rows: DATA_SOURCES.map((s) => [s]),
        names: [
          {
            name: "HP_DataSources",
            row: 0,
            cols: 1,
            rows: DATA_SOURCES.length,
            comment: "Box B information sources, for the Measures drop-down.",
          },
        ],
      },
    ],
    mainTable: "measures",
  };
}
