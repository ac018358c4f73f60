/**
 * The portable copy's host calls against a stand-in for Office.js that keeps
 * to the documented contract (Office.Document.getFileAsync, Office.File):
 * the file comes as FileType.Compressed in slices of at most sliceSize
 * (4 MB at most), getSliceAsync(i) answers asynchronously with slice i, and
 * the file must be closed with closeAsync whatever happens (Office keeps at
 * most two open per document). Excel.createWorkbook needs ExcelApi 1.8;
 * getFileAsync(Compressed) needs the CompressedFile requirement set.
 */
import { joinSlices, officeHost, portableCopySupport, SLICE_SIZE } from "../../src/workbook/officeHost";
import { PortError } from "../../src/sheets/plan/errors";

interface FakeOffice {
  sets: Record<string, string>; // set name → highest version supported ("" = unversioned set)
  bytes: Uint8Array;
  openFiles: number;
  closes: number;
  failSlice?: number;
  wrongIndexAt?: number;
  failOpen?: string;
  asked?: { type: string; sliceSize?: number };
  created: string[];
}

function install(o: FakeOffice): void {
  const g = globalThis as Record<string, unknown>;
  const version = (v: string) => v.split(".").map(Number);
  const ge = (a: string, b: string) => {
    const [x, y] = [version(a), version(b)];
    return x[0] > y[0] || (x[0] === y[0] && (x[1] ?? 0) >= (y[1] ?? 0));
  };
  g.Office = {
    AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
    FileType: { Compressed: "compressed", Pdf: "pdf", Text: "text" },
    context: {
      requirements: {
        isSetSupported: (name: string, v?: string) => name in o.sets && (!v || ge(o.sets[name], v)),
      },
      document: {
        getFileAsync(type: string, options: { sliceSize?: number }, cb: (r: unknown) => void) {
          o.asked = { type, sliceSize: options.sliceSize };
          setTimeout(() => {
            if (o.failOpen) return cb({ status: "failed", error: { message: o.failOpen } });
            const size = options.sliceSize ?? SLICE_SIZE;
            o.openFiles++;
            const count = Math.max(1, Math.ceil(o.bytes.length / size));
            cb({
              status: "succeeded",
              value: {
                size: o.bytes.length,
                sliceCount: count,
                getSliceAsync(i: number, done: (r: unknown) => void) {
                  // Later slices answer sooner: only reading them one after another keeps the order.
                  setTimeout(
                    () => {
                      if (i === o.failSlice)
                        return done({ status: "failed", error: { message: "slice lost" } });
                      const index = i === o.wrongIndexAt ? i + 1 : i;
                      const data = Array.from(o.bytes.subarray(i * size, (i + 1) * size));
                      done({ status: "succeeded", value: { index, data, size: data.length } });
                    },
                    (count - i) % 3,
                  );
                },
                closeAsync() {
                  o.openFiles--;
                  o.closes++;
                },
              },
            });
          }, 0);
        },
      },
    },
  };
  g.Excel = { createWorkbook: async (b64: string) => void o.created.push(b64) };
}

function fake(overrides: Partial<FakeOffice> = {}): FakeOffice {
  const bytes = new Uint8Array(SLICE_SIZE * 2 + 12_345);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 31 + (i >> 12)) & 0xff;
  const o: FakeOffice = {
    sets: { CompressedFile: "1.1", ExcelApi: "1.10" },
    bytes,
    openFiles: 0,
    closes: 0,
    created: [],
    ...overrides,
  };
  install(o);
  return o;
}

afterEach(() => {
  delete (globalThis as Record<string, unknown>).Office;
  delete (globalThis as Record<string, unknown>).Excel;
});

describe("officeHost.getFileBytes", () => {
  it("asks for the compressed file in slices of at most 4 MB and joins them in order", async () => {
    const o = fake();
    const got = await officeHost.getFileBytes();
    expect(o.asked).toEqual({ type: "compressed", sliceSize: 4 * 1024 * 1024 });
    expect(got.length).toBe(o.bytes.length);
    expect(Buffer.from(got).equals(Buffer.from(o.bytes))).toBe(true);
    expect([o.openFiles, o.closes]).toEqual([0, 1]);
  });

  it("closes the file when a slice fails, and says so", async () => {
    const o = fake({ failSlice: 1 });
    const err = await officeHost.getFileBytes().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PortError);
    expect((err as Error).message).toMatch(/could not hand over part of the file \(slice lost\)/);
    expect([o.openFiles, o.closes]).toEqual([0, 1]);
  });

  it("refuses a slice that is not the one asked for, and closes the file", async () => {
    const o = fake({ wrongIndexAt: 0 });
    await expect(officeHost.getFileBytes()).rejects.toThrow(/part 1 of the file when part 0 was asked for/);
    expect(o.openFiles).toBe(0);
  });

  it("reports a file Excel would not open (nothing to close)", async () => {
    const o = fake({ failOpen: "busy" });
    await expect(officeHost.getFileBytes()).rejects.toThrow(/could not hand over the file \(busy\)/);
    expect(o.closes).toBe(0);
  });

  it("does not ask at all where CompressedFile is not supported", async () => {
    const o = fake({ sets: { ExcelApi: "1.10" } });
    await expect(officeHost.getFileBytes()).rejects.toThrow(
      /cannot hand the workbook to an add-in as a file/,
    );
    expect(o.asked).toBeUndefined();
  });
});

describe("officeHost.createWorkbook and portableCopySupport", () => {
  it("opens the new workbook on ExcelApi 1.8 and later", async () => {
    const o = fake({ sets: { CompressedFile: "1.1", ExcelApi: "1.8" } });
    await officeHost.createWorkbook("UEsDBA==");
    expect(o.created).toEqual(["UEsDBA=="]);
    expect(portableCopySupport()).toEqual({ supported: true });
  });

  it("says why not on ExcelApi 1.7, without calling Excel.createWorkbook", async () => {
    const o = fake({ sets: { CompressedFile: "1.1", ExcelApi: "1.7" } });
    await expect(officeHost.createWorkbook("x")).rejects.toThrow(/cannot open a new workbook from an add-in/);
    expect(o.created).toEqual([]);
    expect(portableCopySupport()).toEqual({
      supported: false,
      reason: expect.stringMatching(/Excel 2019, Microsoft 365 or Excel for the web/),
    });
  });

  it("names the missing file hand-over first, and an Excel that is not ready", () => {
    fake({ sets: { ExcelApi: "1.7" } });
    expect(portableCopySupport().reason).toMatch(/cannot hand the workbook to an add-in as a file/);
    delete (globalThis as Record<string, unknown>).Office;
    expect(portableCopySupport()).toEqual({ supported: false, reason: expect.stringMatching(/not ready/) });
  });

  it("joinSlices keeps the order and the total length", () => {
    const parts = [new Uint8Array([1, 2]), new Uint8Array([]), new Uint8Array([3])];
    expect(Array.from(joinSlices(parts))).toEqual([1, 2, 3]);
  });
});
