/**
 * What the Net Benefit and Cohort sheets may be built with (BuildInput's
 * `netBenefit` and `cohort`). Kept apart from input.ts so the specs and the
 * input list can both import it without a circle.
 */
import type { CostItem } from "../../core/netBenefit";
import type { Scalar } from "../model";

export interface NetBenefitSheetInput {
  /** Rows of the Operation costs table. */
  costs?: CostItem[];
  /** Cost per offence by offence type; types not listed keep a blank cost. */
  unitCosts?: { offenceType: string; costPerOffence: number | null; priceYear?: string; source?: string }[];
  /** Factor bringing the unit costs to the analyst's price year (default 1). */
  uprating?: number;
  priceYear?: string;
}

/**
 * One person on the Cohort sheet, as typed there: a pseudonymous reference,
 * never a name or date of birth. Cells hold what the sheet would hold (a
 * number, text or blank), so rows read back from a workbook fit too.
 */
export interface CohortRow {
  reference: string;
  /** Enforcement, Treatment, Both or Comparison. */
  group: Scalar;
  /** Excel serial of the arrest or programme start. */
  startDate?: Scalar;
  windowDays: Scalar;
  offencesBefore: Scalar;
  offencesAfter: Scalar;
  daysNotAtLibertyBefore?: Scalar;
  daysNotAtLibertyAfter?: Scalar;
  harmBefore?: Scalar;
  harmAfter?: Scalar;
}
