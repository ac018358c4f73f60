/** Errors a plan or a workbook adapter raises for the analyst to act on. */

/** A problem the analyst can act on: its message is shown as it is, never a stack trace. */
export class PortError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PortError";
  }
}

export class CancelledError extends Error {
  constructor() {
    super("Cancelled.");
    this.name = "CancelledError";
  }
}
