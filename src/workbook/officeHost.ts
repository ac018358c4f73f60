/**
 * The two host calls behind "Make portable copy": the open document as .xlsx
 * bytes (Office.context.document.getFileAsync with FileType.Compressed, read
 * in slices) and a new workbook window from them (Excel.createWorkbook,
 * ExcelApi 1.8). Kept apart so tests can supply their own.
 *
 * Not every Excel can do both: getFileAsync(Compressed) needs the
 * CompressedFile requirement set, and Excel.createWorkbook needs ExcelApi
 * 1.8 (Excel 2016 without updates has neither). portableCopySupport() says
 * which is missing, so the pane can explain before the analyst tries.
 */
import { PortError } from "../sheets/plan/errors";

export interface OfficeHost {
  getFileBytes(): Promise<Uint8Array>;
  createWorkbook(base64: string): Promise<void>;
  /** Whether both calls exist in this Excel; a test host that can do both may leave it out. */
  support?(): { supported: boolean; reason?: string };
}

/** Office hands the file over in slices of at most 4 MB (sliceSize's documented maximum). */
export const SLICE_SIZE = 4 * 1024 * 1024;

/** Slices as Office hands them over, joined in order. */
export function joinSlices(parts: readonly Uint8Array[]): Uint8Array {
  const total = parts.reduce((s, p) => s + p.length, 0);
  const out = new Uint8Array(total);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

const supports = (set: string, version?: string): boolean =>
  typeof Office !== "undefined" && !!Office.context?.requirements?.isSetSupported(set, version);

const NO_NEW_WORKBOOK =
  "This version of Excel cannot open a new workbook from an add-in (that needs Excel 2019, Microsoft 365 or Excel for the web). Update Excel, or open this workbook in Excel for the web, and try again.";

/** Whether this Excel can make a portable copy, and if not, why (for the pane to show). */
export function portableCopySupport(): { supported: boolean; reason?: string } {
  if (typeof Office === "undefined" || !Office.context?.requirements)
    return { supported: false, reason: "Excel is not ready yet. Close the pane and open it again." };
  if (!supports("CompressedFile"))
    return {
      supported: false,
      reason:
        "This version of Excel cannot hand the workbook to an add-in as a file, so the portable copy cannot be made here. Open the workbook in Excel for the web or Microsoft 365 and try again, or use the harm-planner command line on a saved copy.",
    };
  if (!supports("ExcelApi", "1.8")) return { supported: false, reason: NO_NEW_WORKBOOK };
  return { supported: true };
}

/** Reads every slice in order; the file is always closed, whatever happens. */
function readSlices(file: Office.File): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const parts: Uint8Array[] = [];
    const finish = (error?: PortError) => {
      // Office keeps at most two files open per document: close it whatever happened.
      try {
        file.closeAsync();
      } catch {
        /* already closed */
      }
      if (error) reject(error);
      else resolve(joinSlices(parts));
    };
    const next = (i: number) => {
      if (i >= file.sliceCount) {
        const bytes = parts.reduce((s, p) => s + p.length, 0);
        if (file.size !== undefined && bytes !== file.size)
          finish(new PortError(`Excel handed over ${bytes} of the file's ${file.size} bytes. Try again.`));
        else finish();
        return;
      }
      try {
        file.getSliceAsync(i, (sr) => {
          if (sr.status !== Office.AsyncResultStatus.Succeeded) {
            finish(new PortError(`Excel could not hand over part of the file (${sr.error.message}).`));
            return;
          }
          if (sr.value.index !== i) {
            finish(
              new PortError(
                `Excel handed over part ${sr.value.index} of the file when part ${i} was asked for.`,
              ),
            );
            return;
          }
          parts.push(new Uint8Array(sr.value.data as ArrayLike<number>));
          next(i + 1);
        });
      } catch (e) {
        finish(new PortError(`Excel could not hand over part of the file (${(e as Error).message}).`));
      }
    };
    next(0);
  });
}

export const officeHost: OfficeHost = {
  support: portableCopySupport,
  getFileBytes: () => {
    const support = portableCopySupport();
    if (!support.supported) return Promise.reject(new PortError(support.reason!));
    return new Promise<Office.File>((resolve, reject) => {
      Office.context.document.getFileAsync(Office.FileType.Compressed, { sliceSize: SLICE_SIZE }, (res) => {
        if (res.status !== Office.AsyncResultStatus.Succeeded)
          reject(new PortError(`Excel could not hand over the file (${res.error.message}).`));
        else resolve(res.value);
      });
    }).then(readSlices);
  },
  createWorkbook: async (base64) => {
    if (!supports("ExcelApi", "1.8"))
      throw new PortError(portableCopySupport().reason ?? "Excel cannot open a new workbook here.");
    await Excel.createWorkbook(base64);
  },
};
