/** Jest globalSetup of the projects that run bin/harm-planner.js: build lib/ once, before any test, if it is missing or stale. */
import { buildIfStale } from "../build";

export default function buildLib(): void {
  buildIfStale("lib");
}
