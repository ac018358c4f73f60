/** The proxy base: load() is deferred to sync(), reads before it throw, as in Office.js. */
import type { FakeExcel } from "./excel";
import { parseProps } from "./types";

/** Base of every proxy: load() is deferred to sync(), reads check it. */
export class Proxy {
  protected readonly x: FakeExcel;
  private loaded = new Set<string>();
  private snap: Record<string, unknown> = {};
  private readonly bornAt: number;
  constructor(x: FakeExcel) {
    this.x = x;
    this.bornAt = x.syncs;
  }
  get context(): any {
    return this.x.context;
  }
  load(props?: unknown): this {
    const names = parseProps(props);
    this.x.pendingLoads.push(() => {
      for (const p of names) {
        const top = p.split("/")[0];
        this.loaded.add(top);
        if (top !== "*") this.snap[top] = this.snapshot(top);
      }
    });
    return this;
  }
  /** Value of a loadable property right now (used at sync). */
  protected snapshot(_prop: string): unknown {
    return undefined;
  }
  protected read<T>(prop: string): T {
    if (!this.loaded.has(prop) && !this.loaded.has("*"))
      throw new Error(`PropertyNotLoaded: '${prop}' read before load("${prop}") and context.sync()`);
    return (this.loaded.has(prop) ? this.snap[prop] : this.snapshot(prop)) as T;
  }
  protected synced(): boolean {
    return this.x.syncs > this.bornAt;
  }
  toJSON(): unknown {
    return {};
  }
}

export class CollectionProxy<T> extends Proxy {
  protected list(): T[] {
    return [];
  }
  protected override snapshot(prop: string): unknown {
    if (prop === "items") return this.list();
    if (prop === "count") return this.list().length;
    return undefined;
  }
  override load(props?: unknown): this {
    // "items/name" etc. load the items; items are fully readable once synced.
    const names = parseProps(props);
    return super.load(names.some((n) => n !== "count") ? ["items", "count"] : ["count"]);
  }
  get items(): T[] {
    return this.read<T[]>("items");
  }
  get count(): number {
    return this.read<number>("count");
  }
  getCount(): { value: number } {
    const result = { value: 0 };
    this.x.pendingLoads.push(() => (result.value = this.list().length));
    return result;
  }
}

/** An object whose existence is known only after a sync. */
export function nullObject(x: FakeExcel): any {
  const born = x.syncs;
  return {
    get isNullObject() {
      if (x.syncs <= born) throw new Error("PropertyNotLoaded: isNullObject read before context.sync()");
      return true;
    },
    load() {
      return this;
    },
  };
}
