/** Test helpers: read in-memory files through readIncidentFiles, as the pane and the CLI do with real ones. */
import { readFileSync } from "fs";
import { gunzipSync } from "zlib";
import { isHarmError } from "../../../src/core/errors";
import type { ChunkDecoder } from "../../../src/core/incidents/encoding";
import {
  readIncidentFiles,
  type IncidentTable,
  type ReadIncidentFilesOptions,
} from "../../../src/core/incidents/fileReader";
import { policeUkFile } from "../../support/policeUk";

export type NamedBytes = [name: string, bytes: Uint8Array];

export const text = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, "utf8"));

/** The raw bytes of one police.uk fixture month, as published. */
export const policeUkBytes = (month: string): Uint8Array =>
  new Uint8Array(gunzipSync(readFileSync(policeUkFile(month))));

export const policeUkName = (month: string): string => `${month}-gwent-street.csv`;

/** Node's TextDecoder, as the task pane passes the browser's. */
export const nativeUtf8 = (): ChunkDecoder => {
  const d = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
  return (b, stream) => d.decode(b, { stream });
};

/** How many times each file's bytes were asked for (a re-read shows as 2). */
export const readCounts = new Map<string, number>();

function* pieces(bytes: Uint8Array, size: number): Generator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

/** `sized`: each source says its size, as the pane's files do. */
export function readBuffers(
  files: NamedBytes[],
  options: ReadIncidentFilesOptions = {},
  pieceSize = 65536,
  sized = false,
): Promise<IncidentTable> {
  return readIncidentFiles(
    files.map(([name, bytes]) => ({
      name,
      ...(sized ? { size: bytes.length } : {}),
      read: () => {
        readCounts.set(name, (readCounts.get(name) ?? 0) + 1);
        return pieces(bytes, pieceSize);
      },
    })),
    options,
  );
}

/** The message of the HarmError (kind "value") a read ends with. */
export async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (isHarmError(e) && e.kind === "value") return e.message;
    throw e;
  }
  throw new Error("expected the read to be refused");
}
