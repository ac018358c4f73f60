import { valueError } from "../errors";

/**
 * Files of police.uk's shape (street-level crime and outcomes, as downloaded
 * from data.police.uk): known by their header, and held to what police.uk
 * files always are: no line breaks inside fields, one file per month and force.
 */

const key = (h: string): string => h.trim().toLowerCase();

/** The columns of a police.uk file that say which month and force a row belongs to; null for other files. */
export function policeUkColumns(headers: readonly string[]): { month: number; force: number } | null {
  const keys = headers.map(key);
  const month = keys.indexOf("month");
  const force = keys.indexOf("falls within");
  if (month < 0 || force < 0 || !keys.includes("reported by") || !keys.includes("lsoa code")) return null;
  return { month, force };
}

/**
 * Which file holds each month of each force, so a month saved twice (under
 * another name, with other line endings: not the same bytes) is refused
 * rather than counted twice.
 */
export class MonthHolders {
  /** "2024-03\u0000Gwent Police" → the file that holds it. */
  private readonly held = new Map<string, { name: string; index: number }>();

  /** Refuses file `name` (the `index`-th read) when an earlier one holds any of its months (MonthsByFile keys). */
  hold(name: string, index: number, keys: Iterable<string>): void {
    for (const key of keys) {
      const other = this.held.get(key);
      if (other !== undefined && other.index !== index) {
        const [month, force] = key.split("\u0000");
        throw valueError(
          `${other.name} and ${name} both hold ${month} for ${force || "the same force"}, so that month would be ` +
            "counted twice; remove one of them and load the files again.",
        );
      }
    }
    for (const key of keys) this.held.set(key, { name, index });
  }
}

/**
 * The months and forces of each file read, for MonthHolders. Fed every row of
 * every file (see), it costs two string comparisons a row while the month and
 * force stay the same.
 */
export class MonthsByFile {
  private readonly holders = new MonthHolders();
  /** Those of the file being read, and the force last seen with each month (shuffled months cost one lookup). */
  private months = new Set<string>();
  private forceOf = new Map<string, string>();
  private lastMonth = "";
  private lastForce = "";

  constructor(
    private readonly monthCol: number,
    private readonly forceCol: number,
  ) {}

  /** The columns read (they must not be dropped). */
  get columns(): number[] {
    return [this.monthCol, this.forceCol];
  }

  /** The current file's months, as "2024-03\u0000Gwent Police". */
  get fileMonths(): string[] {
    return [...this.months];
  }

  startFile(): void {
    this.months = new Set();
    this.forceOf = new Map();
    this.lastMonth = "";
    this.lastForce = "";
  }

  see(row: readonly string[]): void {
    const month = row[this.monthCol];
    const force = row[this.forceCol];
    if (month === this.lastMonth && force === this.lastForce) return;
    this.lastMonth = month;
    this.lastForce = force;
    if (this.forceOf.get(month) === force) return;
    this.forceOf.set(month, force);
    if (month.trim() !== "") this.months.add(`${month.trim()}\u0000${force.trim()}`);
  }

  /** Refuses the file (the `index`-th read) when an earlier one holds any of its months of the same force. */
  endFile(name: string, index: number): void {
    this.holders.hold(name, index, this.months);
  }
}
