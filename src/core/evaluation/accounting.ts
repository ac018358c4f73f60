/**
 * What happened to every row read, in the words the task pane and the
 * command line both show: counted, outside the areas, outside the periods,
 * other offence types, unusable (by reason, with the first few examples).
 */
import type { AggregateResult, RejectedRow } from "../incidents";

const n = (x: number) => x.toLocaleString("en-GB");
export const plural = (count: number, one: string, many = one + "s"): string =>
  `${n(count)} ${count === 1 ? one : many}`;

export interface RowAccounting {
  /** One sentence accounting for every row read. */
  summary: string;
  /** Why some rows without a crime reference were counted once (copied stretches), with the first named; else none. */
  copies: string[];
  /** Present when some rows could not be used. */
  unusable: { title: string; reasons: string[]; examples: string[] } | null;
}

export function rowAccounting(
  a: AggregateResult,
  where: (r: RejectedRow) => string = (r) => r.where ?? `Row ${n(r.row)}`,
  examples = 5,
): RowAccounting {
  const repeats =
    (a.rowsDuplicate > 0 ? `${plural(a.rowsDuplicate, "repeated crime reference")} (counted once), ` : "") +
    (a.rowsCopied > 0
      ? `${plural(a.rowsCopied, "copied row")} without a crime reference (counted once), `
      : "");
  const summary =
    `${plural(a.rowsRead, "row")} read: ${n(a.rowsUsed)} counted, ${n(a.rowsOutsideAreas)} outside the chosen areas, ` +
    `${n(a.rowsOutsidePeriods)} outside both periods, ${n(a.rowsFilteredOut)} other offence types, ${repeats}` +
    `${n(a.rejectedCount)} unusable.` +
    (a.areaCodesNormalised > 0
      ? ` ${plural(a.areaCodesNormalised, "area code")} matched after tidying (case or spaces).`
      : "");
  const copies = copyLines(a);
  if (a.rejectedCount === 0) return { summary, copies, unusable: null };
  return {
    summary,
    copies,
    unusable: {
      title: `${plural(a.rejectedCount, "row")} could not be used and ${a.rejectedCount === 1 ? "was" : "were"} not counted.`,
      reasons: Object.entries(a.rejectedByReason).map(([reason, k]) => `${plural(k, "row")}: ${reason}.`),
      examples: a.rejected
        .slice(0, examples)
        .map((r) => `${where(r)}: ${r.reason}${r.value ? ` (“${r.value}”)` : ""}.`),
    },
  };
}

/** Rows without a reference are counted once only inside a copied stretch: say why, and where the first is. */
function copyLines(a: AggregateResult): string[] {
  if (a.rowsCopied === 0) return [];
  const first = a.copies[0];
  const one = a.rowsCopied === 1;
  return [
    `${plural(a.rowsCopied, "row")} without a crime reference ${one ? "sits" : "sit"} in a stretch of rows copied ` +
      "from rows further up (the crime references around them repeat, each the same number of rows back), so " +
      `${one ? "it is" : "they are"} counted once.` +
      (first
        ? ` The first: ${first.where ?? `row ${n(first.row)}`} repeats ${first.firstWhere ?? `row ${n(first.firstRow ?? 0)}`}.`
        : ""),
    "Other rows without a crime reference are each counted, even when identical: police.uk lists separate " +
      "anti-social behaviour incidents at one map point as the same line.",
  ];
}
