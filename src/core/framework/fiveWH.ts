/**
 * 5WH prompts for analysing a drug problem, written after UKDPC (2009),
 * Table 4.3 (which follows the NPIA/ACPO practice advice on analysis).
 */

export const FIVE_WH_GROUPS = ["Who", "What", "Where", "When", "Why", "How"] as const;
export type FiveWHGroup = (typeof FIVE_WH_GROUPS)[number];

export interface FiveWHPrompt {
  id: string;
  group: FiveWHGroup;
  prompt: string;
}

export const FIVE_WH_SOURCE = "UKDPC 2009, Table 4.3";

const PROMPTS: Record<FiveWHGroup, string[]> = {
  Who: [
    "Who is causing the problem, and what part does each person play (any specialist roles)? How are people drawn in?",
    "Are they linked to a particular community, business or institution?",
    "How is the market organised, and how many tiers does it have?",
    "Who supplies them, who buys from them, and who do they associate with?",
    "Do they belong to a wider organised crime group?",
    "Does the community know who is involved, and what do people think of them?",
    "Who are the main victims? Are vulnerable people (e.g. exploited children) affected?",
    "Does the problem reach families and peers, and the wider community (residents, businesses, institutions)?",
  ],
  What: [
    "Which drugs are involved?",
    "Is the problem new or long established?",
    "Which stages are involved: production, import or distribution, supply, use?",
    "Where does the money come from, and where does it go?",
    "What other offending is linked to it?",
    "What harms does it cause to users and dealers, families and peers, the local community and beyond?",
    "Which kinds of harm are present: health, social/structural, economic, environmental?",
    "How big is it: acquisitive crime levels, quantities traded, number of people involved, price and purity?",
  ],
  Where: [
    "Is the problem tied to one place or several? Are there links outside the area or abroad?",
    "Does anything about the location make the harm worse or better (e.g. near a school, in a residential street)?",
    "Does the area already have a reputation for drug problems?",
  ],
  When: [
    "Are there times (hours, days, seasons) when the problem or particular harms peak?",
    "How long has the problem existed, and when was it first identified?",
  ],
  Why: [
    "Why here, and why now?",
    "What draws the people involved in: what do they gain?",
    "Why does this problem lead to these particular harms?",
  ],
  How: [
    "How are drugs sold and used, and how do those involved avoid detection?",
    "How is the market protected? Are violence, intimidation or coercion used, and how much?",
    "Are public officials or legitimate businesses being corrupted?",
  ],
};

export const FIVE_WH_PROMPTS: readonly FiveWHPrompt[] = FIVE_WH_GROUPS.flatMap((group) =>
  PROMPTS[group].map((prompt, i) => ({ id: `${group.toUpperCase()}-${i + 1}`, group, prompt })),
);
