import { POLICE_UK_HEADERS } from "../../support/policeUk";
import { distinctValues, guessColumns } from "../../../src/core/incidents/columns";

describe("guessColumns", () => {
  test("police.uk street file header", () => {
    const headers = [...POLICE_UK_HEADERS];
    expect(guessColumns(headers)).toEqual({ date: 1, area: 7, offenceType: 9, areaName: 8, id: 0 });
  });

  test("generic force-system names, any case and spacing", () => {
    expect(guessColumns(["Ref", "Offence", "Date", "Area", "Area name"])).toEqual({
      date: 2,
      area: 3,
      offenceType: 1,
      areaName: 4,
      id: null,
    });
    expect(guessColumns(["OCCURRED_DATE", "beat_code", "HO offence type", "Outcome category"])).toEqual({
      date: 0,
      area: 1,
      offenceType: 2,
      areaName: null,
      id: null,
    });
  });

  test("partial names when nothing matches exactly, never the same column twice", () => {
    expect(guessColumns(["Date reported", "Incident area code", "Offence group", "Updated on"])).toEqual({
      date: 0,
      area: 1,
      offenceType: 2,
      areaName: null,
      id: null,
    });
  });

  test("nothing recognisable", () => {
    expect(guessColumns(["x", "y", ""])).toEqual({
      date: null,
      area: null,
      offenceType: null,
      areaName: null,
      id: null,
    });
    expect(guessColumns([])).toEqual({ date: null, area: null, offenceType: null, areaName: null, id: null });
    // A reference column is used only when named as one.
    expect(guessColumns(["Crime reference", "Date", "Area"]).id).toBe(0);
    expect(guessColumns(["Reference number", "Date", "Area"]).id).toBeNull();
  });
});

describe("distinctValues", () => {
  test("counts trimmed values, most frequent first, ties alphabetical", () => {
    expect(distinctValues(["b", "a ", "a", "c", "b", "", null, "#N/A", " a"])).toEqual([
      { value: "a", count: 3 },
      { value: "b", count: 2 },
      { value: "c", count: 1 },
    ]);
  });

  test("n×1 columns, numbers and a limit", () => {
    expect(distinctValues([[101], [202], [101], [{ code: "#REF!" }]], 1)).toEqual([
      { value: "101", count: 2 },
    ]);
    expect(distinctValues([])).toEqual([]);
  });
});
