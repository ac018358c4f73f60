#!/usr/bin/env node
/**
 * npm start: runs the dev server (scripts/devserver.js) as a child process
 * and makes sure stopping npm start stops the server on port 3000 too:
 * SIGINT, SIGTERM and SIGHUP are passed on to the child's process group,
 * this process exits when the child does, and if whatever started us dies
 * (npm killed by its pid leaves us orphaned) the server is stopped. The
 * child also stops by itself when this process dies (its IPC channel closes).
 */
const path = require("path");
const { spawn } = require("child_process");
const { setInterval, clearInterval } = require("timers");

const child = spawn(process.execPath, [path.join(__dirname, "devserver.js")], {
  stdio: ["inherit", "inherit", "inherit", "ipc"],
  // Its own process group, so a signal reaches everything the server started.
  detached: true,
  env: process.env,
});

function forward(signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      /* already gone */
    }
  }
}

for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(sig, () => forward(sig));

// Orphaned: the parent (npm, a shell) is gone, so nobody could stop the server any more.
const parent = process.ppid;
const watch = setInterval(() => {
  if (process.ppid !== parent) forward("SIGTERM");
}, 500);
watch.unref();

child.on("exit", (code, signal) => {
  clearInterval(watch);
  process.exit(code ?? (signal ? 1 : 0));
});
child.on("error", (e) => {
  console.error(e.message || e);
  process.exit(1);
});
