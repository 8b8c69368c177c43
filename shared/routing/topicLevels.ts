import { SHARED_SUBSCRIPTION_PREFIX } from './parseSharedSubscription';

export const SLASH = 0x2f;
export const PLUS = 0x2b;
export const HASH = 0x23;
export const DOLLAR = 0x24;

/**
 * Where the topic filter proper starts: after `$share/<group>/` for a shared subscription,
 * else 0. A shared subscription matches topics exactly as its inner filter does (MQTT 5
 * section 4.8.2).
 *
 * @example
 * filterStart('$share/g/a/#') // => 9
 * filterStart('a/#') // => 0
 */
export function filterStart(filter: string): number {
  if (filter.charCodeAt(0) !== DOLLAR || !filter.startsWith(SHARED_SUBSCRIPTION_PREFIX)) return 0;
  const slash = filter.indexOf('/', SHARED_SUBSCRIPTION_PREFIX.length);
  if (slash <= SHARED_SUBSCRIPTION_PREFIX.length || slash === filter.length - 1) return 0;
  return slash + 1;
}

/**
 * Match `topic` against the filter that starts at `start` in `filter`, level by level, by
 * index: no splitting, no allocation. '+' matches exactly one level (possibly empty), '#'
 * as the last level matches its parent and any number of levels below; a topic starting
 * with '$' is not matched by a wildcard in the first level (MQTT 5 section 4.7.2).
 *
 * @example
 * matchLevels('sport/#', 0, 'sport') // => true
 */
export function matchLevels(filter: string, start: number, topic: string): boolean {
  const fl = filter.length;
  const tl = topic.length;
  if (topic.charCodeAt(0) === DOLLAR) {
    const first = filter.charCodeAt(start);
    if ((first === PLUS || first === HASH) && (start + 1 === fl || filter.charCodeAt(start + 1) === SLASH)) {
      return false;
    }
  }
  let f = start;
  let t = 0;
  let topicDone = false;
  for (;;) {
    let fEnd = filter.indexOf('/', f);
    if (fEnd === -1) fEnd = fl;
    const single = fEnd - f === 1;
    if (single && fEnd === fl && filter.charCodeAt(f) === HASH) return true;
    if (topicDone) return false;
    let tEnd = topic.indexOf('/', t);
    const topicLast = tEnd === -1;
    if (topicLast) tEnd = tl;
    if (!(single && filter.charCodeAt(f) === PLUS)) {
      const len = fEnd - f;
      if (len !== tEnd - t) return false;
      for (let k = 0; k < len; k++) {
        if (filter.charCodeAt(f + k) !== topic.charCodeAt(t + k)) return false;
      }
    }
    if (fEnd === fl) return topicLast;
    f = fEnd + 1;
    if (topicLast) topicDone = true;
    else t = tEnd + 1;
  }
}
