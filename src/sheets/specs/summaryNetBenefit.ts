/**
 * The Summary's net benefit lines: net benefit, benefit–cost ratio,
 * break-even and crimes prevented from the Net Benefit sheet's named cells.
 * Blank until costs and costs per offence are filled in there; IFERROR keeps
 * them blank, not #NAME?, in a workbook without that sheet.
 */
import { isFormulaCell, type Scalar } from "../model";
import type { CellSpec, GridCell } from "./layout";
import type { SpecContext } from "./input";
import { NET_BENEFIT_NAMES as N } from "./netBenefitFormulas";

const LINES = [
  { label: "Net benefit", name: N.netBenefit, format: "£#,##0;-£#,##0" },
  { label: "Benefit ÷ cost", name: N.ratio, format: "0.00" },
  { label: "Break-even", name: N.breakEven, format: '0.0" crimes"' },
  { label: "Prevented", name: N.prevented, format: '0.0" crimes"' },
] as const;

export function netBenefitBlock(ctx: SpecContext): { heading: string; rows: GridCell[][] } {
  const model = ctx.laidOut("net-benefit").model;
  const cached = (name: string): Scalar => {
    const ref = model.names.find((n) => n.name === name)?.ref.replace(/\$/g, "");
    const v = model.cells.find((c) => c.address === ref)?.value;
    return (isFormulaCell(v) ? v.value : v) ?? "";
  };
  const rows = LINES.map((l): GridCell[] => {
    const value: CellSpec = {
      value: { formula: `=IFERROR(IF(ISNUMBER(${l.name}),${l.name},""),"")`, value: cached(l.name) },
      style: "computed",
      format: l.format,
    };
    return [{ value: l.label, style: "label" }, value];
  });
  return { heading: "Net benefit (Net Benefit sheet)", rows };
}
