/** The workbook names collection. */
import { CollectionProxy, nullObject } from "./proxy";
import { RangeProxy } from "./range";
import { badDefinedName, lc, rangeAddress, splitSheetRef, type FakeName, type RangeRef } from "./types";

export class NameCollectionProxy extends CollectionProxy<any> {
  protected override list(): any[] {
    // As in Excel, a name whose cells were deleted (=#REF!) has type "Error", not "Range".
    return [...this.x.names.values()].map((n) => ({
      ...n,
      type: n.sheet && n.range ? "Range" : "Error",
      getRange: () => this.rangeOf(n),
    }));
  }
  private rangeOf(n: FakeName): RangeProxy {
    const s = n.sheet ? this.x.findSheet(n.sheet) : undefined;
    if (!s || !n.range) {
      this.x.fail(`Name ${n.name} has no range`);
      return new RangeProxy(this.x, this.x.sheets[0], { top: 0, left: 0, bottom: 0, right: 0 });
    }
    return new RangeProxy(this.x, s, n.range);
  }
  add(name: string, reference: RangeProxy | string, comment?: string): any {
    this.x.log(`names.add(${name})`);
    if (this.x.idTaken(name)) this.x.fail(`The name "${name}" already exists`);
    const bad = badDefinedName(name);
    if (bad) this.x.fail(bad);
    const entry: FakeName =
      typeof reference === "string"
        ? { name, formula: reference, comment: comment ?? "", ...this.refOf(reference) }
        : {
            name,
            formula: `='${reference.sheet.name}'!${rangeAddress(reference.ref)}`,
            comment: comment ?? "",
            sheet: reference.sheet.name,
            range: reference.ref,
          };
    this.x.names.set(lc(name), entry);
    return entry;
  }
  private refOf(formula: string): { sheet?: string; range?: RangeRef } {
    try {
      const s = splitSheetRef(formula);
      return { sheet: s.sheet, range: s.range };
    } catch {
      return {};
    }
  }
  getItem(name: string): any {
    const n = this.x.names.get(lc(name));
    if (!n) this.x.fail(`ItemNotFound: name ${name}`);
    return n ? { ...n, getRange: () => this.rangeOf(n) } : nullObject(this.x);
  }
  getItemOrNullObject(name: string): any {
    const n = this.x.names.get(lc(name));
    return n ? { ...n, isNullObject: false, getRange: () => this.rangeOf(n) } : nullObject(this.x);
  }
}
