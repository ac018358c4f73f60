/**
 * Local checks of manifest.xml against the built dist/. Microsoft's online
 * validator is not reachable from CI, so these are what guards the manifest.
 * Returns a list of problems (empty when the manifest is sound).
 */
const fs = require("fs");
const path = require("path");
const { XMLParser, XMLValidator } = require("fast-xml-parser");

const DEV_BASE = "https://localhost:3000/";

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file) {
  const b = fs.readFileSync(file);
  if (b.length < 24 || b.readUInt32BE(0) !== 0x89504e47) return null;
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

function walk(node, visit, parentKey = "") {
  if (Array.isArray(node)) return node.forEach((n) => walk(n, visit, parentKey));
  if (node && typeof node === "object") {
    visit(node, parentKey);
    for (const [k, v] of Object.entries(node)) if (!k.startsWith("@_")) walk(v, visit, k);
  }
}

function checkManifest({ manifestPath, distDir, baseUrl = DEV_BASE }) {
  const problems = [];
  const xml = fs.readFileSync(manifestPath, "utf8");
  const valid = XMLValidator.validate(xml);
  if (valid !== true) return [`manifest.xml does not parse: ${valid.err.msg} (line ${valid.err.line})`];
  const parser = new XMLParser({ ignoreAttributes: false, removeNSPrefix: true, isArray: () => false });
  const doc = parser.parse(xml).OfficeApp;
  if (!doc) return ["manifest.xml has no OfficeApp root"];

  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(String(doc.Id)))
    problems.push(`Id is not a GUID: ${doc.Id}`);
  if (!/^\d{1,5}\.\d{1,5}\.\d{1,5}\.\d{1,5}$/.test(String(doc.Version)))
    problems.push(`Version must be four dot-separated numbers (n.n.n.n); got ${doc.Version}`);
  if (doc.DefaultLocale !== "en-GB") problems.push(`DefaultLocale should be en-GB; got ${doc.DefaultLocale}`);
  if (doc.Permissions !== "ReadWriteDocument")
    problems.push(`Permissions should be ReadWriteDocument; got ${doc.Permissions}`);

  const sets = [].concat(doc.Requirements?.Sets?.Set ?? []).map((s) => [s["@_Name"], s["@_MinVersion"]]);
  for (const name of ["CustomFunctionsRuntime", "SharedRuntime", "ExcelApi"])
    if (!sets.some(([n]) => n === name)) problems.push(`Requirement set ${name} is not declared`);
  // CustomFunctions.Error (our error messages) arrived in CustomFunctionsRuntime 1.2.
  const cfr = sets.find(([n]) => n === "CustomFunctionsRuntime");
  if (cfr && Number(cfr[1]) < 1.2)
    problems.push(`CustomFunctionsRuntime must be at least 1.2 for CustomFunctions.Error; got ${cfr[1]}`);

  // Resources: every id unique; every resid resolves.
  const res = doc.VersionOverrides?.Resources ?? {};
  const resources = new Map();
  const ids = [];
  for (const group of ["Images", "Urls", "ShortStrings", "LongStrings"]) {
    const items = res[group] ? [].concat(Object.values(res[group])[0]) : [];
    for (const it of items) {
      ids.push(it["@_id"]);
      resources.set(it["@_id"], { group, value: it["@_DefaultValue"] });
    }
  }
  const controlIds = [];
  const resids = [];
  walk(doc.VersionOverrides, (n) => {
    if (n["@_resid"]) resids.push(n["@_resid"]);
    if (n["@_id"] && !resources.has(n["@_id"])) controlIds.push(n["@_id"]);
  });
  const dup = (list) => list.filter((x, i) => list.indexOf(x) !== i);
  for (const d of new Set([...dup(ids), ...dup(controlIds)])) problems.push(`Duplicate id: ${d}`);
  for (const r of resids) if (!resources.has(r)) problems.push(`resid "${r}" has no matching resource`);

  // Every URL resolves to a file the build emits.
  const urls = [
    doc.IconUrl?.["@_DefaultValue"],
    doc.HighResolutionIconUrl?.["@_DefaultValue"],
    doc.SupportUrl?.["@_DefaultValue"],
    doc.DefaultSettings?.SourceLocation?.["@_DefaultValue"],
    ...[...resources.values()].filter((r) => r.group === "Urls" || r.group === "Images").map((r) => r.value),
  ].filter(Boolean);
  for (const u of urls) {
    if (!u.startsWith(baseUrl)) {
      problems.push(`URL ${u} is not under ${baseUrl}`);
      continue;
    }
    const rel = u.slice(baseUrl.length).split(/[?#]/)[0];
    if (!fs.existsSync(path.join(distDir, rel)))
      problems.push(`URL ${u} does not resolve to a built file (dist/${rel})`);
  }

  // Icons at their declared sizes.
  const iconChecks = [
    [doc.IconUrl?.["@_DefaultValue"], 32],
    [doc.HighResolutionIconUrl?.["@_DefaultValue"], 64],
  ];
  for (const [id, r] of resources) {
    const m = /^Icon\.(\d+)x(\d+)$/.exec(id);
    if (r.group === "Images" && m) iconChecks.push([r.value, Number(m[1])]);
  }
  for (const [u, size] of iconChecks) {
    if (!u || !u.startsWith(baseUrl)) continue;
    const file = path.join(distDir, u.slice(baseUrl.length));
    if (!fs.existsSync(file)) continue; // already reported
    const s = pngSize(file);
    if (!s) problems.push(`${u} is not a PNG`);
    else if (s.width !== size || s.height !== size)
      problems.push(`${u} is ${s.width}x${s.height}, declared ${size}x${size}`);
  }
  for (const needed of [16, 32, 64, 80])
    if (![...resources.keys()].includes(`Icon.${needed}x${needed}`))
      problems.push(`No ${needed}px icon declared`);

  // Custom functions live in the shared runtime page.
  const host = [].concat(doc.VersionOverrides?.Hosts?.Host ?? [])[0] ?? {};
  const runtime = host.Runtimes?.Runtime;
  const runtimeResid = runtime?.["@_resid"];
  if (!runtimeResid) problems.push("No shared Runtime declared");
  if (runtime && runtime["@_lifetime"] !== "long")
    problems.push('Runtime lifetime must be "long" for a shared runtime');
  const cf = []
    .concat(host.AllFormFactors?.ExtensionPoint ?? [])
    .find((e) => e["@_type"] === "CustomFunctions");
  if (!cf) problems.push("No CustomFunctions extension point");
  else {
    const page = cf.Page?.SourceLocation?.["@_resid"];
    const script = cf.Script?.SourceLocation?.["@_resid"];
    const meta = cf.Metadata?.SourceLocation?.["@_resid"];
    if (page !== runtimeResid)
      problems.push(`CustomFunctions Page (${page}) must be the shared runtime page (${runtimeResid})`);
    const pageUrl = resources.get(runtimeResid)?.value;
    const scriptUrl = resources.get(script)?.value;
    const metaUrl = resources.get(meta)?.value;
    if (!metaUrl || !metaUrl.endsWith("/functions.json"))
      problems.push(`CustomFunctions Metadata must point at functions.json; got ${metaUrl}`);
    if (pageUrl && scriptUrl && pageUrl.startsWith(baseUrl) && scriptUrl.startsWith(baseUrl)) {
      const pageFile = path.join(distDir, pageUrl.slice(baseUrl.length));
      const scriptName = path.basename(scriptUrl);
      if (fs.existsSync(pageFile) && !fs.readFileSync(pageFile, "utf8").includes(scriptName))
        problems.push(
          `The shared runtime page ${path.basename(pageFile)} does not load the functions script ${scriptName}`,
        );
    }
    const ns = resources.get(cf.Namespace?.["@_resid"])?.value;
    if (ns !== "HARM") problems.push(`Custom function namespace must be HARM; got ${ns}`);
    const fnFile = path.join(distDir, "functions.json");
    if (fs.existsSync(fnFile)) {
      const fns = JSON.parse(fs.readFileSync(fnFile, "utf8")).functions ?? [];
      if (fns.length === 0) problems.push("functions.json lists no functions");
      const fids = fns.map((f) => f.id);
      for (const d of new Set(dup(fids))) problems.push(`Duplicate custom function id ${d}`);
    }
  }

  // A ribbon button opens the task pane.
  const showPane = JSON.stringify(host.DesktopFormFactor ?? {}).includes('"ShowTaskpane"');
  if (!showPane) problems.push("No ribbon button with a ShowTaskpane action");
  return problems;
}

module.exports = { checkManifest, pngSize, DEV_BASE };
