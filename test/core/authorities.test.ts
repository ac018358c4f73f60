import { areasByAuthority, authorityAreas, authorityOf } from "../../src/core/authorities";
import { isHarmError } from "../../src/core/errors";

describe("authorityOf", () => {
  it("reads the authority from police.uk LSOA names", () => {
    expect(authorityOf("Torfaen 001A")).toBe("Torfaen");
    expect(authorityOf("Blaenau Gwent 012C")).toBe("Blaenau Gwent");
    expect(authorityOf("  Rhondda Cynon Taf 003B ")).toBe("Rhondda Cynon Taf");
  });

  it("gives null for names of another shape", () => {
    for (const name of ["Beat 12", "Torfaen", "Torfaen 01A", "Torfaen 001", "001A", "", null, 42])
      expect(authorityOf(name)).toBeNull();
  });
});

describe("areasByAuthority and authorityAreas", () => {
  const areas = [
    { code: "W01001900", name: "Torfaen 001A" },
    { code: "W01001685", name: "Newport 014B" },
    { code: "w01 001901", name: "Torfaen 001B" },
    { code: "W01001900", name: "Torfaen 001A" },
    { code: "B12", name: "Beat 12" },
    { code: "W01001902", name: "Torfaen 002A" },
  ];
  const byAuthority = areasByAuthority(areas);

  it("groups the areas by authority, codes tidied and each once, authorities in order", () => {
    expect([...byAuthority]).toEqual([
      ["Newport", ["W01001685"]],
      ["Torfaen", ["W01001900", "W01001901", "W01001902"]],
    ]);
  });

  it("gives every area of an authority less the target and buffer, whatever the case typed", () => {
    expect(authorityAreas(byAuthority, "torfaen", ["W01001901"])).toEqual(["W01001900", "W01001902"]);
    expect(authorityAreas(byAuthority, " Torfaen ")).toEqual(["W01001900", "W01001901", "W01001902"]);
  });

  it("names the authorities in the data when the one asked for is not there", () => {
    expect(() => authorityAreas(byAuthority, "Torfean")).toThrow(
      'No area in the data is in "Torfean". The authorities in the data are: Newport, Torfaen.',
    );
    try {
      authorityAreas(new Map(), "Torfaen");
    } catch (e) {
      expect(isHarmError(e)).toBe(true);
      expect((e as Error).message).toMatch(/no area names of the form "Torfaen 001A"/);
    }
    expect.assertions(3);
  });
});
