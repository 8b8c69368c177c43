/** What a shortened topic starts with. */
const TOPIC_ELLIPSIS = '…';

/**
 * The topic as it fits in `maxChars` characters: whole when it fits, otherwise its tail after
 * an ellipsis. The last levels of a topic are the ones that tell channels apart
 * (`shop/replicas/warehouse/orders` vs `shop/replicas/analytics/orders`), so the cut falls on a
 * level boundary when that still keeps two thirds of the room, and mid-level otherwise.
 *
 * @example
 * topicTail('shop/replicas/warehouse/orders', 18) // => '…/warehouse/orders'
 * topicTail('shop/replicas/warehouse/orders', 12) // => '…ouse/orders'
 * topicTail('shop/notifications', 10) // => '…fications'
 */
export function topicTail(topic: string, maxChars: number): string {
  if (topic.length <= maxChars) return topic;
  const room = Math.max(0, maxChars - TOPIC_ELLIPSIS.length);
  if (room === 0) return TOPIC_ELLIPSIS;
  const tail = topic.slice(topic.length - room);
  const boundary = tail.indexOf('/');
  if (boundary > 0 && tail.length - boundary >= (room * 2) / 3) return TOPIC_ELLIPSIS + tail.slice(boundary);
  return TOPIC_ELLIPSIS + tail;
}
