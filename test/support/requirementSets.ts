/**
 * Which Office.js members the add-in's source uses, and the requirement set
 * each needs: the TypeScript checker resolves every property access and call
 * to its declaration, and the declaration's "[Api set: ExcelApi 1.x]" note
 * in @types/office-js gives the set. A use is guarded when it sits behind an
 * `isSetSupported(set, version)` check for that set (directly, in an `if`
 * around it or an early exit before it, or through a helper function whose
 * body makes the check).
 */
import * as fs from "fs";
import * as path from "path";
import ts from "typescript";

export interface ApiUse {
  member: string; // e.g. "Excel.PageLayout.setPrintTitleRows"
  set: string; // e.g. "ExcelApi"
  version: string; // e.g. "1.9"
  file: string; // relative to the project root
  line: number;
  guarded: boolean;
}

const ROOT = path.join(__dirname, "..", "..");
const OFFICE_DTS = `${path.sep}@types${path.sep}office-js${path.sep}index.d.ts`;
const API_SET = /\[\s*Api set:\s*([A-Za-z]+)\s+(\d+(?:\.\d+)?)/i;

export const versionAtLeast = (a: string, b: string): boolean => {
  const [x1, x2 = 0] = a.split(".").map(Number);
  const [y1, y2 = 0] = b.split(".").map(Number);
  return x1 > y1 || (x1 === y1 && x2 >= y2);
};

/** The files whose Office.js use is audited. */
export function auditedFiles(): string[] {
  const walk = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
      const p = path.join(dir, d.name);
      return d.isDirectory() ? walk(p) : /\.tsx?$/.test(d.name) ? [p] : [];
    });
  return [
    path.join(ROOT, "src/sheets/render/office.ts"),
    path.join(ROOT, "src/sheets/render/officeCharts.ts"),
    path.join(ROOT, "src/workbook/office.ts"),
    path.join(ROOT, "src/workbook/officeHost.ts"),
    ...walk(path.join(ROOT, "src/taskpane")),
    ...walk(path.join(ROOT, "src/commands")),
  ];
}

/** "[Api set: X v]" from a declaration's JSDoc. */
function apiSetOf(decl: ts.Declaration): { set: string; version: string } | undefined {
  const sf = decl.getSourceFile();
  const ranges = ts.getLeadingCommentRanges(sf.text, decl.getFullStart()) ?? [];
  for (const r of ranges.reverse()) {
    const m = API_SET.exec(sf.text.slice(r.pos, r.end));
    if (m) return { set: m[1], version: m[2] };
  }
  return undefined;
}

/** isSetSupported("Set", "v") calls in a node's text: [set, version]. */
function checksIn(text: string): { set: string; version: string }[] {
  return [...text.matchAll(/isSetSupported\(\s*["'](\w+)["']\s*(?:,\s*["']([\d.]+)["'])?/g)].map((m) => ({
    set: m[1],
    version: m[2] ?? "1.1",
  }));
}

const DECLARATIONS = new Map<string, ts.SourceFile>();

/**
 * Every Office.js member with a requirement set used in `files`. `extra`
 * adds in-memory files (name → source), for the audit's own test.
 */
export function auditRequirementSets(files: string[], extra: Record<string, string> = {}): ApiUse[] {
  const config = ts.readConfigFile(path.join(ROOT, "tsconfig.json"), ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT);
  const host = ts.createCompilerHost(parsed.options);
  const read = host.readFile.bind(host);
  const exists = host.fileExists.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (f) => extra[f] ?? read(f);
  host.fileExists = (f) => f in extra || exists(f);
  // Type libraries (Office.js's alone is megabytes) are parsed once per test file, not once per audit.
  host.getSourceFile = (f, ...rest) => {
    if (f in extra || !f.endsWith(".d.ts")) return getSourceFile(f, ...rest);
    let sf = DECLARATIONS.get(f);
    if (!sf) {
      sf = getSourceFile(f, ...rest);
      if (sf) DECLARATIONS.set(f, sf);
    }
    return sf;
  };
  const program = ts.createProgram([...files, ...Object.keys(extra)], parsed.options, host);
  const checker = program.getTypeChecker();

  // Helper functions whose body checks a requirement set (e.g. printingSupported()).
  const guards = new Map<string, { set: string; version: string }[]>();
  for (const sf of program.getSourceFiles()) {
    if (sf.isDeclarationFile) continue;
    const visit = (n: ts.Node): void => {
      let name: string | undefined;
      let body: ts.Node | undefined;
      if (ts.isFunctionDeclaration(n) && n.name && n.body) [name, body] = [n.name.text, n.body];
      if (
        ts.isVariableDeclaration(n) &&
        ts.isIdentifier(n.name) &&
        n.initializer &&
        ts.isArrowFunction(n.initializer)
      )
        [name, body] = [n.name.text, n.initializer.body];
      if (name && body) {
        const c = checksIn(body.getText(sf));
        if (c.length > 0) guards.set(name, c);
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  const covers = (text: string, set: string, version: string): boolean => {
    const direct = checksIn(text);
    const viaHelpers = [...guards]
      .filter(([name]) => new RegExp(`\\b${name}\\s*\\(`).test(text))
      .flatMap(([, c]) => c);
    return [...direct, ...viaHelpers].some((c) => c.set === set && versionAtLeast(c.version, version));
  };
  const exits = (s: ts.Statement): boolean =>
    ts.isReturnStatement(s) ||
    ts.isThrowStatement(s) ||
    ts.isBreakStatement(s) ||
    ts.isContinueStatement(s) ||
    (ts.isBlock(s) && s.statements.some(exits));
  const isGuarded = (node: ts.Node, set: string, version: string): boolean => {
    const sf = node.getSourceFile();
    for (let child: ts.Node = node, n = node.parent; n; child = n, n = n.parent) {
      // Inside `if (check) { … }` or the condition's own && chain.
      if (ts.isIfStatement(n) && child === n.thenStatement && covers(n.expression.getText(sf), set, version))
        return true;
      if (
        ts.isBinaryExpression(n) &&
        n.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken &&
        child === n.right &&
        covers(n.left.getText(sf), set, version)
      )
        return true;
      if (
        ts.isConditionalExpression(n) &&
        child === n.whenTrue &&
        covers(n.condition.getText(sf), set, version)
      )
        return true;
      // After `if (!check) return/break/throw;` earlier in the same block or case.
      const statements = ts.isBlock(n) || ts.isSourceFile(n) || ts.isCaseClause(n) ? n.statements : undefined;
      if (statements) {
        for (const s of statements) {
          if (s === child || s.pos >= child.pos) break;
          if (ts.isIfStatement(s) && exits(s.thenStatement) && covers(s.expression.getText(sf), set, version))
            return true;
          // A throw inside a helper call before the use (createWorkbook's check) counts only via an if; nothing else does.
        }
      }
    }
    return false;
  };

  const uses: ApiUse[] = [];
  for (const sf of program.getSourceFiles()) {
    if (sf.isDeclarationFile || !(files.includes(sf.fileName) || sf.fileName in extra)) continue;
    const visit = (n: ts.Node): void => {
      const nameNode = ts.isPropertyAccessExpression(n) ? n.name : undefined;
      if (nameNode) {
        let symbol = checker.getSymbolAtLocation(nameNode);
        if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
        for (const decl of symbol?.declarations ?? []) {
          if (!decl.getSourceFile().fileName.split("/").join(path.sep).endsWith(OFFICE_DTS)) continue;
          const api = apiSetOf(decl);
          if (!api) continue;
          const parent =
            decl.parent && (ts.isClassDeclaration(decl.parent) || ts.isInterfaceDeclaration(decl.parent))
              ? decl.parent.name?.text
              : undefined;
          const ns = (() => {
            for (let p: ts.Node | undefined = decl.parent; p; p = p.parent)
              if (ts.isModuleDeclaration(p)) return p.name.getText();
            return "";
          })();
          uses.push({
            member: [ns, parent, nameNode.text].filter(Boolean).join("."),
            ...api,
            file: path.relative(ROOT, sf.fileName),
            line: sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1,
            guarded: isGuarded(n, api.set, api.version),
          });
          break;
        }
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  return uses;
}

/** The lowest version of `set` the manifest requires. */
export function manifestMinimum(set: string): string {
  const xml = fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8");
  const m = new RegExp(`<Set\\s+Name="${set}"\\s+MinVersion="([\\d.]+)"`).exec(xml);
  if (!m) throw new Error(`manifest.xml declares no ${set} requirement`);
  return m[1];
}

/** A Markdown table: one line per member and set, with where it is used and whether it is guarded. */
export function requirementTable(uses: ApiUse[]): string {
  const byMember = new Map<string, ApiUse[]>();
  for (const u of uses)
    byMember.set(`${u.set} ${u.version}\t${u.member}`, [
      ...(byMember.get(`${u.set} ${u.version}\t${u.member}`) ?? []),
      u,
    ]);
  const rows = [...byMember.entries()].sort(([a], [b]) => {
    const [sa, va] = a.split("\t")[0].split(" ");
    const [sb, vb] = b.split("\t")[0].split(" ");
    return sa.localeCompare(sb) || (versionAtLeast(va, vb) ? (va === vb ? a.localeCompare(b) : 1) : -1);
  });
  const lines = [
    "| Requirement set | Member | Used in | Guarded by isSetSupported |",
    "| --- | --- | --- | --- |",
    ...rows.map(([k, us]) => {
      const [setVersion, member] = k.split("\t");
      const where = [...new Set(us.map((u) => `${u.file}:${u.line}`))].slice(0, 3).join(", ");
      const guarded = us.every((u) => u.guarded) ? "yes" : us.some((u) => u.guarded) ? "partly" : "no";
      return `| ${setVersion} | ${member} | ${where}${us.length > 3 ? ", …" : ""} | ${guarded} |`;
    }),
  ];
  return lines.join("\n");
}
