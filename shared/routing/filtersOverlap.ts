import { filterStart } from './topicLevels';

/**
 * Could one topic name match both filters? Used to find channels whose subscriptions
 * collide, e.g. "shop/+/placed" and "shop/orders/#" both take "shop/orders/placed".
 * Shared subscriptions are compared by their inner filters. Both filters are expected to be
 * valid (validateTopicFilter). A wildcard first level never overlaps a literal first level
 * starting with '$', since such wildcards do not match $-topics (MQTT 5 section 4.7.2).
 *
 * @example
 * filtersOverlap('shop/+/placed', 'shop/orders/#') // => true
 * filtersOverlap('shop/+', 'shop/orders/placed') // => false
 * filtersOverlap('#', '$SYS/uptime') // => false
 */
export function filtersOverlap(a: string, b: string): boolean {
  const la = a.slice(filterStart(a)).split('/');
  const lb = b.slice(filterStart(b)).split('/');
  const a0 = la[0] as string;
  const b0 = lb[0] as string;
  if ((isWildcard(a0) && b0.startsWith('$')) || (isWildcard(b0) && a0.startsWith('$'))) return false;
  for (let i = 0; ; i++) {
    const x = la[i];
    const y = lb[i];
    // '#' takes the parent level and anything below, so whatever the other filter still
    // asks for (or nothing) can follow.
    if (x === '#' || y === '#') {
      // ...unless nothing follows and the one level before is empty: that topic would be "",
      // which is not a topic name ("/#" and "+" share no topic).
      const otherEndsHere = (x === '#' ? y : x) === undefined;
      return !(otherEndsHere && i === 1 && (a0 === '' || b0 === ''));
    }
    if (x === undefined || y === undefined) return x === y;
    if (x !== y && x !== '+' && y !== '+') return false;
  }
}

function isWildcard(level: string): boolean {
  return level === '+' || level === '#';
}
