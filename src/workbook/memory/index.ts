export { MemoryStore, type MemoryCell, type MemorySheet, type MemoryTable } from "./store";
export { MemoryWorkbook } from "./workbook";
