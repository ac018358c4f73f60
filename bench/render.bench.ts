// Rendering the eight sheets: round trips and time of the live (Office.js)
// render against the fake context, and time to write the shareable .xlsx.
import { performance } from "perf_hooks";
import { blankOperation } from "../src/core/operation";
import { buildWorkbook, type ResultsRow } from "../src/sheets/build";
import type { SheetModel } from "../src/sheets/model";
import { insertSheets } from "../test/support/live";
import { writeWorkbookXlsx } from "../src/sheets/render/xlsx";
import { createFakeExcel } from "../test/support/fakeExcel";

export function rows(n: number): ResultsRow[] {
  return Array.from({ length: n }, (_, i) => ({
    measure: `Measure ${i + 1}`,
    target: { before: 100 + (i % 11), after: 60 + (i % 7) },
    buffer: { before: 90, after: 95 + (i % 5) },
    control: { before: 100, after: 98 },
  }));
}

export default async function run(): Promise<Record<string, number | string>[]> {
  const out: Record<string, number | string>[] = [];
  for (const n of [10, 5000]) {
    const sheets: SheetModel[] = buildWorkbook({
      operation: { ...blankOperation(), name: "Bench" },
      results: rows(n),
    });

    const fake = createFakeExcel();
    let t = performance.now();
    await insertSheets(fake.context, sheets, "rename");
    out.push({
      figure: "live render, 8 sheets (fake context)",
      resultsRows: n,
      syncs: fake.syncs,
      queuedCalls: fake.calls.length,
      ms: +(performance.now() - t).toFixed(1),
    });

    const before = fake.syncs;
    t = performance.now();
    await insertSheets(fake.context, sheets, "update");
    out.push({
      figure: 'live re-insert with "update"',
      resultsRows: n,
      syncs: fake.syncs - before,
      ms: +(performance.now() - t).toFixed(1),
    });

    t = performance.now();
    const bytes = await writeWorkbookXlsx(sheets);
    out.push({
      figure: "write .xlsx, 8 sheets",
      resultsRows: n,
      ms: +(performance.now() - t).toFixed(1),
      sizeKB: +(bytes.length / 1024).toFixed(1),
    });
  }
  return out;
}
