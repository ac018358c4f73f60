/**
 * Response options for the Responses sheet: what each targets, what it is
 * likely to do (good and bad) and what the evidence says, in our words.
 * Sources: UKDPC 2009, Chapter 3 (Table 3.1 and the review of published
 * evaluations) and Chapter 4 (step 3); College of Policing crime reduction
 * toolkit, "Supplier arrest and seizure" (2022); N8 PRP 2024.
 */

export interface ResponseOption {
  id: string;
  option: string;
  /** Harm ids from HARM_MATRIX (first = main target). */
  targets: string[];
  likelyImpacts: string;
  /** Harms the response may increase, or other unintended effects to watch. */
  risks: string;
  evidence: string;
  citation: string;
}

export const RESPONSES_SOURCE = "UKDPC 2009, Chapter 3 and Table 3.1; College of Policing 2022";

export const RESPONSE_OPTIONS: readonly ResponseOption[] = [
  {
    id: "crackdown",
    option: "Crackdown / high-visibility enforcement at the market",
    targets: ["SS-LC-01", "HE-LC-02", "SS-LC-02"],
    likelyImpacts: "Visible dealing and recorded drug crime can fall quickly while the operation lasts.",
    risks:
      "Gains rarely last; dealing may move elsewhere; rivals may fight over the gap; heavy police presence can deepen fear and the area's poor reputation; CJS costs.",
    evidence:
      "A Philadelphia crackdown cut drug crime sharply, but in this and similar high-intensity operations the gains were rarely sustained; a Vancouver operation moved drug use elsewhere without changing use or price. Table 3.1 lists increased fear of crime, vandalism and police-community tension among reported effects of enforcement.",
    citation: "UKDPC 2009, Chapter 3 (Mazerolle et al. 2005; Scott 2003) and Table 3.1",
  },
  {
    id: "supplier-arrest-seizure",
    option: "Supplier arrest and seizure",
    targets: ["HE-LC-02", "SS-LC-04"],
    likelyImpacts: "Aims to raise prices, cut purity and availability, and deter supply.",
    risks:
      "Market gaps can trigger violence; seized drugs create debts and threats to life; possible rises in drug-related deaths and emergency attendances.",
    evidence:
      "A systematic review found too little high-quality evidence to estimate an overall effect. Of six studies on drug harms, two linked seizures with fewer deaths and ambulance call-outs; four found arrests or seizures tended to increase harms (deaths, emergency attendances, violence, enforcement spend).",
    citation: "College of Policing 2022, Supplier arrest and seizure (Eggins et al. 2020); N8 PRP 2024",
  },
  {
    id: "pop-partnership",
    option: "Problem-oriented partnership at the hotspot",
    targets: ["SS-LC-01", "SS-LC-02", "SS-LC-09"],
    likelyImpacts:
      "Tackles the conditions that sustain the market as well as the dealers; fewer drug calls for service and incidents.",
    risks: "Needs sustained commitment from partners; slower to show results.",
    evidence:
      "Geographically focused problem-oriented partnerships reduced drug calls for service and incidents more than community-wide approaches, and both did better than enforcement-only hotspot work.",
    citation: "UKDPC 2009, Chapter 3 (Mazerolle et al. 2007a; McSweeney et al. 2008)",
  },
  {
    id: "civil-remedies",
    option: "Civil remedies, nuisance abatement and third-party policing (landlords, premises owners)",
    targets: ["SS-LC-04", "SS-LC-01", "EC-LC-04"],
    likelyImpacts:
      "Owners manage properties better; dealing from the premises stops; less violence, property crime and disorder.",
    risks: "Evicted tenants and their families may become homeless; some dealing may move indoors elsewhere.",
    evidence:
      "Strong evidence for drug nuisance abatement, civil remedies and third-party policing: typically the dealing problem was dealt with, often with less violence, property crime and disorder, and displacement was rarely a major problem.",
    citation: "UKDPC 2009, Chapter 3 (Mazerolle et al. 2007b; Sampson 2001)",
  },
  {
    id: "closure-reletting",
    option: "Premises closure followed by quick re-letting",
    targets: ["SS-LC-06", "SS-LC-07", "EN-LC-01"],
    likelyImpacts: "Removes a dealing base and stops it being taken over again.",
    risks: "Residents displaced; dealers may move to nearby premises (cuckooing).",
    evidence:
      "Part of the Street Level Up Approach's maintenance phase (councils quickly re-let vacated properties), which has not been evaluated; eviction of dealers is among the responses with supporting evidence for private housing.",
    citation: "UKDPC 2009, Chapter 3 (Otter 2003; Sampson 2001)",
  },
  {
    id: "diversion-treatment",
    option: "Arrest referral and diversion into treatment",
    targets: ["SS-IN-01", "SS-LC-02", "HE-IN-01"],
    likelyImpacts: "More treatment uptake; less drug use and acquisitive offending by those referred.",
    risks: "Depends on treatment capacity; no effect on supply.",
    evidence:
      "Arrest referral schemes were followed by reduced drug use; three of seven diversion evaluations showed less drug use and three better police-community relations; most DIP referrals were followed by less acquisitive offending. Table 3.1 lists increased treatment uptake among other impacts.",
    citation: "UKDPC 2009, Chapter 3 (Mazerolle et al. 2007b; Skodbo et al. 2008) and Table 3.1",
  },
  {
    id: "fast-track-treatment",
    option: "Treatment offer for user-dealers as an alternative to prosecution",
    targets: ["SS-IN-02", "EC-LC-03", "SS-LC-02"],
    likelyImpacts:
      "Saves prosecution and custody costs; less acquisitive crime; better health for the user-dealer.",
    risks: "Needs clear eligibility rules so that it is seen as fair.",
    evidence:
      "Operation Reduction offered user-dealers fast-track treatment instead of prosecution, saving CJS costs and reducing acquisitive crime.",
    citation: "UKDPC 2009, Chapter 4 (step 3) and Appendix B (Operation Reduction)",
  },
  {
    id: "focused-deterrence",
    option: "Focused deterrence against violent groups ('pulling every lever')",
    targets: ["SS-LC-04", "SS-IN-03", "SS-LC-03"],
    likelyImpacts: "Less serious violence, especially with firearms; fewer young people drawn in.",
    risks: "Hard to keep going without clear local ownership and leadership.",
    evidence:
      "Boston's Operation Ceasefire was followed by a 63% fall in youth homicides and a 25% fall in gun assaults per month; a Los Angeles replication had some success but did not embed.",
    citation: "UKDPC 2009, Chapter 3 (Braga et al. 2001; Tita et al. 2003)",
  },
  {
    id: "situational",
    option: "Situational measures: CCTV and better street lighting",
    targets: ["SS-LC-01", "SS-LC-06", "SS-LC-09"],
    likelyImpacts: "Less crime in the place; people feel safer and use it again.",
    risks: "Dealing may move just out of view.",
    evidence:
      "CCTV and improved street lighting are two of three place-based approaches a review found effective.",
    citation: "UKDPC 2009, Chapter 3 (Welsh 2007)",
  },
  {
    id: "community-engagement",
    option: "Community engagement, reassurance and positive publicity",
    targets: ["SS-LC-01", "SS-NA-08", "SS-LC-08"],
    likelyImpacts: "Greater confidence in the police; more reporting; less fear of crime.",
    risks: "Publicity can also brand the area as a drug problem area.",
    evidence:
      "A partnership crime prevention programme in Minneapolis reduced crime, vandalism and fear of crime; the report advises arresting and publicising in a way that reassures rather than frightens.",
    citation: "UKDPC 2009, Chapters 3 and 4",
  },
  {
    id: "protect-health-services",
    option: "Keep enforcement away from needle exchanges and treatment services",
    targets: ["HE-IN-03", "HE-LC-01", "HE-IN-01"],
    likelyImpacts:
      "Users keep using services; fewer rushed or hidden injections; help is called in an overdose.",
    risks: "May be seen as a 'safe zone' for dealing if not agreed with partners.",
    evidence:
      "Enforcement near needle exchanges or treatment agencies has disrupted service use, and fear of arrest has been linked to more overdose deaths because users hesitate to call for help.",
    citation: "UKDPC 2009, Chapter 3 (Kerr et al. 2005) and Table 3.1",
  },
  {
    id: "family-support",
    option: "Support for families and children after an arrest",
    targets: ["HE-FP-01", "SS-FP-06", "EC-FP-02"],
    likelyImpacts: "Reduces harm to children and families caused by enforcement.",
    risks: "Needs partner capacity; not evaluated.",
    evidence:
      "Given as a mitigation example: in Lancashire, PCSOs visit families to offer support after a family member is arrested; children can be offered support and mentoring.",
    citation: "UKDPC 2009, Chapter 4 (step 3)",
  },
  {
    id: "undercover",
    option: "Undercover test purchase ('buy-bust') operations",
    targets: ["HE-LC-02", "SS-LC-04"],
    likelyImpacts: "Arrests of street sellers (an output, not an outcome).",
    risks: "Tends to catch low-level and exploited user-dealers; CJS costs.",
    evidence:
      "Two evaluations found no effect on drug use, drug offences, supply or demand, or violent and property crime.",
    citation: "UKDPC 2009, Chapter 3 (Mazerolle et al. 2007b)",
  },
  {
    id: "interdiction",
    option: "Interdiction and large seizures (higher-level enforcement)",
    targets: ["HE-NA-02", "SS-NA-03"],
    likelyImpacts: "Intended to cut availability and raise prices.",
    risks:
      "Lower purity can mean more cutting agents and uncertain dosing (overdose risk); drug debts and violence.",
    evidence:
      "Three of five studies found heroin seizures had no visible effect on price, purity, availability or harms; one reported fewer overdose deaths.",
    citation: "UKDPC 2009, Chapter 3 (Mazerolle et al. 2007) and Chapter 4 (SOCA 2009a)",
  },
];
