/**
 * A small, fast, seedable pseudo-random generator (mulberry32). Every random choice a run
 * makes (timing jitter, template values, event ids, processing times, failures) draws from
 * one of these, seeded from the run seed and the node id, so the same seed gives the same run.
 * Not for security: ids only need to be unique within a simulation.
 */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A new generator for one purpose of one node: `SeededRandom.derive(1, 'orders', 'ids')`. */
  static derive(seed: number, ...labels: string[]): SeededRandom {
    let h = (seed ^ 0x9e3779b9) >>> 0;
    for (const label of labels) h = hashString(label, h);
    return new SeededRandom(h);
  }

  /** Uniform in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An unsigned 32-bit integer. */
  nextUint32(): number {
    return Math.floor(this.next() * 4294967296) >>> 0;
  }

  /** An integer in [min, max] (both inclusive). */
  int(min: number, max: number): number {
    const lo = Math.ceil(Math.min(min, max));
    const hi = Math.floor(Math.max(min, max));
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  /** A standard normal sample (Box-Muller). */
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** A version 4 UUID whose bits come from this generator (reproducible for a seed). */
  uuid(): string {
    return formatUuid(this.nextUint32(), this.nextUint32(), this.nextUint32(), this.nextUint32(), 4);
  }
}

/** FNV-1a over a string, continuing from `h`. */
export function hashString(text: string, h = 0x811c9dc5): number {
  let x = h >>> 0;
  for (let i = 0; i < text.length; i++) {
    x ^= text.charCodeAt(i);
    x = Math.imul(x, 0x01000193) >>> 0;
  }
  return x >>> 0;
}

const HEX: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** Format four 32-bit words as an RFC 4122 UUID string of the given version. */
export function formatUuid(a: number, b: number, c: number, d: number, version: 4 | 5): string {
  const b2 = ((b & 0xffff0fff) | (version << 12)) >>> 0;
  const c2 = ((c & 0x3fffffff) | 0x80000000) >>> 0;
  const w = (n: number) => HEX[(n >>> 24) & 255]! + HEX[(n >>> 16) & 255]! + HEX[(n >>> 8) & 255]! + HEX[n & 255]!;
  const sb = w(b2);
  const sc = w(c2);
  return `${w(a)}-${sb.slice(0, 4)}-${sb.slice(4)}-${sc.slice(0, 4)}-${sc.slice(4)}${w(d)}`;
}
