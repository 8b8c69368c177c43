import type { ProducerSettings, TrafficProfile } from '../../../shared/flow/FlowDocument';
import type { SeededRandom } from '../random/SeededRandom';

/** Most events emitted in one turn of the event loop; past it the schedule yields (setImmediate) so I/O keeps flowing. */
export const MAX_EVENTS_PER_TICK = 256;
/** A schedule that fell further behind than this forgets the debt instead of bursting to catch up. */
export const MAX_SCHEDULE_LAG_MS = 1_000;
/** While the profile's rate is 0 (a ramp from 0), check again this often. */
export const ZERO_RATE_RECHECK_MS = 50;

/**
 * When a `rate` producer emits: `ratePerSecond` shaped by the profile (steady, ramp, spike),
 * each interval varied by ±jitter, plus bursts of `burst.size` events every `burst.everySeconds`,
 * until `limit.count` events or `limit.durationSeconds` (or the run's duration). Intervals are
 * drawn from the producer's seeded generator; the schedule is open-loop (it does not wait for
 * the broker), like real traffic.
 */
export class RateSchedule {
  private timer?: NodeJS.Timeout | NodeJS.Immediate;
  private startedAt = 0;
  private nextAt = 0;
  private burstAt = Infinity;
  private emitted = 0;
  private stopped = true;
  /** When pause() suspended the schedule (undefined while not paused). */
  private pausedAt?: number;

  constructor(
    private readonly settings: ProducerSettings,
    private readonly rng: SeededRandom,
    /** Emit one event. */
    private readonly emit: () => void,
    /** The run's own duration limit, if any. */
    private readonly durationMs: number | undefined,
    private readonly onFinished: () => void,
  ) {}

  start(): void {
    this.stopped = false;
    this.startedAt = performance.now();
    this.nextAt = this.startedAt;
    const burst = this.settings.burst;
    if (burst) this.burstAt = this.startedAt + burst.everySeconds * 1000;
    this.tick();
  }

  stop(): void {
    this.stopped = true;
    this.pausedAt = undefined;
    this.clearTimer();
  }

  /**
   * Suspend the schedule: nothing is emitted until resume(), which continues from where it was
   * (no catch-up burst; the paused time counts neither toward `limit.durationSeconds` nor the
   * profile). Idempotent; no effect on a stopped schedule.
   */
  pause(): void {
    if (this.stopped || this.pausedAt !== undefined) return;
    this.pausedAt = performance.now();
    this.clearTimer();
  }

  /** Continue a paused schedule, shifted by the time it was paused. Idempotent. */
  resume(): void {
    if (this.stopped || this.pausedAt === undefined) return;
    const shift = performance.now() - this.pausedAt;
    this.pausedAt = undefined;
    this.startedAt += shift;
    this.nextAt += shift;
    this.burstAt += shift;
    this.tick();
  }

  get paused(): boolean {
    return this.pausedAt !== undefined;
  }

  private clearTimer(): void {
    if (this.timer !== undefined) {
      clearTimeout(this.timer as NodeJS.Timeout);
      clearImmediate(this.timer as NodeJS.Immediate);
      this.timer = undefined;
    }
  }

  get running(): boolean {
    return !this.stopped;
  }

  private get endAt(): number {
    const limit = this.settings.limit?.durationSeconds;
    const ms = Math.min(limit === undefined ? Infinity : limit * 1000, this.durationMs ?? Infinity);
    return this.startedAt + ms;
  }

  private tick = (): void => {
    this.timer = undefined;
    if (this.stopped || this.pausedAt !== undefined) return;
    const now = performance.now();
    const endAt = this.endAt;
    const count = this.settings.limit?.count ?? Infinity;
    if (now - this.nextAt > MAX_SCHEDULE_LAG_MS) this.nextAt = now;
    let n = 0;
    while (n < MAX_EVENTS_PER_TICK) {
      const due = Math.min(this.nextAt, this.burstAt);
      if (due > now) break;
      if (due >= endAt || this.emitted >= count) return this.finish();
      if (this.burstAt <= this.nextAt) {
        const size = this.settings.burst?.size ?? 0;
        for (let i = 0; i < size && this.emitted < count; i++, n++) this.fire();
        this.burstAt += (this.settings.burst?.everySeconds ?? Infinity) * 1000;
      } else {
        this.fire();
        n++;
        this.nextAt += this.interval(this.nextAt - this.startedAt);
      }
      if (this.stopped || this.pausedAt !== undefined) return;
    }
    if (this.emitted >= count || now >= endAt) return this.finish();
    if (n >= MAX_EVENTS_PER_TICK) {
      this.timer = setImmediate(this.tick);
      return;
    }
    const wait = Math.min(this.nextAt, this.burstAt, endAt) - performance.now();
    this.timer = setTimeout(this.tick, Math.max(0, wait));
  };

  private fire(): void {
    this.emitted++;
    this.emit();
  }

  private finish(): void {
    this.stop();
    this.onFinished();
  }

  /** The gap before the next event at `elapsedMs` into the run. */
  private interval(elapsedMs: number): number {
    const rate = rateAt(this.settings.ratePerSecond, this.settings.profile, elapsedMs / 1000);
    if (rate <= 0) return ZERO_RATE_RECHECK_MS;
    const jitter = this.settings.jitter;
    const factor = jitter > 0 ? 1 + jitter * (2 * this.rng.next() - 1) : 1;
    return (1000 / rate) * factor;
  }
}

/**
 * Events per second at `t` seconds into the run under a traffic profile.
 *
 * @example
 * rateAt(100, { kind: 'ramp', fromPerSecond: 0, overSeconds: 10 }, 5) // => 50
 * rateAt(10, { kind: 'spike', everySeconds: 30, forSeconds: 5, multiplier: 4 }, 31) // => 40
 */
export function rateAt(ratePerSecond: number, profile: TrafficProfile, t: number): number {
  switch (profile.kind) {
    case 'steady':
      return ratePerSecond;
    case 'ramp':
      return profile.fromPerSecond + (ratePerSecond - profile.fromPerSecond) * Math.min(1, t / profile.overSeconds);
    case 'spike': {
      const inSpike = t >= profile.everySeconds && t % profile.everySeconds < profile.forSeconds;
      return inSpike ? ratePerSecond * profile.multiplier : ratePerSecond;
    }
    default: {
      const never: never = profile;
      throw new Error(`unknown traffic profile ${JSON.stringify(never)}`);
    }
  }
}
