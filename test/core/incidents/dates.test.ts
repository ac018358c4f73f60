import fc from "fast-check";
import { isHarmError } from "../../../src/core/errors";
import {
  MAX_SERIAL,
  MIN_SERIAL,
  isoToSerial,
  parseBound,
  parseDateCell,
  serialToIso,
} from "../../../src/core/incidents/dates";

const expectValueError = (f: () => unknown, message: string | RegExp): void => {
  let caught: unknown;
  try {
    f();
  } catch (e) {
    caught = e;
  }
  expect(isHarmError(caught) && caught.kind === "value").toBe(true);
  expect((caught as Error).message).toMatch(message);
};

describe("serial days", () => {
  test.each([
    ["1900-03-01", 61],
    ["1900-12-31", 366],
    ["1970-01-01", 25569],
    ["2000-02-29", 36585],
    ["2024-01-01", 45292],
    ["2024-01-31", 45322],
    ["2024-02-29", 45351],
    ["2024-12-31", 45657],
    ["9999-12-31", 2958465],
  ])("%s is serial %d", (iso, serial) => {
    expect(isoToSerial(iso)).toBe(serial);
    expect(serialToIso(serial)).toBe(iso);
  });

  test("round trip for every supported serial (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: MIN_SERIAL, max: MAX_SERIAL }), (s) => {
        const iso = serialToIso(s);
        expect(iso).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(isoToSerial(iso)).toBe(s);
        expect(serialToIso(s + 0.75)).toBe(iso); // time of day is dropped
      }),
    );
  });

  test("agrees with the JavaScript calendar (property)", () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date("1900-03-01T00:00:00Z"),
          max: new Date("9999-12-31T00:00:00Z"),
          noInvalidDate: true,
        }),
        (d) => {
          const iso = d.toISOString().slice(0, 10);
          const days = Math.floor(d.getTime() / 86_400_000);
          expect(isoToSerial(iso)).toBe(days + 25569);
        },
      ),
    );
  });

  test("rejects impossible and out-of-range dates", () => {
    for (const bad of ["2024-02-30", "2023-02-29", "2024-13-01", "2024-1-01", "1900-02-28", "next week"]) {
      expectValueError(() => isoToSerial(bad), /yyyy-mm-dd/);
    }
    expectValueError(() => serialToIso(60), /outside the supported dates/);
    expectValueError(() => serialToIso(Number.NaN), /not a date serial/);
    expectValueError(() => serialToIso(MAX_SERIAL + 1), /outside/);
  });
});

describe("parseDateCell", () => {
  test("Excel serials, dropping the time of day", () => {
    expect(parseDateCell(45292)).toEqual({ start: 45292, end: 45292 });
    expect(parseDateCell(45292.99)).toEqual({ start: 45292, end: 45292 });
    expect(parseDateCell(60)).toBeNull();
    expect(parseDateCell(Number.POSITIVE_INFINITY)).toBeNull();
    expect(parseDateCell(Number.NaN)).toBeNull();
  });

  test("ISO days, with or without a time", () => {
    expect(parseDateCell("2024-01-31")).toEqual({ start: 45322, end: 45322 });
    expect(parseDateCell(" 2024-01-31 ")).toEqual({ start: 45322, end: 45322 });
    expect(parseDateCell("2024-01-31T23:59:59Z")).toEqual({ start: 45322, end: 45322 });
    expect(parseDateCell("2024-01-31T10:00")).toEqual({ start: 45322, end: 45322 });
    expect(parseDateCell("2024-01-31 10:00:00")).toEqual({ start: 45322, end: 45322 });
    expect(parseDateCell("2024-01-31Tnonsense")).toBeNull();
  });

  test("UK day/month/year", () => {
    expect(parseDateCell("31/01/2024")).toEqual({ start: 45322, end: 45322 });
    expect(parseDateCell("1/2/2024")).toEqual({ start: 45323, end: 45323 });
    expect(parseDateCell("29/02/2023")).toBeNull();
    expect(parseDateCell("01/13/2024")).toBeNull(); // US order is not guessed
  });

  test("police.uk months cover the whole month", () => {
    expect(parseDateCell("2024-02")).toEqual({ start: 45323, end: 45351 });
    expect(parseDateCell("2023-02")).toEqual({
      start: isoToSerial("2023-02-01"),
      end: isoToSerial("2023-02-28"),
    });
    expect(parseDateCell("2024-12")).toEqual({
      start: isoToSerial("2024-12-01"),
      end: isoToSerial("2024-12-31"),
    });
    expect(parseDateCell("2024-13")).toBeNull();
    expect(parseDateCell("2024-00")).toBeNull();
  });

  test("Date objects use their UTC calendar date", () => {
    expect(parseDateCell(new Date(Date.UTC(2024, 0, 31, 23, 30)))).toEqual({ start: 45322, end: 45322 });
    expect(parseDateCell(new Date(Number.NaN))).toBeNull();
  });

  test("anything else is null", () => {
    for (const v of [
      "next week",
      "",
      "2024-02-30",
      "31.01.2024",
      "#N/A",
      true,
      null,
      undefined,
      {},
      [45292],
    ]) {
      expect(parseDateCell(v)).toBeNull();
    }
  });
});

describe("parseBound", () => {
  test("days and months by edge", () => {
    expect(parseBound("2024-07", "after start", "start")).toBe(isoToSerial("2024-07-01"));
    expect(parseBound("2024-07", "after end", "end")).toBe(isoToSerial("2024-07-31"));
    expect(parseBound("15/07/2024", "after end", "end")).toBe(isoToSerial("2024-07-15"));
    expect(parseBound(45292, "before start", "start")).toBe(45292);
  });

  test("messages name the bound and show the bad value", () => {
    expectValueError(
      () => parseBound("next week", "before start", "start"),
      "before start must be a date; got 'next week'",
    );
    expectValueError(() => parseBound(12, "after end", "end"), "after end must be a date; got 12");
    expectValueError(() => parseBound("2024-02-30", "after end", "end"), "got '2024-02-30'");
    expectValueError(() => parseBound("  ", "before end", "end"), "before end is blank; enter a date");
    expectValueError(() => parseBound(null, "before end", "end"), "before end is blank; enter a date");
    expectValueError(() => parseBound(undefined, "before end", "end"), "before end is blank");
  });
});
