/**
 * Every XML part of an .xlsx, decoded strictly (bad UTF-8 throws) and checked
 * for well-formedness and for characters XML 1.0 cannot hold, raw or as a
 * character reference.
 */
import { unzipSync } from "fflate";
import { XMLValidator } from "fast-xml-parser";

const XML_INVALID_RAW =
  // eslint-disable-next-line no-control-regex -- the characters under test
  /[\0-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const XML_INVALID_REF =
  /&#(?:x0*(?:[0-8bBcCeEfF]|1[0-9a-fA-F]|[dD][89a-fA-F][0-9a-fA-F]{2}|[fF]{3}[eEfF])|0*(?:[0-8]|1[1-2]|1[4-9]|2\d|3[01]|6553[45]));/;

export function strictParts(buf: Uint8Array): Record<string, string> {
  const out: Record<string, string> = {};
  const utf8 = new TextDecoder("utf-8", { fatal: true });
  for (const [name, bytes] of Object.entries(unzipSync(buf))) {
    if (!/\.(xml|rels)$/.test(name)) continue;
    const text = utf8.decode(bytes);
    expect({ name, invalid: XML_INVALID_RAW.exec(text)?.[0] }).toEqual({ name, invalid: undefined });
    expect({ name, invalid: XML_INVALID_REF.exec(text)?.[0] }).toEqual({ name, invalid: undefined });
    expect({ name, ok: XMLValidator.validate(text) }).toEqual({ name, ok: true });
    out[name] = text;
  }
  return out;
}
