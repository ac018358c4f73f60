/**
 * A minimal Excel.RequestContext for reading one very large table, whose
 * cell values are produced on demand from a row function (a 1,000,000-row
 * grid never exists whole). It implements only what OfficeWorkbook.readTable
 * uses (src/workbook/office.ts), and records, per sync, the payload Office.js
 * would carry back: the JSON length of every `values` loaded in that batch.
 */
type Row = (string | number | boolean)[];

export interface LazyTable {
  name: string;
  sheet: string;
  headers: string[];
  rowCount: number;
  row(i: number): Row;
}

export interface LazyExcel {
  context: Excel.RequestContext;
  /** Payload (characters of JSON) of each sync, in order. */
  payloads: number[];
  syncs: number;
}

export function createLazyExcel(tables: LazyTable[]): LazyExcel {
  let pending: (() => number)[] = [];
  const state: LazyExcel = { context: undefined as unknown as Excel.RequestContext, payloads: [], syncs: 0 };

  const range = (
    t: LazyTable,
    top: number,
    left: number,
    rows: number,
    cols: number,
    header = false,
  ): any => {
    const loaded: Record<string, unknown> = {};
    const r: any = {
      load(props: string) {
        const want = props.split(",").map((p) => p.trim());
        pending.push(() => {
          let bytes = 0;
          for (const p of want) {
            if (p === "values") {
              const values: Row[] = [];
              for (let i = 0; i < rows; i++) {
                const src = header ? t.headers : t.row(top + i);
                values.push(src.slice(left, left + cols));
              }
              loaded.values = values;
              bytes += JSON.stringify(values).length;
            } else if (p === "rowCount") loaded.rowCount = rows;
            else if (p === "columnCount") loaded.columnCount = cols;
            else if (p === "address") loaded.address = `'${t.sheet}'!R${top + 1}C${left + 1}`;
            else throw new Error(`lazy fake: load("${p}") not supported`);
          }
          return bytes;
        });
        return r;
      },
      getCell(i: number, j: number) {
        return range(t, top + i, left + j, 1, 1, header);
      },
      getResizedRange(dr: number, dc: number) {
        if (top + rows + dr > t.rowCount + 1 || rows + dr < 1 || cols + dc < 1)
          throw new Error(
            `lazy fake: resized range outside the table (${rows + dr}×${cols + dc} at row ${top})`,
          );
        return range(t, top, left, rows + dr, cols + dc, header);
      },
    };
    for (const p of ["values", "rowCount", "columnCount", "address"]) {
      Object.defineProperty(r, p, {
        get() {
          if (!(p in loaded)) throw new Error(`PropertyNotLoaded: ${p}`);
          return loaded[p];
        },
      });
    }
    return r;
  };

  const tableProxy = (t: LazyTable): any => {
    const ws: any = {
      load: () => ws,
    };
    Object.defineProperty(ws, "name", { get: () => t.sheet });
    return {
      name: t.name,
      worksheet: ws,
      getHeaderRowRange: () => range(t, 0, 0, 1, t.headers.length, true),
      getDataBodyRange: () => range(t, 0, 0, t.rowCount, t.headers.length),
    };
  };

  const collection: any = {
    load: () => collection,
    getItem: (name: string) => {
      const t = tables.find((x) => x.name.toLowerCase() === name.toLowerCase());
      if (!t) throw new Error(`ItemNotFound: ${name}`);
      return tableProxy(t);
    },
  };
  Object.defineProperty(collection, "items", { get: () => tables.map(tableProxy) });

  state.context = {
    workbook: { tables: collection },
    sync: async () => {
      state.syncs++;
      const work = pending;
      pending = [];
      state.payloads.push(work.reduce((s, f) => s + f(), 0));
    },
  } as unknown as Excel.RequestContext;
  return state;
}
