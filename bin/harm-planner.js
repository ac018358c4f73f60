#!/usr/bin/env node
/* Runs the command-line tool built to lib/ by `npm run build` (or `npm run build:cli`). */
"use strict";
const fs = require("fs");
const path = require("path");

const entry = path.join(__dirname, "..", "lib", "cli", "main.js");
if (!fs.existsSync(entry)) {
  process.stderr.write(
    "harm-planner: the command-line tool is not built yet. Run `npm run build:cli` (or `npm run build`) first.\n",
  );
  process.exit(1);
}
const { main } = require(entry);
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`harm-planner: unexpected error: ${err && err.message ? err.message : err}\n`);
    process.exitCode = 1;
  },
);
