/** Distinct keys `eventflow log` counts exactly for its summary line; past it the line says "more than". */
export const MAX_COUNTED_EVENTS = 100_000;

/**
 * Count distinct keys exactly up to `bound`, in memory bounded by it: a query over a large log
 * streams its hops and must not keep every event id it printed. Past the bound, keys seen
 * before the bound are still told apart; the count is then a lower bound (`exceeded`).
 *
 * @example
 * const c = new BoundedDistinct(2); c.add('a'); c.add('a'); c.add('b'); c.add('c');
 * c.describe() // => 'more than 2'
 */
export class BoundedDistinct {
  private readonly seen = new Set<string>();
  private over = false;

  constructor(private readonly bound: number = MAX_COUNTED_EVENTS) {}

  add(key: string): void {
    if (this.seen.has(key)) return;
    if (this.seen.size < this.bound) this.seen.add(key);
    else this.over = true;
  }

  get size(): number {
    return this.seen.size;
  }

  get exceeded(): boolean {
    return this.over;
  }

  /** The count for a sentence: `12`, or `more than 100,000` once the bound was passed. */
  describe(): string {
    return this.over ? `more than ${this.bound.toLocaleString('en-US')}` : String(this.seen.size);
  }
}
