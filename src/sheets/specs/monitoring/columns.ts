/** The Monitoring table's columns: the month and its counts (typed or counted), then what the sheet works out. */
import type { ColumnSpec } from "../layout";
import { computedColumn as computed, computedColumns, numberColumn } from "../columns";

export const MONTH_FORMAT = "mmm yyyy";

/** A month's count: typed or counted from incident data. */
const count = (key: string, header: string, help: string): ColumnSpec =>
  numberColumn(key, header, help, 9, "0", true);

export const MONITORING_COLUMNS: ColumnSpec[] = [
  {
    key: "month",
    header: "Month",
    help: "The month (its 1st day). Add a row for a month not listed and type its counts.",
    width: 11,
    format: MONTH_FORMAT,
    validation: { kind: "date" },
  },
  computed(
    "period",
    "Period",
    "earlier (history before the baseline), before (the baseline), between, or after (from the operation's start).",
    undefined,
    9,
  ),
  count("target", "Target", "Crimes in the target areas this month. Blank means no data, never 0."),
  count("buffer", "Buffer", "Crimes in the buffer areas. Leave blank when there is no buffer."),
  count("control", "Control", "Crimes in the control areas."),
  ...computedColumns("0.0", 10, [
    ["low", "Expected low", "Lower limit of the target's expected range (Wheeler 2016)."],
    ["high", "Expected high", "Upper limit of the target's expected range."],
  ]),
  computed(
    "flag",
    "Outside range?",
    "above or below when the target is outside its expected range; no data when the month has no count.",
    undefined,
    9,
  ),
  computed("lastYear", "Same month last year", "The target's count 12 months earlier, when listed.", "0", 10),
  computed(
    "lastYearZ",
    "Z vs last year",
    "Wheeler's Z = 2(√this − √last year)/√dispersion; beyond ±3 is unusual for the season.",
    "0.00",
    9,
  ),
  ...computedColumns("0", 10, [
    ["tSoFar", "Target so far", "Target crimes from the start month to this month (complete months)."],
    ["bSoFar", "Buffer so far", "Buffer crimes from the start month to this month."],
    ["cSoFar", "Control so far", "Control crimes from the start month to this month."],
  ]),
  ...computedColumns("0.0", 11, [
    [
      "net",
      "Net effect so far",
      "Crimes prevented so far against the control's trend (Bowers & Johnson 2003); #N/A: no data this month, left as a gap in the chart.",
    ],
    ["netLower", "Net effect lower 95%", "Delta-method interval, as on the Results sheet."],
    ["netUpper", "Net effect upper 95%", "Upper limit of the net effect so far."],
  ]),
  computed("band", "Band (high − low)", "Chart helper: the expected range drawn as a shaded band.", "0.0", 9),
  computed("start", "Start marker", "Chart helper: a bar at the operation's first month.", "0", 8),
  {
    key: "note",
    header: "Note",
    help: "Context for the month: events, data problems, operational activity.",
    width: 30,
    wrap: true,
  },
];
