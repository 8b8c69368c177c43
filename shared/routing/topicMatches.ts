import { filterStart, matchLevels } from './topicLevels';

/**
 * Does the topic name match the topic filter (MQTT 5 section 4.7)? '+' matches exactly one
 * level, which may be empty; '#' matches the parent level and everything below it, so
 * "sport/#" matches "sport"; a wildcard in the first level does not match topics that start
 * with '$' ($SYS/...); `$share/<group>/<filter>` matches as `<filter>` does. The filter is
 * expected to be valid (validateTopicFilter). Runs on the routing hot path: no regex, no
 * splitting; for a filter used many times, compileTopicFilter is faster still.
 *
 * @example
 * topicMatches('shop/+/placed', 'shop/orders/placed') // => true
 * topicMatches('sport/tennis/#', 'sport/tennis') // => true
 * topicMatches('#', '$SYS/uptime') // => false
 */
export function topicMatches(filter: string, topic: string): boolean {
  return matchLevels(filter, filterStart(filter), topic);
}
