// Runs one benchmark module and prints its figures as JSON lines.
import * as path from "path";

async function main(): Promise<void> {
  const file = process.argv[2];
  const mod = await import(path.resolve(file));
  const run = (mod.default?.default ?? mod.default) as () => Promise<Record<string, unknown>[]>;
  const name = path.basename(file).replace(/\.bench\.ts$/, "");
  for (const figure of await run()) console.log(JSON.stringify({ bench: name, ...figure }));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
