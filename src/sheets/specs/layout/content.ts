/** Pass 2 of the layout: the cells, names, validations and tables each block puts on the sheet. */
import type {
  CellInput,
  CellModel,
  NamedRangeModel,
  TableColumnModel,
  TableModel,
  ValidationModel,
} from "../../model";
import { absoluteRange, cellAddress, colLetters, rangeAddress } from "../../a1";
import { abs } from "./place";
import {
  isStoredCell,
  type BlockSpec,
  type CellSpec,
  type GridCell,
  type Locator,
  type Placement,
  type RowRef,
  type RowValues,
} from "./types";

/** "[@[Target before]]": this row's cell in a column; ' [ ] # are escaped with an apostrophe. */
export const thisRow = (header: string): string => `[@[${header.replace(/['[\]#]/g, "'$&")}]]`;

const isCellSpec = (v: GridCell): v is CellSpec =>
  typeof v === "object" && v !== null && "value" in (v as object) && !("formula" in (v as object));

/** Collects what the blocks write, and how far the sheet reaches. */
export class SheetContent {
  readonly cells: CellModel[] = [];
  readonly names: NamedRangeModel[] = [];
  readonly validations: ValidationModel[] = [];
  readonly tables: TableModel[] = [];
  maxRow = 0;
  maxCol: number;

  constructor(
    readonly locator: Locator,
    minColumns: number,
  ) {
    this.maxCol = minColumns - 1;
  }

  mergeAcross(row: number, col: number, span: number): string | undefined {
    return span > 1 ? rangeAddress({ top: row, left: col, bottom: row, right: col + span - 1 }) : undefined;
  }

  put(row: number, col: number, value: CellInput, extra: Omit<CellModel, "address" | "value"> = {}): void {
    const cell: CellModel = { address: cellAddress(row, col), value };
    for (const [k, v] of Object.entries(extra))
      if (v !== undefined) (cell as unknown as Record<string, unknown>)[k] = v;
    this.cells.push(cell);
    this.reach(row, col);
  }

  reach(row: number, col: number): void {
    this.maxRow = Math.max(this.maxRow, row);
    this.maxCol = Math.max(this.maxCol, col);
  }

  resolve(v: CellInput | ((loc: Locator) => CellInput)): CellInput {
    return typeof v === "function" ? v(this.locator) : v;
  }

  block(b: BlockSpec, p: Placement): void {
    if (b.heading)
      this.put(p.top, p.left, b.heading, {
        style: b.headingStyle ?? "heading",
        merge: this.mergeAcross(p.top, p.left, Math.max(1, p.cols)),
      });
    switch (b.kind) {
      case "fields":
        return this.fields(b, p);
      case "grid":
        return this.grid(b, p);
      case "notes":
        b.lines.forEach((line, i) =>
          this.put(p.bodyTop + i, p.left, line, {
            style: "help",
            merge: this.mergeAcross(p.bodyTop + i, p.left, b.span ?? 1),
          }),
        );
        return;
      case "table":
        return this.table(b, p);
    }
  }

  private fields(b: Extract<BlockSpec, { kind: "fields" }>, p: Placement): void {
    b.fields.forEach((f, i) => {
      const row = p.bodyTop + i;
      this.put(row, p.left, f.label, { style: "label" });
      this.put(row, p.left + 1, this.resolve(f.value), {
        style: f.style ?? "input",
        format: f.format,
        literal: f.literal || undefined,
      });
      if (f.name) this.names.push({ name: f.name, ref: abs(row, p.left + 1), comment: f.nameComment });
      if (f.validation)
        this.validations.push({ range: cellAddress(row, p.left + 1), rule: f.validation, prompt: f.prompt });
    });
  }

  private grid(b: Extract<BlockSpec, { kind: "grid" }>, p: Placement): void {
    b.rows.forEach((r, i) =>
      r.forEach((g, j) => {
        if (g === undefined) return;
        const row = p.bodyTop + i;
        const col = p.left + j;
        if (!isCellSpec(g)) {
          this.put(row, col, g);
          return;
        }
        this.put(row, col, this.resolve(g.value), {
          style: g.style,
          format: g.format,
          literal: g.literal || undefined,
          merge: this.mergeAcross(row, col, g.span ?? 1),
        });
        if (g.name) {
          const ref = absoluteRange({ top: row, left: col, bottom: row, right: col + (g.span ?? 1) - 1 });
          this.names.push({ name: g.name, ref, comment: g.nameComment });
        }
        if (g.validation)
          this.validations.push({ range: cellAddress(row, col), rule: g.validation, prompt: g.prompt });
      }),
    );
    for (const n of b.names ?? []) {
      const top = p.bodyTop + n.row;
      const left = p.left + (n.col ?? 0);
      this.names.push({
        name: n.name,
        ref: absoluteRange({ top, left, bottom: top + (n.rows ?? 1) - 1, right: left + n.cols - 1 }),
        comment: n.comment,
      });
    }
  }

  private table(b: Extract<BlockSpec, { kind: "table" }>, p: Placement): void {
    const t = b.table;
    const columns: TableColumnModel[] = t.columns.map((c) => {
      const m: TableColumnModel = { key: c.key, header: c.header, help: c.help, computed: !!c.computed };
      if (c.format) m.format = c.format;
      if (c.validation) m.validation = c.validation;
      if (c.wrap) m.wrap = true;
      return m;
    });
    // A table always has at least one (blank) data row to type into.
    const specRows: RowValues[] = t.rows.length > 0 ? t.rows : [{}];
    const refFor = (rowNumber: number): RowRef => {
      const ref: RowRef = {
        row: rowNumber,
        at: (key) => {
          const j = t.columns.findIndex((c) => c.key === key);
          if (j < 0) throw new Error(`Unknown column "${key}" in table ${t.name}`);
          return t.structuredRefs ? thisRow(t.columns[j].header) : `${colLetters(p.left + j)}${rowNumber}`;
        },
        span: (a, z) => `${ref.at(a)}:${ref.at(z)}`,
      };
      return ref;
    };
    // Structured references give every row the same text: build it once per column.
    const shared = t.structuredRefs
      ? t.columns.map((c) => (c.formula ? c.formula(refFor(p.bodyTop + 1), this.locator) : undefined))
      : [];
    const rows: CellInput[][] = specRows.map((values, i) => {
      const rowNumber = p.bodyTop + i + 1;
      const ref = refFor(rowNumber);
      return t.columns.map((c, j) => {
        const v = values[c.key];
        if (isStoredCell(v)) return v.stored;
        if (c.formula) {
          const cached = v === undefined || typeof v === "object" ? "" : v;
          return { formula: shared[j] ?? c.formula(ref, this.locator), value: cached };
        }
        return v === undefined ? null : v;
      });
    });
    this.tables.push({
      name: t.name,
      topLeft: cellAddress(p.bodyTop - 1, p.left),
      columns,
      rows,
      style: t.style ?? "TableStyleMedium2",
    });
    // A name over a growing table covers the analyst's added rows too.
    for (const c of t.columns)
      if (c.name)
        this.names.push({
          name: c.name,
          ref: this.locator.column(b.id, c.key, { grow: p.growth > 0 }),
          comment: c.nameComment,
        });
    this.reach(p.bodyTop + p.rows - 1, p.left + t.columns.length - 1);
  }
}
