/**
 * The cohort import and personal data: columns headed like personal data
 * (ethnicity, names, dates of birth, addresses, phone numbers…) are never
 * guessed or read, names or dates of birth under any other heading stop the
 * import, and no refusal repeats a value from the file: only headings and
 * lines.
 */
import { guessCohortColumns, importCohort, looksPersonal } from "../../src/app/importCohort";
import { sensitiveHeading } from "../../src/app/cohortColumns";
import type { TableData } from "../../src/sheets/plan/snapshot";
import { memoryHarness } from "../workbook/harness";

const ETHNICITIES = ["White British", "Black Caribbean", "Asian Pakistani", "Mixed White/Black", "Irish"];

/** An export with an "Ethnic group" column and no Group column. */
const ETHNIC: TableData = {
  headers: ["Person ref", "Ethnic group", "Window days", "Offences before", "Offences after"],
  rows: ETHNICITIES.map((e, i) => [`P-00${i + 1}`, e, "365", "5", "3"]),
};

const refused = async (data: TableData, columns = guessCohortColumns(data.headers)) => {
  const h = memoryHarness();
  const err = await importCohort(h.port, { data, columns }).catch((e: Error) => e);
  expect(err).toBeInstanceOf(Error);
  expect(h.store.sheets).toHaveLength(0);
  return (err as Error).message;
};

describe("headings that look like personal data", () => {
  it("are recognised, whatever their spelling", () => {
    const kinds: Record<string, string> = {
      "Ethnic group": "ethnicity",
      Ethnicity: "ethnicity",
      "Self-defined ethnicity": "ethnicity",
      SDE: "ethnicity",
      "IC code": "ethnicity",
      Race: "ethnicity",
      Forename: "a name",
      Surname: "a name",
      FirstName: "a name",
      "Nominal name": "a name",
      DOB: "a date of birth",
      "D.O.B.": "a date of birth",
      DateOfBirth: "a date of birth",
      "Birth date": "a date of birth",
      Address: "an address",
      "Home address": "an address",
      Postcode: "an address",
      "Post code": "an address",
      Phone: "a phone number",
      "Mobile no": "a phone number",
      Telephone: "a phone number",
      Tel: "a phone number",
      Email: "an email address",
      "E-mail": "an email address",
      "NI number": "a National Insurance number",
      "National Insurance No": "a National Insurance number",
      NINO: "a National Insurance number",
      "PNC ID": "a personal identifier (PNC, CRO, NHS or passport number)",
      Religion: "religion",
      Nationality: "nationality",
    };
    for (const [h, kind] of Object.entries(kinds)) expect([h, sensitiveHeading(h)]).toEqual([h, kind]);
  });

  it("leave the Cohort fields' own headings alone", () => {
    for (const h of [
      "Person ref",
      "Reference",
      "Group",
      "Cohort",
      "Arm",
      "Start date",
      "Arrest date",
      "Referral date",
      "Window",
      "Window days",
      "Offences before",
      "Offences after",
      "Custody days after",
      "Days not at liberty before",
      "Harm after",
      "Trace ID",
      "Doubled",
      "Nominal ref",
    ])
      expect([h, looksPersonal(h)]).toEqual([h, false]);
  });

  it("never take the Group column: an 'Ethnic group' column is not read, and its values are never shown", async () => {
    const map = guessCohortColumns(ETHNIC.headers);
    expect(map.group).toBe(-1);
    const message = await refused(ETHNIC);
    expect(message).toMatch(/Choose the column for Group/);
    for (const e of ETHNICITIES) expect(message).not.toContain(e);
  });

  it("are refused when chosen by hand, naming the heading and nothing else", async () => {
    const message = await refused(ETHNIC, { ...guessCohortColumns(ETHNIC.headers), group: 1 });
    expect(message).toMatch(/"Ethnic group" looks like ethnicity, which the Cohort sheet must never hold/);
    for (const e of ETHNICITIES) expect(message).not.toContain(e);
  });

  it("are read around: the same file with a Group column imports without the ethnicity", async () => {
    const h = memoryHarness();
    const data: TableData = {
      headers: [...ETHNIC.headers, "Group"],
      rows: ETHNIC.rows.map((r) => [...r, "Enforcement"]),
    };
    const report = await importCohort(h.port, { data, columns: guessCohortColumns(data.headers) });
    expect(report.people).toBe(5);
    const text = h.store.sheets
      .flatMap((s) => [...s.cells.values()].map((c) => String(c.formula ?? c.value ?? "")))
      .join("\n");
    for (const e of ETHNICITIES) expect(text).not.toContain(e);
    expect(text).toContain("P-003");
  });
});

describe("values that look like names or dates of birth, under any heading", () => {
  it("names under a Reference heading are refused, by line, and never imported", async () => {
    const names = ["John Smith", "SMITH, Mary", "O'Neil", "Ann-Marie Jones"];
    const data: TableData = {
      headers: ["Reference", "Group", "Window", "Offences before", "Offences after"],
      rows: [
        ["R-001", "Enforcement", "365", "4", "2"],
        ...names.map((n) => [n, "Treatment", "365", "3", "1"]),
      ],
    };
    const message = await refused(data);
    expect(message).toMatch(
      /The column "Reference" holds what look like names, with no digits \(line 3, line 4, line 5 and 1 more\)/,
    );
    for (const n of names) expect(message).not.toContain(n);
    expect(message).not.toContain("Smith");
  });

  it("dates under a Reference heading are refused", async () => {
    const data: TableData = {
      headers: ["Reference", "Group", "Window", "Offences before", "Offences after"],
      rows: [
        ["01/02/1990", "Enforcement", "365", "4", "2"],
        ["1985-04-03", "Comparison", "365", "3", "1"],
      ],
    };
    const message = await refused(data);
    expect(message).toMatch(/"Reference" holds dates \(line 2, line 3\), which may be dates of birth/);
    expect(message).not.toMatch(/1990|1985/);
  });

  it("dates of birth under a Start date heading are refused", async () => {
    const data: TableData = {
      headers: ["Reference", "Group", "Start date", "Window", "Offences before", "Offences after"],
      rows: [
        ["R-1", "Enforcement", "2024-03-01", "365", "4", "2"],
        ["R-2", "Enforcement", "12/05/2006", "365", "4", "2"],
        ["R-3", "Comparison", "1979-06-05", "365", "3", "1"],
      ],
    };
    const message = await refused(data);
    expect(message).toMatch(
      /"Start date" holds dates long before the others or before 2000 \(line 3, line 4\)/,
    );
    expect(message).not.toMatch(/2006|1979/);
  });

  it("leaves pseudonymous references and recent start dates alone", async () => {
    const h = memoryHarness();
    const data: TableData = {
      headers: ["Reference", "Group", "Start date", "Window", "Offences before", "Offences after"],
      rows: [
        ["AB12CD", "Enforcement", "2024-03-01", "365", "4", "2"],
        ["7731", "Treatment", "2019-11-20", "365", "4", "2"],
        ["N-0042/24", "Comparison", "01/06/2023", "365", "3", "1"],
      ],
    };
    const report = await importCohort(h.port, { data, columns: guessCohortColumns(data.headers) });
    expect(report.people).toBe(3);
  });
});
