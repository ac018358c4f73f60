import { DATA_SOURCES } from "../../../src/core/framework/dataSources";
import { DISPLACEMENT_TYPES } from "../../../src/core/framework/displacement";
import { FIVE_WH_GROUPS, FIVE_WH_PROMPTS } from "../../../src/core/framework/fiveWH";
import { HARM_LEVELS, harmById } from "../../../src/core/framework/harmMatrix";
import { MEASURE_LIBRARY } from "../../../src/core/framework/measures";
import { OPEN_MARKET_EXAMPLE } from "../../../src/core/framework/problemAnalysis";
import { RESPONSE_OPTIONS } from "../../../src/core/framework/responses";
import { PROCESS_STEPS } from "../../../src/core/framework/process";
import { SHEET_ORDER } from "../../../src/sheets/build";

describe("framework content", () => {
  it("Box A: the six displacement types, each with a one-line description", () => {
    expect(DISPLACEMENT_TYPES.map((d) => d.label)).toEqual([
      "Geographical",
      "Crime type",
      "Tactical",
      "Target",
      "Substance",
      "Policy",
    ]);
    for (const d of DISPLACEMENT_TYPES) {
      expect(d.description.length).toBeGreaterThan(20);
      expect(d.description).not.toContain("\n");
    }
  });

  it("Box B: sixteen information sources, each short enough for a drop-down", () => {
    expect(DATA_SOURCES).toHaveLength(16);
    expect(new Set(DATA_SOURCES).size).toBe(16);
    for (const s of DATA_SOURCES) expect(s.length).toBeLessThanOrEqual(60);
    expect(DATA_SOURCES).toContain("ANPR");
    expect(DATA_SOURCES).toContain("House price data");
  });

  it("Table 4.3: several prompts for each of Who, What, Where, When, Why and How", () => {
    for (const g of FIVE_WH_GROUPS)
      expect(FIVE_WH_PROMPTS.filter((p) => p.group === g).length).toBeGreaterThanOrEqual(2);
    expect(new Set(FIVE_WH_PROMPTS.map((p) => p.id)).size).toBe(FIVE_WH_PROMPTS.length);
  });

  it("Table 4.2: the open-market example covers its three market features", () => {
    expect(new Set(OPEN_MARKET_EXAMPLE.map((r) => r.problem))).toEqual(
      new Set(["Visible drug dealing", "Use in public areas", "Open nature of the market"]),
    );
    expect(OPEN_MARKET_EXAMPLE).toContainEqual(
      expect.objectContaining({ leadsTo: "Uncertainty about drug quality", harm: "Risk of overdose" }),
    );
    for (const r of OPEN_MARKET_EXAMPLE) {
      expect(r.leadsTo && r.harm && r.who).toBeTruthy();
      expect(typeof r.notes).toBe("string");
    }
  });

  it("responses target real matrix harms and cite their evidence", () => {
    expect(new Set(RESPONSE_OPTIONS.map((r) => r.id)).size).toBe(RESPONSE_OPTIONS.length);
    for (const r of RESPONSE_OPTIONS) {
      expect(r.targets.length).toBeGreaterThan(0);
      for (const id of r.targets) expect(harmById(id)).toBeDefined();
      expect(r.citation).toMatch(/(UKDPC|College of Policing) \d{4}/);
      expect(r.evidence.length).toBeGreaterThan(40);
    }
    // The College of Policing summary on supplier arrest and seizure is represented.
    expect(RESPONSE_OPTIONS.find((r) => r.id === "supplier-arrest-seizure")?.evidence).toMatch(/increase/);
  });

  it("measures name a matrix harm, a Box B source, a level and a direction", () => {
    expect(MEASURE_LIBRARY.filter((m) => m.id.startsWith("HH"))).toHaveLength(10);
    expect(MEASURE_LIBRARY.filter((m) => m.id.startsWith("APPC")).length).toBeGreaterThanOrEqual(25);
    const harmTypes = ["Health", "Social", "Structural", "Economic", "Environmental"];
    for (const m of MEASURE_LIBRARY) {
      expect(harmTypes).toContain(m.harmType);
      expect(harmById(m.harmId)).toBeDefined();
      expect(DATA_SOURCES).toContain(m.dataSource);
      expect(HARM_LEVELS).toContain(m.level);
      expect(["Lower", "Higher"]).toContain(m.betterWhen);
      // Outcomes, not outputs: no plain arrest or seizure counts as success measures.
      expect(m.measure).not.toMatch(/^(number of )?(arrests|seizures)$/i);
    }
    for (const t of harmTypes) expect(MEASURE_LIBRARY.some((m) => m.harmType === t)).toBe(true);
  });

  it("Figure 4.2: six steps, each pointing at sheets that exist", () => {
    expect(PROCESS_STEPS.map((p) => p.step)).toEqual([1, 2, 3, 4, 5, 6]);
    const names = SHEET_ORDER.map((s) => s.name);
    for (const p of PROCESS_STEPS) for (const s of p.sheets) expect(names).toContain(s);
  });
});
