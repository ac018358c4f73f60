/**
 * The two host calls behind "Make portable copy": the open document as .xlsx
 * bytes (Office.context.document.getFileAsync, read in slices) and a new
 * workbook window from them (Excel.createWorkbook, ExcelApi 1.8). Kept apart
 * so tests can supply their own.
 */
import { PortError } from "../sheets/plan/errors";

export interface OfficeHost {
  getFileBytes(): Promise<Uint8Array>;
  createWorkbook(base64: string): Promise<void>;
}

/** Slices as Office hands them over (4 MB each), joined in order. */
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

export const officeHost: OfficeHost = {
  getFileBytes: () =>
    new Promise((resolve, reject) => {
      Office.context.document.getFileAsync(
        Office.FileType.Compressed,
        { sliceSize: 4 * 1024 * 1024 },
        (res) => {
          if (res.status !== Office.AsyncResultStatus.Succeeded) {
            reject(new PortError(`Excel could not hand over the file (${res.error.message}).`));
            return;
          }
          const file = res.value;
          const parts: Uint8Array[] = [];
          const next = (i: number) => {
            if (i >= file.sliceCount) {
              file.closeAsync();
              resolve(joinSlices(parts));
              return;
            }
            file.getSliceAsync(i, (sr) => {
              if (sr.status !== Office.AsyncResultStatus.Succeeded) {
                file.closeAsync();
                reject(new PortError(`Excel could not hand over part of the file (${sr.error.message}).`));
                return;
              }
              parts.push(new Uint8Array(sr.value.data as number[]));
              next(i + 1);
            });
          };
          next(0);
        },
      );
    }),
  createWorkbook: async (base64) => {
    if (!Office.context.requirements.isSetSupported("ExcelApi", "1.8"))
      throw new PortError(
        "This version of Excel cannot open a new workbook from an add-in (that needs Excel 2019, Microsoft 365 or Excel for the web). Update Excel, or open this workbook in Excel for the web, and try again.",
      );
    await Excel.createWorkbook(base64);
  },
};
