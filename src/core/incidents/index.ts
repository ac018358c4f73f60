/** Incident data: dates, file and CSV reading, column mapping, and the period and monthly counts. */
export * from "./dates";
export * from "./aggregate";
export * from "./csv";
export * from "./columns";
export * from "./monthly";
export * from "./fileReader";
export { codesNotFound, codesNotFoundMessage, type CodesNotFound, type PeriodCoverage } from "./coverage";
export {
  createPureUtf8Decoder,
  decodeWindows1252,
  FileTextDecoder,
  sniffBytes,
  SNIFF_BYTES,
  type ChunkDecoder,
  type FileDecoderOptions,
  type Sniffed,
  type TextEncodingName,
} from "./encoding";
export { ContentHasher } from "./hash";
