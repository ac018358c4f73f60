/**
 * Incident data as the pane holds it: column by column. Data read from CSV
 * files keeps only the mapped columns (date, area, offence type, area name,
 * crime reference), so a million rows fit; a table read from the workbook
 * keeps every column. Use cases take any TableData and read it through
 * tableColumn, so row-shaped data still works everywhere.
 */
import type { ColumnMap } from "../core/evaluation";
import type { IncidentColumns } from "../core/incidents";
import { PortError } from "../sheets/plan/errors";
import type { TableData } from "../sheets/plan/snapshot";

export interface ColumnarData extends TableData {
  readonly rowCount: number;
  /** Column i (its position in `headers`), or undefined when it was not kept. */
  column(i: number): readonly unknown[] | undefined;
}

export const isColumnar = (d: TableData): d is ColumnarData =>
  typeof (d as Partial<ColumnarData>).column === "function";

/** Column i of any table data (row-shaped data is read down the rows). */
export function tableColumn(data: TableData, i: number): readonly unknown[] {
  if (!isColumnar(data)) return data.rows.map((r) => r[i] ?? null);
  const c = data.column(i);
  if (!c)
    throw new PortError(
      `The column "${data.headers[i] ?? i + 1}" was not kept when the files were read. Choose it again in the column list, then count.`,
    );
  return c;
}

export const rowCountOf = (data: TableData): number => (isColumnar(data) ? data.rowCount : data.rows.length);

/** The columns an evaluation needs (core columnsOf, for either shape of data). */
export function tableColumns(data: TableData, map: ColumnMap): IncidentColumns {
  return {
    dates: tableColumn(data, map.date),
    areas: tableColumn(data, map.area),
    ...(map.offenceType !== null ? { offenceTypes: tableColumn(data, map.offenceType) } : {}),
    ...(map.id !== undefined && map.id !== null ? { ids: tableColumn(data, map.id) } : {}),
  };
}

/** Columns by position in `headers`; rows are made only if some code asks for them. */
export class ColumnTable implements ColumnarData {
  constructor(
    readonly headers: string[],
    private readonly columnAt: (i: number) => readonly unknown[] | undefined,
    readonly rowCount: number,
    readonly rowLabel?: (i: number) => string,
    readonly notices: string[] = [],
    private made?: unknown[][],
  ) {}

  /** Kept columns by their position in `headers`. */
  static of(
    headers: string[],
    kept: ReadonlyMap<number, readonly unknown[]>,
    rowCount: number,
    rowLabel?: (i: number) => string,
    notices: string[] = [],
  ): ColumnTable {
    return new ColumnTable(headers, (i) => kept.get(i), rowCount, rowLabel, notices);
  }

  /** Row-shaped data (a workbook table): each column taken down the rows when first asked for. */
  static ofRows(data: TableData): ColumnTable {
    const cache = new Map<number, readonly unknown[]>();
    const at = (i: number) => {
      if (!(i >= 0 && i < data.headers.length)) return undefined;
      let c = cache.get(i);
      if (!c) cache.set(i, (c = data.rows.map((r) => r[i] ?? null)));
      return c;
    };
    return new ColumnTable(data.headers, at, data.rows.length, data.rowLabel, [], data.rows);
  }

  column(i: number): readonly unknown[] | undefined {
    return this.columnAt(i);
  }

  /** Whole rows (columns not kept are null), made once when first asked for: costly for large data. */
  get rows(): unknown[][] {
    if (!this.made) {
      const cols = this.headers.map((_, i) => this.columnAt(i));
      this.made = Array.from({ length: this.rowCount }, (_, r) =>
        cols.map((c) => (c ? (c[r] ?? null) : null)),
      );
    }
    return this.made;
  }
}
