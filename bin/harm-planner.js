#!/usr/bin/env node
/* Runs the TypeScript CLI through tsx (a dev dependency, present after `npm ci`), so no build step is needed. */
"use strict";
const path = require("path");
const { require: tsxRequire } = require("tsx/cjs/api");

const { main } = tsxRequire(
  path.join(__dirname, "..", "src", "cli", "main.ts"),
  path.join(__dirname, "harm-planner.js"),
);
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`harm-planner: unexpected error: ${err && err.stack ? err.stack : err}\n`);
    process.exitCode = 1;
  },
);
