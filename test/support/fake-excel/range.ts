/** Ranges: values, formulas, formats, validation, conditional formats. */
import type { FakeExcel } from "./excel";
import { Proxy } from "./proxy";
import { WorksheetProxy } from "./workbook";
import {
  MAX_COL,
  MAX_ROW,
  key,
  rangeAddress,
  type FakeCell,
  type FakeConditionalFormat,
  type FakeSheetData,
  type FakeValidation,
  type RangeRef,
} from "./types";

export class RangeProxy extends Proxy {
  readonly sheet: FakeSheetData;
  readonly ref: RangeRef;
  readonly format: any;
  readonly dataValidation: any;
  readonly conditionalFormats: any;
  constructor(x: FakeExcel, sheet: FakeSheetData, ref: RangeRef, _live = false) {
    super(x);
    this.sheet = sheet;
    this.ref = ref;
    const each = (fn: (c: FakeCell) => void) => this.eachCell(fn);
    const addr = () => `${sheet.name}!${rangeAddress(ref)}`;
    this.format = {
      font: {
        set bold(v: boolean) {
          each((c) => (c.font.bold = v));
        },
        set italic(v: boolean) {
          each((c) => (c.font.italic = v));
        },
        set color(v: string) {
          each((c) => (c.font.color = v));
        },
        set size(v: number) {
          each((c) => (c.font.size = v));
        },
        set name(v: string) {
          each((c) => (c.font.name = v));
        },
        set underline(v: string) {
          each((c) => (c.font.underline = v));
        },
      },
      fill: {
        set color(v: string) {
          each((c) => (c.fill = v));
        },
        clear: () => each((c) => delete c.fill),
      },
      set wrapText(v: boolean) {
        each((c) => (c.wrapText = v));
      },
      set horizontalAlignment(v: string) {
        each((c) => (c.horizontalAlignment = v));
      },
      set verticalAlignment(v: string) {
        each((c) => (c.verticalAlignment = v));
      },
      set columnWidth(v: number) {
        for (let j = ref.left; j <= ref.right; j++) sheet.columnWidths.set(j, v);
        x.log(`${addr()}.columnWidth=${v}`);
      },
      set rowHeight(v: number) {
        for (let i = ref.top; i <= Math.min(ref.bottom, ref.top + 10000); i++) sheet.rowHeights.set(i, v);
      },
      autofitColumns: () => x.log(`${addr()}.autofitColumns()`),
      autofitRows: () => x.log(`${addr()}.autofitRows()`),
      borders: { getItem: () => ({}) },
      protection: {},
    };
    const rec: FakeValidation = { address: rangeAddress(ref), rule: undefined };
    this.dataValidation = {
      set rule(r: any) {
        rec.rule = r;
        if (!sheet.validations.includes(rec)) sheet.validations.push(rec);
        x.log(`${addr()}.dataValidation.rule`);
      },
      set prompt(p: any) {
        rec.prompt = p;
        if (!sheet.validations.includes(rec)) sheet.validations.push(rec);
      },
      set errorAlert(e: any) {
        rec.errorAlert = e;
      },
      clear: () => {
        const i = sheet.validations.findIndex((v) => v.address === rangeAddress(ref));
        if (i >= 0) sheet.validations.splice(i, 1);
      },
    };
    this.conditionalFormats = {
      add: (type: string) => {
        const cf: FakeConditionalFormat = { address: rangeAddress(ref), type };
        sheet.conditionalFormats.push(cf);
        x.log(`${addr()}.conditionalFormats.add(${type})`);
        const format = { fill: { color: "" }, font: { color: "", bold: false } };
        cf.format = format;
        return {
          colorScale: {
            set criteria(c: any) {
              cf.criteria = c;
            },
          },
          cellValue: {
            format,
            set rule(r: any) {
              cf.rule = r;
            },
          },
        };
      },
    };
  }
  private cellCount(): number {
    return (this.ref.bottom - this.ref.top + 1) * (this.ref.right - this.ref.left + 1);
  }
  private eachCell(fn: (c: FakeCell) => void): void {
    if (this.cellCount() > 2_000_000) return; // whole rows/columns: not modelled cell by cell
    for (let i = this.ref.top; i <= this.ref.bottom; i++)
      for (let j = this.ref.left; j <= this.ref.right; j++) fn(this.x.cellAt(this.sheet, i, j, true)!);
  }
  private setGrid(prop: string, v: unknown, write: (r: number, c: number, input: unknown) => void): void {
    const rows = this.ref.bottom - this.ref.top + 1;
    const cols = this.ref.right - this.ref.left + 1;
    this.x.log(`${this.sheet.name}!${rangeAddress(this.ref)}.${prop}=`);
    this.x.payload(v);
    if (this.ref.bottom > MAX_ROW || this.ref.right > MAX_COL || this.ref.top < 0 || this.ref.left < 0) {
      this.x.fail(
        `InvalidArgument: ${rangeAddress(this.ref)} is outside the grid (last row 1048576, last column XFD).`,
      );
      return;
    }
    if (!Array.isArray(v)) {
      // A single value applies to every cell.
      for (let i = 0; i < rows; i++)
        for (let j = 0; j < cols; j++) write(this.ref.top + i, this.ref.left + j, v);
      return;
    }
    if (v.length !== rows || v.some((r) => !Array.isArray(r) || r.length !== cols)) {
      this.x.fail(
        `InvalidArgument: ${prop} for ${rangeAddress(this.ref)} must be ${rows}×${cols}, got ${v.length}×${(v[0] as unknown[])?.length}`,
      );
      return;
    }
    v.forEach((r: unknown[], i) => r.forEach((val, j) => write(this.ref.top + i, this.ref.left + j, val)));
  }
  protected override snapshot(prop: string): unknown {
    const s = this.sheet;
    const grid = (f: (c: FakeCell | undefined) => unknown) => {
      const out: unknown[][] = [];
      for (let i = this.ref.top; i <= this.ref.bottom; i++) {
        const row: unknown[] = [];
        for (let j = this.ref.left; j <= this.ref.right; j++) row.push(f(s.cells.get(key(i, j))));
        out.push(row);
      }
      return out;
    };
    switch (prop) {
      case "values":
        return grid((c) => (c ? (c.value ?? "") : ""));
      case "text":
        return grid((c) => (c ? String(c.value ?? "") : ""));
      case "formulas":
        return grid((c) => (c ? (c.formula ?? c.value ?? "") : ""));
      case "numberFormat":
        return grid((c) => c?.numberFormat ?? "General");
      case "valueTypes":
        return grid((c) =>
          !c || c.value === null || c.value === ""
            ? "Empty"
            : typeof c.value === "number"
              ? "Double"
              : typeof c.value === "boolean"
                ? "Boolean"
                : "String",
        );
      case "address":
        return `'${s.name}'!${rangeAddress(this.ref)}`;
      case "rowCount":
        return this.ref.bottom - this.ref.top + 1;
      case "columnCount":
        return this.ref.right - this.ref.left + 1;
      case "rowIndex":
        return this.ref.top;
      case "columnIndex":
        return this.ref.left;
      default:
        return undefined;
    }
  }
  get isNullObject(): boolean {
    if (!this.synced()) throw new Error("PropertyNotLoaded: isNullObject read before context.sync()");
    return false;
  }
  get values(): any[][] {
    return this.read("values");
  }
  set values(v: any) {
    this.setGrid("values", v, (r, c, input) => this.x.writeInput(this.sheet, r, c, input));
  }
  get formulas(): any[][] {
    return this.read("formulas");
  }
  set formulas(v: any) {
    this.setGrid("formulas", v, (r, c, input) => this.x.writeInput(this.sheet, r, c, input));
  }
  get numberFormat(): any[][] {
    return this.read("numberFormat");
  }
  set numberFormat(v: any) {
    this.setGrid("numberFormat", v, (r, c, input) => {
      if (input !== null && input !== undefined)
        this.x.cellAt(this.sheet, r, c, true)!.numberFormat = String(input);
    });
  }
  get text(): string[][] {
    return this.read("text");
  }
  get valueTypes(): string[][] {
    return this.read("valueTypes");
  }
  get address(): string {
    return this.read("address");
  }
  get rowCount(): number {
    return this.read("rowCount");
  }
  get columnCount(): number {
    return this.read("columnCount");
  }
  get rowIndex(): number {
    return this.read("rowIndex");
  }
  get columnIndex(): number {
    return this.read("columnIndex");
  }
  get worksheet(): WorksheetProxy {
    return new WorksheetProxy(this.x, this.sheet, false);
  }
  merge(across = false): void {
    this.sheet.merges.push(rangeAddress(this.ref));
    this.x.log(`${this.sheet.name}!${rangeAddress(this.ref)}.merge(${across})`);
  }
  unmerge(): void {
    const a = rangeAddress(this.ref);
    this.sheet.merges = this.sheet.merges.filter((m) => m !== a);
  }
  clear(applyTo?: string): void {
    this.x.log(`${this.sheet.name}!${rangeAddress(this.ref)}.clear(${applyTo ?? "All"})`);
    this.eachCell((c) => {
      c.value = null;
      delete c.formula;
    });
  }
  getCell(row: number, col: number): RangeProxy {
    return this.sub(this.ref.top + row, this.ref.left + col, 1, 1);
  }
  getOffsetRange(rows: number, cols: number): RangeProxy {
    return new RangeProxy(this.x, this.sheet, {
      top: this.ref.top + rows,
      bottom: this.ref.bottom + rows,
      left: this.ref.left + cols,
      right: this.ref.right + cols,
    });
  }
  getResizedRange(dRows: number, dCols: number): RangeProxy {
    return new RangeProxy(this.x, this.sheet, {
      ...this.ref,
      bottom: this.ref.bottom + dRows,
      right: this.ref.right + dCols,
    });
  }
  getRow(i: number): RangeProxy {
    return this.sub(this.ref.top + i, this.ref.left, 1, this.ref.right - this.ref.left + 1);
  }
  getColumn(j: number): RangeProxy {
    return this.sub(this.ref.top, this.ref.left + j, this.ref.bottom - this.ref.top + 1, 1);
  }
  getLastRow(): RangeProxy {
    return this.getRow(this.ref.bottom - this.ref.top);
  }
  select(): void {
    this.x.log(`${this.sheet.name}!${rangeAddress(this.ref)}.select()`);
  }
  private sub(top: number, left: number, rows: number, cols: number): RangeProxy {
    return new RangeProxy(this.x, this.sheet, { top, left, bottom: top + rows - 1, right: left + cols - 1 });
  }
}
