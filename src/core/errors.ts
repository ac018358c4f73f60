/**
 * Typed domain errors. Core code never returns NaN or Infinity for an
 * undefined case; it throws one of these, and the custom-function adapters
 * map `kind` onto the matching Excel error (#VALUE!, #NUM!, #DIV/0!, #N/A).
 */
export type HarmErrorKind = "value" | "num" | "div0" | "na";

export class HarmError extends Error {
  readonly kind: HarmErrorKind;
  constructor(kind: HarmErrorKind, message: string) {
    super(message);
    this.name = "HarmError";
    this.kind = kind;
  }
}

export const valueError = (message: string): HarmError => new HarmError("value", message);
export const numError = (message: string): HarmError => new HarmError("num", message);
export const div0Error = (message: string): HarmError => new HarmError("div0", message);
export const naError = (message: string): HarmError => new HarmError("na", message);

export const isHarmError = (e: unknown): e is HarmError => e instanceof HarmError;
