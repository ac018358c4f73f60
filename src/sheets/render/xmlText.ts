/**
 * Text as it may go into an .xlsx part. XML 1.0 has no way to write most C0
 * control characters, U+FFFE, U+FFFF or a lone surrogate (not even as
 * character references), so a file holding one is corrupt: Excel offers to
 * repair it and strict readers refuse it. Such characters are dropped on
 * every write path; tab, CR and LF stay. Excel also refuses cell text over
 * 32,767 characters, which is reported with the place it came from.
 */
import { PortError } from "../plan/errors";
import { MAX_CELL_TEXT } from "../plan/limits";

/* eslint-disable no-control-regex -- these are exactly the characters XML cannot hold */
const INVALID =
  /[\0-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// As above, without the global flag, for a quick test.
const HAS_INVALID = /[\0-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF\uD800-\uDFFF]/;
/* eslint-enable no-control-regex */

/** `s` without the characters XML cannot hold (the same string when there are none). */
export function xmlSafe(s: string): string {
  return HAS_INVALID.test(s) ? s.replace(INVALID, "") : s;
}

/**
 * A copy of `v` in which every string is XML-safe. Objects and arrays with
 * nothing to clean are returned as they are, so a clean model costs one walk
 * and no copies.
 */
export function xmlSafeDeep<T>(v: T): T {
  if (typeof v === "string") return xmlSafe(v) as T;
  if (Array.isArray(v)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < v.length; i++) {
      const c = xmlSafeDeep(v[i]);
      if (c !== v[i]) (out ??= v.slice())[i] = c;
    }
    return (out ?? v) as T;
  }
  if (v !== null && typeof v === "object" && Object.getPrototypeOf(v) === Object.prototype) {
    let out: Record<string, unknown> | undefined;
    for (const [k, x] of Object.entries(v)) {
      const c = xmlSafeDeep(x);
      if (c !== x) (out ??= { ...(v as Record<string, unknown>) })[k] = c;
    }
    return (out ?? v) as T;
  }
  return v;
}

/** Element text: &, < and > escaped, invalid characters dropped. */
export const escapeText = (s: string): string =>
  xmlSafe(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** Attribute values: quotes escaped too. */
export const escapeXml = (s: string): string => escapeText(s).replace(/"/g, "&quot;").replace(/'/g, "&apos;");

/** Refuses text Excel would not keep in one cell, naming where it is. */
export function checkCellText(text: string, where: () => string): void {
  if (text.length > MAX_CELL_TEXT)
    throw new PortError(
      `${where()} is ${text.length.toLocaleString("en-GB")} characters long; Excel allows ${MAX_CELL_TEXT.toLocaleString("en-GB")} in a cell. Shorten it and try again.`,
    );
}
