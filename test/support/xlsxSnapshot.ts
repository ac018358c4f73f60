/**
 * A Snapshot of an .xlsx file, as the workbook port would give one of the
 * same workbook opened in Excel: every sheet, workbook name and table, and
 * the cells of the names and tables asked for. Lets a test read back what the
 * .xlsx writer wrote with the planners' own readers (operationFromSnapshot…).
 */
import ExcelJS from "exceljs";
import { strFromU8, unzipSync } from "fflate";
import { parseRange, rangeAddress } from "../../src/sheets/a1";
import type { Scalar } from "../../src/sheets/model";
import type { Snapshot, SnapshotRequest } from "../../src/sheets/plan/snapshot";

const attr = (tag: string, name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1];
/** XML text as read: the five named entities replaced. */
export const unescapeXml = (s: string) =>
  s
    .replace(/&apos;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

/** A cell's value as Office.js would give it: formulas as their result, rich text as its text. */
function scalar(v: ExcelJS.CellValue): Scalar {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === "object") {
    if ("result" in v) return scalar((v as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
    if ("richText" in v) return v.richText.map((r) => r.text).join("");
    if ("text" in v) return String((v as { text: unknown }).text);
    if ("error" in v) return String(v.error);
    return null;
  }
  return v as Scalar;
}

export async function xlsxSnapshot(bytes: Uint8Array, request: SnapshotRequest): Promise<Snapshot> {
  const files = unzipSync(bytes);
  const wbXml = strFromU8(files["xl/workbook.xml"]);
  const rels = strFromU8(files["xl/_rels/workbook.xml.rels"]);
  const partOf = new Map(
    [...rels.matchAll(/<Relationship\b[^>]*>/g)].map((m) => [
      attr(m[0], "Id"),
      `xl/${(attr(m[0], "Target") ?? "").replace(/^\/?xl\//, "")}`,
    ]),
  );
  const sheets = [...wbXml.matchAll(/<sheet\b[^>]*>/g)].map((m) => ({
    name: unescapeXml(attr(m[0], "name") ?? ""),
    part: partOf.get(attr(m[0], "r:id")) ?? "",
  }));
  const names = [...wbXml.matchAll(/<definedName\b([^>]*)>([^<]*)<\/definedName>/g)]
    .filter((m) => !/localSheetId/.test(m[1]))
    .map((m) => {
      const ref = unescapeXml(m[2]);
      const at = /^'?(.*?)'?!(\$?[A-Z]+\$?\d+(?::\$?[A-Z]+\$?\d+)?)$/.exec(ref.replace(/''/g, "'"));
      return { name: attr(m[1], "name")!, sheet: at?.[1] ?? "", address: at?.[2].replace(/\$/g, "") ?? "" };
    });
  const tables = sheets.flatMap((s) => {
    const r = files[s.part.replace(/([^/]+)$/, "_rels/$1.rels")];
    if (!r) return [];
    return [...strFromU8(r).matchAll(/Target="\.\.\/tables\/([^"]+)"/g)].map((m) => {
      const tag = /<table\b[^>]*>/.exec(strFromU8(files[`xl/tables/${m[1]}`]))![0];
      return { name: attr(tag, "name")!, sheet: s.name, ref: attr(tag, "ref")! };
    });
  });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const grid = (sheet: string, address: string): Scalar[][] => {
    const ws = wb.getWorksheet(sheet)!;
    const r = parseRange(address);
    const out: Scalar[][] = [];
    for (let i = r.top; i <= r.bottom; i++) {
      const line: Scalar[] = [];
      for (let j = r.left; j <= r.right; j++) line.push(scalar(ws.getRow(i + 1).getCell(j + 1).value));
      out.push(line);
    }
    return out;
  };
  const lists = {
    sheets: sheets.map((s) => s.name),
    names: names.map((n) => ({ name: n.name, kind: n.address ? ("range" as const) : ("other" as const) })),
    tables: tables.map((t) => ({ name: t.name, sheet: t.sheet })),
  };
  const lower = (s: string) => s.toLowerCase();
  const wantTables = typeof request.tables === "function" ? request.tables(lists) : (request.tables ?? []);
  const wantNames = new Set((request.names ?? []).map(lower));
  return {
    ...lists,
    tableData: tables
      .filter((t) => wantTables.some((w) => lower(w) === lower(t.name)))
      .map((t) => {
        const r = parseRange(t.ref);
        const body = grid(t.sheet, rangeAddress({ ...r, top: r.top + 1 }));
        return {
          name: t.name,
          sheet: t.sheet,
          top: r.top,
          left: r.left,
          headers: grid(t.sheet, rangeAddress({ ...r, bottom: r.top }))[0],
          values: body,
          formulas: body,
        };
      }),
    nameData: names
      .filter((n) => n.address && wantNames.has(lower(n.name)))
      .map((n) => ({ name: n.name, sheet: n.sheet, address: n.address, values: grid(n.sheet, n.address) })),
    rangeData: [],
  };
}
