// Writing a large Results table to .xlsx (the CLI and the shareable file):
// 40,000 Results rows, built with buildWorkbook and written with
// writeWorkbookXlsx. Its own file, so the peak memory is this figure's alone.
import { performance } from "perf_hooks";
import { blankOperation } from "../src/core/operation";
import { buildWorkbook } from "../src/sheets/build";
import { writeWorkbookXlsx } from "../src/sheets/render/xlsx";
import { rows } from "./render.bench";

const ROWS = 40_000;

const mb = (bytes: number) => +(bytes / 1024 / 1024).toFixed(0);
const gc = () => (globalThis as { gc?: () => void }).gc?.();

export default async function run(): Promise<Record<string, number | string>[]> {
  gc();
  let t = performance.now();
  const sheets = buildWorkbook({ operation: { ...blankOperation(), name: "Bench" }, results: rows(ROWS) });
  const buildMs = performance.now() - t;
  const peakAfterBuild = process.resourceUsage().maxRSS * 1024;
  gc();
  const heapModel = process.memoryUsage().heapUsed;
  t = performance.now();
  const bytes = await writeWorkbookXlsx(sheets);
  const writeMs = performance.now() - t;
  return [
    {
      figure: "build + write .xlsx, large Results",
      resultsRows: ROWS,
      buildMs: +buildMs.toFixed(0),
      writeMs: +writeMs.toFixed(0),
      totalMs: +(buildMs + writeMs).toFixed(0),
      modelHeapMB: mb(heapModel),
      peakRssAfterBuildMB: mb(peakAfterBuild),
      peakRssMB: mb(process.resourceUsage().maxRSS * 1024),
      sizeMB: +(bytes.length / 1024 / 1024).toFixed(1),
    },
  ];
}
