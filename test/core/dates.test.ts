/** Dates as analysts type them and as optional cells hold them (src/core/incidents/dates.ts). */
import { isoToSerialOrNull, parseUserDate, wholeMonths } from "../../src/core/incidents/dates";

describe("isoToSerialOrNull", () => {
  it("gives Excel serials for real dates and null for blanks and non-dates", () => {
    expect(isoToSerialOrNull("1900-03-01")).toBe(61);
    expect(isoToSerialOrNull("2024-01-01")).toBe(45292);
    expect(isoToSerialOrNull("2024-02-30")).toBeNull();
    expect(isoToSerialOrNull("")).toBeNull();
    expect(isoToSerialOrNull("01/02/2024")).toBeNull();
  });
});

describe("parseUserDate", () => {
  it("reads yyyy-mm-dd and dd/mm/yyyy (UK order) to the same ISO date", () => {
    expect(parseUserDate("2024-09-01")).toBe("2024-09-01");
    expect(parseUserDate("1/9/2024")).toBe("2024-09-01");
    expect(parseUserDate(" 01/09/2024 ")).toBe("2024-09-01");
  });

  it("refuses impossible dates and dates before 1900-03-01 instead of rolling them over", () => {
    for (const bad of [
      "2024-02-30",
      "2023-02-29",
      "31/02/2024",
      "1899-12-31",
      "1900-02-28",
      "13/13/2024",
      "next week",
      "",
    ])
      expect([bad, parseUserDate(bad)]).toEqual([bad, null]);
    expect(parseUserDate("2024-02-29")).toBe("2024-02-29");
  });
});

describe("wholeMonths", () => {
  const s = (iso: string) => isoToSerialOrNull(iso)!;
  it("counts calendar months from a 1st to a month's last day, else null", () => {
    expect(wholeMonths(s("2024-01-01"), s("2024-06-30"))).toBe(6);
    expect(wholeMonths(s("2024-11-01"), s("2025-02-28"))).toBe(4);
    expect(wholeMonths(s("2024-01-02"), s("2024-06-30"))).toBeNull();
    expect(wholeMonths(s("2024-01-01"), s("2024-06-29"))).toBeNull();
  });
});
