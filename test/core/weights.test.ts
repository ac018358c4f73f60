import { HarmError } from "../../src/core/errors";
import {
  MAX_WEIGHT,
  readWeight,
  weightTable,
  weightTypesNotPoliceUk,
  weightsForData,
} from "../../src/core/weights";

const row = (i: number) => `Harm weights table, row ${i + 1}`;
const entries = (rows: [unknown, unknown][]) =>
  rows.map(([offenceType, weight]) => ({ offenceType, weight }));

describe("weightTable", () => {
  it("reads typed weights, numbers stored as text included; entirely blank rows are skipped", () => {
    expect(
      weightTable(
        entries([
          ["Drugs", "3"],
          ["", ""],
          [null, undefined],
          [" Burglary ", 1_250],
          ["Robbery", " 1,200.5 "],
          ["Shoplifting", 0],
        ]),
        row,
      ),
    ).toEqual(
      new Map([
        ["Drugs", 3],
        ["Burglary", 1_250],
        ["Robbery", 1_200.5],
        ["Shoplifting", 0],
      ]),
    );
  });

  it("refuses a weight that is not a number of 0 or more, naming its row and offence type", () => {
    const read = (rows: [unknown, unknown][]) => () => weightTable(entries(rows), row);
    expect(
      read([
        ["Drugs", 2],
        ["Robbery", "lots"],
      ]),
    ).toThrow(
      "Harm weights table, row 2: the weight for 'Robbery' must be a number of 0 or more; got 'lots'.",
    );
    expect(read([["Robbery", -1]])).toThrow(HarmError);
    expect(read([["Robbery", -1]])).toThrow(
      "Harm weights table, row 1: the weight for 'Robbery' must not be negative; got -1.",
    );
    expect(read([["Robbery", ""]])).toThrow(/got a blank\./);
    // "1,5" is one and a half in much of Europe, fifteen in a CSV with grouping: never guessed.
    expect(read([["Robbery", "1,5"]])).toThrow(/got '1,5'/);
  });

  it("refuses a weight without an offence type, and one type given two different weights", () => {
    expect(() => weightTable(entries([["", 4]]), row)).toThrow(
      "Harm weights table, row 1 has a weight but no offence type.",
    );
    expect(() =>
      weightTable(
        entries([
          ["Drugs", 2],
          ["Drugs ", 3],
        ]),
        row,
      ),
    ).toThrow("'Drugs' is listed twice with different weights (2 and 3); keep one.");
    // The same weight twice is harmless.
    expect(
      weightTable(
        entries([
          ["Drugs", 2],
          ["Drugs", "2"],
        ]),
        row,
      ),
    ).toEqual(new Map([["Drugs", 2]]));
  });
});

describe("readWeight", () => {
  it("is #VALUE! (a HarmError of kind value) for anything but a finite number of 0 or more", () => {
    for (const bad of [Number.NaN, Infinity, "1E400", true, {}, -0.5]) {
      let caught: unknown;
      try {
        readWeight(bad, "w");
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(HarmError);
      expect((caught as HarmError).kind).toBe("value");
    }
    expect(readWeight("2.5e1", "w")).toBe(25);
  });
});

describe("absurd weights", () => {
  const read = (w: unknown) => () => weightTable(entries([["Drugs", w]]), row);

  it("refuses weights above 1,000,000 (1e308 overflowed to blank cells), and non-finite ones", () => {
    expect(read(1e308)).toThrow(
      "Harm weights table, row 1: the weight for 'Drugs' is 1e+308; a harm weight may be at most 1,000,000",
    );
    expect(read("2000000")).toThrow(/at most 1,000,000/);
    expect(read(Infinity)).toThrow(/must be a number of 0 or more/);
    expect(read(NaN)).toThrow(/must be a number of 0 or more/);
    expect(readWeight(MAX_WEIGHT, "w")).toBe(1_000_000);
    expect(readWeight(5_475, "w")).toBe(5_475); // CCHI homicide, in days
  });

  it("treats the same type in another case as the same type", () => {
    expect(() =>
      weightTable(
        entries([
          ["Drugs", 2],
          [" drugs", 3],
        ]),
        row,
      ),
    ).toThrow("'drugs' is listed twice with different weights (2 and 3); keep one.");
  });
});

describe("weightsForData", () => {
  const present = ["Anti-social behaviour", "Drugs", "Violence and sexual offences"];

  it("keys each weight by the data's spelling, whatever its case or spaces", () => {
    expect(weightsForData(new Map([[" drugs ", 5]]), present)).toEqual(new Map([["Drugs", 5]]));
    // police.uk types the data lack are left alone (the starter list names all fourteen).
    expect(weightsForData(new Map([["Bicycle theft", 1]]), present)).toEqual(new Map());
  });

  it("refuses a weight for a type in no row of the data, listing the types present (it was ignored)", () => {
    expect(() => weightsForData(new Map([["Drug", 5]]), present)).toThrow(
      "The harm weights name an offence type not in the data: 'Drug'. The data hold: Anti-social behaviour, " +
        "Drugs, Violence and sexual offences. Spell each as the data do, or remove it.",
    );
  });

  it("lists the weights that are not police.uk types, where no data are at hand", () => {
    expect(weightTypesNotPoliceUk([{ offenceType: "drugs" }, { offenceType: "Burglary dwelling" }])).toEqual([
      "Burglary dwelling",
    ]);
  });
});
