/**
 * The problem-analysis framework of UKDPC (2009), Table 4.2: each row links a
 * characteristic of the market (problem) through what it leads to, to a
 * resultant harm and the people who bear it most. The worked example is an
 * open or visible street market; its rows ship as starter rows.
 *
 * The row grouping is reconstructed from the report's table, whose merged
 * cells span several rows.
 */

export interface ProblemAnalysisRow {
  problem: string;
  leadsTo: string;
  harm: string;
  who: string;
  notes: string;
}

export const PROBLEM_ANALYSIS_SOURCE = "UKDPC 2009, Table 4.2";

const VISIBLE = "Visible drug dealing";
const PUBLIC_USE = "Use in public areas";
const OPEN = "Open nature of the market";

const row = (
  problem: string,
  leadsTo: string,
  harm: string,
  who: string,
  notes = "",
): ProblemAnalysisRow => ({
  problem,
  leadsTo,
  harm,
  who,
  notes,
});

export const OPEN_MARKET_EXAMPLE: readonly ProblemAnalysisRow[] = [
  row(
    VISIBLE,
    "Local people are afraid to be in the area / intimidation",
    "Psychological distress, mental health problems",
    "Local community, families and individuals",
    "Older residents may be especially worried.",
  ),
  row(VISIBLE, "People avoid the area", "Loss of amenity", "Local community"),
  row(VISIBLE, "People avoid the area", "Loss of business", "Local businesses", "Feeds a cycle of decline."),
  row(
    VISIBLE,
    "People avoid the area",
    "Property values and rents decline",
    "Local property owners",
    "May help people on low incomes who want to rent or buy.",
  ),
  row(
    VISIBLE,
    "People lose confidence in the police",
    "Decreased co-operation",
    "Local institution (police)",
  ),
  row(
    VISIBLE,
    "People lose confidence in the police",
    "Alienation / loss of social cohesion",
    "Local community / individuals",
  ),
  row(
    VISIBLE,
    "Drug use considered normal, so young people more likely to start using",
    "Health problems",
    "Individuals and families",
  ),
  row(
    VISIBLE,
    "Drug use considered normal, so young people more likely to start using",
    "Increasing truancy and poorer school performance",
    "Individuals and families",
    "Long-term effect on employment.",
  ),
  row(
    VISIBLE,
    "Drug use considered normal, so young people more likely to start using",
    "Mental distress",
    "Individuals and families",
  ),
  row(VISIBLE, "Easy access to drugs, so increased use", "Health problems", "Individuals and families"),
  row(
    VISIBLE,
    "Easy access to drugs, so increased use",
    "Increasing truancy and school failure",
    "Individuals and families",
  ),
  row(VISIBLE, "Easy access to drugs, so increased use", "Mental distress", "Individuals and families"),
  row(VISIBLE, "Easy access to drugs attracts users", "Increased acquisitive crime", "Local community"),
  row(PUBLIC_USE, "Discarded drug paraphernalia", "Risk to health", "Individuals"),
  row(
    PUBLIC_USE,
    "Discarded drug paraphernalia",
    "Mental distress",
    "Local community",
    "Also feeds the cycle of decline.",
  ),
  row(PUBLIC_USE, "Local people are afraid to be in the area", "Mental distress", "Local community"),
  row(PUBLIC_USE, "People avoid the area", "Loss of amenity", "Local community"),
  row(PUBLIC_USE, "People avoid the area", "Loss of business", "Local businesses"),
  row(
    PUBLIC_USE,
    "People avoid the area",
    "Property values and rents decline",
    "Local property owners",
    "May help people on low incomes who want to rent or buy.",
  ),
  row(PUBLIC_USE, "Unsafe injecting practices", "Health problems", "Individual users and peers"),
  row(OPEN, "Increased risk of victimisation", "Physical harm", "Individual users / dealers"),
  row(
    OPEN,
    "Potential for 'turf wars'",
    "Physical harm",
    "Individual users / dealers",
    "Shows up in violent crime figures.",
  ),
  row(OPEN, "Potential for 'turf wars'", "Physical harm", "Individuals", "Also raises fear of crime."),
  row(OPEN, "Uncertainty about drug quality", "Harm from impurities", "Individual users"),
  row(OPEN, "Uncertainty about drug quality", "Risk of overdose", "Individual users"),
];
