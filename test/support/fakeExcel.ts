/**
 * An in-memory stand-in for Office.js's Excel.RequestContext, for tests
 * (implementation in ./fake-excel). Writes are recorded in call order,
 * load() results are readable only after context.sync(), and what real
 * Excel rejects makes the next sync reject.
 */
export { FakeExcel, createFakeExcel } from "./fake-excel/excel";
export type {
  FakeCell,
  FakeChart,
  FakeConditionalFormat,
  FakeName,
  FakeScalar,
  FakeSheetData,
  FakeTableData,
  FakeValidation,
} from "./fake-excel/types";
export { cellAddress } from "./fake-excel/types";
