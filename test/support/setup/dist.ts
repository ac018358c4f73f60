/** Jest globalSetup of the projects that test dist/: build it once, before any test, if it is missing or stale. */
import { buildIfStale } from "../build";

export default function buildDist(): void {
  buildIfStale("dist");
}
