import { HarmError } from "../../../src/core/errors";
import { matchOffenceTypes, offenceTypeKey, offenceTypesIn } from "../../../src/core/incidents/offenceTypes";

const PRESENT = ["Anti-social behaviour", "Drugs", "Other theft"];

describe("offence types as the analyst names them", () => {
  it("match the data's types after trimming, whatever the case (drugs wrote an all-zero workbook)", () => {
    expect(matchOffenceTypes(["drugs"], PRESENT)).toEqual(["Drugs"]);
    expect(matchOffenceTypes(["  ANTI-SOCIAL   behaviour ", "Drugs"], PRESENT)).toEqual([
      "Anti-social behaviour",
      "Drugs",
    ]);
    // The same type spelt two ways in the data: both are meant.
    expect(matchOffenceTypes(["drugs"], ["Drugs", "DRUGS"])).toEqual(["Drugs", "DRUGS"]);
    expect(offenceTypeKey(" Other\u00a0 theft")).toBe("other theft");
  });

  it("refuse a type that matches nothing, listing the types present", () => {
    expect(() => matchOffenceTypes(["drugz", "Drugs", "theft"], PRESENT)).toThrow(HarmError);
    expect(() => matchOffenceTypes(["drugz", "Drugs", "theft"], PRESENT)).toThrow(
      "No offence type in the data matches 'drugz' or 'theft'. The data hold: Anti-social behaviour, Drugs, Other theft.",
    );
    expect(() => matchOffenceTypes(["Drugs"], [])).toThrow(/The data hold no offence types/);
  });

  it("finds the distinct types of a column, trimmed, without blanks or error values", () => {
    expect(offenceTypesIn(["Drugs ", "Drugs", "", null, "#N/A", "Burglary"])).toEqual(["Burglary", "Drugs"]);
    expect(offenceTypesIn([["Drugs"], [" Robbery"]])).toEqual(["Drugs", "Robbery"]);
  });
});
