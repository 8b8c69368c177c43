import { createHash } from 'node:crypto';
import { formatUuid } from './SeededRandom';

/**
 * A name-based (version 5 style, SHA-1) UUID for an event a node derives from another one:
 * the same input event, node and output always give the same id, so a consumer's answers are
 * as reproducible as the producer's events, whatever order concurrent processing finishes in.
 */
export function derivedUuid(...parts: string[]): string {
  const digest = createHash('sha1').update(parts.join('\u0000')).digest();
  return formatUuid(digest.readUInt32BE(0), digest.readUInt32BE(4), digest.readUInt32BE(8), digest.readUInt32BE(12), 5);
}
