import ExcelJS from "exceljs";
import { unzipSync, strFromU8 } from "fflate";
import { INJECTION_PREFIXES, isFormulaLike } from "../../src/core/text";
import { blankOperation, type Operation } from "../../src/core/operation";
import { guessColumns } from "../../src/core/incidents";
import { buildWorkbook, type ResultsRow } from "../../src/sheets/build";
import { isFormulaCell, type CellInput, type SheetModel } from "../../src/sheets/model";
import { insertSheets } from "../support/live";
import { writeWorkbookXlsx } from "../../src/sheets/render/xlsx";
import { cellAddress, parseCell } from "../../src/sheets/a1";
import { stripHarmFormulas } from "../../src/sheets/portable";
import { insertRequest, planInsert } from "../../src/sheets/plan/insert";
import { planUpsert, upsertRequest } from "../../src/sheets/plan/upsert";
import { columnsOf, evaluateIncidents } from "../../src/core/evaluation";
import { periodSerials } from "../../src/core/operation";
import { loadOperation, saveOperation } from "../../src/app/operation";
import { MemoryWorkbook } from "../../src/workbook/memory";
import { sheetGrid } from "../../src/taskpane/preview/grid";
import { readCsvFiles } from "../../src/taskpane/evaluate/csvImport";
import { createFakeExcel, type FakeExcel } from "../support/fakeExcel";
import { officeHarness } from "../workbook/harness";
import { recordFigures } from "./support/figures";

/**
 * Formula injection: text from a CSV file or a form that starts with =, +, -,
 * @, tab or CR must reach the workbook as literal text on every write path.
 */

const PAYLOADS: Record<string, string> = {
  "=": '=HYPERLINK("http://evil.example","x")',
  "+": "+1+1",
  "-": "-2+3",
  "@": "@SUM(A1)",
  "\t": "\t=1+1",
  "\r": "\r=1+1",
};
const show = (p: string) => JSON.stringify(p);

/** Operation fields an analyst types (or picks from imported CSV values). */
const OPERATION_FIELDS = [
  "name",
  "force",
  "analyst",
  "targetAreas",
  "bufferAreas",
  "controlAreas",
  "notes",
  "harmWeight.offenceType",
  "harmWeight.note",
] as const;
/** Results-row fields that come from imported data (offence types) or the pane's forms. */
const RESULT_FIELDS = ["result.measure", "result.harm", "result.note"] as const;
type Field = (typeof OPERATION_FIELDS)[number] | (typeof RESULT_FIELDS)[number];

/** The text for one field: the payload first (so it is formula-like), then a tag saying where it came from. */
const textFor = (prefix: string, field: string) => `${PAYLOADS[prefix]} [${field}]`;

function hostileInput(prefix: string): { operation: Operation; results: ResultsRow[] } {
  const t = (f: Field) => textFor(prefix, f);
  const operation: Operation = {
    ...blankOperation(),
    name: t("name"),
    force: t("force"),
    analyst: t("analyst"),
    preparedOn: "2024-12-31",
    targetAreas: [t("targetAreas")],
    bufferAreas: [t("bufferAreas")],
    controlAreas: [t("controlAreas")],
    before: { start: "2024-01-01", end: "2024-06-30" },
    after: { start: "2024-07-01", end: "2024-12-31" },
    harmWeights: [{ offenceType: t("harmWeight.offenceType"), weight: 2, note: t("harmWeight.note") }],
    notes: t("notes"),
  };
  const results: ResultsRow[] = [
    {
      measure: t("result.measure"),
      harm: t("result.harm"),
      target: { before: 40, after: 25 },
      buffer: { before: 30, after: 28 },
      control: { before: 100, after: 96 },
      note: t("result.note"),
    },
  ];
  return { operation, results };
}

interface Location {
  sheet: string;
  address: string;
  text: string;
}

/** Every plain-text cell of the models (cells outside tables and table data), with its address. */
function textCells(models: SheetModel[]): Location[] {
  const out: Location[] = [];
  for (const m of models) {
    for (const c of m.cells)
      if (typeof c.value === "string") out.push({ sheet: m.name, address: c.address, text: c.value });
    for (const t of m.tables) {
      const tl = parseCell(t.topLeft);
      t.rows.forEach((r, i) =>
        r.forEach((v, j) => {
          if (typeof v === "string")
            out.push({ sheet: m.name, address: cellAddress(tl.row + 1 + i, tl.col + j), text: v });
        }),
      );
    }
  }
  return out;
}

function formulaCells(models: SheetModel[]): { sheet: string; formula: string }[] {
  const out: { sheet: string; formula: string }[] = [];
  const add = (sheet: string, v: CellInput) => {
    if (isFormulaCell(v)) out.push({ sheet, formula: v.formula });
  };
  for (const m of models) {
    for (const c of m.cells) add(m.name, c.value);
    for (const t of m.tables) for (const r of t.rows) for (const v of r) add(m.name, v);
  }
  return out;
}

/** A formula with its "string literals" removed: what Excel would evaluate as code. */
const codeOf = (formula: string) => formula.replace(/"(?:[^"]|"")*"/g, '""');

/** Where each hostile text landed, per field; fails if a field is written nowhere it is expected. */
function locate(models: SheetModel[], prefix: string, fields: readonly Field[]): Map<Field, Location[]> {
  const cells = textCells(models);
  const out = new Map<Field, Location[]>();
  for (const f of fields)
    out.set(
      f,
      cells.filter((c) => c.text === textFor(prefix, f)),
    );
  return out;
}

// ---------------------------------------------------------------- checks per path

async function checkOfficeRenderer(models: SheetModel[], locations: Location[]): Promise<FakeExcel> {
  const fake = createFakeExcel();
  await insertSheets(fake.context, models, "rename");
  for (const loc of locations) {
    const cell = fake.cell(loc.sheet, loc.address);
    // What Excel stores for "'=…": the text itself, flagged as typed-as-text, and no formula.
    expect({
      at: `${loc.sheet}!${loc.address}`,
      formula: cell?.formula,
      value: cell?.value,
      quoted: cell?.quoted,
    }).toEqual({
      at: `${loc.sheet}!${loc.address}`,
      formula: undefined,
      value: loc.text,
      quoted: true,
    });
  }
  return fake;
}

interface XlsxCheck {
  /** Cells whose text came back changed (not a security failure, but reported). */
  changed: string[];
}

async function checkXlsx(models: SheetModel[], locations: Location[]): Promise<XlsxCheck> {
  const buf = await writeWorkbookXlsx(models);
  // 1. Through ExcelJS: each cell is a string, not a formula.
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const changed: string[] = [];
  for (const loc of locations) {
    // findCell: a plain ExcelJS lookup (not an Office.js proxy, whatever the lint rule for getCell thinks).
    const { row, col } = parseCell(loc.address);
    const found = wb.getWorksheet(loc.sheet)!.findCell(row + 1, col + 1);
    const { type, formula, value } = found ?? { type: undefined, formula: undefined, value: undefined };
    expect({ at: `${loc.sheet}!${loc.address}`, type, formula }).toEqual({
      at: `${loc.sheet}!${loc.address}`,
      type: ExcelJS.ValueType.String,
      formula: undefined,
    });
    if (value !== loc.text)
      changed.push(`${loc.sheet}!${loc.address}: ${show(loc.text)} → ${show(String(value))}`);
  }
  // 2. In the raw sheet XML: no <f> element in any of these cells.
  const files = unzipSync(new Uint8Array(buf));
  const workbookXml = strFromU8(files["xl/workbook.xml"]);
  const rels = strFromU8(files["xl/_rels/workbook.xml.rels"]);
  const sheetFile = (name: string): string => {
    const esc = name.replace(/&/g, "&amp;").replace(/'/g, "&apos;");
    const m = new RegExp(
      `<sheet [^>]*name="${esc.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}"[^>]*r:id="([^"]+)"`,
    ).exec(workbookXml);
    if (!m) throw new Error(`sheet ${name} not in workbook.xml`);
    const target =
      new RegExp(`Id="${m[1]}"[^>]*Target="([^"]+)"`).exec(rels) ??
      new RegExp(`Target="([^"]+)"[^>]*Id="${m[1]}"`).exec(rels);
    return "xl/" + target![1].replace(/^\/?xl\//, "");
  };
  const xmlBySheet = new Map<string, string>();
  for (const loc of locations) {
    if (!xmlBySheet.has(loc.sheet)) xmlBySheet.set(loc.sheet, strFromU8(files[sheetFile(loc.sheet)]));
    const xml = xmlBySheet.get(loc.sheet)!;
    const m = new RegExp(`<c r="${loc.address}"(?:\\s[^>]*)?(?:/>|>([\\s\\S]*?)</c>)`).exec(xml);
    expect(m).not.toBeNull();
    expect({ at: `${loc.sheet}!${loc.address}`, hasFormula: /<f[\s>/]/.test(m![1] ?? "") }).toEqual({
      at: `${loc.sheet}!${loc.address}`,
      hasFormula: false,
    });
    expect(m![0]).toMatch(/\st="(s|inlineStr)"/);
  }
  return { changed };
}

async function checkMemory(models: SheetModel[], locations: Location[]): Promise<MemoryWorkbook> {
  const mem = new MemoryWorkbook();
  await mem.change(insertRequest(models, "rename"), (s) => planInsert(s, models, "rename"));
  for (const loc of locations) {
    const { row, col } = parseCell(loc.address);
    const cell = sheetGrid(mem.store, loc.sheet)!.cell(row, col);
    expect({ at: `${loc.sheet}!${loc.address}`, value: cell?.value, formula: cell?.formula }).toEqual({
      at: `${loc.sheet}!${loc.address}`,
      value: loc.text,
      formula: undefined,
    });
  }
  return mem;
}

// ---------------------------------------------------------------- the tests

const tally: Record<string, Record<string, number>> = {};
const count = (path: string, prefix: string, n: number) => {
  tally[path] ??= {};
  tally[path][show(prefix)] = (tally[path][show(prefix)] ?? 0) + n;
};
const xlsxChanged: string[] = [];

describe("isFormulaLike", () => {
  it.each(INJECTION_PREFIXES.map((p) => [show(p), p]))("flags text starting with %s", (_label, p) => {
    expect(isFormulaLike(p + "x")).toBe(true);
    expect(isFormulaLike(PAYLOADS[p])).toBe(true);
  });
  it("leaves ordinary text, blank text and a later = alone", () => {
    for (const s of ["", "Op Clearwater", "W01001440", "a=b", " =1", "'=1", "1+1", "£5"])
      expect(isFormulaLike(s)).toBe(false);
  });
});

describe.each(INJECTION_PREFIXES.map((p) => [show(p), p]))("text starting with %s", (_label, prefix) => {
  const input = hostileInput(prefix);
  const models = buildWorkbook(input);
  const fields = [...OPERATION_FIELDS, ...RESULT_FIELDS] as Field[];
  const located = locate(models, prefix, fields);
  const all = [...located.values()].flat();

  it("is written by buildWorkbook as plain text for every operation and results field, never inside a formula", () => {
    // The named fields must each land somewhere; the others may not be shown on any sheet.
    for (const f of ["name", "analyst", "targetAreas", "notes", "result.measure", "result.note"] as Field[])
      expect({ field: f, cells: located.get(f)!.length }).toEqual({ field: f, cells: expect.any(Number) });
    for (const f of ["name", "analyst", "targetAreas", "notes", "result.measure", "result.note"] as Field[])
      expect(located.get(f)!.length).toBeGreaterThan(0);
    // A formula may refer to the cell holding the text, but the text itself must never be formula code.
    for (const { sheet, formula } of formulaCells(models)) {
      const code = codeOf(formula);
      expect({
        sheet,
        code,
        hasPayload: fields.some((f) => code.includes(`[${f}]`)) || /evil\.example/.test(code),
      }).toEqual({
        sheet,
        code,
        hasPayload: false,
      });
    }
  });

  it("(a) Office.js renderer: each cell holds the literal text, written behind an apostrophe", async () => {
    await checkOfficeRenderer(models, all);
    count("office renderer", prefix, all.length);
  });

  it("(a) Office.js renderer, Update onto existing sheets: rows added to the analyst's tables stay text", async () => {
    const fake = createFakeExcel();
    await insertSheets(
      fake.context,
      buildWorkbook({ operation: { ...blankOperation(), name: "Op Plain" } }),
      "rename",
    );
    const report = await insertSheets(fake.context, models, "update");
    expect(report.plans.some((p) => p.action === "update")).toBe(true);
    // The hostile harm-weight row is new to the existing HP_HarmWeights table, so "update" appends it.
    const text = textFor(prefix, "harmWeight.offenceType");
    const sheet = fake.sheet("Operation");
    const stored = [...sheet.cells.values()].filter(
      (c) => c.value === text || (c.formula ?? "").includes(text),
    );
    expect(stored.length).toBeGreaterThan(0);
    for (const c of stored)
      expect({ formula: c.formula, quoted: c.quoted }).toEqual({ formula: undefined, quoted: true });
    count("office renderer (update)", prefix, stored.length);
  });

  it("(a) Office port: saving the operation and upserting Results write typed text as text", async () => {
    const { fake, port } = officeHarness();
    // An existing Operation sheet (from a plain, harmless operation), then the hostile one saved into it.
    const plain = buildWorkbook({ operation: { ...blankOperation(), name: "Op Plain" } });
    await insertSheets(fake.context, plain, "rename");
    const opModel = models.find((m) => m.key === "operation")!;
    const saved = await saveOperation(port, input.operation, "2025-01-15");
    expect(saved).toMatchObject({ saved: true, created: false });
    const opLocs = all.filter(
      (l) => l.sheet === opModel.name && opModel.cells.some((c) => c.address === l.address),
    );
    expect(opLocs.length).toBeGreaterThan(0);
    for (const loc of opLocs) {
      const cell = fake.cell(loc.sheet, loc.address);
      expect({ at: loc.address, formula: cell?.formula, value: cell?.value }).toEqual({
        at: loc.address,
        formula: undefined,
        value: loc.text,
      });
    }
    const results = models.find((m) => m.key === "results")!;
    const table = results.tables[0];
    const report = await port.change(upsertRequest(table.name), (s) => planUpsert(s, results, table.name));
    expect(report.added.length + report.updated.length).toBeGreaterThan(0);
    const rows = fake.tableRows(report.table);
    const flat = rows.flat();
    for (const f of RESULT_FIELDS) {
      const text = textFor(prefix, f);
      if (!table.rows.some((r) => r.includes(text))) continue;
      expect({ field: f, stored: flat.includes(text) }).toEqual({ field: f, stored: true });
    }
    // No cell of the upserted table became a formula carrying the payload.
    const sheet = fake.sheet(report.sheet);
    for (const cell of sheet.cells.values())
      if (cell.formula) expect(codeOf(cell.formula)).not.toMatch(/evil\.example|\[(result|name|notes)/);
    count("office port (save operation, upsert Results)", prefix, opLocs.length + RESULT_FIELDS.length);
  });

  it("(b) ExcelJS .xlsx: each cell reads back as a string, with no <f> in the sheet XML", async () => {
    const { changed } = await checkXlsx(models, all);
    xlsxChanged.push(...changed);
    count("ExcelJS .xlsx", prefix, all.length);
  });

  it("(c) MemoryWorkbook (browser preview): each cell holds the text, no formula, and reads back unchanged", async () => {
    const mem = await checkMemory(models, all);
    // Reading back trims surrounding white space (so "\t=1+1" becomes "=1+1"): still text, never run.
    const op = await loadOperation(mem);
    expect(op?.name).toBe(textFor(prefix, "name").trim());
    expect(op?.analyst).toBe(textFor(prefix, "analyst").trim());
    count("memory workbook", prefix, all.length);
  });

  it("(e) portable copy: a HARM.* formula whose cached result is such text becomes a text cell, not a formula", async () => {
    // e.g. HARM.PRIORITISE spills the harm labels typed in the Harm Matrix.
    const label = textFor(prefix, "harmMatrix.label");
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Priorities");
    ws.getCell("A1").value = {
      formula: "_xldudf_HARM_PRIORITISE(B1:B2,C1:G2)",
      result: label,
    } as ExcelJS.CellFormulaValue;
    ws.getCell("A2").value = { formula: "SUM(1,2)", result: 3 } as ExcelJS.CellFormulaValue;
    const bytes = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    const { bytes: out, replaced } = stripHarmFormulas(bytes);
    expect(replaced).toBe(1);
    const xml = strFromU8(unzipSync(out)["xl/worksheets/sheet1.xml"]);
    const a1 = /<c r="A1"[^>]*>([\s\S]*?)<\/c>/.exec(xml)!;
    expect(a1[1]).not.toMatch(/<f[\s>/]/);
    expect(/<c r="A2"[^>]*>([\s\S]*?)<\/c>/.exec(xml)![1]).toMatch(/<f>SUM/); // native formulas stay
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(out.buffer as ArrayBuffer);
    const cell = back.getWorksheet("Priorities")!.findCell(1, 1)!;
    const { type, formula } = cell;
    expect({ type, formula }).toEqual({ type: ExcelJS.ValueType.String, formula: undefined });
    count("portable copy (HARM.* results)", prefix, 1);
  });

  it("(d) CSV import → aggregation → Results rows → every renderer: offence types stay text", async () => {
    // Aggregation trims codes and offence types, so "\t=1+1" arrives as "=1+1": the renderers must still write it as text.
    const rawType = textFor(prefix, "csv.crimeType");
    const rawArea = textFor(prefix, "csv.lsoa");
    const type = rawType.trim();
    const area = rawArea.trim();
    const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
    // A force's own export ("Recorded by"): police.uk's files never hold a line break in a field, and one
    // with a quoted "\r" would be refused as a stray quote before the renderers are reached.
    const lines = [
      "Crime ID,Month,Recorded by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context",
      ...Array.from({ length: 6 }, (_, i) =>
        [
          `id${i}`,
          i < 3 ? "2024-02" : "2024-08",
          "Gwent Police",
          "Gwent Police",
          "-3.0",
          "51.5",
          "On or near X",
          quote(rawArea),
          quote(textFor(prefix, "csv.lsoaName")),
          quote(rawType),
          "",
          "",
        ].join(","),
      ),
      [
        "idc",
        "2024-02",
        "Gwent Police",
        "Gwent Police",
        "-3.0",
        "51.5",
        "On or near Y",
        "W01000002",
        "Control 001A",
        "Burglary",
        "",
        "",
      ].join(","),
    ];
    const blob = new Blob([lines.join("\r\n") + "\r\n"]);
    const table = await readCsvFiles([
      { name: "hostile.csv", size: blob.size, slice: (a, b) => blob.slice(a, b) },
    ]);
    const cols = guessColumns(table.headers);
    expect(cols).toEqual(expect.objectContaining({ date: 1, area: 7, offenceType: 9 }));
    // The analyst picks the (hostile) area code from the imported values.
    const operation: Operation = {
      ...blankOperation(),
      name: "Op Import",
      targetAreas: [area],
      controlAreas: ["W01000002"],
      before: { start: "2024-01-01", end: "2024-06-30" },
      after: { start: "2024-07-01", end: "2024-12-31" },
    };
    const ev = evaluateIncidents({
      incidents: columnsOf(table.rows, { date: cols.date!, area: cols.area!, offenceType: cols.offenceType }),
      areas: { target: operation.targetAreas, buffer: [], control: operation.controlAreas },
      periods: periodSerials(operation),
    });
    expect(ev.aggregate.target).toEqual({ before: 3, after: 3 });
    expect(ev.results.map((r) => r.measure)).toContain(type);
    const built = buildWorkbook({ operation, results: ev.results });
    const locs = textCells(built).filter((c) => c.text === type || c.text === area);
    expect(locs.some((l) => l.text === type)).toBe(true);
    expect(locs.some((l) => l.text === area)).toBe(true);
    for (const { formula } of formulaCells(built))
      expect(codeOf(formula).toLowerCase()).not.toContain("[csv.");
    await checkOfficeRenderer(built, locs);
    const { changed } = await checkXlsx(built, locs);
    xlsxChanged.push(...changed);
    await checkMemory(built, locs);
    count("CSV import → Results (office, xlsx, memory)", prefix, locs.length * 3);
  });
});

afterAll(() => {
  const paths = Object.keys(tally);
  const cellsChecked = paths.reduce((s, p) => s + Object.values(tally[p]).reduce((a, b) => a + b, 0), 0);
  recordFigures("injection", {
    prefixes: INJECTION_PREFIXES.map(show),
    fields: [...OPERATION_FIELDS, ...RESULT_FIELDS, "csv.crimeType", "csv.lsoa"],
    paths,
    prefixesTimesPaths: `${INJECTION_PREFIXES.length} × ${paths.length} = ${INJECTION_PREFIXES.length * paths.length}`,
    cellsCheckedByPath: tally,
    cellsChecked,
    xlsxTextChangedOnRoundTrip: xlsxChanged,
  });
});
