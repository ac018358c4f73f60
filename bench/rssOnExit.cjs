/* Preloaded into a benchmarked command (node --require): writes the process's peak resident memory
   (kilobytes, worker threads included) to the file HP_RSS_FILE names as it exits. */
"use strict";
const fs = require("fs");

process.on("exit", () => {
  if (process.env.HP_RSS_FILE)
    fs.writeFileSync(process.env.HP_RSS_FILE, String(process.resourceUsage().maxRSS));
});
