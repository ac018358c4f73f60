/** What every step of the pane receives: the workbook port and the operation being edited. */
import type { Operation } from "../../core/operation";
import type { WorkbookPort } from "../../workbook/port";

export interface PanelProps {
  port: WorkbookPort;
  operation: Operation;
  setOperation: (op: Operation) => void;
}
