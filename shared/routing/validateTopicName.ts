import { checkTopicText } from './checkTopicText';
import type { TopicProblem } from './TopicProblem';

/**
 * Check a topic a flow publishes on (MQTT 5 section 4.7): non-empty, no wildcard '+' or
 * '#', no NUL, well-formed UTF-8 of at most 65535 bytes, and not starting with '$': such
 * topics ($SYS/...) are the broker's own, and a flow must not publish to them.
 * Returns null when the name is fine.
 *
 * @example
 * validateTopicName('shop/orders/placed') // => null
 * validateTopicName('shop/+/placed')
 * // => { message: 'the topic "shop/+/placed" contains the wildcard \'+\': ...' }
 */
export function validateTopicName(topic: string): TopicProblem | null {
  const basic = checkTopicText(topic, 'topic', 'shop/orders/placed');
  if (basic) return basic;
  for (const wildcard of ['+', '#']) {
    if (topic.includes(wildcard)) {
      return {
        message:
          `the topic ${JSON.stringify(topic)} contains the wildcard '${wildcard}': a topic that events are ` +
          `published on must be a plain name such as "shop/orders/placed"; wildcards belong in subscription filters only`,
      };
    }
  }
  if (topic.charCodeAt(0) === DOLLAR) {
    return {
      message:
        `the topic ${JSON.stringify(topic)} starts with '$': topics beginning with '$' (such as $SYS/...) are reserved ` +
        `for the broker's own use, so a flow must not publish to them: remove the leading '$'`,
    };
  }
  return null;
}

const DOLLAR = 0x24;
