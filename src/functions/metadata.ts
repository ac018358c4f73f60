/**
 * What Excel shows in formula autocomplete for each HARM.* function: its
 * description and its arguments, as data. registry.ts joins these to the
 * adapters and the build writes functions.json from them
 * (scripts/functions-metadata-plugin.js); test/fixtures/functions.metadata.json
 * pins the result, so a change here is a deliberate change to what Excel shows.
 *
 * Not imported by the `functions` entry: the runtime needs only ids and adapters.
 */
import { TARGET_BUFFER_CONTROL, TARGET_CONTROL } from "./args";
import type { HarmFunctionId } from "./catalogue";

export interface ParameterMetadata {
  name: string;
  description: string;
  optional: boolean;
}

export interface FunctionMetadata {
  /** The autocomplete sentence (the task pane's longer help is in catalogue.ts). */
  description: string;
  parameters: readonly ParameterMetadata[];
}

const LEAVE_BLANK_FOR_1 = "Leave blank for 1.";
const CONFIDENCE = "Confidence level, e.g. 0.95 (the default).";
const POWER = "Chance of detecting the fall, e.g. 0.8 (the default).";
const TARGET_AREAS = "Target area codes: a range of cells, or one cell with codes separated by commas.";
const BUFFER_MAY_BE_BLANK = "Buffer area count before. Leave both buffer counts blank if there is no buffer.";

/** An argument's description wherever it means the same; a function may say more of its own. */
const SHARED: Record<string, string> = {
  targetBefore: "Target area count before: a cell or a column.",
  targetAfter: "Target area count after.",
  bufferBefore: "Buffer area count before.",
  bufferAfter: "Buffer area count after.",
  controlBefore: "Control area count before.",
  controlAfter: "Control area count after.",
  beforeLength: "Length of the before period (days or months). Leave both lengths blank for equal periods.",
  afterLength: "Length of the after period, in the same units.",
  confidence: CONFIDENCE,
  dispersion: `Overdispersion factor of 1 or more to widen the interval. ${LEAVE_BLANK_FOR_1}`,
  power: POWER,
  similarAreas:
    "Comparison areas of the target's size (within 2 times its before count); with 19 or more the verdict also ranks the target among them. Leave blank if not known.",
  dates: "Column of incident dates (dates or yyyy-mm months).",
  areas: "Column of area codes, one per incident.",
  targetAreas: TARGET_AREAS,
  bufferAreas: "Buffer area codes (may be blank).",
  controlAreas: "Control area codes.",
  beforeStart: "First day of the before period.",
  beforeEnd: "Last day of the before period.",
  afterStart: "First day of the after period.",
  afterEnd: "Last day of the after period.",
};

const LENGTHS = ["beforeLength?", "afterLength?"];
const INCIDENT_COLUMNS = ["dates", "areas"];
const PERIOD_BOUNDS = ["beforeStart", "beforeEnd", "afterStart", "afterEnd"];

/**
 * One function's metadata: `names` in Excel's order, "?" marking an optional
 * argument; each described by `own` or else by SHARED.
 */
function fn(
  description: string,
  names: readonly string[],
  own: Record<string, string> = {},
): FunctionMetadata {
  return {
    description,
    parameters: names.map((n) => {
      const name = n.replace(/\?$/, "");
      const text = own[name] ?? SHARED[name];
      if (text === undefined) throw new Error(`No description for the argument ${name}.`);
      return { name, description: text, optional: n.endsWith("?") };
    }),
  };
}

const optional = (names: readonly string[]): string[] => names.map((n) => `${n}?`);

export const METADATA: Record<HarmFunctionId, FunctionMetadata> = {
  "HARM.CHANGE": fn(
    "Percentage change from before to after, as a fraction: (after − before) / before, or the change in rate when the periods differ in length. Select a column to get one result per row.",
    ["before", "after", ...LENGTHS],
    {
      before: "Count (or harm total) in the before period: a cell or a column.",
      after: "Count (or harm total) in the after period: a cell or a column.",
    },
  ),
  "HARM.POISSONZ": fn(
    "Poisson Z for a change in counts, 2·(√after − √before) (Wheeler 2016), rescaled when the periods differ in length. Treat |Z| ≥ 3 as a real change.",
    ["before", "after", ...LENGTHS],
    {
      before: "Count in the before period: a cell or a column.",
      after: "Count in the after period: a cell or a column.",
    },
  ),
  "HARM.ETEST": fn(
    "E-test p-value for two Poisson counts (Krishnamoorthy & Thomson 2004): is the rate really different?",
    ["count1", "count2", "exposure1?", "exposure2?"],
    {
      count1: "First count (e.g. before): a cell or a column.",
      count2: "Second count (e.g. after): a cell or a column.",
      exposure1: `Exposure for the first count (e.g. days or population). ${LEAVE_BLANK_FOR_1}`,
      exposure2: `Exposure for the second count. ${LEAVE_BLANK_FOR_1}`,
    },
  ),
  "HARM.POISSONCI": fn(
    "Exact (Garwood) confidence interval for the mean behind a count of crimes, spilling lower and upper limits. A column of counts gives one pair per row.",
    ["count", "confidence?"],
    { count: "Number of crimes (a whole number): a cell or a column." },
  ),
  "HARM.RATERATIO": fn(
    "Rate ratio after ÷ before with its exact conditional interval, spilling ratio, lower and upper limits. Below 1 means the rate fell. Columns give one result per row.",
    ["countBefore", "countAfter", "exposureBefore?", "exposureAfter?", "confidence?"],
    {
      countBefore: "Crimes in the before period (a whole number): a cell or a column.",
      countAfter: "Crimes in the after period.",
      exposureBefore: `Exposure before, e.g. days in the period or days at liberty. ${LEAVE_BLANK_FOR_1}`,
      exposureAfter: `Exposure after, in the same units. ${LEAVE_BLANK_FOR_1}`,
    },
  ),
  "HARM.RES": fn(
    "Relative effect size (a·d)/(b·c) (Farrington et al. 2007). Above 1 means crime fell relative to the control area.",
    TARGET_CONTROL,
  ),
  "HARM.RES.CI": fn(
    "Confidence interval for the relative effect size, spilling lower and upper limits across two cells.",
    [...TARGET_CONTROL, "confidence?", "dispersion?"],
  ),
  "HARM.WDQ": fn(
    "Weighted displacement quotient (Bowers & Johnson 2003): buffer change over target change, both against the control area.",
    TARGET_BUFFER_CONTROL,
  ),
  "HARM.NETEFFECT": fn(
    "Total net effect: crimes prevented in the target and buffer areas against the control's trend (Bowers & Johnson 2003). Give a confidence to spill the estimate with its interval.",
    [...TARGET_BUFFER_CONTROL, "confidence?", "dispersion?"],
    {
      bufferBefore: BUFFER_MAY_BE_BLANK,
      confidence:
        "Confidence level, e.g. 0.95. Given (or a dispersion given), the result spills estimate, lower and upper limits.",
    },
  ),
  "HARM.WDD": fn(
    "Weighted displacement difference (Wheeler & Ratcliffe 2018), spilling estimate, standard error, Z, lower and upper limits. Not given (#N/A) when an area's and its control's before counts differ by more than 2 times, unless area weights are given.",
    [
      ...TARGET_CONTROL,
      ...optional(["bufferBefore", "bufferAfter", "bufferControlBefore", "bufferControlAfter", "confidence"]),
      ...LENGTHS,
      "areaWeights?",
      "dispersion?",
    ],
    {
      bufferBefore: "Buffer area count before. Leave blank if there is no buffer.",
      bufferControlBefore: "Count before in a control area for the buffer. Optional.",
      bufferControlAfter: "Count after in the buffer's control area.",
      areaWeights:
        "Up to four area weights: target, control, buffer, buffer control (blank = 1). Given, the size rule is not applied.",
    },
  ),
  "HARM.DISPLACEMENT": fn(
    "Plain-English reading of displacement or diffusion of benefits from the WDQ (after Guerette 2009, Appendix C).",
    TARGET_BUFFER_CONTROL,
  ),
  "HARM.EVALUATE": fn(
    "A whole evaluation table in one spill, as on the Results sheet: a header row, then for each row change, Poisson Z, E-test, RES with limits, WDQ, total net effect with limits, the verdict on that interval, WDD with limits, a reading and the checks.",
    [...TARGET_BUFFER_CONTROL, "confidence?", ...LENGTHS, "dispersion?"],
    {
      targetBefore: "Target area count before: a cell or a column (one operation or area per row).",
      bufferBefore: BUFFER_MAY_BE_BLANK,
      confidence: "Confidence level for the limits, e.g. 0.95 (the default).",
      dispersion: `Overdispersion factor of 1 or more to widen the intervals. ${LEAVE_BLANK_FOR_1}`,
    },
  ),
  "HARM.PERIODCOUNTS": fn(
    "Counts incidents by area group and period from incident rows, spilling three rows (target, buffer, control) by two columns (before, after). With a weight table the result is harm totals, which must not go into count tests (ETEST, POISSONZ, EVALUATE, WDD): use HARM.HARMWDD for harm.",
    [
      ...INCIDENT_COLUMNS,
      "targetAreas",
      "bufferAreas",
      "controlAreas",
      ...PERIOD_BOUNDS,
      "offenceTypes?",
      "weightTable?",
    ],
    {
      offenceTypes: "Column of offence types, one per incident (needed with a weight table).",
      weightTable:
        "Two columns, offence type then harm weight, to get harm totals instead of counts (not for count tests).",
    },
  ),
  "HARM.HARMWDD": fn(
    "Harm-weighted WDD from incident rows: sums weight × WDD for each offence type, with the matching variance (Wheeler & Ratcliffe 2018).",
    [
      ...INCIDENT_COLUMNS,
      "offenceTypes",
      "targetAreas",
      "controlAreas",
      ...PERIOD_BOUNDS,
      "weightTable",
      ...optional(["bufferAreas", "confidence", "dispersion"]),
    ],
    {
      offenceTypes: "Column of offence types, one per incident.",
      targetAreas: "Target area codes: a range, or one cell with codes separated by commas.",
      weightTable: "Two columns: offence type, then harm weight.",
      bufferAreas: "Buffer area codes. Leave blank if there is no buffer.",
    },
  ),
  "HARM.MONTHLYCOUNTS": fn(
    'Counts incidents by calendar month for the target, buffer and control areas, in one pass: a header row, then one row per month from firstMonth to lastMonth. A month with no data at all says "no data", never 0.',
    [
      ...INCIDENT_COLUMNS,
      "targetAreas",
      "bufferAreas",
      "controlAreas",
      "firstMonth",
      "lastMonth",
      ...optional(["offenceTypes", "offenceFilter"]),
    ],
    {
      firstMonth: "First month to show, e.g. 2024-01 (or any date in it).",
      lastMonth: "Last month to show (at most 240 months after the first).",
      offenceTypes: "Column of offence types, one per incident (needed with an offence filter).",
      offenceFilter: "Offence types to count: a range, or one cell separated by commas. Leave blank for all.",
    },
  ),
  "HARM.DISPERSION": fn(
    "How much more the target's monthly counts vary than chance alone, against the control's month-to-month pattern: the dispersion (1 or more) the evaluation widens its intervals by.",
    ["targetMonthly", "controlMonthly?"],
    {
      targetMonthly:
        'Target\'s crimes by month: a column (a heading and "no data" months are left out), or a whole HARM.MONTHLYCOUNTS spill.',
      controlMonthly:
        "Control's crimes in the same months. Leave blank for a flat pattern, or when giving a HARM.MONTHLYCOUNTS spill.",
    },
  ),
  "HARM.VERDICT": fn(
    "The task pane's evaluation from incident rows in one formula: spills the verdict (Credited, No clear change, Not credited or Not judged), its reason, the headline sentence, the net effect with its interval, the dispersion, the similar-areas rank and the same months a year earlier.",
    [
      ...INCIDENT_COLUMNS,
      "offenceTypes",
      "targetAreas",
      "bufferAreas",
      "controlAreas",
      ...PERIOD_BOUNDS,
      ...optional(["offenceFilter", "confidence", "dispersion", "crimeIds"]),
    ],
    {
      offenceTypes: "Column of offence types, one per incident (leave blank if the data have none).",
      controlAreas: "Control area codes. Leave blank for every other area in the data.",
      offenceFilter: "Offence types to count: a range, or one cell separated by commas. Leave blank for all.",
      dispersion:
        "A dispersion of 1 or more to use instead of the one estimated from the data. Leave blank to estimate it.",
      crimeIds:
        'Column of crime references (police.uk "Crime ID"): a repeated reference is counted once, as the task pane counts.',
    },
  ),
  "HARM.MDE": fn(
    "Minimum detectable effect under the verdict's rules: the smallest fall in the target the verdict would credit with the given power (its interval, at least 10 target crimes after, and the similar-areas rank), spilling crimes and the fraction of the target's expected count.",
    [
      "targetBefore",
      "controlBefore",
      ...LENGTHS,
      ...optional(["confidence", "power", "dispersion", "similarAreas"]),
    ],
    {
      targetBefore: "Target's crimes in the before period (expected or observed): a cell or a column.",
      controlBefore: "Control's crimes in the before period.",
      dispersion: `Overdispersion factor of 1 or more (HARM.DISPERSION estimates it). ${LEAVE_BLANK_FOR_1}`,
    },
  ),
  "HARM.MONTHSNEEDED": fn(
    "Months of data needed, before and after alike, for the verdict to credit a given fall with the given power. #N/A when even 60 months would not do.",
    [
      "targetMonthly",
      "controlMonthly",
      "reduction",
      ...optional(["confidence", "power", "dispersion", "similarAreas"]),
    ],
    {
      targetMonthly: "Target's crimes per month: a cell or a column.",
      controlMonthly: "Control's crimes per month.",
      reduction: "The fall to detect as a fraction, e.g. 0.2 for 20%.",
      dispersion: `Overdispersion factor of 1 or more (HARM.DISPERSION estimates it). ${LEAVE_BLANK_FOR_1}`,
    },
  ),
  "HARM.PRIORITY": fn(
    "Priority score from 0 to 100 for a harm, from 1–5 ratings (UKDPC 2009, step 2). Blank optional ratings are left out.",
    ["extent", "seriousness", ...optional(["communityConcern", "abilityToImpact", "confidence", "weights"])],
    {
      extent: "How widespread the harm is, 1 (isolated) to 5 (widespread): a cell or a column.",
      seriousness: "How severe the harm is, 1 (minor) to 5 (grave).",
      communityConcern: "How much local people say it matters, 1 to 5.",
      abilityToImpact: "How far police and partners could reduce it, 1 to 5.",
      confidence: "How sure you are of the evidence, 1 to 5.",
      weights: "Up to five weights in the order above (default 3, 3, 2, 2, 1).",
    },
  ),
  "HARM.PRIORITISE": fn(
    "Ranks harms by priority score and shows why: spills rank, harm, score and each criterion's share of the score, under a header row.",
    ["labels", "criteria", "weights?"],
    {
      labels: "Column of harm names.",
      criteria:
        "Ratings 1–5, one row per harm, in columns: extent, seriousness, then optionally community concern, ability to impact, confidence.",
      weights: "Up to five weights in the same order (default 3, 3, 2, 2, 1).",
    },
  ),
};

/** functions.json as Excel reads it: every argument a matrix of any values, as is every result. */
export interface FunctionsJson {
  allowCustomDataForDataTypeAny: true;
  functions: {
    description: string;
    id: string;
    name: string;
    parameters: {
      description: string;
      dimensionality: "matrix";
      name: string;
      optional?: true;
      type: "any";
    }[];
    result: { dimensionality: "matrix" };
  }[];
}

/**
 * The metadata file for functions in this order. Every argument is a matrix so
 * a column gives one result per row and a single cell is reused for every row
 * (mapRows in ./excel). Keys are in the order the metadata plugin wrote them.
 */
export function functionsJson(
  functions: readonly ({ id: HarmFunctionId } & FunctionMetadata)[],
): FunctionsJson {
  return {
    allowCustomDataForDataTypeAny: true,
    functions: functions.map((f) => {
      const id = f.id.replace(/^HARM\./, "");
      return {
        description: f.description,
        id,
        name: id,
        parameters: f.parameters.map((p) => ({
          description: p.description,
          dimensionality: "matrix",
          name: p.name,
          ...(p.optional ? { optional: true } : {}),
          type: "any",
        })),
        result: { dimensionality: "matrix" },
      };
    }),
  };
}
