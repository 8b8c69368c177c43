import { checkPattern } from './checkPattern';
import { compileTree } from './compilePatternTree';
import type { EventMatcher, PatternError } from './EventPattern';

/**
 * Check a content pattern (the EventBridge event pattern language over a CloudEvent) and
 * compile it once into a matcher. Leaf lists are alternatives (OR), sibling keys must all
 * match (AND), nested objects descend, `"$or": [p1, p2]` ORs whole sub-patterns. Literals
 * match exactly (any element of an array field), and the operators are prefix, suffix,
 * anything-but, numeric, exists, equals-ignore-case and wildcard. The matcher does no
 * parsing and builds no regex per event; it never throws. A top-level `{}` matches all.
 *
 * @example
 * const r = compilePattern({ type: ['order.placed'], data: { total: [{ numeric: ['>=', 100] }] } });
 * if (r.ok) r.match({ type: 'order.placed', data: { total: 120 } }) // => true
 * compilePattern({ type: 'order.placed' })
 * // => { ok: false, errors: [{ path: 'type', message: 'must be a list of alternatives: wrap it in a list: ["order.placed"]' }] }
 */
export function compilePattern(
  pattern: unknown,
): { ok: true; match: EventMatcher } | { ok: false; errors: PatternError[] } {
  const checked = checkPattern(pattern);
  if (!checked.ok) return checked;
  const match = compileTree(checked.tree);
  return { ok: true, match };
}
