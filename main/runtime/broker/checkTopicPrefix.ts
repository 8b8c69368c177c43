import { validateTopicName } from '../../../shared/routing/validateTopicName';

export type TopicPrefixResult = { ok: true; prefix: string } | { ok: false; message: string };

/**
 * Check a run's topic prefix (`--topic-prefix`, or a flow's `broker.topicPrefix`) and
 * normalise it: it is prepended to every channel topic, so it must be a plain topic name
 * (no `+` or `#` wildcard, no leading `$`, no NUL), and it is made to end with `/`, so that
 * `sim` gives `sim/shop/orders` and a watcher's `sim/#` sees everything (a prefix glued to
 * the topic, `simshop/orders`, matches no filter but `#`). '' means no prefix.
 *
 * @example
 * checkTopicPrefix('sim', '--topic-prefix') // => { ok: true, prefix: 'sim/' }
 * checkTopicPrefix('a/+/', '--topic-prefix') // => { ok: false, message: "--topic-prefix: ... wildcard '+' ..." }
 */
export function checkTopicPrefix(prefix: string, what: string): TopicPrefixResult {
  if (prefix === '') return { ok: true, prefix: '' };
  for (const wildcard of ['+', '#']) {
    if (prefix.includes(wildcard)) {
      return {
        ok: false,
        message: `${what}: ${JSON.stringify(prefix)} contains the wildcard '${wildcard}'; the prefix goes in front of the topics events are published on, so it must be a plain name such as sim/`,
      };
    }
  }
  const problem = validateTopicName(prefix);
  if (problem) return { ok: false, message: `${what}: ${problem.message.replace(/^the topic/, 'the prefix')}` };
  return { ok: true, prefix: prefix.endsWith('/') ? prefix : `${prefix}/` };
}
