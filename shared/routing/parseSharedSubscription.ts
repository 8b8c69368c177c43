/** The prefix of an MQTT 5 shared subscription (section 4.8.2). */
export const SHARED_SUBSCRIPTION_PREFIX = '$share/';

/**
 * Split an MQTT 5 shared subscription `$share/<group>/<filter>` into its share group and
 * the topic filter it subscribes to. Returns null when `filter` is not one, or when it is
 * malformed (empty group, a group containing '+' or '#', or no filter after the group):
 * validateTopicFilter explains what is wrong with those.
 *
 * @example
 * parseSharedSubscription('$share/workers/shop/orders/#') // => { group: 'workers', filter: 'shop/orders/#' }
 * parseSharedSubscription('shop/orders/#') // => null
 */
export function parseSharedSubscription(filter: string): { group: string; filter: string } | null {
  if (!filter.startsWith(SHARED_SUBSCRIPTION_PREFIX)) return null;
  const slash = filter.indexOf('/', SHARED_SUBSCRIPTION_PREFIX.length);
  if (slash === -1) return null;
  const group = filter.slice(SHARED_SUBSCRIPTION_PREFIX.length, slash);
  const inner = filter.slice(slash + 1);
  if (group === '' || inner === '' || group.includes('+') || group.includes('#')) return null;
  return { group, filter: inner };
}
