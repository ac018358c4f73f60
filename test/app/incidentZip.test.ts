/**
 * police.uk download zips read as they come: the street files inside, each
 * inflated as a stream from its place in the zip; outcomes and stop-and-search
 * files skipped with a note; the same rows as the unpacked files, through the
 * pane's import code (readCsvFiles, as its worker runs it).
 */
import { strToU8, zipSync } from "fflate";
import { incidentFilesInZip, zipEntries, type ByteSource } from "../../src/app/incidentZip";
import { readCsvFiles, type FileLike } from "../../src/taskpane/evaluate/csvImport";
import { POLICE_UK_MONTHS, readPoliceUkText } from "../support/policeUk";
import { policeUkZip, policeUkZipNote } from "../support/policeUkZip";

const source = (name: string, bytes: Uint8Array, reads: number[][] = []): ByteSource => ({
  name,
  size: bytes.length,
  read: async (start, end) => {
    reads.push([start, end]);
    return bytes.slice(start, end);
  },
});

async function all(read: () => AsyncIterable<Uint8Array> | Iterable<Uint8Array>) {
  const pieces: Uint8Array[] = [];
  for await (const p of read()) pieces.push(p);
  return { pieces, text: Buffer.concat(pieces).toString("utf8") };
}

const blob = (name: string, bytes: Uint8Array | string): FileLike => {
  const b = new Blob([typeof bytes === "string" ? bytes : Buffer.from(bytes)]);
  return { name, size: b.size, slice: (s, e) => b.slice(s, e) };
};

const u32 = (n: number) => [n & 255, (n >>> 8) & 255, (n >>> 16) & 255, n >>> 24];
const u64 = (n: number) => [...u32(n % 2 ** 32), ...u32(Math.floor(n / 2 ** 32))];
const u16 = (n: number) => [n & 255, n >>> 8];

/**
 * The same zip written as ZIP64 writers write large ones: every size and
 * offset in the directory moved to a ZIP64 extra field, and the end record
 * pointing to a ZIP64 end record. The files' own bytes do not move.
 */
function asZip64(zip: Uint8Array): Uint8Array {
  const v = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const end = zip.length - 22;
  const count = v.getUint16(end + 10, true);
  const cdAt = v.getUint32(end + 16, true);
  const cd: number[] = [];
  for (let i = cdAt, k = 0; k < count; k++) {
    const nameLength = v.getUint16(i + 28, true);
    const extra = v.getUint16(i + 30, true);
    const comment = v.getUint16(i + 32, true);
    const head = [...zip.subarray(i, i + 46)];
    const [compressed, size, offset] = [20, 24, 42].map((o) => v.getUint32(i + o, true));
    for (const o of [20, 24, 42]) head.splice(o, 4, 0xff, 0xff, 0xff, 0xff);
    head.splice(30, 2, ...u16(28));
    head.splice(32, 2, 0, 0);
    cd.push(...head, ...zip.subarray(i + 46, i + 46 + nameLength));
    cd.push(...u16(1), ...u16(24), ...u64(size), ...u64(compressed), ...u64(offset));
    i += 46 + nameLength + extra + comment;
  }
  const end64At = cdAt + cd.length;
  const end64 = [
    ...u32(0x06064b50),
    ...u64(44),
    ...u16(45),
    ...u16(45),
    ...u32(0),
    ...u32(0),
    ...u64(count),
    ...u64(count),
    ...u64(cd.length),
    ...u64(cdAt),
  ];
  const locator = [...u32(0x07064b50), ...u32(0), ...u64(end64At), ...u32(1)];
  const eocd = [
    ...u32(0x06054b50),
    0,
    0,
    0,
    0,
    0xff,
    0xff,
    0xff,
    0xff,
    ...u32(0xffffffff),
    ...u32(0xffffffff),
    0,
    0,
  ];
  return new Uint8Array([...zip.subarray(0, cdAt), ...cd, ...end64, ...locator, ...eocd]);
}

describe("incidentFilesInZip", () => {
  const zip = policeUkZip();
  const street = POLICE_UK_MONTHS.map((m) => `${m}/${m}-gwent-street.csv`);

  it.each([
    ["deflated", zip],
    ["stored", policeUkZip(0)],
    ["ZIP64", asZip64(zip)],
  ])("reads the street files of a %s zip in pieces and skips the rest, with a note", async (_, bytes) => {
    const reads: number[][] = [];
    const found = await incidentFilesInZip(source("gwent.zip", bytes, reads), 64 * 1024);
    expect(found.files.map((f) => f.name)).toEqual(street);
    expect(found.note).toBe(policeUkZipNote("gwent.zip"));
    const jan = await all(found.files[0].read);
    expect(jan.text).toBe(readPoliceUkText("2024-01"));
    expect(found.files[0].size).toBe(Buffer.byteLength(jan.text));
    // Streamed: many reads of at most one piece each, and many pieces out.
    expect(jan.pieces.length).toBeGreaterThan(3);
    expect(Math.max(...reads.map(([s, e]) => e - s))).toBeLessThanOrEqual(64 * 1024 + 0xffff + 22);
    // Read again (as the reader does for a file that is not UTF-8): the same bytes.
    expect((await all(found.files[0].read)).text).toBe(jan.text);
    expect((await all(found.files[11].read)).text).toBe(readPoliceUkText("2024-12"));
  });

  it("never reads the bytes of the files it skips", async () => {
    const reads: number[][] = [];
    const entries = await zipEntries(source("gwent.zip", zip));
    const found = await incidentFilesInZip(source("gwent.zip", zip, reads));
    reads.length = 0; // the directory read at the end of the zip: what follows reads the files
    for (const f of found.files) await all(f.read);
    expect(reads.length).toBeGreaterThanOrEqual(24); // a header and the bytes of each street file
    const skipped = entries.filter((e) => !street.includes(e.name));
    expect(skipped).toHaveLength(13);
    for (const e of skipped)
      expect(reads.some(([s, end]) => s < e.offset + 30 + e.compressedSize && end > e.offset)).toBe(false);
  });

  it("takes a zip's CSV files when it has no street files, and skips a Mac's clutter silently", async () => {
    const other = zipSync({
      "incidents.csv": strToU8("Date,Beat\n2024-01-02,N1\n"),
      "README.txt": strToU8("export"),
      "__MACOSX/._incidents.csv": strToU8("x"),
      "data/": new Uint8Array(0),
    });
    const found = await incidentFilesInZip(source("export.zip", other));
    expect(found.files.map((f) => f.name)).toEqual(["incidents.csv"]);
    expect(found.note).toBe(
      "Read 1 CSV file from export.zip and skipped 1 other file (README.txt): only crime files are counted.",
    );
    const clean = await incidentFilesInZip(
      source("x.zip", zipSync({ "a-street.csv": strToU8("M,A\n1,2\n") })),
    );
    expect(clean.note).toBeNull();
  });

  it("refuses a zip with no crime files, a file that is not a zip, and a damaged zip, saying what to do", async () => {
    const outcomesOnly = zipSync({ "2024-01/2024-01-gwent-outcomes.csv": strToU8("a\n1\n") });
    await expect(incidentFilesInZip(source("o.zip", outcomesOnly))).rejects.toThrow(
      "o.zip holds no CSV files of crimes (police.uk's are named like 2024-01-gwent-street.csv).",
    );
    await expect(incidentFilesInZip(source("n.zip", strToU8("Month,LSOA code\n")))).rejects.toThrow(
      "n.zip is not a zip file or is damaged (its end record is missing); download it again, or unpack it and choose the CSV files.",
    );
    const cut = zip.slice(0, zip.length - 30);
    await expect(incidentFilesInZip(source("cut.zip", cut))).rejects.toThrow(
      /cut\.zip is not a zip file or is damaged/,
    );
    // Bytes of a file spoiled in the middle: inflating it fails, or gives the wrong length.
    const spoilt = zip.slice();
    const first = (await zipEntries(source("s.zip", zip))).find((e) => e.name === street[0])!;
    spoilt.fill(7, first.offset + 2000, first.offset + 2400);
    const found = await incidentFilesInZip(source("s.zip", spoilt));
    await expect(all(found.files.find((f) => f.name === street[0])!.read)).rejects.toThrow(
      /s\.zip is not a zip file or is damaged \(2024-01\/2024-01-gwent-street\.csv (cannot be inflated|should hold)/,
    );
  });
});

describe("the pane's import of a police.uk zip", () => {
  it("gives the same rows as the unpacked files, with the note first", async () => {
    const unpacked = POLICE_UK_MONTHS.map((m) => blob(`${m}-gwent-street.csv`, readPoliceUkText(m)));
    const fromFiles = await readCsvFiles(unpacked, { keep: "guessed", yieldBetween: false });
    const progress: number[][] = [];
    const fromZip = await readCsvFiles([blob("gwent.zip", policeUkZip())], {
      keep: "guessed",
      yieldBetween: false,
      onProgress: (done, total, rows) => progress.push([done, total, rows]),
    });
    expect(fromFiles.rowCount).toBe(72_040);
    expect(fromZip.rowCount).toBe(fromFiles.rowCount);
    expect(fromZip.headers).toEqual(fromFiles.headers);
    for (const c of [1, 7, 8, 9]) expect(fromZip.column(c)).toEqual(fromFiles.column(c));
    expect(fromZip.notices[0]).toBe(policeUkZipNote("gwent.zip"));
    // Progress runs over the files' own sizes, to the end.
    const total = unpacked.reduce((s, f) => s + f.size, 0);
    expect(progress[progress.length - 1]).toEqual([total, total, 72_040]);
  });
});
