/** Merges one section into test-output/security-figures.json (SECURITY.md quotes it). */
import * as fs from "fs";
import * as path from "path";

export const FIGURES_FILE = path.join(__dirname, "..", "..", "..", "test-output", "security-figures.json");

export function recordFigures(section: string, figures: unknown): void {
  fs.mkdirSync(path.dirname(FIGURES_FILE), { recursive: true });
  let all: Record<string, unknown> = {};
  try {
    all = JSON.parse(fs.readFileSync(FIGURES_FILE, "utf8"));
  } catch {
    all = {};
  }
  all[section] = figures;
  all.updated = new Date().toISOString();
  fs.writeFileSync(FIGURES_FILE, JSON.stringify(all, null, 2) + "\n");
}
