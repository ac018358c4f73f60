/** The operation being planned or evaluated, and its rules. */
export * from "./model";
export * from "./validate";
export * from "./periods";
