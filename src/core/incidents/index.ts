/** Incident data: dates, CSV reading, column mapping and the before/after aggregation. */
export * from "./dates";
export * from "./aggregate";
export * from "./csv";
export * from "./columns";
