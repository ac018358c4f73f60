import { HarmError } from "../../src/core/errors";
import {
  operationProblems,
  periodLengths,
  periodSerials,
  periodsBeyondData,
  type Operation,
} from "../../src/core/operation";
import { operation } from "../support/operation";

/** Excel's serial day, counted independently: days since 30/12/1899 (Excel's day 0, after its 1900 leap-year bug). */
const serial = (iso: string) => (Date.parse(`${iso}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / 86_400_000;

describe("operationProblems", () => {
  it("finds nothing wrong with a complete operation, for saving or evaluating", () => {
    expect(operationProblems(operation(), "save")).toEqual([]);
    expect(operationProblems(operation(), "evaluate")).toEqual([]);
  });

  it("lists what stops an operation being saved, in the analyst's terms", () => {
    const bad = { ...operation(), name: " ", after: { start: "2024-06-01", end: "2024-05-01" } };
    // An after period that runs backwards is reported as that; whether it overlaps the before period is moot.
    expect(operationProblems(bad, "save")).toEqual([
      "Give the operation a name.",
      "The after period ends before it starts.",
    ]);
    expect(operationProblems({ ...operation(), before: { start: "2024-01-01", end: "" } }, "save")).toEqual([
      "Enter both dates of the before period.",
    ]);
    expect(
      operationProblems({ ...operation(), after: { start: "2024-02-30", end: "2024-13-01" } }, "save"),
    ).toEqual(["The after period's start and end are not a real date."]);
  });

  it("refuses periods that overlap, or touch on the same day", () => {
    const overlap: Operation = {
      ...operation(),
      before: { start: "2024-01-01", end: "2024-07-15" },
      after: { start: "2024-07-01", end: "2024-12-31" },
    };
    expect(operationProblems(overlap, "save")).toEqual([
      "The before period must end before the after period starts.",
    ]);
    const sameDay = { ...overlap, before: { start: "2024-01-01", end: "2024-07-01" } };
    expect(operationProblems(sameDay, "save")).toEqual([
      "The before period must end before the after period starts.",
    ]);
    const nextDay = { ...overlap, before: { start: "2024-01-01", end: "2024-06-30" } };
    expect(operationProblems(nextDay, "save")).toEqual([]);
  });

  it("refuses an area in two sets, however it was typed", () => {
    const op = { ...operation(), controlAreas: ["W01000001", "w01 001685"] };
    expect(operationProblems(op, "save")).toEqual([
      "Area 'W01001685' is in both the target and control areas; each area may be in one set only.",
    ]);
    const twice = { ...operation(), bufferAreas: ["W01001685"], controlAreas: ["W01001685"] };
    expect(operationProblems(twice, "save")).toEqual([
      "Area 'W01001685' is in both the target and buffer areas; each area may be in one set only.",
      "Area 'W01001685' is in both the target and control areas; each area may be in one set only.",
    ]);
  });

  it("needs a target area to evaluate, but not to save; a name to save, but not to evaluate", () => {
    const noTarget = { ...operation(), targetAreas: [] };
    expect(operationProblems(noTarget, "save")).toEqual([]);
    expect(operationProblems(noTarget, "evaluate")).toEqual(["Choose at least one target area."]);
    const noName = { ...operation(), name: "" };
    expect(operationProblems(noName, "evaluate")).toEqual([]);
    expect(operationProblems(noName, "save")).toEqual(["Give the operation a name."]);
  });
});

describe("dates far out", () => {
  it("refuses period dates outside 1900–2100 at once, naming them (9999-12-31 hung every month loop)", () => {
    const open = { ...operation(), after: { start: "2024-07-01", end: "9999-12-31" } };
    expect(operationProblems(open, "save")).toEqual([
      "The after period's end (31/12/9999) is outside 1900–2100; give the dates the operation really starts and ends.",
    ]);
    const both = { ...operation(), before: { start: "2101-01-01", end: "2101-06-30" } };
    expect(operationProblems(both, "evaluate")[0]).toMatch(/before period's start \(01\/01\/2101\) and end/);
    const edge = { ...operation(), after: { start: "2100-01-01", end: "2100-12-31" } };
    expect(operationProblems(edge, "save")).toEqual([]);
  });

  it("refuses a period reaching more than a year beyond the months in the data", () => {
    const data = ["2024-01", "2024-06", "2024-12"];
    expect(periodsBeyondData(operation(), data)).toEqual([]);
    // A year of lag is allowed; the coverage checks name the empty months.
    const lag = { ...operation(), after: { start: "2024-07-01", end: "2025-12-31" } };
    expect(periodsBeyondData(lag, data)).toEqual([]);
    const far = { ...operation(), after: { start: "2024-07-01", end: "2099-12-31" } };
    expect(periodsBeyondData(far, data)).toEqual([
      "The after period (July 2024 to December 2099) reaches more than 12 months beyond the data " +
        "(January 2024 to December 2024); check its dates, or load the files for those months.",
    ]);
    const early = { ...operation(), before: { start: "2010-01-01", end: "2010-06-30" } };
    expect(periodsBeyondData(early, data)).toHaveLength(1);
    expect(periodsBeyondData(far, [])).toEqual([]);
  });
});

describe("periodSerials", () => {
  it("gives Excel's serial days for both periods, inclusive", () => {
    expect(periodSerials(operation())).toEqual({
      beforeStart: serial("2024-01-01"),
      beforeEnd: serial("2024-06-30"),
      afterStart: serial("2024-07-01"),
      afterEnd: serial("2024-12-31"),
    });
    expect(serial("2024-01-01")).toBe(45292); // as Excel shows =DATEVALUE("2024-01-01")
  });

  it("asks for the periods when one date is missing (#VALUE! in the analyst's words)", () => {
    const op = { ...operation(), after: { start: "2024-07-01", end: "" } };
    expect(() => periodSerials(op)).toThrow(HarmError);
    expect(() => periodSerials(op)).toThrow("Enter the before and after periods first.");
    try {
      periodSerials(op);
    } catch (e) {
      expect((e as HarmError).kind).toBe("value");
    }
  });
});

describe("periodLengths", () => {
  it("counts whole months when both periods run from a 1st to a month's end", () => {
    expect(periodLengths(periodSerials(operation()))).toEqual({ before: 6, after: 6, unit: "months" });
    const uneven = {
      before: { start: "2023-10-01", end: "2024-06-30" },
      after: { start: "2024-07-01", end: "2024-09-30" },
    };
    expect(periodLengths(periodSerials(uneven))).toEqual({ before: 9, after: 3, unit: "months" });
  });

  it("counts days, both ends included, otherwise", () => {
    const days = {
      before: { start: "2024-01-10", end: "2024-02-29" },
      after: { start: "2024-03-01", end: "2024-03-31" },
    };
    expect(periodLengths(periodSerials(days))).toEqual({
      before: serial("2024-02-29") - serial("2024-01-10") + 1,
      after: 31,
      unit: "days",
    });
    expect(periodLengths(periodSerials(days)).before).toBe(22 + 29); // 10–31 January, then leap February
  });
});
