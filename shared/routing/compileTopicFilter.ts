import { DOLLAR, filterStart, matchLevels, SLASH } from './topicLevels';

/** How many compiled filters are kept; past this the cache starts again (flows have far fewer). */
export const MAX_CACHED_TOPIC_FILTERS = 1024;

const cache = new Map<string, (topic: string) => boolean>();

/**
 * Compile a topic filter once into a matcher with the same answers as topicMatches, for
 * the routing hot path. Plain filters become one string comparison, "a/b/#" a prefix test,
 * "#" a first-character test; others walk the levels without allocating. Matchers are
 * cached by filter text, so calling this per message is cheap too.
 *
 * @example
 * const isOrder = compileTopicFilter('$share/workers/shop/orders/#');
 * isOrder('shop/orders/placed') // => true
 * isOrder('shop/payments') // => false
 */
export function compileTopicFilter(filter: string): (topic: string) => boolean {
  let matcher = cache.get(filter);
  if (matcher === undefined) {
    if (cache.size >= MAX_CACHED_TOPIC_FILTERS) cache.clear();
    matcher = buildMatcher(filter);
    cache.set(filter, matcher);
  }
  return matcher;
}

function buildMatcher(filter: string): (topic: string) => boolean {
  const start = filterStart(filter);
  const inner = start === 0 ? filter : filter.slice(start);
  if (inner === '#') return (topic) => topic.charCodeAt(0) !== DOLLAR;
  const hasPlus = inner.includes('+');
  const hashAt = inner.indexOf('#');
  if (!hasPlus && hashAt === -1) return (topic) => topic === inner;
  if (!hasPlus && hashAt === inner.length - 1 && hashAt >= 2 && inner.charCodeAt(hashAt - 1) === SLASH) {
    const parent = inner.slice(0, hashAt - 1);
    if (!parent.includes('#')) {
      const n = parent.length;
      // The first level is literal here, so the '$' rule needs no check.
      return (topic) => topic.startsWith(parent) && (topic.length === n || topic.charCodeAt(n) === SLASH);
    }
  }
  return (topic) => matchLevels(inner, 0, topic);
}
