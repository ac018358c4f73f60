/**
 * A workbook held in memory: sheets of cells, tables over ranges, workbook
 * names. It carries out plan ops as Excel would (refusing what Excel
 * refuses) but has no calculation engine: a formula cell shows the value the
 * plan expected it to have. Used by the browser preview, the tests and the
 * contract that keeps it in step with the Office.js adapter.
 */
import type {
  CellStyle,
  ChartModel,
  PrintModel,
  Scalar,
  ValidationRule,
  ValueFill,
} from "../../sheets/model";
import { cellAddress, parseRange, rangeAddress, type RangeRef } from "../../sheets/a1";
import { isPlanFormula, type Op, type PlanCell } from "../../sheets/plan/ops";
import { checkOpLimits, checkSheetName, checkTableName } from "../../sheets/plan/limits";
import {
  resolveRequest,
  type Snapshot,
  type SnapshotRequest,
  type TableSnapshot,
  type WorkbookLists,
} from "../../sheets/plan/snapshot";
import { PortError } from "../../sheets/plan/errors";

export interface MemoryCell {
  value: Scalar;
  formula?: string;
  format?: string;
  style?: CellStyle;
  fill?: string;
  wrap?: boolean;
}

export interface MemorySheet {
  name: string;
  tabColour: string;
  cells: Map<string, MemoryCell>;
  columnWidths: Map<number, number>;
  rowHeights: Map<number, number>;
  merges: string[];
  validations: { range: string; rule: ValidationRule; prompt?: string }[];
  colourScales: { range: string; colours: [string, string, string] }[];
  /** Conditional fills by value (a status word's colour), applied where the preview draws the cell. */
  valueFills: { range: string; fills: ValueFill[] }[];
  charts: ChartModel[];
  freeze?: { rows: number; columns: number };
  print?: PrintModel;
}

export interface MemoryTable {
  name: string;
  sheet: MemorySheet;
  /** Header row included. */
  range: RangeRef;
  style: string;
}

export interface MemoryName {
  name: string;
  sheet: MemorySheet;
  ref: RangeRef;
  comment?: string;
}

const key = (r: number, c: number) => `${r},${c}`;
const lower = (s: string) => s.toLowerCase();
const overlaps = (a: RangeRef, b: RangeRef) =>
  a.left <= b.right && b.left <= a.right && a.top <= b.bottom && b.top <= a.bottom;

export class MemoryStore {
  readonly sheets: MemorySheet[] = [];
  readonly tables: MemoryTable[] = [];
  readonly names = new Map<string, MemoryName>();
  /** The sheet last activated by a plan (the preview shows it). */
  activeSheet: string | null = null;
  activeCell: { sheet: string; address: string } | null = null;
  private listeners = new Set<() => void>();
  private version = 0;

  // --- change notification (the preview grid subscribes with useSyncExternalStore) ---
  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };
  getVersion = (): number => this.version;
  changed(): void {
    this.version++;
    for (const fn of this.listeners) fn();
  }

  sheet(name: string): MemorySheet | undefined {
    return this.sheets.find((s) => lower(s.name) === lower(name));
  }
  table(name: string): MemoryTable | undefined {
    return this.tables.find((t) => lower(t.name) === lower(name));
  }
  private mustSheet(name: string): MemorySheet {
    const s = this.sheet(name);
    if (!s) throw new PortError(`There is no sheet called ${name} in this workbook.`);
    return s;
  }
  private mustTable(name: string): MemoryTable {
    const t = this.table(name);
    if (!t) throw new PortError(`There is no table called ${name} in this workbook.`);
    return t;
  }

  cellAt(s: MemorySheet, r: number, c: number): MemoryCell | undefined {
    return s.cells.get(key(r, c));
  }
  private touch(s: MemorySheet, r: number, c: number): MemoryCell {
    let cell = s.cells.get(key(r, c));
    if (!cell) s.cells.set(key(r, c), (cell = { value: null }));
    return cell;
  }
  private put(s: MemorySheet, r: number, c: number, v: PlanCell): void {
    const cell = this.touch(s, r, c);
    if (isPlanFormula(v)) {
      cell.formula = v.formula;
      cell.value = v.value;
    } else {
      delete cell.formula;
      cell.value = v === "" ? null : v;
    }
  }
  private each(s: MemorySheet, range: string, fn: (cell: MemoryCell, r: number, c: number) => void): void {
    const ref = parseRange(range);
    for (let r = ref.top; r <= ref.bottom; r++)
      for (let c = ref.left; c <= ref.right; c++) fn(this.touch(s, r, c), r, c);
  }

  addSheet(name: string, tabColour = ""): MemorySheet {
    if (this.sheet(name)) throw new PortError(`A sheet called "${name}" already exists.`);
    checkSheetName(name);
    const s: MemorySheet = {
      name,
      tabColour,
      cells: new Map(),
      columnWidths: new Map(),
      rowHeights: new Map(),
      merges: [],
      validations: [],
      colourScales: [],
      valueFills: [],
      charts: [],
    };
    this.sheets.push(s);
    return s;
  }

  addTable(sheet: string, range: string, name: string, style = "TableStyleMedium2"): MemoryTable {
    const s = this.mustSheet(sheet);
    const ref = parseRange(range);
    checkTableName(name);
    if (this.table(name) || this.names.has(lower(name)))
      throw new PortError(`The name "${name}" is already used by another table or name.`);
    const clash = this.tables.find((t) => t.sheet === s && overlaps(t.range, ref));
    if (clash) throw new PortError(`A table at ${range} would overlap table ${clash.name}.`);
    for (let c = ref.left; c <= ref.right; c++) {
      const h = this.touch(s, ref.top, c);
      if (h.value === null || h.value === "") h.value = `Column${c - ref.left + 1}`;
    }
    const t: MemoryTable = { name, sheet: s, range: { ...ref }, style };
    this.tables.push(t);
    return t;
  }

  /** Carries out a plan. Like an Excel batch, ops before a refused one have already happened. */
  apply(ops: readonly Op[]): void {
    try {
      for (const o of ops) this.applyOne(o);
    } finally {
      this.changed();
    }
  }

  private applyOne(o: Op): void {
    checkOpLimits(o);
    switch (o.op) {
      case "addSheet":
        this.addSheet(o.sheet, o.tabColour);
        return;
      case "deleteSheet": {
        const s = this.mustSheet(o.sheet);
        this.sheets.splice(this.sheets.indexOf(s), 1);
        for (let i = this.tables.length - 1; i >= 0; i--)
          if (this.tables[i].sheet === s) this.tables.splice(i, 1);
        for (const [k, n] of this.names) if (n.sheet === s) this.names.delete(k);
        if (this.activeSheet === s.name) this.activeSheet = null;
        if (this.activeCell?.sheet === s.name) this.activeCell = null;
        return;
      }
      case "addTable":
        this.addTable(o.sheet, o.range, o.name, o.style);
        return;
      case "addName": {
        if (this.names.has(lower(o.name)) || this.table(o.name))
          throw new PortError(`The name "${o.name}" already exists.`);
        checkTableName(o.name);
        this.names.set(lower(o.name), {
          name: o.name,
          sheet: this.mustSheet(o.sheet),
          ref: parseRange(o.ref),
          comment: o.comment,
        });
        return;
      }
      case "write": {
        const s = this.mustSheet(o.sheet);
        const ref = parseRange(o.range);
        o.cells.forEach((row, i) => row.forEach((v, j) => this.put(s, ref.top + i, ref.left + j, v)));
        return;
      }
      case "addTableColumn": {
        const t = this.mustTable(o.table);
        t.range.right += 1;
        o.cells.forEach((v, i) => this.put(t.sheet, t.range.top + i, t.range.right, v));
        return;
      }
      case "addTableRows": {
        const t = this.mustTable(o.table);
        const start = t.range.bottom + 1;
        // As Excel does, new rows take the number format, fill and wrap of the table's last row.
        const last = t.range.bottom > t.range.top ? t.range.bottom : null;
        t.range.bottom += o.rows.length;
        o.rows.forEach((r, i) =>
          r.forEach((v, j) => {
            const col = t.range.left + j;
            this.put(t.sheet, start + i, col, v);
            const above = last === null ? undefined : this.cellAt(t.sheet, last, col);
            if (!above) return;
            const cell = this.touch(t.sheet, start + i, col);
            if (above.format !== undefined) cell.format = above.format;
            if (above.fill !== undefined) cell.fill = above.fill;
            if (above.wrap) cell.wrap = true;
          }),
        );
        return;
      }
      case "numberFormat": {
        const s = this.mustSheet(o.sheet);
        const top = parseRange(o.range);
        this.each(s, o.range, (cell, r, c) => (cell.format = o.formats[r - top.top][c - top.left]));
        return;
      }
      case "style":
        this.each(this.mustSheet(o.sheet), o.range, (cell) => (cell.style = o.style));
        return;
      case "fill":
        this.each(this.mustSheet(o.sheet), o.range, (cell) => (cell.fill = o.colour));
        return;
      case "wrap":
        this.each(this.mustSheet(o.sheet), o.range, (cell) => (cell.wrap = true));
        return;
      case "merge":
        this.mustSheet(o.sheet).merges.push(o.range);
        return;
      case "validation": {
        const s = this.mustSheet(o.sheet);
        if (o.clear) s.validations = s.validations.filter((v) => v.range !== o.range);
        s.validations.push({ range: o.range, rule: o.rule, prompt: o.prompt });
        return;
      }
      case "rowHeight":
        this.mustSheet(o.sheet).rowHeights.set(o.row, o.points);
        return;
      case "columnWidth":
        this.mustSheet(o.sheet).columnWidths.set(o.column, o.characters);
        return;
      case "freeze":
        this.mustSheet(o.sheet).freeze = { rows: o.rows, columns: o.columns };
        return;
      case "colourScale":
        this.mustSheet(o.sheet).colourScales.push({ range: o.range, colours: o.colours });
        return;
      case "valueFills":
        this.mustSheet(o.sheet).valueFills.push({ range: o.range, fills: o.fills });
        return;
      case "chart":
        this.mustSheet(o.sheet).charts.push(o.chart);
        return;
      case "print":
        this.mustSheet(o.sheet).print = o.print;
        return;
      case "calculate":
        return; // no calculation engine: formula cells keep the values the plan gave them
      case "activate":
        this.activeSheet = this.mustSheet(o.sheet).name;
        return;
    }
  }

  lists(): WorkbookLists {
    return {
      sheets: this.sheets.map((s) => s.name),
      names: [...this.names.values()].map((n) => ({ name: n.name, kind: "range" as const })),
      tables: this.tables.map((t) => ({ name: t.name, sheet: t.sheet.name })),
    };
  }

  /** Values (formula cells: their shown value) and formulas ("=…" text) of a range. */
  grid(s: MemorySheet, ref: RangeRef): { values: Scalar[][]; formulas: Scalar[][] } {
    const values: Scalar[][] = [];
    const formulas: Scalar[][] = [];
    for (let r = ref.top; r <= ref.bottom; r++) {
      const v: Scalar[] = [];
      const f: Scalar[] = [];
      for (let c = ref.left; c <= ref.right; c++) {
        const cell = s.cells.get(key(r, c));
        v.push(cell?.value ?? "");
        f.push(cell?.formula ?? cell?.value ?? "");
      }
      values.push(v);
      formulas.push(f);
    }
    return { values, formulas };
  }

  tableSnapshot(t: MemoryTable): TableSnapshot {
    const body = this.grid(t.sheet, { ...t.range, top: t.range.top + 1 });
    return {
      name: t.name,
      sheet: t.sheet.name,
      top: t.range.top,
      left: t.range.left,
      headers: this.grid(t.sheet, { ...t.range, bottom: t.range.top }).values[0],
      values: body.values,
      formulas: body.formulas,
    };
  }

  snapshot(request: SnapshotRequest = {}): Snapshot {
    const lists = this.lists();
    const want = resolveRequest(request, lists);
    const snap: Snapshot = {
      ...lists,
      tableData: want.tables.map((n) => this.tableSnapshot(this.table(n)!)),
      nameData: want.names.map((n) => {
        const named = this.names.get(lower(n))!;
        return {
          name: named.name,
          sheet: named.sheet.name,
          address: rangeAddress(named.ref),
          values: this.grid(named.sheet, named.ref).values,
        };
      }),
      rangeData: want.ranges.map((r) => ({
        sheet: r.sheet,
        address: r.address,
        ...this.grid(this.sheet(r.sheet)!, parseRange(r.address)),
      })),
    };
    if (request.tableRows)
      snap.tableRows = new Map(this.tables.map((t) => [lower(t.name), t.range.bottom - t.range.top]));
    if (request.activeCell) {
      const at = this.activeCell ?? (this.sheets[0] ? { sheet: this.sheets[0].name, address: "A1" } : null);
      if (at) {
        const s = this.sheet(at.sheet);
        const ref = parseRange(at.address);
        const cell = s?.cells.get(key(ref.top, ref.left));
        snap.activeCell = {
          sheet: at.sheet,
          address: cellAddress(ref.top, ref.left),
          formula: cell?.formula ?? cell?.value ?? "",
        };
      }
    }
    return snap;
  }
}
