/**
 * Static checks on the built pages and scripts: Content-Security-Policy
 * meta tags, script tags and dynamic code evaluation. Pure functions of the
 * file text so each check can be shown to fail on a bad input.
 */

export const OFFICE_JS_ORIGIN = "https://appsforoffice.microsoft.com";
/** The only script sources a page may allow. */
export const ALLOWED_SCRIPT_SOURCES = new Set(["'self'", OFFICE_JS_ORIGIN]);

export interface Tag {
  name: string;
  attrs: Record<string, string>;
  body: string;
}

const ATTR = /([^\s=/>]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+))?/g;

function parseAttrs(src: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  for (const m of src.matchAll(ATTR)) {
    const v = m[2] ?? "";
    attrs[m[1].toLowerCase()] = v.replace(/^["']|["']$/g, "");
  }
  return attrs;
}

/** Every <script>…</script> with attributes and body (minified HTML without quotes included). */
export function scriptTags(html: string): Tag[] {
  const out: Tag[] = [];
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
    out.push({ name: "script", attrs: parseAttrs(m[1]), body: m[2] });
  }
  return out;
}

/** Content of every <meta http-equiv="Content-Security-Policy">. */
export function cspMetas(html: string): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(/<meta\b([^>]*)>/gi)) {
    const a = parseAttrs(m[1]);
    if ((a["http-equiv"] ?? "").toLowerCase() === "content-security-policy") out.push(a.content ?? "");
  }
  return out;
}

export type Csp = Map<string, string[]>;

export function parseCsp(policy: string): Csp {
  const csp: Csp = new Map();
  for (const part of policy.split(";")) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name && !csp.has(name.toLowerCase())) csp.set(name.toLowerCase(), values);
  }
  return csp;
}

/** The sources scripts may load from: script-src, else default-src (CSP fallback rule). */
export function effectiveScriptSources(csp: Csp): string[] | undefined {
  return csp.get("script-src") ?? csp.get("default-src");
}

/** Problems with one page; empty when it is acceptable. */
export function checkPage(html: string): string[] {
  const problems: string[] = [];
  const metas = cspMetas(html);
  if (metas.length === 0) return ["no Content-Security-Policy meta tag"];
  if (metas.length > 1) problems.push("more than one Content-Security-Policy meta tag");
  const csp = parseCsp(metas[0]);
  const scriptSources = effectiveScriptSources(csp);
  if (!scriptSources) problems.push("neither script-src nor default-src is set, so any script may load");
  for (const directive of ["script-src", "script-src-elem", "script-src-attr", "default-src"]) {
    const values = csp.get(directive);
    if (!values) continue;
    if (values.includes("'unsafe-eval'") || values.includes("'wasm-unsafe-eval'"))
      problems.push(`${directive} allows eval`);
  }
  for (const directive of ["script-src", "script-src-elem", "script-src-attr"]) {
    const values = csp.get(directive) ?? (directive === "script-src" ? scriptSources : undefined);
    if (!values) continue;
    if (values.includes("'unsafe-inline'")) problems.push(`${directive} allows 'unsafe-inline'`);
    for (const v of values) {
      if (!ALLOWED_SCRIPT_SOURCES.has(v)) problems.push(`${directive} allows ${v}`);
    }
  }
  for (const tag of scriptTags(html)) {
    if (tag.body.trim() !== "") problems.push(`inline <script> body: ${tag.body.trim().slice(0, 60)}`);
    const src = tag.attrs.src;
    if (src === undefined) continue;
    const remote = /^[a-z][a-z0-9+.-]*:|^\/\//i.test(src);
    if (remote && !src.startsWith(OFFICE_JS_ORIGIN + "/")) problems.push(`<script src> from ${src}`);
  }
  if (/\son[a-z]+\s*=/i.test(html.replace(/<script\b[\s\S]*?<\/script\s*>/gi, "")))
    problems.push("inline event handler attribute (onclick= etc.)");
  if (/javascript:/i.test(html)) problems.push("javascript: URL");
  return problems;
}

/**
 * Dynamic-code sites in vendor code we accept, each with why. All are
 * fallbacks that run only when no global object is reachable (never in
 * Office's browser hosts, which have globalThis) or when a caller passes a
 * string to setImmediate (we never do). Under our CSP they would throw, not run.
 */
export const JUSTIFIED_DYNAMIC_CODE: { pattern: RegExp; why: string }[] = [
  {
    pattern: /(new )?Function\(\s*["']return this["']\s*\)\(\)/,
    why: "global-object lookup fallback (webpack runtime, lodash): reached only when globalThis, self and window are all missing",
  },
  {
    pattern: /Function\(\s*["']r["']\s*,\s*["']regeneratorRuntime = r["']\s*\)/,
    why: "regenerator-runtime sloppy-mode fallback, inside a catch that first tries globalThis",
  },
  {
    pattern: /"function"\s*!=\s*typeof (\w+)\s*&&\s*\(\1\s*=\s*new Function\(\s*""\s*\+\s*\1\s*\)\)/,
    why: "setImmediate polyfill turning a string callback into code; Harm Planner never passes a string",
  },
];

export interface DynamicCodeHit {
  index: number;
  snippet: string;
  justified?: string;
}

/** Every eval( / Function( / new Function( site in a script, with the justification that covers it, if any. */
export function dynamicCodeSites(js: string): DynamicCodeHit[] {
  const hits: DynamicCodeHit[] = [];
  const re = /(?<![\w$.])(?:eval|Function)\s*\(/g;
  for (const m of js.matchAll(re)) {
    const index = m.index ?? 0;
    const snippet = js.slice(Math.max(0, index - 60), index + 60);
    const justified = JUSTIFIED_DYNAMIC_CODE.find((j) => j.pattern.test(snippet))?.why;
    hits.push({ index, snippet, justified });
  }
  // setTimeout/setInterval with a string body is eval in disguise.
  for (const m of js.matchAll(/(?<![\w$.])set(?:Timeout|Interval)\(\s*["'`]/g)) {
    const index = m.index ?? 0;
    hits.push({ index, snippet: js.slice(Math.max(0, index - 60), index + 60) });
  }
  return hits;
}

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/**
 * The original source file for a (line, column) in generated code, from a
 * standard v3 source map (VLQ "mappings"). Used to tell our code from vendor code.
 */
export function originalSource(
  map: { sources: string[]; mappings: string },
  line: number,
  column: number,
): string | undefined {
  const lines = map.mappings.split(";");
  let source = 0;
  let found: number | undefined;
  for (let l = 0; l <= line && l < lines.length; l++) {
    let col = 0;
    for (const seg of lines[l].split(",")) {
      if (seg === "") continue;
      const fields: number[] = [];
      let value = 0;
      let shift = 0;
      for (const ch of seg) {
        const digit = B64.indexOf(ch);
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      col += fields[0];
      if (fields.length >= 4) source += fields[1];
      // Later fields (original line/column, name) do not matter for "which file".
      if (l === line && col <= column && fields.length >= 4) found = source;
    }
  }
  return found === undefined ? undefined : map.sources[found];
}

/** Line and column (0-based) of a character offset. */
export function lineColumn(text: string, index: number): { line: number; column: number } {
  let line = 0;
  let last = -1;
  for (let i = text.indexOf("\n"); i !== -1 && i < index; i = text.indexOf("\n", i + 1)) {
    line++;
    last = i;
  }
  return { line, column: index - last - 1 };
}
