// Writes the README's HARM.* reference table from the function registry (ids in order, with their help),
// so the two cannot drift.
// `npx tsx scripts/readme-functions.ts` rewrites README.md; `--check` exits 1 if it is stale.
import * as fs from "fs";
import * as path from "path";
import { HARM_REGISTRY } from "../src/functions/registry";

const START = "<!-- functions:start -->";
const END = "<!-- functions:end -->";
// Prettier would realign the table and make --check fail, so it is told to leave it alone.
const IGNORE = ["<!-- prettier-ignore-start -->", "<!-- prettier-ignore-end -->"];
const cell = (s: string): string => s.replace(/\|/g, "\\|").replace(/\n/g, " ");

export function functionsTable(): string {
  const rows = HARM_REGISTRY.map(
    ({ id, help: f }) =>
      `| \`${id}\` | ${cell(f.summary)} ${cell(f.returns)} | ${cell(f.source)} | \`${cell(f.example)}\` → ${cell(f.exampleResult)} |`,
  );
  return [
    START,
    IGNORE[0],
    "| function | what it computes | source | example → result |",
    "|---|---|---|---|",
    ...rows,
    IGNORE[1],
    END,
  ].join("\n");
}

export function withTable(readme: string): string {
  const a = readme.indexOf(START);
  const b = readme.indexOf(END);
  if (a < 0 || b < a) throw new Error(`README.md needs ${START} … ${END} markers`);
  return readme.slice(0, a) + functionsTable() + readme.slice(b + END.length);
}

if (require.main === module) {
  const file = path.join(__dirname, "..", "README.md");
  const now = fs.readFileSync(file, "utf8");
  const next = withTable(now);
  if (process.argv.includes("--check")) {
    if (now !== next) {
      console.error("README.md's function reference is stale: run npx tsx scripts/readme-functions.ts");
      process.exit(1);
    }
  } else fs.writeFileSync(file, next);
}
