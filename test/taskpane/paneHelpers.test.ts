/** Small pieces of the pane: the active-cell box, what Start blank clears, the lazy workbook port, column data. */
import { parseActiveCell } from "../../src/taskpane/preview/address";
import { clearedByStartBlank } from "../../src/taskpane/components/startBlank";
import { lazyPort } from "../../src/taskpane/lazyPort";
import { todayIso } from "../../src/taskpane/util";
import { blankOperation } from "../../src/core/operation";
import { MemoryWorkbook } from "../../src/workbook/memory";
import { ColumnTable } from "../../src/app/incidentData";
import { createElement, type ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { FormField, type FieldAria } from "../../src/taskpane/components/FormField";
import { operation } from "../support/operation";

describe("parseActiveCell (the preview's active-cell box)", () => {
  it("takes an address within Excel's grid, in any case, with or without $", () => {
    expect(parseActiveCell("b4")).toEqual({ address: "B4" });
    expect(parseActiveCell(" $C$12 ")).toEqual({ address: "C12" });
    expect(parseActiveCell("XFD1048576")).toEqual({ address: "XFD1048576" });
    expect(parseActiveCell("A01")).toEqual({ address: "A1" });
  });

  it.each([
    ["hello", /“hello” is not a cell address/],
    ["", /is not a cell address/],
    ["A0", /rows run from 1 to 1,048,576, so A0 is off the sheet/],
    ["A1048577", /rows run from 1 to 1,048,576, so A1048577 is off the sheet/],
    ["XFE1", /last column is XFD, so XFE1 is off the sheet/],
    ["ZZZ99999999", /is not a cell address/],
    ["B4:C5", /is not a cell address/],
  ])("refuses %p with a message saying why", (text, why) => {
    const r = parseActiveCell(text);
    expect("error" in r && r.error).toMatch(why);
    expect("error" in r && r.error).toMatch(/e\.g\. B4\.$/);
  });
});

describe("clearedByStartBlank", () => {
  it("names what is filled in, and nothing for a blank form", () => {
    expect(clearedByStartBlank(blankOperation())).toEqual([]);
    expect(clearedByStartBlank(operation())).toEqual([
      "the operation name “Operation Test”",
      "force or area “Gwent Police”",
      "analyst “A. Analyst”",
      "1 target area",
      "2 buffer areas",
      "1 control area",
      "the before-period dates",
      "the after-period dates",
      "the prepared-on date",
    ]);
    expect(clearedByStartBlank({ ...blankOperation(), after: { start: "", end: "2024-12-31" } })).toEqual([
      "the after-period dates",
    ]);
  });
});

describe("lazyPort", () => {
  it("loads the adapter on first use only, once, and passes every call through", async () => {
    let loads = 0;
    const wb = new MemoryWorkbook();
    let asked: unknown;
    const port = lazyPort(
      "memory",
      async () => {
        loads++;
        return {
          ...wb,
          read: wb.read.bind(wb),
          change: wb.change.bind(wb),
          readTable: wb.readTable.bind(wb),
          portableCopySupport: wb.portableCopySupport.bind(wb),
          makePortableCopy: async (options) => {
            asked = options;
            return wb.makePortableCopy();
          },
        };
      },
      () => ({ supported: false, reason: "said at once" }),
    );
    expect(port.portableCopySupport()).toEqual({ supported: false, reason: "said at once" });
    expect(loads).toBe(0);
    expect((await port.read()).sheets).toEqual([]);
    await port.change({}, () => ({ ops: [{ op: "addSheet", sheet: "Notes", tabColour: "" }], result: null }));
    expect((await port.read()).sheets).toEqual(["Notes"]);
    await expect(port.readTable("Nope")).rejects.toThrow(/no table called Nope/);
    await expect(port.makePortableCopy({ includeCohort: true })).rejects.toThrow(
      /Open Harm Planner in Excel/,
    );
    // The cohort choice reaches the adapter (it once went missing here).
    expect(asked).toEqual({ includeCohort: true });
    expect(loads).toBe(1);
    expect(port.kind).toBe("memory");
  });
});

describe("todayIso", () => {
  it("is the local calendar date", () => {
    expect(todayIso(new Date(2025, 0, 5, 23, 59))).toBe("2025-01-05");
    expect(todayIso(new Date(2024, 11, 31, 0, 0))).toBe("2024-12-31");
  });
});

describe("ColumnTable (incident data held by column)", () => {
  it("gives whole rows only when asked, made once, with columns not kept as null", () => {
    const t = ColumnTable.of(
      ["Month", "Location", "Area"],
      new Map([
        [0, ["2024-01", "2024-02"]],
        [2, ["W1", "W2"]],
      ]),
      2,
    );
    expect(t.column(1)).toBeUndefined();
    expect(t.rows).toEqual([
      ["2024-01", null, "W1"],
      ["2024-02", null, "W2"],
    ]);
    expect(t.rows).toBe(t.rows);
    const fromRows = ColumnTable.ofRows({
      headers: ["A", "B"],
      rows: [
        [1, "x"],
        [2, "y"],
      ],
    });
    expect(fromRows.column(1)).toEqual(["x", "y"]);
    expect(fromRows.column(2)).toBeUndefined();
    expect(fromRows.rowCount).toBe(2);
  });
});

describe("FormField (the first step's label, hint and error)", () => {
  it("ties the label, hint and error to the control for screen readers", () => {
    const html = renderToStaticMarkup(
      createElement(FormField, {
        label: "Operation name",
        htmlFor: "op-name",
        hint: "As the team calls it.",
        error: "Give the operation a name.",
        required: true,
        children: createElement("input", { id: "op-name" }) as ReactElement<FieldAria>,
      }),
    );
    expect(html).toMatch(/<label[^>]*for="op-name"[^>]*>Operation name/);
    expect(html).toContain(
      '<input id="op-name" aria-describedby="op-name-error op-name-hint" aria-invalid="true" aria-required="true"/>',
    );
    expect(html).toMatch(/<div id="op-name-error" role="alert"[^>]*>Give the operation a name\.<\/div>/);
    expect(html).toMatch(/<div id="op-name-hint"[^>]*>As the team calls it\.<\/div>/);
    const plain = renderToStaticMarkup(
      createElement(FormField, {
        label: "Analyst",
        htmlFor: "a",
        children: createElement("input", { id: "a" }) as ReactElement<FieldAria>,
      }),
    );
    expect(plain).toContain('<input id="a"/>');
  });
});
