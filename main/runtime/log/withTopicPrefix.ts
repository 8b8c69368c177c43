/**
 * The topic a channel uses on the wire in a run with this prefix: the same rule as the runtime
 * (`RunEnv.topicPrefix + topic`, the prefix taken as written, e.g. `sim/`), so a replay lands
 * exactly where the run's nodes subscribe.
 */
export function withTopicPrefix(prefix: string, topic: string): string {
  return prefix + topic;
}
