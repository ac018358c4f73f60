import { codesNotFound, codesNotFoundMessage } from "../../../src/core/incidents/coverage";

describe("codesNotFound", () => {
  const sets = {
    target: ["W01001685", "w01 009999"],
    buffer: ["W01001687", "E01000001"],
    control: ["W01000001"],
  };

  test("target and buffer codes in no row, compared in normalised form; control codes are not listed", () => {
    const data = ["W01001685", " w01001687", "W01 000002", "", null, 42];
    expect(codesNotFound(sets, data)).toEqual({ target: ["W01009999"], buffer: ["E01000001"] });
    expect(
      codesNotFound(
        sets,
        data.map((d) => [d]),
      ),
    ).toEqual({ target: ["W01009999"], buffer: ["E01000001"] });
    expect(codesNotFound(sets, new Set(["W01009999", "E01000001", "W01001685", "W01001687"]))).toEqual({
      target: [],
      buffer: [],
    });
  });

  test("the warning text", () => {
    expect(codesNotFoundMessage({ target: [], buffer: [] })).toBeNull();
    expect(codesNotFoundMessage({ target: ["W01009999"], buffer: [] })).toBe(
      "Target area W01009999 appears in no row of the data, so it would count 0; check the code " +
        "(a typing slip, or an LSOA code from a different edition) before counting.",
    );
    const many = Array.from({ length: 12 }, (_, i) => `W0100000${i}`);
    expect(codesNotFoundMessage({ target: [], buffer: many })).toMatch(
      /^Buffer areas W01000000, .*, W01000009 and 2 more appear in no row of the data, so they would count 0; check the codes/,
    );
  });
});
