/** Entries one window keeps at most; past it the oldest go first (the aggregate then undercounts). */
export const MAX_WINDOW_ENTRIES = 100_000;

/**
 * The events of one monitor group over the last N seconds, with count, sum and max kept up to
 * date in O(1) amortised per event (a running sum and a monotonic deque for the max).
 */
export class SlidingWindow {
  private times: number[] = [];
  private values: number[] = [];
  private ids: string[] = [];
  private head = 0;
  private sum = 0;
  // Monotonic deque of candidate maxima: values decreasing, with their times.
  private maxTimes: number[] = [];
  private maxValues: number[] = [];
  private maxHead = 0;

  constructor(private readonly windowMs: number) {}

  get count(): number {
    return this.times.length - this.head;
  }

  get total(): number {
    return this.sum;
  }

  get max(): number {
    return this.maxHead < this.maxValues.length ? this.maxValues[this.maxHead]! : 0;
  }

  /** The newest `limit` event ids in the window, oldest first. */
  recentIds(limit: number): string[] {
    return this.ids.slice(Math.max(this.head, this.ids.length - limit));
  }

  /** Drop what is older than the window at `now`; true when nothing is left. */
  evict(now: number): boolean {
    const cutoff = now - this.windowMs;
    while (this.head < this.times.length && this.times[this.head]! <= cutoff) this.dropOldest();
    while (this.maxHead < this.maxTimes.length && this.maxTimes[this.maxHead]! <= cutoff) this.maxHead++;
    this.compact();
    return this.count === 0;
  }

  add(now: number, value: number, id: string): void {
    this.evict(now);
    if (this.count >= MAX_WINDOW_ENTRIES) this.dropOldest();
    this.times.push(now);
    this.values.push(value);
    this.ids.push(id);
    this.sum += value;
    while (this.maxValues.length > this.maxHead && this.maxValues[this.maxValues.length - 1]! <= value) {
      this.maxValues.pop();
      this.maxTimes.pop();
    }
    this.maxValues.push(value);
    this.maxTimes.push(now);
  }

  clear(): void {
    this.times = [];
    this.values = [];
    this.ids = [];
    this.head = 0;
    this.sum = 0;
    this.maxTimes = [];
    this.maxValues = [];
    this.maxHead = 0;
  }

  private dropOldest(): void {
    this.sum -= this.values[this.head]!;
    this.head++;
    if (this.count === 0) this.sum = 0;
  }

  private compact(): void {
    if (this.head > 1024 && this.head * 2 > this.times.length) {
      this.times = this.times.slice(this.head);
      this.values = this.values.slice(this.head);
      this.ids = this.ids.slice(this.head);
      this.head = 0;
    }
    if (this.maxHead > 1024 && this.maxHead * 2 > this.maxTimes.length) {
      this.maxTimes = this.maxTimes.slice(this.maxHead);
      this.maxValues = this.maxValues.slice(this.maxHead);
      this.maxHead = 0;
    }
  }
}
