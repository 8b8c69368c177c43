import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { producerSettingsSchema, type ProducerSettings } from '../../../../../shared/flow/FlowDocument';
import { RateSchedule, rateAt } from '../../../../../main/runtime/nodes/RateSchedule';
import { SeededRandom } from '../../../../../main/runtime/random/SeededRandom';

describe('rateAt', () => {
  it('follows the traffic profile', () => {
    expect(rateAt(50, { kind: 'steady' }, 123)).toBe(50);
    expect(rateAt(100, { kind: 'ramp', fromPerSecond: 0, overSeconds: 10 }, 5)).toBe(50);
    expect(rateAt(100, { kind: 'ramp', fromPerSecond: 20, overSeconds: 10 }, 60)).toBe(100);
    const spike = { kind: 'spike' as const, everySeconds: 30, forSeconds: 5, multiplier: 4 };
    expect([rateAt(10, spike, 2), rateAt(10, spike, 31), rateAt(10, spike, 36), rateAt(10, spike, 61)]).toEqual([10, 40, 10, 40]);
  });
});

/**
 * The schedule on a fake clock: timers and performance.now() advance only when the test says,
 * so a 3-second schedule runs in no time and every emit has an exact timestamp.
 */
describe('RateSchedule on a fake clock', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'clearImmediate', 'performance'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  /** Run a schedule to its end; the times (ms since start) at which it emitted. */
  function emitTimes(settings: Partial<ProducerSettings>, seed = 1, runForMs = 10_000): number[] {
    const s = producerSettingsSchema.parse({ eventType: 'order.placed', ...settings });
    const start = performance.now();
    const times: number[] = [];
    let finished = false;
    const schedule = new RateSchedule(s, new SeededRandom(seed), () => times.push(performance.now() - start), undefined, () => (finished = true));
    schedule.start();
    vi.advanceTimersByTime(runForMs);
    schedule.stop();
    expect(finished || s.limit === undefined).toBe(true);
    return times;
  }

  it('fires a burst of burst.size extra events together every burst.everySeconds, on top of the rate', () => {
    const times = emitTimes({ ratePerSecond: 10, burst: { everySeconds: 1, size: 5 }, limit: { durationSeconds: 3 } });
    // 30 steady events (one every 100 ms from 0 to 2.9 s) and two bursts (at 1 s and 2 s; the one at 3 s is past the limit).
    expect(times).toHaveLength(30 + 2 * 5);
    const at = (ms: number) => times.filter((t) => Math.round(t) === ms).length;
    expect(at(1_000)).toBe(1 + 5);
    expect(at(2_000)).toBe(1 + 5);
    expect(at(500)).toBe(1);
    // Per second: 10 steady, plus 5 in each second that holds a burst.
    const perSecond = [0, 1, 2].map((s) => times.filter((t) => t >= s * 1000 && t < (s + 1) * 1000).length);
    expect(perSecond).toEqual([10, 15, 15]);
  });

  it('counts burst events toward limit.count', () => {
    const times = emitTimes({ ratePerSecond: 10, burst: { everySeconds: 1, size: 5 }, limit: { count: 13 } });
    expect(times).toHaveLength(13);
    // 10 steady (0-0.9 s), then the burst at 1 s stops at the limit.
    expect(times.filter((t) => Math.round(t) === 1_000)).toHaveLength(3);
  });

  it('varies each interval by up to ±jitter around 1/rate, the same way for the same seed', () => {
    const settings = { ratePerSecond: 10, jitter: 0.5, limit: { count: 200 } };
    const times = emitTimes(settings, 7, 60_000);
    expect(times).toHaveLength(200);
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    for (const g of gaps) {
      expect(g).toBeGreaterThanOrEqual(50 - 1e-9);
      expect(g).toBeLessThanOrEqual(150 + 1e-9);
    }
    const mean = gaps.reduce((a, b) => a + b, 0) / gaps.length;
    expect(mean).toBeGreaterThan(90);
    expect(mean).toBeLessThan(110);
    // Jitter really varies the gaps: they spread over most of the allowed range.
    expect(Math.max(...gaps) - Math.min(...gaps)).toBeGreaterThan(80);
    expect(emitTimes(settings, 7, 60_000)).toEqual(times);
    expect(emitTimes(settings, 8, 60_000)).not.toEqual(times);
  });

  it('keeps exact gaps without jitter', () => {
    const times = emitTimes({ ratePerSecond: 20, limit: { count: 10 } });
    expect(times.map((t) => Math.round(t))).toEqual([0, 50, 100, 150, 200, 250, 300, 350, 400, 450]);
  });
});
