/**
 * Help for the HARM.* functions, shown in the task pane's function list and
 * written into the README (scripts/readme-functions.ts). One entry per id the
 * family files declare: the type below makes a missing or extra entry a
 * compile error, and registry.ts joins each entry to its function.
 *
 * Only types are imported from the families, so the task pane gets the help
 * without the adapters.
 *
 * exampleResult shows the result as it appears in the sheet: cells of a spill
 * are separated by " | " and rows by " ; "; a text cell ending in "…" is
 * shortened here. A source citing docs/methods.md names the section there.
 */
import type { COUNT_FUNCTIONS } from "./counts";
import type { DISPLACEMENT_FUNCTIONS } from "./displacement";
import type { EVALUATE_FUNCTIONS } from "./evaluate";
import type { INCIDENT_FUNCTIONS } from "./incidents";
import type { PLANNING_FUNCTIONS } from "./planning";
import type { PRIORITY_FUNCTIONS } from "./priority";
import type { VERDICT_FUNCTIONS } from "./verdict";

/** "HARM.CHANGE", "HARM.WDD", …: every id the family files declare. */
export type HarmFunctionId = (
  | typeof COUNT_FUNCTIONS
  | typeof DISPLACEMENT_FUNCTIONS
  | typeof EVALUATE_FUNCTIONS
  | typeof INCIDENT_FUNCTIONS
  | typeof VERDICT_FUNCTIONS
  | typeof PLANNING_FUNCTIONS
  | typeof PRIORITY_FUNCTIONS
)[number]["id"];

export interface HelpText {
  summary: string;
  returns: string;
  source: string;
  /** A complete formula an analyst can paste into a cell. */
  example: string;
  exampleResult: string;
}

export interface CatalogueEntry extends HelpText {
  /** As typed in a cell, e.g. "HARM.WDQ". */
  id: HarmFunctionId;
}

export const HELP: Record<HarmFunctionId, HelpText> = {
  "HARM.CHANGE": {
    summary:
      "Percentage change from the before period to the after period; with period lengths, the change in the rate.",
    returns:
      "(after − before) / before as a fraction, or (after/afterLength) / (before/beforeLength) − 1; format the cell as %. #DIV/0! when before is 0.",
    source: "Standard pre/post measure; docs/methods.md, Change; docs/methods.md, Period lengths",
    example: "=HARM.CHANGE(120,100,6,4)",
    exampleResult: "0.25",
  },
  "HARM.POISSONZ": {
    summary: "Is a change in a count bigger than chance? Treat |Z| of 3 or more as a real change.",
    returns:
      "Z = 2·(√after − √before); with period lengths (r = afterLength/beforeLength) 2·(√after − √(r·before))·√(2/(1 + r)). Negative means the count fell.",
    source:
      "Wheeler (2016), Tables and graphs for monitoring temporal crime trends; docs/methods.md, Poisson Z",
    example: "=HARM.POISSONZ(16,25)",
    exampleResult: "2",
  },
  "HARM.ETEST": {
    summary:
      "Exact test of whether two crime rates differ, with optional exposures (e.g. days in each period).",
    returns: "Two-sided p-value from 0 to 1.",
    source: "Krishnamoorthy & Thomson (2004); R package ptools e_test; docs/methods.md, E-test",
    example: "=HARM.ETEST(0,3)",
    exampleResult: "0.0884",
  },
  "HARM.POISSONCI": {
    summary:
      "Exact confidence interval for the average behind a count of crimes; a column of counts gives a pair per row.",
    returns: "Two cells per row: lower and upper limits (Garwood). Divide by an exposure for a rate.",
    source: "Garwood (1936); R poisson.test; docs/methods.md, Exact Poisson interval",
    example: "=HARM.POISSONCI(10)",
    exampleResult: "4.7954 | 18.3904",
  },
  "HARM.RATERATIO": {
    summary:
      "How the crime rate changed, after over before, with an exact interval; exposures can be period lengths or days at liberty.",
    returns:
      "Three cells per row: rate ratio, lower and upper limits. Below 1 means the rate fell. #DIV/0! when countBefore is 0.",
    source: "Clopper & Pearson (1934); R poisson.test (two samples); docs/methods.md, Exact rate ratio",
    example: "=HARM.RATERATIO(21,11,3011,800)",
    exampleResult: "1.9715 | 0.8584 | 4.2773",
  },
  "HARM.RES": {
    summary: "Relative effect size: how crime changed in the target area relative to the control area.",
    returns: "(a·d)/(b·c); above 1 means crime fell relative to control. #DIV/0! if any count is 0.",
    source:
      "Welsh & Farrington (2002); Farrington, Gill, Waples & Argomaniz (2007); docs/methods.md, Relative effect size (RES)",
    example: "=HARM.RES(50,30,60,55)",
    exampleResult: "1.5278",
  },
  "HARM.RES.CI": {
    summary: "Confidence interval for the relative effect size, optionally widened for overdispersion.",
    returns: "Two cells per row: lower and upper limits.",
    source:
      "Farrington, Gill, Waples & Argomaniz (2007), variance of ln RES; docs/methods.md, Relative effect size (RES)",
    example: "=HARM.RES.CI(50,30,60,55)",
    exampleResult: "0.8537 | 2.7342",
  },
  "HARM.WDQ": {
    summary:
      "Weighted displacement quotient: did crime move into the buffer area, or did benefits spread to it?",
    returns:
      "WDQ; above 0 suggests diffusion of benefits, below 0 displacement. #N/A when the target did not improve relative to the control.",
    source: "Bowers & Johnson (2003); Guerette (2009), App. B; docs/methods.md, WDQ family",
    example: "=HARM.WDQ(100,50,100,150,100,100)",
    exampleResult: "-1",
  },
  "HARM.NETEFFECT": {
    summary:
      "Total net effect, the headline: crimes prevented in the target and buffer areas against the control's trend. The buffer may be left blank.",
    returns:
      "Crimes prevented (negative means more crime than expected). Given a confidence (or dispersion), three cells: estimate, lower and upper limits. #DIV/0! when the control had no crimes before.",
    source: "Bowers & Johnson (2003); Guerette (2009), App. B; docs/methods.md, Net effect",
    example: "=HARM.NETEFFECT(161,156,,,6181,6412,0.95)",
    exampleResult: "11.0170 | -25.0230 | 47.0570",
  },
  "HARM.WDD": {
    summary:
      "Weighted displacement difference with a significance test, optionally with a buffer, period lengths, area weights and dispersion.",
    returns:
      "Five cells per row: estimate, standard error, Z, lower and upper limits. Negative means crime fell. #N/A when an area's and its control's before counts differ by more than 2 times and no area weights are given (use the net effect).",
    source:
      "Wheeler & Ratcliffe (2018), Crime Science 7:11; R package ptools wdd; docs/methods.md, WDD; docs/methods.md, Comparability rule",
    example: "=HARM.WDD(20,10,20,20)",
    exampleResult: "-10 | 8.3666 | -1.1952 | -26.3982 | 6.3982",
  },
  "HARM.DISPLACEMENT": {
    summary: "Plain-English reading of displacement or diffusion of benefits.",
    returns:
      'A sentence for the report. When the target did not improve relative to the control: "The target did not improve relative to the control, so displacement cannot be judged."',
    source: "Guerette (2009), App. C; Bowers & Johnson (2003); docs/methods.md, WDQ family",
    example: "=HARM.DISPLACEMENT(100,50,100,150,100,100)",
    exampleResult: "Displacement into the buffer area cancelled out the fall in the target area (WDQ -1.00).",
  },
  "HARM.EVALUATE": {
    summary:
      "A whole evaluation table in one formula, worked out exactly as the Results sheet: every measure, the headline net effect with its interval, and the checks.",
    returns:
      "A header row, then per row: change, Poisson Z, E-test p, RES with limits, WDQ, total net effect with limits, the verdict on that interval (from the counts alone: use the dispersion argument, or HARM.VERDICT for the data's checks), WDD with limits, reading, checks. A figure that cannot be given is an error saying why (e.g. #N/A for a WDD refused by the size rule).",
    source:
      "Combines Wheeler (2016), Krishnamoorthy & Thomson (2004), Farrington et al. (2007), Bowers & Johnson (2003), Wheeler & Ratcliffe (2018); docs/methods.md, Checks and the verdict",
    example: "=HARM.EVALUATE(100,50,100,150,100,100)",
    exampleResult:
      "Change in target | Poisson Z | E-test p | RES | RES lower | RES upper | WDQ | Total net effect | Total net effect lower | Total net effect upper | Verdict | WDD | WDD lower | WDD upper | Interpretation | Checks ; " +
      "-0.5 | -5.8579 | 0.0000394 | 2 | 1.2903 | 3.1 | -1 | 0 | -67.8951 | 67.8951 | No clear change: the interval includes zero | 0 | -67.8951 | 67.8951 | Displacement into the buffer area cancelled… | All checks passed.",
  },
  "HARM.PERIODCOUNTS": {
    summary:
      "Counts incidents by area group and period straight from incident rows. With a weight table it gives harm totals, which must not go into count tests (ETEST, POISSONZ, EVALUATE, WDD): use HARM.HARMWDD for harm.",
    returns: "Three rows (target, buffer, control) by two columns (before, after).",
    source: "UKDPC (2009), Chapter 4; data.police.uk street-level crime; docs/methods.md, Harm-weighted WDD",
    example:
      '=HARM.PERIODCOUNTS({"2024-01";"2024-02";"2024-08";"2024-09"},{"A";"B";"A";"C"},"A","B","C","2024-01","2024-06","2024-07","2024-12")',
    exampleResult: "1 | 1 ; 1 | 0 ; 0 | 1",
  },
  "HARM.HARMWDD": {
    summary:
      "Harm-weighted WDD from incident rows: one WDD per offence type, weighted by harm, with the right variance.",
    returns:
      "Five cells: estimate, standard error, Z, lower and upper limits. Negative means harm fell. #N/A when, for any offence type, the target's and control's before counts differ by more than a factor of 2.",
    source: "Wheeler & Ratcliffe (2018); R package ptools wdd_harm; docs/methods.md, Harm-weighted WDD",
    example:
      '=HARM.HARMWDD({"2024-01";"2024-02";"2024-08";"2024-03";"2024-09";"2024-04"},{"A";"C";"C";"A";"A";"C"},{"Burglary";"Burglary";"Burglary";"Drugs";"Drugs";"Drugs"},"A","C","2024-01","2024-06","2024-07","2024-12",{"Burglary",10;"Drugs",2})',
    exampleResult: "-8 | 17.6635 | -0.4529 | -42.6199 | 26.6199",
  },
  "HARM.MONTHLYCOUNTS": {
    summary:
      "Counts incidents by calendar month for the target, buffer and control areas, in one pass over the incident rows.",
    returns:
      'A header row (Month, Target, Buffer, Control), then one row per month: the 1st of the month as a date (format as mmm yyyy) and the counts, or "no data" when no row fell in that month at all.',
    source: "data.police.uk street-level crime; docs/methods.md, Monitoring series",
    example:
      '=HARM.MONTHLYCOUNTS({"2024-01";"2024-01";"2024-03"},{"A";"C";"A"},"A","B","C","2024-01","2024-03")',
    exampleResult:
      "Month | Target | Buffer | Control ; 45292 | 1 | 0 | 1 ; 45323 | no data | no data | no data ; 45352 | 1 | 0 | 0",
  },
  "HARM.DISPERSION": {
    summary:
      "How much more monthly crime counts vary than chance alone would make them, against the control's month-to-month pattern: the dispersion the evaluation widens its intervals by. Takes a column of counts, or a whole HARM.MONTHLYCOUNTS spill.",
    returns:
      "One number, 1 or more (1 = no more than chance; the estimate is floored at 1). #N/A with fewer than 6 months of counts; #VALUE! for a count that is negative or not a number, columns of different lengths, or a control with no crimes at all.",
    source:
      "McCullagh & Nelder (1989), §4.5.2 (quasi-Poisson Pearson estimate); docs/methods.md, Dispersion from the data",
    example: "=HARM.DISPERSION({10;20;10;20;10;20})",
    exampleResult: "2",
  },
  "HARM.VERDICT": {
    summary:
      "The task pane's and the command line's evaluation from incident rows, in one formula: the verdict on all selected crime with its reason and headline sentence, worked out with the dispersion from the data, the similar-areas rank and the same months a year earlier.",
    returns:
      "A header row and one row: verdict, reason, headline sentence, net effect with lower and upper limits (positive = fewer crimes than expected), dispersion, similar areas that changed as much and how many were compared, the same months' net effect then with its limits and how many years back, and the checks. A figure the data cannot give is #N/A saying why; bad input is #VALUE! saying what to fix.",
    source:
      "The evaluation of the task pane (src/app/evaluation.ts); docs/methods.md, Verdict from incident rows",
    example:
      '=HARM.VERDICT({"2024-01";"2024-02";"2024-01";"2024-02";"2025-01";"2025-02";"2025-01";"2025-02"},{"A";"A";"C";"C";"A";"A";"C";"C"},,"A",,"C","2025-01","2025-01","2025-02","2025-02")',
    exampleResult:
      "Verdict | Reason | Headline | Net effect | Net effect lower | Net effect upper | Dispersion | Similar areas as large | Similar areas | Same months then: net effect | Then: lower | Then: upper | Same months: years back | Checks ; " +
      "Not judged | target counts below 10; see the E-test | All selected crime: target unchanged a month (1 → 1)… | 0 | -3.9199 | 3.9199 | 1 | 0 | 0 | 0 | -3.9199 | 3.9199 | 1 | Target counts below 10 (1 before, 1 after)…",
  },
  "HARM.MDE": {
    summary:
      'Planning: the smallest fall in the target that the verdict would credit with the given power: the headline\'s interval must exclude zero, the after period needs at least 10 target crimes (else the verdict is "Not judged"), and with 19 or more similar areas the target must rank beyond them.',
    returns:
      "Two cells per row: crimes prevented in the after period, then the fall as a fraction of the target's expected count. #N/A saying why and what would help when no fall would be credited with that power (too few crimes, or a fall big enough to see would leave fewer than 10 after).",
    source: "docs/methods.md, Minimum detectable effect",
    example: "=HARM.MDE(60,600)",
    exampleResult: "27.9224 | 0.4654",
  },
  "HARM.MONTHSNEEDED": {
    summary:
      "Planning: how many months of data, before and after alike, the verdict needs to credit a given fall with the given power (its rules as for HARM.MDE).",
    returns: "Whole months (1 to 60). #N/A when even 60 months would not be enough.",
    source: "docs/methods.md, Months needed",
    example: "=HARM.MONTHSNEEDED(10,100,0.3)",
    exampleResult: "17",
  },
  "HARM.PRIORITY": {
    summary:
      "Priority score for a harm from 1–5 ratings of extent, seriousness and, optionally, three more criteria.",
    returns: "0 (lowest) to 100: 100 × Σ w·(rating − 1) / (4 × Σ w) over the ratings given.",
    source: "UKDPC (2009), Chapter 4, step 2 (prioritise explicitly)",
    example: "=HARM.PRIORITY(4,2,5,1,3)",
    exampleResult: "50",
  },
  "HARM.PRIORITISE": {
    summary: "Ranks a list of harms by priority score and shows how much each criterion contributed.",
    returns: "A header row, then rank, harm, score and each criterion's share, highest priority first.",
    source: "UKDPC (2009), Chapter 4, step 2 (prioritise explicitly)",
    example: '=HARM.PRIORITISE({"Street dealing";"Cuckooing"},{3,3;4,5})',
    exampleResult:
      "Rank | Harm | Score | Extent | Seriousness ; 1 | Cuckooing | 87.5 | 37.5 | 50 ; 2 | Street dealing | 50 | 25 | 25",
  },
};

/** Every function's help, in the registry's order. */
export const FUNCTION_CATALOGUE: readonly CatalogueEntry[] = (Object.keys(HELP) as HarmFunctionId[]).map(
  (id) => ({ id, ...HELP[id] }),
);
