/**
 * The two workbook adapters behind one test harness, and a dump of each
 * workbook in the same shape so the contract can compare them cell by cell.
 */
import type { Scalar } from "../../src/sheets/model";
import { cellAddress, parseCell, rangeAddress } from "../../src/sheets/a1";
import { STYLES } from "../../src/sheets/styles";
import type { Op } from "../../src/sheets/plan/ops";
import { MemoryStore, MemoryWorkbook } from "../../src/workbook/memory";
import { OfficeWorkbook, type ExcelRunner } from "../../src/workbook/office";
import type { OfficeHost } from "../../src/workbook/officeHost";
import type { WorkbookPort } from "../../src/workbook/port";
import { createFakeExcel, type FakeExcel } from "../support/fakeExcel";

export interface WorkbookDump {
  sheets: string[];
  tables: { name: string; sheet: string; range: string }[];
  names: { name: string; sheet: string; ref: string }[];
  /** sheet → address → "=formula" or the value, plus " [format]" and " {fill}" when set. */
  cells: Record<string, Record<string, string>>;
}

export interface Harness {
  kind: "memory" | "office";
  port: WorkbookPort;
  seedSheet(name: string, cells?: Record<string, Scalar>): void;
  seedTable(sheet: string, name: string, headers: string[], rows: Scalar[][]): void;
  select(sheet: string, address: string): void;
  /** The formula text, else the value, of a cell; "" when empty. */
  cell(sheet: string, address: string): Scalar;
  dump(): WorkbookDump;
}

const show = (formula: string | undefined, value: Scalar, format?: string, fill?: string): string | null => {
  const base = formula ?? (value === null || value === "" ? null : `${typeof value}:${String(value)}`);
  if (base === null && !fill) return null;
  return `${base ?? ""}${format && format !== "General" ? ` [${format}]` : ""}${fill ? ` {${fill.toUpperCase()}}` : ""}`;
};

/** Ops that put an analyst's sheet and table in place, as typed (strings starting "=" are formulas). */
export function seedOps(sheet: string, cells: Record<string, Scalar>, exists: boolean): Op[] {
  const ops: Op[] = exists ? [] : [{ op: "addSheet", sheet, tabColour: "" }];
  for (const [address, v] of Object.entries(cells))
    ops.push({
      op: "write",
      sheet,
      range: address,
      cells: [[typeof v === "string" && v.startsWith("=") ? { formula: v, value: null } : v]],
    });
  return ops;
}

export function memoryHarness(
  store = new MemoryStore(),
): Harness & { store: MemoryStore; wb: MemoryWorkbook } {
  const wb = new MemoryWorkbook(store);
  return {
    kind: "memory",
    port: wb,
    wb,
    store,
    seedSheet(name, cells = {}) {
      store.apply(seedOps(name, cells, store.sheet(name) !== undefined));
    },
    seedTable(sheet, name, headers, rows) {
      const range = rangeAddress({
        top: 0,
        left: 0,
        bottom: Math.max(1, rows.length),
        right: headers.length - 1,
      });
      store.apply([
        ...seedOps(sheet, {}, store.sheet(sheet) !== undefined),
        {
          op: "write",
          sheet,
          range: rangeAddress({ top: 0, left: 0, bottom: 0, right: headers.length - 1 }),
          cells: [headers],
        },
        ...(rows.length
          ? [
              {
                op: "write" as const,
                sheet,
                range: rangeAddress({ top: 1, left: 0, bottom: rows.length, right: headers.length - 1 }),
                cells: rows,
              },
            ]
          : []),
        { op: "addTable", sheet, range, name, style: "TableStyleMedium2" },
      ]);
    },
    select(sheet, address) {
      store.activeCell = { sheet, address };
    },
    cell(sheet, address) {
      const { row, col } = parseCell(address);
      const c = store.cellAt(store.sheet(sheet)!, row, col);
      return c ? (c.formula ?? c.value ?? "") : "";
    },
    dump() {
      const cells: WorkbookDump["cells"] = {};
      for (const s of store.sheets) {
        const out: Record<string, string> = {};
        for (const [k, c] of s.cells) {
          const [r, col] = k.split(",").map(Number);
          const fill = c.fill ?? (c.style ? STYLES[c.style].fill : undefined);
          const v = show(c.formula, c.value, c.format, fill);
          if (v !== null) out[cellAddress(r, col)] = v;
        }
        cells[s.name] = out;
      }
      return {
        sheets: store.sheets.map((s) => s.name),
        tables: store.tables.map((t) => ({
          name: t.name,
          sheet: t.sheet.name,
          range: rangeAddress(t.range),
        })),
        names: [...store.names.values()].map((n) => ({
          name: n.name,
          sheet: n.sheet.name,
          ref: rangeAddress(n.ref),
        })),
        cells,
      };
    },
  };
}

/**
 * The fake has no calculation engine: a formula it is given shows nothing. Excel would calculate it;
 * this stands in the value the plan expected (the core's, which test/sheets/specs check the native
 * formulas give), so a use case that reads what another wrote sees what it would see in Excel.
 */
function calculating(port: OfficeWorkbook, fake: FakeExcel): WorkbookPort {
  const settle = (ops: readonly Op[]) => {
    for (const o of ops) {
      if (o.op === "write") {
        const s = fake.findSheet(o.sheet);
        const { row, col } = parseCell(o.range.split(":")[0]);
        o.cells.forEach((r, i) =>
          r.forEach((c, j) => {
            const cell = s && fake.cellAt(s, row + i, col + j);
            if (cell?.formula && c !== null && typeof c === "object") cell.value = c.value;
          }),
        );
      } else if (o.op === "addTableRows") {
        const t = fake.tables.find((x) => x.name.toLowerCase() === o.table.toLowerCase());
        if (!t) continue;
        const first = t.range.bottom - o.rows.length + 1;
        o.rows.forEach((r, i) =>
          r.forEach((c, j) => {
            const cell = fake.cellAt(t.sheet, first + i, t.range.left + j);
            if (cell?.formula && c !== null && typeof c === "object") cell.value = c.value;
          }),
        );
      }
    }
  };
  return {
    kind: port.kind,
    read: (request) => port.read(request),
    readTable: (name, options) => port.readTable(name, options),
    makePortableCopy: (options) => port.makePortableCopy(options),
    portableCopySupport: () => port.portableCopySupport(),
    async change(request, plan) {
      let ops: readonly Op[] = [];
      const result = await port.change(request, (snap) => {
        const planned = plan(snap);
        ops = planned.ops;
        return planned;
      });
      settle(ops);
      return result;
    },
  };
}

export function officeHarness(
  fake: FakeExcel = createFakeExcel(),
  host?: OfficeHost,
): Harness & { fake: FakeExcel } {
  const run: ExcelRunner = (batch) => batch(fake.context);
  return {
    kind: "office",
    port: calculating(new OfficeWorkbook(run, host), fake),
    fake,
    seedSheet(name, cells = {}) {
      if (fake.findSheet(name)) throw new Error("seed a new sheet");
      fake.seedSheet(name, cells);
    },
    seedTable(sheet, name, headers, rows) {
      fake.seedTable(sheet, name, "A1", headers, rows);
    },
    select(sheet, address) {
      fake.select(sheet, address);
    },
    cell(sheet, address) {
      return fake.values(sheet, address)[0][0];
    },
    dump() {
      const cells: WorkbookDump["cells"] = {};
      for (const s of fake.sheets.filter((x) => !x.deleted)) {
        const out: Record<string, string> = {};
        for (const [k, c] of s.cells) {
          const [r, col] = k.split(",").map(Number);
          const v = show(c.formula, c.value, c.numberFormat, c.fill);
          if (v !== null) out[cellAddress(r, col)] = v;
        }
        cells[s.name] = out;
      }
      return {
        sheets: fake.sheetNames(),
        tables: fake.tables
          .filter((t) => !t.sheet.deleted)
          .map((t) => ({ name: t.name, sheet: t.sheet.name, range: rangeAddress(t.range) })),
        names: [...fake.names.values()]
          .filter((n) => n.sheet && n.range)
          .map((n) => ({ name: n.name, sheet: n.sheet!, ref: rangeAddress(n.range!) })),
        cells,
      };
    },
  };
}

/** Both harnesses, fresh. */
export const bothHarnesses = (): [Harness, Harness] => [memoryHarness(), officeHarness()];
