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
let main;
try {
  ({ main } = require(entry));
} catch (err) {
  process.stderr.write(
    `harm-planner: the built command-line tool could not load (${err && err.message ? err.message.split("\n")[0] : err}). Run \`npm run build:cli\` again.\n`,
  );
  process.exit(1);
}
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`harm-planner: unexpected error: ${err && err.message ? err.message : err}\n`);
    process.exitCode = 1;
  },
);
