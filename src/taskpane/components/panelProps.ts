/** What every step of the pane receives: the workbook port and the operation being edited. */
import type { Operation } from "../../core/operation";
import type { WorkbookPort } from "../../workbook/port";
import type { PlanningSource } from "../../app/planningSource";

export interface PanelProps {
  port: WorkbookPort;
  operation: Operation;
  setOperation: (op: Operation) => void;
  /** Incident data loaded in the Evaluate step, for the planning figure in other steps. */
  planning?: PlanningSource | null;
  setPlanning?: (source: PlanningSource | null) => void;
}
