/**
 * The Summary's two one-line notes: the net benefit from the Net Benefit
 * sheet's named cells once costs are entered (else where to enter them), and
 * the top priority harms from the Harm Matrix once scored (else where to
 * score them). Never an empty box: each line always says something. IFERROR
 * keeps them readable, not #NAME? or #REF!, in a workbook without those sheets.
 */
import { oneDp } from "../../core/evaluation/headline";
import { excelRound } from "../../core/stats/wdd";
import { isFormulaCell, type FormulaCell, type Scalar } from "../model";
import { sheetRef } from "./layout";
import { sheetName, type SpecContext } from "./input";
import { NET_BENEFIT_NAMES as N } from "./netBenefitFormulas";
import { gbNumberFormula } from "./numberText";

export const NO_COSTS =
  "Not worked out yet: enter the operation's costs and the costs per offence on the Net Benefit sheet.";
export const NO_SCORES =
  "None scored yet: rate the harms' extent and seriousness on the Harm Matrix sheet to rank them here.";

/** How many harms the one line names. */
const TOP_N = 3;

const money = (x: number) => `${x < 0 ? "-" : ""}£${oneDp(excelRound(Math.abs(x), 0))}`;
const moneyFormula = (x: string) => `IF(${x}<0,"-","")&"£"&${gbNumberFormula(`ROUND(ABS(${x}),0)`)}`;

const f = (formula: string, value: Scalar): FormulaCell => ({ formula, value });

export function netBenefitLine(ctx: SpecContext): FormulaCell {
  const model = ctx.laidOut("net-benefit").model;
  const cached = (name: string): Scalar => {
    const shown = ctx.input.shown?.names?.[name];
    if (shown !== undefined) return shown;
    const ref = model.names.find((n) => n.name === name)?.ref.replace(/\$/g, "");
    const v = model.cells.find((c) => c.address === ref)?.value;
    return (isFormulaCell(v) ? v.value : v) ?? "";
  };
  const [net, ratio, sentence] = [cached(N.netBenefit), cached(N.ratio), cached(N.sentence)];
  const value =
    typeof net === "number"
      ? `Net benefit ${money(net)}${typeof ratio === "number" ? `; benefit ÷ cost ${excelRound(ratio, 2)}` : ""}. ${String(sentence ?? "")}`.trim()
      : NO_COSTS;
  const formula =
    `=IFERROR(IF(ISNUMBER(${N.netBenefit}),TRIM("Net benefit "&${moneyFormula(N.netBenefit)}&` +
    `IF(ISNUMBER(${N.ratio}),"; benefit ÷ cost "&ROUND(${N.ratio},2),"")&". "&${N.sentence}),"${NO_COSTS}"),"${NO_COSTS}")`;
  return f(formula, value);
}

export function topHarmsLine(ctx: SpecContext): FormulaCell {
  const hm = ctx.laidOut("harm-matrix");
  const H = sheetRef(sheetName("harm-matrix"));
  const col = (key: string) => `${H}${hm.locator.column("matrix", key, { grow: true })}`;
  const top = [...(ctx.input.prioritySnapshot ?? [])]
    .filter((s) => typeof s.score === "number" && Number.isFinite(s.score))
    .sort((a, b) => b.score - a.score)
    .slice(0, TOP_N);
  const value = top.length
    ? `Top priority harms (Harm Matrix): ${top.map((s, k) => `${k + 1}. ${s.label} (${excelRound(s.score, 1)})`).join("; ")}.`
    : NO_SCORES;
  const item = (k: number) => {
    const at = (key: string) => `INDEX(${col(key)},MATCH(${k},${col("order")},0))`;
    // Scores run 0 to 100: one decimal place, as ROUND writes it, needs no grouping.
    return `IFERROR("; ${k}. "&${at("harm")}&" ("&ROUND(${at("score")},1)&")","")`;
  };
  const items = Array.from({ length: TOP_N }, (_, k) => item(k + 1)).join("&");
  const formula =
    `=IFERROR(IF(ISNUMBER(MATCH(1,${col("order")},0)),"Top priority harms (Harm Matrix): "&MID(${items},3,2000)&".",` +
    `"${NO_SCORES}"),"${NO_SCORES}")`;
  return f(formula, value);
}
