/**
 * The pane's import (the core reader, as its worker runs it) on hostile
 * files: each is refused with a short message naming file and line, or read
 * with what was done said, never silently.
 */
import { readIncidentTable, toColumnTable, type FileLike } from "../../src/taskpane/evaluate/csvImport";
import { runEvaluation } from "../../src/app/evaluation";
import { tableColumn, tableColumns } from "../../src/app/incidentData";
import { POLICE_UK_HEADERS, readPoliceUkText, scenarioOperation } from "../support/policeUk";
import { pairedStrayQuotes } from "../support/hostileCsv";

/** A file of `size` bytes made as it is read: `head`, then `fill` repeated (no memory or disk for 600 MB). */
function madeFile(name: string, head: string, size: number, fill = "x"): FileLike {
  const headBytes = new TextEncoder().encode(head);
  const unit = fill.charCodeAt(0);
  return {
    name,
    size,
    slice: (start: number, end: number) => {
      const out = new Uint8Array(Math.max(0, Math.min(end, size) - start)).fill(unit);
      if (start < headBytes.length) out.set(headBytes.subarray(start, Math.min(end, headBytes.length)));
      return new Blob([out]);
    },
  };
}

/** A file of this text, as the pane's file picker gives it. */
function textFile(name: string, text: string): FileLike {
  const blob = new Blob([text]);
  return { name, size: blob.size, slice: (a: number, b: number) => blob.slice(a, b) };
}

async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error("expected the import to be refused");
}

describe("the pane's import: huge lines", () => {
  it.each([
    ["100 MB", 100e6],
    ["600 MB (it gave “Invalid string length”)", 600e6],
  ])("a %s line is refused in a sentence naming the file and line", async (_, size) => {
    const file = madeFile("2024-01-huge.csv", `${POLICE_UK_HEADERS.join(",")}\n2024-01,`, size);
    const message = await refusal(readIncidentTable([file], { keep: "guessed", yieldBetween: false }));
    expect(message).toBe(
      "2024-01-huge.csv, line 2: this line is over 1,048,576 characters long, far longer than any incident " +
        "record, so 2024-01-huge.csv was refused. Is it a CSV file with a line for each record?",
    );
  });
});

describe("the pane's import: stray quotes", () => {
  it("refuses a stray quote paired with another further down, naming both lines, as the command line does", async () => {
    const { text, lines } = pairedStrayQuotes("2024-07");
    const message = await refusal(
      readIncidentTable([textFile("2024-07.csv", text)], { keep: "guessed", yieldBetween: false }),
    );
    expect(message).toMatch(
      new RegExp(
        `^2024-07\\.csv, lines ${lines[0]} to ${lines[1]}: a quoted field starts on line ${lines[0]} `,
      ),
    );
  });
});

describe("the pane's import: a month in two files", () => {
  it("refuses the same month of the same force saved again with other line endings, naming both files", async () => {
    const july = readPoliceUkText("2024-07");
    const message = await refusal(
      readIncidentTable([textFile("2024-07.csv", july), textFile("copy.csv", july.replace(/\n/g, "\r\n"))], {
        keep: "guessed",
        yieldBetween: false,
      }),
    );
    expect(message).toBe(
      "2024-07.csv and copy.csv both hold 2024-07 for Gwent Police, so that month would be counted twice; " +
        "remove one of them and load the files again.",
    );
  });
});

describe("the pane's import: a month pasted twice into one file", () => {
  it("counts the copy once, rows without a crime reference too, and names the first copy by file and line", async () => {
    const at = (h: string) => POLICE_UK_HEADERS.indexOf(h);
    const evaluate = async (julyText: string) => {
      const files = [textFile("2024-06.csv", readPoliceUkText("2024-06")), textFile("2024-07.csv", julyText)];
      const read = await readIncidentTable(files, { keep: "guessed", yieldBetween: false });
      const table = toColumnTable(read.table, read.kept);
      return runEvaluation({
        operation: {
          ...scenarioOperation("Op"),
          before: { start: "2024-06-01", end: "2024-06-30" },
          after: { start: "2024-07-01", end: "2024-07-31" },
        },
        source: {
          columns: tableColumns(table, {
            date: at("Month"),
            area: at("LSOA code"),
            offenceType: at("Crime type"),
            id: at("Crime ID"),
            name: at("LSOA name"),
          }),
          ...(table.rowLabel ? { rowLabel: table.rowLabel } : {}),
        },
        dataAreas: tableColumn(table, at("LSOA code")),
        restOfForce: true,
        offenceTypes: [],
        weights: new Map(),
      });
    };
    const july = readPoliceUkText("2024-07").replace(/\n$/, "");
    const [head, ...rows] = july.split("\n");
    const once = (await evaluate(july)).evaluation.aggregate;
    const twice = await evaluate([head, ...rows, ...rows].join("\n"));
    const a = twice.evaluation.aggregate;
    expect(a.rowsCopied).toBeGreaterThan(1000);
    expect(a.rowsUsed).toBe(once.rowsUsed);
    expect(a.target).toEqual(once.target);
    expect(a.control).toEqual(once.control);
    const first = /The first: 2024-07\.csv, line ([\d,]+) repeats 2024-07\.csv, line ([\d,]+)\.$/.exec(
      twice.accounting.copies[0],
    )!;
    expect(Number(first[1].replace(/,/g, "")) - Number(first[2].replace(/,/g, ""))).toBe(rows.length);
  });
});
