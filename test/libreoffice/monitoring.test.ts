/**
 * The Monitoring sheet's two line charts and the Summary's small copy of the
 * first render in real LibreOffice: the .xlsx (police.uk fixture, README
 * scenario) goes to PDF, each chart's title is found on its page
 * (pdftotext -bbox), and the page, rasterised (pdftoppm), has the series'
 * colours plotted in the box under that title: the expected range's band,
 * the target's line, and the net effect's line. PNGs of the pages are kept
 * in test-output/ to look at. LibreOffice recalculates on load (lo.ts), so
 * the formulas' own values are drawn, not the cached ones.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { monitoringMonths } from "../../src/app/monitoring";
import { buildWorkbook } from "../../src/sheets/build";
import { writeWorkbookXlsx } from "../../src/sheets/render/xlsx";
import { loadPoliceUkRows, scenarioOperation } from "../support/policeUk";
import { describeWith, libreOffice, pdftoppm, pdftotext } from "../support/tools";
import { convert, tempDir } from "./lo";

const maybe = describeWith("the Monitoring chart test", [libreOffice(), pdftotext(), pdftoppm()]);

const DPI = 100;
const OUT = path.join(__dirname, "..", "..", "test-output");

interface Box {
  page: number;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

/** The box (in points) around a run of words on one page, e.g. a chart's title. */
function findText(pdf: string, phrase: string): Box | undefined {
  const html = execFileSync("pdftotext", ["-bbox", pdf, "-"], { encoding: "utf8", maxBuffer: 1 << 28 });
  const wanted = phrase.split(" ");
  const pages = html.split("<page ").slice(1);
  for (const [page, text] of pages.entries()) {
    const words = [
      ...text.matchAll(
        /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g,
      ),
    ].map((m) => ({ x0: +m[1], y0: +m[2], x1: +m[3], y1: +m[4], text: m[5].replace(/&amp;/g, "&") }));
    for (let i = 0; i + wanted.length <= words.length; i++) {
      const run = words.slice(i, i + wanted.length);
      if (run.every((w, k) => w.text === wanted[k]))
        return {
          page,
          xMin: Math.min(...run.map((w) => w.x0)),
          yMin: Math.min(...run.map((w) => w.y0)),
          xMax: Math.max(...run.map((w) => w.x1)),
          yMax: Math.max(...run.map((w) => w.y1)),
        };
    }
  }
  return undefined;
}

interface Raster {
  width: number;
  height: number;
  rgb: Uint8Array;
}

/** One page as RGB pixels (pdftoppm's PPM output), and the same page as a PNG in test-output/. */
function rasterise(pdf: string, page: number, dir: string, label: string): Raster {
  const base = path.join(dir, `page${page}`);
  const args = ["-r", String(DPI), "-f", String(page + 1), "-l", String(page + 1), "-singlefile"];
  execFileSync("pdftoppm", [...args, pdf, base]);
  fs.mkdirSync(OUT, { recursive: true });
  execFileSync("pdftoppm", [...args, "-png", pdf, path.join(OUT, `monitoring-${label}`)]);
  const ppm = fs.readFileSync(`${base}.ppm`);
  // Header: "P6\n<width> <height>\n255\n", then the pixels.
  const header = ppm
    .subarray(0, 64)
    .toString("latin1")
    .match(/^P6\s+(\d+)\s+(\d+)\s+255\s/);
  if (!header) throw new Error("not a binary PPM");
  return {
    width: +header[1],
    height: +header[2],
    rgb: new Uint8Array(ppm.buffer, ppm.byteOffset + header[0].length, +header[1] * +header[2] * 3),
  };
}

/** Pixels within `tolerance` of each colour, and pixels that are not white, in a box given in points. */
function countColours(r: Raster, box: Omit<Box, "page">, colours: Record<string, string>, tolerance = 40) {
  const px = (pt: number) => Math.round((pt * DPI) / 72);
  const want = Object.entries(colours).map(
    ([k, hex]) => [k, [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16))] as const,
  );
  const counts: Record<string, number> = Object.fromEntries(Object.keys(colours).map((k) => [k, 0]));
  let ink = 0;
  for (let y = Math.max(0, px(box.yMin)); y < Math.min(r.height, px(box.yMax)); y++)
    for (let x = Math.max(0, px(box.xMin)); x < Math.min(r.width, px(box.xMax)); x++) {
      const o = (y * r.width + x) * 3;
      const [red, green, blue] = [r.rgb[o], r.rgb[o + 1], r.rgb[o + 2]];
      if (red < 235 || green < 235 || blue < 235) ink++;
      for (const [k, [a, b, c]] of want)
        if (Math.abs(red - a) + Math.abs(green - b) + Math.abs(blue - c) <= tolerance) counts[k]++;
    }
  return { ink, counts };
}

maybe("Monitoring charts in LibreOffice", () => {
  let dir: string;
  let pdf: string;

  beforeAll(async () => {
    dir = tempDir("hp-lo-monitoring-");
    const operation = scenarioOperation("README scenario");
    const monitoring = monitoringMonths({
      data: loadPoliceUkRows(),
      columns: { date: 1, area: 7, offenceType: 9, id: 0 },
      operation,
      controlAreas: operation.controlAreas,
      offenceTypes: ["Anti-social behaviour", "Drugs"],
    });
    const sheets = buildWorkbook({
      operation,
      monitoring,
      include: ["operation", "harm-matrix", "monitoring", "results", "summary"],
    });
    const file = path.join(dir, "monitoring.xlsx");
    fs.writeFileSync(file, await writeWorkbookXlsx(sheets));
    convert(file, "pdf", dir);
    pdf = path.join(dir, "monitoring.pdf");
  }, 300_000);

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** The box under a chart's title: as wide as the title, about ten title-heights down (inside the chart). */
  const plotBox = (title: Box) => {
    const h = title.yMax - title.yMin;
    return { xMin: title.xMin, xMax: title.xMax, yMin: title.yMax + h, yMax: title.yMax + 10 * h };
  };

  it.each([
    ["Target crimes a month and the expected range", "counts", { band: "BDD7EE", target: "1F4E79" }],
    ["Net effect so far, with its 95% interval", "net", { net: "C55A11", interval: "7F7F7F" }],
    ["Target crimes a month (Monitoring sheet)", "summary", { band: "BDD7EE", target: "1F4E79" }],
  ])("draws %s, with its series plotted", (title, label, colours) => {
    const at = findText(pdf, title);
    expect(at).toBeDefined();
    const r = rasterise(pdf, at!.page, dir, label);
    const { ink, counts } = countColours(r, plotBox(at!), colours);
    expect(ink).toBeGreaterThan(200);
    for (const [name, n] of Object.entries(counts)) expect([name, n > 20]).toEqual([name, true]);
  });

  it("draws nothing of the target's colour in a blank box beside the charts (the check can fail)", () => {
    const at = findText(pdf, "Target crimes a month and the expected range")!;
    const r = rasterise(pdf, at.page, dir, "check");
    const h = at.yMax - at.yMin;
    // Above the chart's title: the sheet's help text and blank cells, no plotted series.
    const { counts } = countColours(
      r,
      { xMin: at.xMin, xMax: at.xMax, yMin: Math.max(0, at.yMin - 3 * h), yMax: at.yMin - h },
      { band: "BDD7EE" },
    );
    expect(counts.band).toBe(0);
  });
});
