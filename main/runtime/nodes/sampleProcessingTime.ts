import type { Processing } from '../../../shared/flow/FlowDocument';
import type { SeededRandom } from '../random/SeededRandom';

/**
 * A processing time in milliseconds drawn from the consumer's distribution (never negative).
 *
 * @example
 * sampleProcessingTime({ distribution: 'uniform', minMs: 10, maxMs: 20 }, rng) // => 13.7
 */
export function sampleProcessingTime(p: Processing, rng: SeededRandom): number {
  switch (p.distribution) {
    case 'fixed':
      return p.ms;
    case 'uniform':
      return Math.min(p.minMs, p.maxMs) + rng.next() * Math.abs(p.maxMs - p.minMs);
    case 'normal':
      return Math.max(0, p.meanMs + p.stddevMs * rng.normal());
    case 'exponential':
      return -p.meanMs * Math.log(1 - rng.next());
    default: {
      const never: never = p;
      throw new Error(`unknown processing distribution ${JSON.stringify(never)}`);
    }
  }
}
