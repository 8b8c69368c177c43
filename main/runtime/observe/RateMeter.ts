/** How far back a rate looks ("events per second over the last second"). */
export const RATE_WINDOW_MS = 1_000;
/** Samples kept per meter; sampled on every metrics tick. */
const MAX_SAMPLES = 16;

/**
 * Turns an ever-growing counter into a rate over the last second, from samples taken when
 * metrics are published (no per-event work).
 */
export class RateMeter {
  private readonly times: number[] = [];
  private readonly values: number[] = [];

  /** Record the counter's value now and return events per second over about the last RATE_WINDOW_MS. */
  sample(now: number, value: number): number {
    this.times.push(now);
    this.values.push(value);
    if (this.times.length > MAX_SAMPLES) {
      this.times.shift();
      this.values.shift();
    }
    let i = this.times.length - 1;
    while (i > 0 && now - this.times[i - 1]! <= RATE_WINDOW_MS) i--;
    if (i === this.times.length - 1 && i > 0) i--;
    const dt = now - this.times[i]!;
    if (dt <= 0) return 0;
    return Math.round(((value - this.values[i]!) * 1000 * 10) / dt) / 10;
  }
}
