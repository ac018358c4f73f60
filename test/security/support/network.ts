/**
 * Finds network and persistence APIs in source text with the TypeScript
 * parser, so comments and help text that merely mention them do not count.
 */
import * as ts from "typescript";

/** APIs that can send data off the machine. */
export const NETWORK_APIS = [
  "fetch",
  "XMLHttpRequest",
  "WebSocket",
  "sendBeacon",
  "EventSource",
  "importScripts",
  "RTCPeerConnection",
] as const;

/** APIs that keep data outside the workbook. */
export const STORAGE_APIS = [
  "localStorage",
  "sessionStorage",
  "indexedDB",
  "caches",
  "OfficeRuntime",
] as const;

export interface ApiUse {
  api: string;
  line: number;
  text: string;
}

/**
 * Every reference to one of `apis`: a bare identifier (`fetch(...)`), a
 * property (`navigator.sendBeacon`, `window.localStorage`) or a string-keyed
 * element (`window["fetch"]`). Declarations of our own things with the same
 * name (a property `fetch:` in an object type) are not counted.
 */
export function findApiUses(fileName: string, source: string, apis: readonly string[]): ApiUse[] {
  const wanted = new Set(apis);
  const kind = fileName.endsWith(".tsx")
    ? ts.ScriptKind.TSX
    : fileName.endsWith(".js")
      ? ts.ScriptKind.JS
      : ts.ScriptKind.TS;
  const sf = ts.createSourceFile(fileName, source, ts.ScriptTarget.ES2022, true, kind);
  const uses: ApiUse[] = [];
  const add = (api: string, node: ts.Node): void => {
    const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
    uses.push({ api, line, text: node.getText(sf).slice(0, 80) });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) && wanted.has(node.text)) {
      const p = node.parent;
      const isOwnDeclarationName =
        p !== undefined &&
        (ts.isPropertySignature(p) ||
          ts.isPropertyAssignment(p) ||
          ts.isMethodDeclaration(p) ||
          ts.isMethodSignature(p) ||
          ts.isPropertyDeclaration(p)) &&
        p.name === node;
      if (!isOwnDeclarationName) add(node.text, node);
    } else if (
      ts.isElementAccessExpression(node) &&
      ts.isStringLiteralLike(node.argumentExpression) &&
      wanted.has(node.argumentExpression.text)
    ) {
      add(node.argumentExpression.text, node);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return uses;
}

/** Script sources in an HTML file that are not served by the add-in itself. */
export function remoteScriptSources(html: string): string[] {
  return [...html.matchAll(/<script\b[^>]*\bsrc\s*=\s*["']?([^"'\s>]+)/gi)]
    .map((m) => m[1])
    .filter((s) => /^[a-z][a-z0-9+.-]*:|^\/\//i.test(s));
}
