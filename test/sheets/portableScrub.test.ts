/**
 * Taking the people's values out of a part of a shared copy: references go
 * wherever they are shown, while counts, addresses, formulas' shape and
 * chart settings that happen to read the same are kept.
 */
import { scrubXml, Scrubber } from "../../src/sheets/portableScrub";

const scrubber = (references: string[], values: string[] = []) =>
  new Scrubber({ references: new Set(references), values: new Set(values) });

describe("scrubXml", () => {
  it("removes a reference inside longer text, and a text that is exactly a value", () => {
    const s = scrubber(["AB-17"], ["n/a"]);
    expect(scrubXml("<a:p><a:t>Ask AB-17 today</a:t><a:t>n/a</a:t><a:t>n/a here</a:t></a:p>", s)).toBe(
      "<a:p><a:t>Ask … today</a:t><a:t></a:t><a:t>n/a here</a:t></a:p>",
    );
  });

  it("removes a short reference only as a word of its own", () => {
    expect(scrubXml("<t>see P7. HP7X and P70 stay</t>", scrubber(["P7"]))).toBe(
      "<t>see …. HP7X and P70 stay</t>",
    );
  });

  it("keeps numbers that read like a numeric reference, but not a text cached from one", () => {
    const s = scrubber(["12"]);
    const xml = `<row><c r="A1"><v>12</v></c><c r="B1" t="str"><f>X!A1</f><v>12</v></c><c r="C1"><f>SUM(A1:A12)</f><v>12</v></c></row>`;
    expect(scrubXml(xml, s)).toBe(
      `<row><c r="A1"><v>12</v></c><c r="B1" t="str"><f>X!A1</f><v></v></c><c r="C1"><f>SUM(A1:A12)</f><v>12</v></c></row>`,
    );
  });

  it("reads a worksheet's cells the same way, inline text and quoted text included", () => {
    const s = scrubber(["12", "Q-77"]);
    const xml =
      `<worksheet><sheetData><row r="1"><c r="A1"><v>12</v></c><c r="B1" t="str"><f>X!A1</f><v>12</v></c>` +
      `<c r="C1" t="inlineStr"><is><t>Q-77 left</t></is></c><c r="D1"><f>IF(A1="Q-77",1,0)</f><v>0</v></c>` +
      `</row></sheetData><headerFooter><oddHeader>&amp;LQ-77</oddHeader></headerFooter></worksheet>`;
    expect(scrubXml(xml, s)).toBe(
      `<worksheet><sheetData><row r="1"><c r="A1"><v>12</v></c><c r="B1" t="str"><f>X!A1</f><v></v></c>` +
        `<c r="C1" t="inlineStr"><is><t xml:space="preserve">… left</t></is></c><c r="D1"><f>IF(A1=&quot;&quot;,1,0)</f><v>0</v></c>` +
        `</row></sheetData><headerFooter><oddHeader>&amp;L…</oddHeader></headerFooter></worksheet>`,
    );
  });

  it("changes only the quoted text of a formula, and leaves addresses alone", () => {
    const s = scrubber(["A1B"]);
    expect(scrubXml(`<f>IF(A1B2="A1B","x",A1B)</f><sqref>A1B</sqref>`, s)).toBe(
      `<f>IF(A1B2=&quot;&quot;,&quot;x&quot;,A1B)</f><sqref>A1B</sqref>`,
    );
  });

  it("leaves chart settings alone even when a value reads the same", () => {
    const s = scrubber(["r"], ["minMax"]);
    const xml = `<c:legendPos val="r"/><c:orientation val="minMax"/>`;
    expect(scrubXml(xml, s)).toBeNull();
  });

  it("reads escaped text, and rewrites a value split over rich-text runs as one plain run", () => {
    const s = scrubber(["R&D<7>"]);
    expect(scrubXml(`<si><r><t>R&amp;D</t></r><r><t>&lt;7&gt; moved</t></r></si>`, s)).toBe(
      `<si><t xml:space="preserve">… moved</t></si>`,
    );
    expect(scrubXml(`<filter val="R&amp;D&lt;7&gt;"/>`, s)).toBe(`<filter val=""/>`);
  });

  it("changes nothing, and says so, when no value is there", () => {
    expect(scrubXml("<a><b x='1'>text</b></a>", scrubber(["Q-9"]))).toBeNull();
  });
});
