import { describe, expect, it } from 'vitest';
import type { Processing } from '../../../../../shared/flow/FlowDocument';
import { sampleProcessingTime } from '../../../../../main/runtime/nodes/sampleProcessingTime';
import { SeededRandom } from '../../../../../main/runtime/random/SeededRandom';

/** Many draws from one seeded generator: enough for a mean within a few percent. */
const DRAWS = 20_000;

function draws(p: Processing, seed = 42): number[] {
  const rng = new SeededRandom(seed);
  return Array.from({ length: DRAWS }, () => sampleProcessingTime(p, rng));
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const stddev = (xs: number[]) => {
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1));
};

describe('sampleProcessingTime', () => {
  it('fixed: always the given time', () => {
    expect(new Set(draws({ distribution: 'fixed', ms: 25 }))).toEqual(new Set([25]));
  });

  it('uniform: within [minMs, maxMs], mean halfway, spread over the whole range', () => {
    const xs = draws({ distribution: 'uniform', minMs: 100, maxMs: 400 });
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(100);
    expect(Math.max(...xs)).toBeLessThan(400);
    expect(mean(xs)).toBeCloseTo(250, -1);
    // Each tenth of the range gets about a tenth of the draws.
    for (let k = 0; k < 10; k++) {
      const share = xs.filter((x) => x >= 100 + k * 30 && x < 130 + k * 30).length / DRAWS;
      expect(share, `tenth ${k}`).toBeGreaterThan(0.085);
      expect(share, `tenth ${k}`).toBeLessThan(0.115);
    }
  });

  it('normal: mean and standard deviation as given, never negative', () => {
    const xs = draws({ distribution: 'normal', meanMs: 200, stddevMs: 30 });
    expect(Math.abs(mean(xs) - 200)).toBeLessThan(2);
    expect(Math.abs(stddev(xs) - 30)).toBeLessThan(1.5);
    // About 68% within one standard deviation.
    const within = xs.filter((x) => Math.abs(x - 200) <= 30).length / DRAWS;
    expect(within).toBeGreaterThan(0.66);
    expect(within).toBeLessThan(0.70);
    // A wide normal around a small mean is cut at 0, not negative.
    expect(Math.min(...draws({ distribution: 'normal', meanMs: 5, stddevMs: 20 }))).toBe(0);
  });

  it('exponential: positive, mean as given, a long tail', () => {
    const xs = draws({ distribution: 'exponential', meanMs: 50 });
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.abs(mean(xs) - 50)).toBeLessThan(2);
    // P(X > 3 * mean) = e^-3 (about 5%): the tail that makes p99 latencies interesting.
    const tail = xs.filter((x) => x > 150).length / DRAWS;
    expect(tail).toBeGreaterThan(0.04);
    expect(tail).toBeLessThan(0.06);
  });

  it('gives the same times for the same seed, others for another seed', () => {
    const p: Processing = { distribution: 'exponential', meanMs: 50 };
    expect(draws(p, 7).slice(0, 100)).toEqual(draws(p, 7).slice(0, 100));
    expect(draws(p, 8).slice(0, 100)).not.toEqual(draws(p, 7).slice(0, 100));
  });
});
