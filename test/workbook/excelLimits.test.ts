/**
 * What real Excel refuses, the fake refuses too (its next sync rejects with
 * an Excel-like message), and the Office path never lets it get that far:
 * changeWithContext checks the plan first and answers with a PortError that
 * names the problem, and sends large plans in requests under Excel's 5 MB.
 */
import { createFakeExcel } from "../support/fakeExcel";
import { applyOps } from "../../src/sheets/render/office";
import { batchOps, changeWithContext, MAX_SYNC_BYTES } from "../../src/workbook/office";
import { PortError } from "../../src/sheets/plan/errors";
import type { Op, PlanCell } from "../../src/sheets/plan/ops";

/** Queues `ops` straight onto the fake (no checks) and returns how the sync ended. */
async function straight(ops: Op[], seed?: (f: ReturnType<typeof createFakeExcel>) => void): Promise<string> {
  const fake = createFakeExcel();
  fake.seedSheet("Data");
  seed?.(fake);
  applyOps(fake.context, ops);
  return fake.context.sync().then(
    () => "accepted",
    (e: Error) => e.message,
  );
}

/** The same ops through the adapter: the PortError message, and how many syncs reached the fake. */
async function checked(ops: Op[]): Promise<{ message: string; applied: number }> {
  const fake = createFakeExcel();
  fake.seedSheet("Data");
  const before = fake.syncs;
  const message = await changeWithContext(fake.context, {}, () => ({ ops, result: null })).then(
    () => "accepted",
    (e: Error) => (e instanceof PortError ? e.message : `not a PortError: ${e.message}`),
  );
  return { message, applied: fake.syncs - before - 1 }; // minus the read
}

const long = "x".repeat(32_768);

const CASES: [string, Op[], RegExp, RegExp][] = [
  [
    "a sheet name over 31 characters",
    [{ op: "addSheet", sheet: "A".repeat(32), tabColour: "#000000" }],
    /longer than 31/,
    /32 characters long; Excel allows 31/,
  ],
  [
    "a sheet name with a colon",
    [{ op: "addSheet", sheet: "Q1: results", tabColour: "#000000" }],
    /contains the character :/,
    /contains one of/,
  ],
  [
    "a sheet name with a slash",
    [{ op: "addSheet", sheet: "A/B", tabColour: "#000000" }],
    /contains the character \//,
    /contains one of/,
  ],
  [
    "a blank sheet name",
    [{ op: "addSheet", sheet: "  ", tabColour: "#000000" }],
    /cannot be blank/,
    /cannot be blank/,
  ],
  [
    "a sheet name starting with an apostrophe",
    [{ op: "addSheet", sheet: "'Notes", tabColour: "#000000" }],
    /apostrophe/,
    /apostrophe/,
  ],
  [
    "a table name with a space",
    [{ op: "addTable", sheet: "Data", range: "A1:B2", name: "My table", style: "TableStyleLight1" }],
    /name "My table" is not valid/,
    /not a valid name/,
  ],
  [
    "a table name that is a cell reference",
    [{ op: "addTable", sheet: "Data", range: "A1:B2", name: "AB12", style: "TableStyleLight1" }],
    /name "AB12" is not valid/,
    /looks like a cell reference/,
  ],
  [
    "a workbook name in R1C1 style",
    [{ op: "addName", name: "R2C3", sheet: "Data", ref: "A1" }],
    /name "R2C3" is not valid/,
    /looks like a cell reference/,
  ],
  [
    "a write past the last row",
    [{ op: "write", sheet: "Data", range: "A1048577", cells: [["x"]] }],
    /outside the grid/,
    /outside Excel's grid/,
  ],
  [
    "a write past column XFD",
    [{ op: "write", sheet: "Data", range: "XFE1", cells: [["x"]] }],
    /outside the grid/,
    /outside Excel's grid/,
  ],
  [
    "cell text over 32,767 characters",
    [{ op: "write", sheet: "Data", range: "A1", cells: [[long]] }],
    /at most 32,767 characters/,
    /longer than Excel's 32,767 characters/,
  ],
  [
    "appended table rows with text over 32,767 characters",
    [{ op: "addTableRows", table: "T_Data", rows: [[long]] }],
    /at most 32,767 characters/,
    /longer than Excel's 32,767 characters/,
  ],
];

describe("the fake refuses what Excel refuses; the adapter refuses it first", () => {
  it.each(CASES)("%s", async (_what, ops, excel, ours) => {
    const seedTable = (f: ReturnType<typeof createFakeExcel>) =>
      f.seedTable("Data", "T_Data", "D1", ["Note"], [["a"]]);
    expect(await straight(ops, seedTable)).toMatch(excel);
    const fake = createFakeExcel();
    fake.seedSheet("Data");
    fake.seedTable("Data", "T_Data", "D1", ["Note"], [["a"]]);
    const before = fake.syncs;
    const message = await changeWithContext(fake.context, {}, () => ({ ops, result: null })).then(
      () => "accepted",
      (e: Error) => (e instanceof PortError ? e.message : `not a PortError: ${e.message}`),
    );
    expect(message).toMatch(ours);
    expect(fake.syncs - before).toBe(1); // only the read: nothing was sent to Excel
  });

  it("rejects a values array whose shape differs from its range, in the fake and before it", async () => {
    const bad: Op[] = [{ op: "write", sheet: "Data", range: "A1:B2", cells: [["a", "b"]] }];
    expect(await straight(bad)).toMatch(/must be 2×2/);
    expect((await checked(bad)).message).toMatch(/not a PortError: Plan error: A1:B2 is 2×2/);
  });

  it("accepts valid names, the last row and column, and exactly 32,767 characters", async () => {
    const ok: Op[] = [
      { op: "addSheet", sheet: "Results (2)", tabColour: "#000000" },
      { op: "write", sheet: "Data", range: "A1048576", cells: [["last row"]] },
      { op: "write", sheet: "Data", range: "XFD1", cells: [["last column"]] },
      { op: "write", sheet: "Data", range: "B1", cells: [["y".repeat(32_767)]] },
      { op: "addName", name: "HP_Target.Areas_2", sheet: "Data", ref: "A1" },
      { op: "addTable", sheet: "Data", range: "C1:C2", name: "_T1x", style: "TableStyleLight1" },
    ];
    expect(await straight(ok)).toBe("accepted");
    expect(await checked(ok)).toEqual({ message: "accepted", applied: 1 });
  });
});

describe("requests stay under Excel's 5 MB", () => {
  it("the fake refuses a request over 5 MB, as Excel on the web does", async () => {
    const cells: PlanCell[][] = Array.from({ length: 200 }, () =>
      Array.from({ length: 10 }, () => "z".repeat(3_000)),
    );
    expect(await straight([{ op: "write", sheet: "Data", range: "A1:J200", cells }])).toMatch(
      /RequestPayloadSizeLimitExceeded/,
    );
  });

  it("inserts a sheet with 6 MB of long text over several syncs, none over 4 MB, every cell in place", async () => {
    const cells: PlanCell[][] = Array.from({ length: 200 }, (_, i) =>
      Array.from({ length: 10 }, (_, j) => `${i}:${j} ${"z".repeat(3_000)}`),
    );
    const ops: Op[] = [
      { op: "addSheet", sheet: "Notes", tabColour: "#000000" },
      { op: "write", sheet: "Notes", range: "A1:J200", cells },
      { op: "activate", sheet: "Notes" },
    ];
    const fake = createFakeExcel();
    await changeWithContext(fake.context, {}, () => ({ ops, result: null }));
    expect(fake.syncs).toBeGreaterThanOrEqual(1 + 2);
    expect(fake.largestRequest).toBeLessThanOrEqual(MAX_SYNC_BYTES + 10_000);
    const got = fake.values("Notes", "A1:J200");
    expect(got[0][0]).toBe(cells[0][0]);
    expect(got[199][9]).toBe(cells[199][9]);
    expect(got.every((r, i) => r.every((v, j) => v === cells[i][j]))).toBe(true);
  });

  it("appends 40,000 Results-like rows in order, in requests under 4 MB", async () => {
    const width = 28;
    const rows: PlanCell[][] = Array.from({ length: 40_000 }, (_, i) =>
      Array.from({ length: width }, (_, j) =>
        j === 0
          ? `Measure ${i + 1}`
          : j < 8
            ? i + j
            : { formula: `=IF(COUNT(D${i + 2},E${i + 2})<2,"",E${i + 2}-D${i + 2})`, value: 1 },
      ),
    );
    const fake = createFakeExcel();
    fake.seedTable(
      "Results",
      "HP_Results",
      "A1",
      Array.from({ length: width }, (_, j) => `C${j}`),
      [],
    );
    // The seeded table has one blank row; fill it, then append the rest.
    const ops: Op[] = [{ op: "addTableRows", table: "HP_Results", rows }];
    await changeWithContext(fake.context, {}, () => ({ ops, result: null }));
    expect(fake.largestRequest).toBeLessThanOrEqual(MAX_SYNC_BYTES + 10_000);
    expect(fake.syncs).toBeGreaterThan(2);
    const body = fake.tableRows("HP_Results");
    expect(body).toHaveLength(40_001);
    expect(body[1][0]).toBe("Measure 1");
    expect(body[40_000][0]).toBe("Measure 40000");
  });

  it("batchOps keeps the order, cuts only writes and appends, and refuses one change it cannot cut", () => {
    const big: Op = {
      op: "write",
      sheet: "S",
      range: "A1:A10",
      cells: Array.from({ length: 10 }, (_, i) => [`${i}${"x".repeat(100)}`]),
    };
    const batches = batchOps(
      [{ op: "addSheet", sheet: "S", tabColour: "#000000" }, big, { op: "activate", sheet: "S" }],
      500,
    );
    const flat = batches.flat();
    expect(flat[0].op).toBe("addSheet");
    expect(flat[flat.length - 1].op).toBe("activate");
    const writes = flat.filter((o): o is Extract<Op, { op: "write" }> => o.op === "write");
    // Each row is about 106 bytes as JSON and each piece carries 200 bytes of its own: two rows fit in 500.
    expect(writes.map((w) => w.range)).toEqual(["A1:A2", "A3:A4", "A5:A6", "A7:A8", "A9:A10"]);
    expect(writes.flatMap((w) => w.cells)).toEqual((big as Extract<Op, { op: "write" }>).cells);
    const col: Op = { op: "addTableColumn", table: "T", cells: ["h", "x".repeat(1_000)] };
    expect(() => batchOps([col], 500)).toThrow(/too large for Excel to take in one step/);
  });
});
