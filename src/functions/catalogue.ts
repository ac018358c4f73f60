/**
 * Searchable help for the HARM.* functions, shown in the task pane. One entry
 * per function in functions.ts (a test checks the list against the generated
 * metadata and evaluates every example).
 *
 * exampleResult shows the result as it appears in the sheet: cells of a spill
 * are separated by " | " and rows by " ; "; a text cell ending in "…" is
 * shortened here.
 */
export interface CatalogueEntry {
  /** As typed in a cell, e.g. "HARM.WDQ". */
  id: string;
  summary: string;
  returns: string;
  source: string;
  /** A complete formula an analyst can paste into a cell. */
  example: string;
  exampleResult: string;
}

export const FUNCTION_CATALOGUE: readonly CatalogueEntry[] = [
  {
    id: "HARM.CHANGE",
    summary: "Percentage change from the before period to the after period.",
    returns: "(after − before) / before as a fraction; format the cell as %. #DIV/0! when before is 0.",
    source: "Standard pre/post measure (formulas.md, Pre/post change)",
    example: "=HARM.CHANGE(20,15)",
    exampleResult: "-0.25",
  },
  {
    id: "HARM.POISSONZ",
    summary: "Is a change in a count bigger than chance? Treat |Z| of 3 or more as a real change.",
    returns: "Z = 2·(√after − √before); negative means the count fell.",
    source: "Wheeler (2016), Tables and graphs for monitoring temporal crime trends",
    example: "=HARM.POISSONZ(16,25)",
    exampleResult: "2",
  },
  {
    id: "HARM.ETEST",
    summary:
      "Exact test of whether two crime rates differ, with optional exposures (e.g. days in each period).",
    returns: "Two-sided p-value from 0 to 1.",
    source: "Krishnamoorthy & Thomson (2004); R package ptools e_test",
    example: "=HARM.ETEST(0,3)",
    exampleResult: "0.0884",
  },
  {
    id: "HARM.RES",
    summary: "Relative effect size: how crime changed in the target area relative to the control area.",
    returns: "(a·d)/(b·c); above 1 means crime fell relative to control. #DIV/0! if any count is 0.",
    source: "Welsh & Farrington (2002); Farrington, Gill, Waples & Argomaniz (2007)",
    example: "=HARM.RES(50,30,60,55)",
    exampleResult: "1.5278",
  },
  {
    id: "HARM.RES.CI",
    summary: "Confidence interval for the relative effect size, optionally widened for overdispersion.",
    returns: "Two cells per row: lower and upper limits.",
    source: "Farrington, Gill, Waples & Argomaniz (2007), variance of ln RES",
    example: "=HARM.RES.CI(50,30,60,55)",
    exampleResult: "0.8537 | 2.7342",
  },
  {
    id: "HARM.WDQ",
    summary:
      "Weighted displacement quotient: did crime move into the buffer area, or did benefits spread to it?",
    returns:
      "WDQ; above 0 suggests diffusion of benefits, below 0 displacement. Meaningful only if the target improved.",
    source: "Bowers & Johnson (2003); Guerette (2009), App. B",
    example: "=HARM.WDQ(100,50,100,150,100,100)",
    exampleResult: "-1",
  },
  {
    id: "HARM.NETEFFECT",
    summary: "Total net effect: crimes prevented in the target and buffer areas, against the control trend.",
    returns: "Number of crimes prevented; negative means more crime than expected.",
    source: "Bowers & Johnson (2003); Guerette (2009), App. B",
    example: "=HARM.NETEFFECT(100,50,100,150,100,100)",
    exampleResult: "0",
  },
  {
    id: "HARM.WDD",
    summary: "Weighted displacement difference with a significance test, optionally including a buffer area.",
    returns:
      "Five cells per row: estimate, standard error, Z, lower and upper limits. Negative means crime fell.",
    source: "Wheeler & Ratcliffe (2018), Crime Science 7:11; R package ptools wdd",
    example: "=HARM.WDD(20,10,20,20)",
    exampleResult: "-10 | 8.3666 | -1.1952 | -26.3982 | 6.3982",
  },
  {
    id: "HARM.DISPLACEMENT",
    summary: "Plain-English reading of displacement or diffusion of benefits.",
    returns: "A sentence for the report.",
    source: "Guerette (2009), App. C; Bowers & Johnson (2003)",
    example: "=HARM.DISPLACEMENT(100,50,100,150,100,100)",
    exampleResult: "Displacement into the buffer area cancelled out the fall in the target area (WDQ -1.00).",
  },
  {
    id: "HARM.EVALUATE",
    summary: "A whole evaluation table in one formula: every measure for each row of counts.",
    returns:
      "A header row, then per row: change, Poisson Z, E-test p, RES with limits, WDQ, total net effect, WDD with limits, reading.",
    source:
      "Combines Wheeler (2016), Krishnamoorthy & Thomson (2004), Farrington et al. (2007), Bowers & Johnson (2003), Wheeler & Ratcliffe (2018)",
    example: "=HARM.EVALUATE(100,50,100,150,100,100)",
    exampleResult:
      "Change in target | Poisson Z | E-test p | RES | RES lower | RES upper | WDQ | Total net effect | WDD | WDD lower | WDD upper | Interpretation ; " +
      "-0.5 | -5.8579 | 0.0000394 | 2 | 1.2903 | 3.1 | -1 | 0 | 0 | -48.0091 | 48.0091 | Displacement into the buffer area cancelled…",
  },
  {
    id: "HARM.PERIODCOUNTS",
    summary:
      "Counts incidents by area group and period straight from incident rows; with a weight table, totals harm instead.",
    returns: "Three rows (target, buffer, control) by two columns (before, after).",
    source: "UKDPC (2009), Chapter 4; data.police.uk street-level crime",
    example:
      '=HARM.PERIODCOUNTS({"2024-01";"2024-02";"2024-08";"2024-09"},{"A";"B";"A";"C"},"A","B","C","2024-01","2024-06","2024-07","2024-12")',
    exampleResult: "1 | 1 ; 1 | 0 ; 0 | 1",
  },
  {
    id: "HARM.HARMWDD",
    summary:
      "Harm-weighted WDD from incident rows: one WDD per offence type, weighted by harm, with the right variance.",
    returns: "Five cells: estimate, standard error, Z, lower and upper limits. Negative means harm fell.",
    source: "Wheeler & Ratcliffe (2018); R package ptools wdd_harm",
    example:
      '=HARM.HARMWDD({"2024-01";"2024-02";"2024-08";"2024-09"},{"A";"A";"A";"C"},{"Burglary";"Drugs";"Burglary";"Drugs"},"A","C","2024-01","2024-06","2024-07","2024-12",{"Burglary",10;"Drugs",2})',
    exampleResult: "-4 | 14.4222 | -0.2774 | -32.267 | 24.267",
  },
  {
    id: "HARM.PRIORITY",
    summary:
      "Priority score for a harm from 1–5 ratings of extent, seriousness and, optionally, three more criteria.",
    returns: "0 (lowest) to 100: 100 × Σ w·(rating − 1) / (4 × Σ w) over the ratings given.",
    source: "UKDPC (2009), Chapter 4, step 2 (prioritise explicitly)",
    example: "=HARM.PRIORITY(4,2,5,1,3)",
    exampleResult: "50",
  },
  {
    id: "HARM.PRIORITISE",
    summary: "Ranks a list of harms by priority score and shows how much each criterion contributed.",
    returns: "A header row, then rank, harm, score and each criterion's share, highest priority first.",
    source: "UKDPC (2009), Chapter 4, step 2 (prioritise explicitly)",
    example: '=HARM.PRIORITISE({"Street dealing";"Cuckooing"},{3,3;4,5})',
    exampleResult:
      "Rank | Harm | Score | Extent | Seriousness ; 1 | Cuckooing | 87.5 | 37.5 | 50 ; 2 | Street dealing | 50 | 25 | 25",
  },
];

/** Case-insensitive search over id, summary and returns, for the task pane's help box. */
export function searchCatalogue(query: string): CatalogueEntry[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...FUNCTION_CATALOGUE];
  return FUNCTION_CATALOGUE.filter((e) => {
    const text = `${e.id} ${e.summary} ${e.returns} ${e.source}`.toLowerCase();
    return words.every((w) => text.includes(w));
  });
}
