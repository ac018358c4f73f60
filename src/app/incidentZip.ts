/**
 * police.uk downloads as they come: a zip with one folder per month
 * (2024-01/2024-01-gwent-street.csv, …-outcomes.csv, …-stop-and-search.csv).
 * The zip's central directory (at its end) lists the files with their sizes
 * and places; each street file is then inflated as a stream straight from
 * the zip, piece by piece, so nothing is unpacked to disk or held whole.
 * Outcomes and stop-and-search files are skipped with a note. Reading a file
 * from its own place lets the incident reader read it again when it must
 * (see IncidentFileReader), and skipped files are never read at all.
 * Pure: the pane gives it a File, the command line a file on disk.
 */
import { Inflate, strFromU8 } from "fflate";
import { valueError } from "../core/errors";
import type { IncidentFileSource } from "../core/incidents";

/** A file's bytes by position. */
export interface ByteSource {
  name: string;
  size: number;
  read(start: number, end: number): Promise<Uint8Array>;
}

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  compressedSize: number;
  size: number;
  /** Where its local header starts. */
  offset: number;
}

export const isZipName = (name: string): boolean => /\.zip$/i.test(name);

const u16 = (b: Uint8Array, i: number) => b[i] | (b[i + 1] << 8);
const u32 = (b: Uint8Array, i: number) =>
  (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24)) >>> 0;
const u64 = (b: Uint8Array, i: number) => u32(b, i) + u32(b, i + 4) * 2 ** 32;

const END = 0x06054b50;
const END64_LOCATOR = 0x07064b50;
const END64 = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

const damaged = (zip: string, what: string) =>
  valueError(
    `${zip} is not a zip file or is damaged (${what}); download it again, or unpack it and choose the CSV files.`,
  );

/** Where the central directory is and how many entries it lists (ZIP64 too). */
async function directory(src: ByteSource): Promise<{ offset: number; size: number; count: number }> {
  const tailStart = Math.max(0, src.size - (22 + 0xffff));
  const tail = await src.read(tailStart, src.size);
  let at = -1;
  for (let i = tail.length - 22; i >= 0; i--)
    if (u32(tail, i) === END) {
      at = i;
      break;
    }
  if (at < 0) throw damaged(src.name, "its end record is missing");
  let count = u16(tail, at + 10);
  let size = u32(tail, at + 12);
  let offset = u32(tail, at + 16);
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) {
    const locator = tailStart + at - 20;
    const loc = locator >= 0 ? await src.read(locator, locator + 20) : new Uint8Array(0);
    if (loc.length < 20 || u32(loc, 0) !== END64_LOCATOR)
      throw damaged(src.name, "its ZIP64 record is missing");
    const end64At = u64(loc, 8);
    const end64 = await src.read(end64At, end64At + 56);
    if (end64.length < 56 || u32(end64, 0) !== END64) throw damaged(src.name, "its ZIP64 record is missing");
    count = u64(end64, 32);
    size = u64(end64, 40);
    offset = u64(end64, 48);
  }
  if (offset + size > src.size) throw damaged(src.name, "its directory runs past its end");
  return { offset, size, count };
}

/** Every entry the zip lists, in the directory's order. */
export async function zipEntries(src: ByteSource): Promise<ZipEntry[]> {
  const dir = await directory(src);
  const b = await src.read(dir.offset, dir.offset + dir.size);
  const out: ZipEntry[] = [];
  let i = 0;
  for (let k = 0; k < dir.count; k++) {
    if (i + 46 > b.length || u32(b, i) !== CENTRAL) throw damaged(src.name, "its directory is cut short");
    const flags = u16(b, i + 8);
    const nameLength = u16(b, i + 28);
    const extraLength = u16(b, i + 30);
    const name = strFromU8(b.subarray(i + 46, i + 46 + nameLength), (flags & 0x800) === 0);
    let compressedSize = u32(b, i + 20);
    let size = u32(b, i + 24);
    let offset = u32(b, i + 42);
    // ZIP64: the sizes and offset that did not fit are in an extra field, in this order.
    for (let x = i + 46 + nameLength, end = x + extraLength; x + 4 <= end; x += 4 + u16(b, x + 2)) {
      if (u16(b, x) !== 1) continue;
      let f = x + 4;
      if (size === 0xffffffff) {
        size = u64(b, f);
        f += 8;
      }
      if (compressedSize === 0xffffffff) {
        compressedSize = u64(b, f);
        f += 8;
      }
      if (offset === 0xffffffff) offset = u64(b, f);
    }
    if (flags & 1)
      throw valueError(`${name} in ${src.name} is encrypted; unpack the zip and choose the CSV files.`);
    out.push({ name, method: u16(b, i + 10), compressedSize, size, offset });
    i += 46 + nameLength + extraLength + u16(b, i + 32);
  }
  return out;
}

/** One entry's bytes, inflated piece by piece as the compressed bytes are read. */
export async function* entryBytes(src: ByteSource, e: ZipEntry, chunk: number): AsyncGenerator<Uint8Array> {
  const where = `${e.name} in ${src.name}`;
  if (e.method !== 0 && e.method !== 8)
    throw valueError(
      `${where} is compressed in a way Harm Planner cannot read (method ${e.method}); unpack the zip and choose the CSV files.`,
    );
  const head = await src.read(e.offset, e.offset + 30);
  if (head.length < 30 || u32(head, 0) !== LOCAL)
    throw damaged(src.name, `${e.name} is not where its directory says`);
  const start = e.offset + 30 + u16(head, 26) + u16(head, 28);
  const end = start + e.compressedSize;
  if (end > src.size) throw damaged(src.name, `${e.name} runs past its end`);
  let out: Uint8Array[] = [];
  const inflate = e.method === 8 ? new Inflate((data) => out.push(data)) : null;
  let produced = 0;
  for (let at = start; at < end; at += chunk) {
    const piece = await src.read(at, Math.min(end, at + chunk));
    try {
      if (inflate) inflate.push(piece, at + chunk >= end);
      else out.push(piece);
    } catch {
      throw damaged(src.name, `${e.name} cannot be inflated`);
    }
    for (const data of out) {
      produced += data.length;
      if (data.length) yield data;
    }
    out = [];
  }
  if (produced !== e.size)
    throw damaged(src.name, `${e.name} should hold ${e.size} bytes but holds ${produced}`);
}

const count = (n: number) => n.toLocaleString("en-GB");
const andList = (parts: string[]) =>
  parts.length < 2 ? parts.join("") : `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}`;

const KINDS = [
  { re: /-outcomes\.csv$/i, one: "outcomes file", many: "outcomes files" },
  { re: /-stop-and-search\.csv$/i, one: "stop-and-search file", many: "stop-and-search files" },
] as const;

/** A Mac's resource forks and folder records are not files of the download. */
const isClutter = (name: string) =>
  name.endsWith("/") || /(^|\/)__MACOSX\//.test(name) || /(^|\/)\._/.test(name);

export interface ZipIncidentFiles {
  /** The street files (or, in a zip with none, its other CSV files), by name. */
  files: IncidentFileSource[];
  /** Their entries, in the same order (to read one elsewhere: entryBytes). */
  entries: ZipEntry[];
  /** What was left out, for the analyst; null when nothing was. */
  note: string | null;
}

/**
 * The incident files in a police.uk zip: its street files (crimes by month
 * and area), read from the zip as streams. A zip with no street files gives
 * its CSV files (a force's own export, zipped). Outcomes and stop-and-search
 * files, and anything not a CSV file, are left out and named in the note.
 */
export async function incidentFilesInZip(src: ByteSource, chunk = 1024 * 1024): Promise<ZipIncidentFiles> {
  const entries = (await zipEntries(src)).filter((e) => !isClutter(e.name));
  const csv = entries.filter((e) => /\.csv$/i.test(e.name) && !KINDS.some((k) => k.re.test(e.name)));
  const street = csv.filter((e) => /-street\.csv$/i.test(e.name));
  const used = (street.length ? street : csv).sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  );
  if (used.length === 0)
    throw valueError(
      `${src.name} holds no CSV files of crimes (police.uk's are named like 2024-01-gwent-street.csv).`,
    );
  const usedSet = new Set(used);
  const skipped = entries.filter((e) => !usedSet.has(e));
  const parts = KINDS.map((k) => {
    const n = skipped.filter((e) => k.re.test(e.name)).length;
    return n ? `${count(n)} ${n === 1 ? k.one : k.many}` : "";
  }).filter(Boolean);
  const others = skipped.filter((e) => !KINDS.some((k) => k.re.test(e.name)));
  if (others.length) {
    const named = others.slice(0, 3).map((e) => e.name);
    if (others.length > 3) named.push("…");
    parts.push(
      `${others.length === 1 ? "1 other file" : `${count(others.length)} other files`} (${named.join(", ")})`,
    );
  }
  const what = street.length ? "street-level crime" : "CSV";
  const note = parts.length
    ? `Read ${count(used.length)} ${what} file${used.length === 1 ? "" : "s"} from ${src.name} and skipped ${andList(parts)}: ` +
      `only ${street.length ? "street-level crimes are" : "crime files are"} counted.`
    : null;
  return {
    files: used.map((e) => ({ name: e.name, size: e.size, read: () => entryBytes(src, e, chunk) })),
    entries: used,
    note,
  };
}
