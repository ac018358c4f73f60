#!/usr/bin/env node
/**
 * The dev server behind npm start (scripts/start.js runs it as a child):
 * dev build served over HTTPS on localhost:3000 with certificates made on
 * the spot (no sudo), then how to sideload and where the preview is.
 */
const path = require("path");
const webpack = require("webpack");
const WebpackDevServer = require("webpack-dev-server");
const { ensureDevCerts } = require("./certs");

const port = Number(process.env.HARM_PLANNER_PORT || 3000);
const root = path.join(__dirname, "..");

async function main() {
  const certs = ensureDevCerts();
  const config = require(path.join(root, "webpack.config.js"))({}, { mode: "development" });
  config.mode = "development";
  config.infrastructureLogging = { level: "warn" };
  const compiler = webpack(config);
  const server = new WebpackDevServer(
    {
      port,
      host: "localhost",
      hot: false, // HMR needs eval-style updates the CSP forbids
      liveReload: true,
      client: { overlay: false, logging: "warn" },
      headers: { "Access-Control-Allow-Origin": "*" },
      server: { type: "https", options: { key: certs.key, cert: certs.cert } },
      static: false,
      devMiddleware: { stats: "errors-warnings" },
    },
    compiler,
  );
  compiler.hooks.done.tap("harm-planner-start", (stats) => {
    if (stats.hasErrors()) return;
    if (compiler.__printed) return;
    compiler.__printed = true;
    const base = `https://localhost:${port}`;
    console.log(`
Harm Planner is being served at ${base}/taskpane.html

Browser preview (no Excel needed): ${base}/preview.html

Certificate: ${certs.certPath}
  Your browser and Excel must trust it once:
  - Windows: certutil -user -addstore Root "${certs.certPath}"
  - macOS:   sudo security add-trusted-cert -d -r trustRoot -k /Library/Keychains/System.keychain "${certs.certPath}"
  - Linux/Chromium: open ${base}/preview.html and accept the certificate.

Sideload manifest.xml (${path.join(root, "manifest.xml")}):
  - Excel on the web: Home > Add-ins > More Add-ins > My Add-ins > Upload My Add-in, then choose manifest.xml.
  - Excel on Windows: share a folder containing manifest.xml, add it as a Trusted Add-in Catalog
    (File > Options > Trust Center > Trust Center Settings > Trusted Add-in Catalogs, tick "Show in Menu"),
    restart Excel, then Home > Add-ins > Advanced > Shared Folder > Harm Planner.
  - Excel on Mac: copy manifest.xml to ~/Library/Containers/com.microsoft.Excel/Data/Documents/wef/
    (create the folder if needed), restart Excel, then Home > Add-ins > Harm Planner.
Then press Home > Harm Planner to open the pane. Stop the server with Ctrl+C.
`);
  });
  await server.start();
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    // Exit even if a connection keeps the server from closing.
    setTimeout(() => process.exit(0), 2000).unref();
    server.stop().then(() => process.exit(0));
  };
  for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(sig, stop);
  // Started by start.js: if it dies, however it died, the IPC channel closes and the server stops with it.
  process.on("disconnect", stop);
}

main().catch((e) => {
  console.error(e.message || e);
  process.exit(1);
});
