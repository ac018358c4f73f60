import fc from "fast-check";
import {
  areaOverlaps,
  isOnsCode,
  looksOnsCoded,
  normaliseAreaCode,
  parseAreaList,
  uniqueCodes,
  usableAreaCodes,
} from "../../src/core/areas";

describe("parseAreaList", () => {
  it("reads area lists typed one per line, or with commas or semicolons, without duplicates", () => {
    expect(parseAreaList("W1\nW2, W3;W1\n\n")).toEqual(["W1", "W2", "W3"]);
    expect(parseAreaList("W1\r\nW2;;, ,W3\r\n")).toEqual(["W1", "W2", "W3"]);
    expect(parseAreaList("")).toEqual([]);
  });

  it("matches codes however they were typed: case and inner spaces do not count", () => {
    expect(parseAreaList("w01001687, W01 001687\n W01001687 ")).toEqual(["W01001687"]);
    expect(normaliseAreaCode(" e01\t000001 ")).toBe("E01000001");
    expect(normaliseAreaCode(1234)).toBe("1234"); // a beat number typed as a number
    expect(normaliseAreaCode(null)).toBe("");
  });

  it("gives each code once, normalised, whatever the separators", () => {
    const code = fc.stringMatching(/^[A-Za-z0-9 ]{1,8}$/).filter((s) => s.trim() !== "");
    fc.assert(
      fc.property(fc.array(code, { maxLength: 8 }), fc.constantFrom(",", ";", "\n", "\r\n"), (codes, sep) => {
        const out = parseAreaList(codes.join(sep));
        // Independent: upper case, every white-space character removed, first occurrence kept.
        const expected: string[] = [];
        for (const c of codes) {
          const n = c.replace(/\s/g, "").toUpperCase();
          if (n && !expected.includes(n)) expected.push(n);
        }
        expect(out).toEqual(expected);
      }),
    );
  });
});

describe("area codes as copied from web pages and spreadsheets", () => {
  it("lose non-breaking, thin and zero-width spaces, hyphens and dashes", () => {
    for (const raw of [
      "W01-001685",
      "W01\u2010001685",
      "W01\u2212001685",
      "W01\u200b001685",
      "w01\u202f001685",
    ])
      expect(normaliseAreaCode(raw)).toBe("W01001685");
  });

  it("are checked against the ONS form only when the codes plainly are ONS codes", () => {
    expect(isOnsCode("E02000001")).toBe(true);
    expect(isOnsCode("W0100168")).toBe(false);
    const lsoas = Array.from({ length: 19 }, (_, i) => `W0100${1000 + i}`);
    expect(looksOnsCoded([...lsoas, "W0100168"])).toBe(true);
    expect(usableAreaCodes([...lsoas, "W0100168"])).toEqual(lsoas);
    const beats = ["NP01", "NP02", "W01001685"];
    expect(looksOnsCoded(beats)).toBe(false);
    expect(usableAreaCodes(beats)).toEqual(beats);
  });
});

describe("uniqueCodes", () => {
  it("drops blanks and repeats, keeping the first occurrence's place", () => {
    expect(uniqueCodes(["b2", "", null, "A1", "B2", undefined, "a 1"])).toEqual(["B2", "A1"]);
  });
});

describe("areaOverlaps", () => {
  it("names every code listed in two sets", () => {
    expect(areaOverlaps({ target: ["W1", "W2"], buffer: ["w2"], control: ["W3", "W1 "] })).toEqual([
      "'W2' is in both the target and buffer areas",
      "'W1' is in both the target and control areas",
    ]);
  });

  it("does not count a repeat within one set, or blanks", () => {
    expect(areaOverlaps({ target: ["W1", "w1", ""], buffer: [""], control: ["W2"] })).toEqual([]);
  });
});
