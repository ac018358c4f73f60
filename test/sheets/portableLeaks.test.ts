/**
 * The portable copy carries no one from the Cohort sheet, wherever Excel or
 * the analyst has copied them: a workbook written by `harm-planner template
 * --cohort` is given what a saved Excel file can hold (a table filter on a
 * reference, cached results on other sheets, typed copies, notes and
 * threaded comments, defined names, drop-down lists, hyperlinks, a page
 * header, a chart's and a pivot's caches, the document title), then copied
 * through both routes: the .xlsx function itself and the pane's Office.js
 * port. Every part of each copy's zip is read, and no text from the
 * people's rows may be found in any of them.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { XMLValidator } from "fast-xml-parser";
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from "fflate";
import { main } from "../../src/cli/main";
import { blankOperation } from "../../src/core/operation";
import { buildWorkbook } from "../../src/sheets/build";
import { writeWorkbookXlsx } from "../../src/sheets/render/xlsx";
import { stripHarmFormulas } from "../../src/sheets/portable";
import { makePortableCopy } from "../../src/app/portable";
import type { OfficeHost } from "../../src/workbook/officeHost";
import { createFakeExcel } from "../support/fakeExcel";
import { unescapeXml } from "../support/xlsxSnapshot";
import { memoryHarness, officeHarness } from "../workbook/harness";

const REFS = ["REF-SECRET-001", "REF-SECRET-002", "REF-SECRET-003", "REF&SECRET<4>", "90817263"];
/** Said of a person in a note on their row: not a value of the table, but about them. */
const NOTE = "Lives at 14 Acacia Avenue";
const SECRETS = [...REFS, "Acacia"];

const CSV = [
  "Reference,Group,Window,Offences before,Offences after",
  `REF-SECRET-001,Enforcement,365,12,4`,
  `REF-SECRET-002,Treatment,365,8,6`,
  `REF-SECRET-003,Both,365,7,2`,
  `"REF&SECRET<4>",Comparison,365,9,8`,
  `90817263,Comparison,365,5,5`,
].join("\n");

type Parts = Record<string, Uint8Array>;
const text = (files: Parts, name: string) => strFromU8(files[name]);
const put = (files: Parts, name: string, xml: string) => (files[name] = strToU8(xml));
const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** Sheet name → its part, from the workbook and its relationships. */
function sheetPart(files: Parts, sheet: string): string {
  const id = new RegExp(`<sheet [^>]*name="${sheet}"[^>]*r:id="([^"]+)"`).exec(
    text(files, "xl/workbook.xml"),
  )![1];
  const target = new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`).exec(
    text(files, "xl/_rels/workbook.xml.rels"),
  )![1];
  return `xl/${target.replace(/^\/?xl\//, "")}`;
}

const relsOf = (part: string) => part.replace(/([^/]+)$/, "_rels/$1.rels");

function addRelationship(files: Parts, part: string, id: string, type: string, target: string): void {
  const rels = relsOf(part);
  const rel = `<Relationship Id="${id}" Type="${type}" Target="${target}"/>`;
  put(
    files,
    rels,
    files[rels]
      ? text(files, rels).replace("</Relationships>", `${rel}</Relationships>`)
      : `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rel}</Relationships>`,
  );
}

function addOverride(files: Parts, part: string, type: string): void {
  const ct = "[Content_Types].xml";
  put(
    files,
    ct,
    text(files, ct).replace("</Types>", `<Override PartName="/${part}" ContentType="${type}"/></Types>`),
  );
}

const R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/** What Excel and an analyst leave in a saved file, added to the file the CLI wrote. */
function harden(bytes: Uint8Array): Uint8Array {
  const files = unzipSync(bytes);
  const cohort = sheetPart(files, "Cohort");
  const operation = sheetPart(files, "Operation");
  const summary = sheetPart(files, "Summary");
  const table = Object.keys(files).find(
    (n) => /^xl\/tables\//.test(n) && /name="HP_Cohort"/.test(text(files, n)),
  )!;
  const body = /ref="[A-Z]+(\d+):/.exec(text(files, table))![1];
  const row = (i: number) => Number(body) + 1 + i; // body rows of the people, in file order

  // A table filter that shows two people.
  put(
    files,
    table,
    text(files, table).replace(
      /<filterColumn colId="0" hiddenButton="0"\/>/,
      `<filterColumn colId="0"><filters><filter val="REF-SECRET-001"/><filter val="${esc("REF&SECRET<4>")}"/></filters></filterColumn>`,
    ),
  );

  // Shared strings as Excel saves them: a reference typed on another sheet, and one split over two runs.
  const sst = text(files, "xl/sharedStrings.xml");
  const count = (sst.match(/<si>/g) ?? []).length;
  put(
    files,
    "xl/sharedStrings.xml",
    sst.replace(
      "</sst>",
      `<si><t>REF-SECRET-003</t></si><si><r><t>REF-SECRET-</t></r><r><rPr><b/></rPr><t>003 (copy)</t></r></si></sst>`,
    ),
  );

  // On the Operation sheet: cached results of formulas that read the people, typed copies, a filter,
  // a drop-down, a hyperlink and a page header.
  const cells = [
    `<c r="A200" t="str"><f>Cohort!A${row(1)}</f><v>REF-SECRET-002</v></c>`,
    `<c r="B200" t="s"><v>${count}</v></c>`,
    `<c r="C200" t="inlineStr"><is><t>REF-SECRET-001</t></is></c>`,
    `<c r="D200" t="str"><f>IF(Cohort!A${row(1)}="REF-SECRET-002","yes","no")</f><v>yes</v></c>`,
    `<c r="E200" t="str"><f>Pick</f><v>REF-SECRET-003</v></c>`,
    `<c r="F200"><f>HP_Cohort[[#This Row],[Reference]]</f><v>90817263</v></c>`,
    `<c r="G200" t="s"><v>${count + 1}</v></c>`,
    `<c r="H200" t="inlineStr"><is><t>See ${esc("REF&SECRET<4>")} first</t></is></c>`,
  ].join("");
  // Row 201: a copy of a shared formula, whose text is only in the cell it copies (K200), caching a
  // reference made of digits; and that reference typed as a number.
  const shared = [
    `<c r="K200" t="str"><f t="shared" ref="K200:K201" si="9">Cohort!A${row(3)}</f><v>${esc("REF&SECRET<4>")}</v></c>`,
  ].join("");
  const row201 = `<c r="K201"><f t="shared" si="9"/><v>90817263</v></c><c r="L201"><v>90817263</v></c>`;
  let op = text(files, operation).replace(
    "</sheetData>",
    `<row r="200">${cells}${shared}</row><row r="201">${row201}</row></sheetData>`,
  );
  op = op.replace(
    "</sheetData>",
    `</sheetData><autoFilter ref="A199:H200"><filterColumn colId="0"><filters><filter val="REF-SECRET-002"/></filters></filterColumn><filterColumn colId="5"><customFilters><customFilter operator="equal" val="90817263"/></customFilters></filterColumn></autoFilter>`,
  );
  op = op.replace(
    /<dataValidations count="(\d+)">/,
    (_, n) =>
      `<dataValidations count="${Number(n) + 1}"><dataValidation type="list" allowBlank="1" showInputMessage="1" prompt="Usually REF-SECRET-001" sqref="I200"><formula1>"REF-SECRET-001,REF-SECRET-002"</formula1></dataValidation>`,
  );
  op = op.replace(
    "<pageMargins",
    `<hyperlinks><hyperlink ref="J200" location="Cohort!A${row(2)}" display="REF-SECRET-003" tooltip="Go to REF-SECRET-003"/></hyperlinks><pageMargins`,
  );
  op = op.replace(
    "</worksheet>",
    `<headerFooter><oddHeader>&amp;LREF-SECRET-001 and others</oddHeader></headerFooter></worksheet>`,
  );
  put(files, operation, op);

  // Notes: one on a person's row (about them), one on the Summary naming a reference over two runs.
  const commentsType = "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml";
  const note = (ref: string, runs: string) =>
    `<comment ref="${ref}" authorId="0"><text>${runs}</text></comment>`;
  put(
    files,
    "xl/comments91.xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><authors><author>Analyst</author></authors><commentList>${note(`A${row(0)}`, `<r><t>${NOTE}</t></r>`)}</commentList></comments>`,
  );
  addRelationship(files, cohort, "rIdN1", `${R}/comments`, "../comments91.xml");
  addOverride(files, "xl/comments91.xml", commentsType);
  put(
    files,
    "xl/comments92.xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><authors><author>Analyst</author></authors><commentList>${note("A1", `<r><t>Ask about REF-SEC</t></r><r><t>RET-002 before sharing</t></r>`)}</commentList></comments>`,
  );
  addRelationship(files, summary, "rIdN2", `${R}/comments`, "../comments92.xml");
  addOverride(files, "xl/comments92.xml", commentsType);

  // Threaded comments: on a person's row, and elsewhere naming one.
  const threaded = (ref: string, t: string, id: string) =>
    `<threadedComment ref="${ref}" dT="2024-05-01T10:00:00.00" personId="{00000000-0000-0000-0000-000000000001}" id="${id}"><text>${t}</text></threadedComment>`;
  put(
    files,
    "xl/threadedComments/threadedComment1.xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><ThreadedComments xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments">${threaded(`B${row(1)}`, "Moved to treatment after a breach", "{1}")}</ThreadedComments>`,
  );
  addRelationship(
    files,
    cohort,
    "rIdN3",
    "http://schemas.microsoft.com/office/2017/10/relationships/threadedComment",
    "../threadedComments/threadedComment1.xml",
  );
  put(
    files,
    "xl/threadedComments/threadedComment2.xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><ThreadedComments xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments">${threaded("B2", "REF-SECRET-003", "{2}")}</ThreadedComments>`,
  );
  addRelationship(
    files,
    operation,
    "rIdN4",
    "http://schemas.microsoft.com/office/2017/10/relationships/threadedComment",
    "../threadedComments/threadedComment2.xml",
  );

  // Defined names: one that points at a person's cell, one that holds a reference as a constant.
  put(
    files,
    "xl/workbook.xml",
    text(files, "xl/workbook.xml").replace(
      "</definedNames>",
      `<definedName name="Pick">Cohort!$A$${row(2)}</definedName><definedName name="Who">"REF-SECRET-003"</definedName></definedNames>`,
    ),
  );

  // A chart's cached series name and title, and a pivot cache built on the Cohort table.
  const chart = Object.keys(files).find((n) => /^xl\/charts\/chart\d+\.xml$/.test(n))!;
  put(
    files,
    chart,
    text(files, chart)
      .replace(/<c:v>[^<]*<\/c:v>/, "<c:v>REF-SECRET-001</c:v>")
      .replace(/<a:t>[^<]*<\/a:t>/, "<a:t>Offences of REF-SECRET-002</a:t>"),
  );
  put(
    files,
    "xl/pivotCache/pivotCacheDefinition1.xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><pivotCacheDefinition xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${R}" r:id="rId1" recordCount="2"><cacheSource type="worksheet"><worksheetSource name="HP_Cohort"/></cacheSource><cacheFields count="1"><cacheField name="Reference" numFmtId="0"><sharedItems><s v="REF-SECRET-001"/><s v="90817263"/><s v="${esc("REF&SECRET<4>")}"/></sharedItems></cacheField></cacheFields></pivotCacheDefinition>`,
  );
  put(
    files,
    "xl/pivotCache/pivotCacheRecords1.xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><pivotCacheRecords xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="2"><r><x v="0"/><s v="REF-SECRET-002"/></r><r><x v="1"/><s v="REF-SECRET-003"/></r></pivotCacheRecords>`,
  );

  // The document's title.
  put(
    files,
    "docProps/core.xml",
    text(files, "docProps/core.xml").replace(
      "<dc:title></dc:title>",
      "<dc:title>Cohort incl. REF-SECRET-001</dc:title>",
    ),
  );
  return zipSync(files as Zippable);
}

/** Every part of the zip in which a secret can be read, as it is stored, decoded, or with its markup taken out. */
function leaks(bytes: Uint8Array): string[] {
  const found: string[] = [];
  for (const [name, data] of Object.entries(unzipSync(bytes))) {
    const raw = Buffer.from(data).toString("latin1");
    const utf8 = strFromU8(data);
    const views = [raw, utf8, unescapeXml(utf8), unescapeXml(utf8.replace(/<[^>]*>/g, ""))];
    for (const secret of SECRETS) if (views.some((v) => v.includes(secret))) found.push(`${name}: ${secret}`);
  }
  return found;
}

describe("the portable copy leaves no one from the Cohort sheet in any part of the file", () => {
  let hostile: Uint8Array;
  let dir: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "hp-leaks-"));
    fs.writeFileSync(path.join(dir, "cohort.csv"), CSV);
    const out = path.join(dir, "plan.xlsx");
    const io = { out: () => undefined, err: (s: string) => void process.stderr.write(s) };
    const code = await main(
      ["template", "--out", out, "--cohort", path.join(dir, "cohort.csv"), "--include-cohort"],
      io,
    );
    expect(code).toBe(0);
    hostile = harden(new Uint8Array(fs.readFileSync(out)));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("the hardened file holds every secret to begin with (so the test can see them)", () => {
    const before = leaks(hostile).join("\n");
    for (const s of SECRETS) expect(before).toContain(s);
    for (const part of ["xl/pivotCache/pivotCacheRecords1.xml", "xl/comments91.xml", "docProps/core.xml"])
      expect(before).toContain(part);
  });

  it("the .xlsx route: no part of the copy holds a value from the people's rows", async () => {
    const { bytes, peopleLeftOut, numbersBlanked } = stripHarmFormulas(hostile);
    expect(peopleLeftOut).toBe(REFS.length);
    expect(leaks(bytes)).toEqual([]);
    // The number typed on its own is named, as a count could read the same; the shared copy keeps its formula.
    expect(numbersBlanked).toEqual({ count: 1, cells: ["Operation!L201"] });
    // Still a workbook, with its own text and the formulas that read the Cohort sheet kept.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const op = wb.getWorksheet("Operation")!;
    expect(op.getCell("A1").value).toBe("Operation details");
    const d200 = op.getCell("D200").value as { formula: string };
    expect(d200.formula).toMatch(/^IF\(Cohort!A\d+="","yes","no"\)$/);
    expect(wb.getWorksheet("Cohort")!.getCell("A8").value).toBe("Reference");
    const files = unzipSync(bytes);
    for (const [name, data] of Object.entries(files))
      if (/\.(xml|rels)$/.test(name))
        expect([name, XMLValidator.validate(strFromU8(data))]).toEqual([name, true]);
    // The group labels are the sheet's own words, not anyone's: the results by group keep them.
    expect(text(files, "xl/sharedStrings.xml")).toContain("Enforcement");
    // A filter on the people's table keeps its column but not its values.
    const table = Object.keys(files).find(
      (n) => /^xl\/tables\//.test(n) && /name="HP_Cohort"/.test(text(files, n)),
    )!;
    expect(text(files, table)).toMatch(/<filterColumn colId="0"\/>/);
  });

  it("the pane's route (Office.js port): the copy Excel is asked to open holds none of them either", async () => {
    const opened: Uint8Array[] = [];
    const host: OfficeHost = {
      getFileBytes: async () => hostile,
      createWorkbook: async (b64) => void opened.push(new Uint8Array(Buffer.from(b64, "base64"))),
    };
    const h = officeHarness(createFakeExcel(), host);
    expect(await makePortableCopy(h.port)).toEqual({
      replaced: 0,
      peopleLeftOut: REFS.length,
      numbersBlanked: { count: 1, cells: ["Operation!L201"] },
    });
    expect(opened).toHaveLength(1);
    expect(leaks(opened[0])).toEqual([]);
  });

  it("clears a filter left on the people's table even when no one's row is left in it", async () => {
    const files = unzipSync(
      new Uint8Array(await writeWorkbookXlsx(buildWorkbook({ operation: blankOperation() }))),
    );
    const table = Object.keys(files).find(
      (n) => /^xl\/tables\//.test(n) && /name="HP_Cohort"/.test(text(files, n)),
    )!;
    put(
      files,
      table,
      text(files, table).replace(
        /<filterColumn colId="0" hiddenButton="0"\/>/,
        '<filterColumn colId="0"><filters><filter val="REF-SECRET-001"/></filters></filterColumn>',
      ),
    );
    const { bytes } = stripHarmFormulas(zipSync(files as Zippable));
    expect(leaks(bytes)).toEqual([]);
  });

  it("the browser preview makes no copy at all (it holds no file), so it cannot leak one", async () => {
    await expect(makePortableCopy(memoryHarness().port)).rejects.toThrow(/preview/i);
  });

  it("blanks a number typed elsewhere only when it is a reference long enough to identify someone", async () => {
    const cohort = [
      { reference: "12345", group: "Enforcement", windowDays: 365, offencesBefore: 3, offencesAfter: 1 },
      { reference: "42", group: "Comparison", windowDays: 365, offencesBefore: 2, offencesAfter: 2 },
    ];
    const files = unzipSync(
      new Uint8Array(await writeWorkbookXlsx(buildWorkbook({ operation: blankOperation(), cohort }))),
    );
    const operation = sheetPart(files, "Operation");
    put(
      files,
      operation,
      text(files, operation).replace(
        "</sheetData>",
        `<row r="300"><c r="A300"><v>12345</v></c><c r="B300"><v>42</v></c><c r="C300" t="n"><v>12345.0</v></c><c r="D300"><f>12000+345</f><v>12345</v></c></row></sheetData>`,
      ),
    );
    const { bytes, numbersBlanked } = stripHarmFormulas(zipSync(files as Zippable));
    expect(numbersBlanked).toEqual({ count: 2, cells: ["Operation!A300", "Operation!C300"] });
    const op = new ExcelJS.Workbook();
    await op.xlsx.load(bytes as unknown as ArrayBuffer);
    const ws = op.getWorksheet("Operation")!;
    expect([ws.getCell("A300").value, ws.getCell("B300").value, ws.getCell("C300").value]).toEqual([
      null,
      42,
      null,
    ]);
    // A formula's result is left to the formula: it does not read the Cohort sheet.
    expect(ws.getCell("D300").value).toMatchObject({ formula: "12000+345" });
  });
});
