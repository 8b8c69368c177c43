import { checkTopicText } from './checkTopicText';
import { SHARED_SUBSCRIPTION_PREFIX } from './parseSharedSubscription';
import type { TopicProblem } from './TopicProblem';

/**
 * Check a topic filter a flow subscribes with (MQTT 5 sections 4.7.1 and 4.8.2). '+' must
 * fill a whole level, '#' must be the whole last level, the filter is non-empty, has no NUL
 * and is at most 65535 UTF-8 bytes. A shared subscription `$share/<group>/<filter>` needs a
 * non-empty group without '/', '+' or '#', and a valid non-empty filter after it.
 * Returns null when the filter is fine.
 *
 * @example
 * validateTopicFilter('shop/+/placed') // => null
 * validateTopicFilter('$share/workers/shop/#') // => null
 * validateTopicFilter('shop/#/placed')
 * // => { message: "'#' must be the last level of a filter: use \"shop/#\", not \"shop/#/placed\"" }
 */
export function validateTopicFilter(filter: string): TopicProblem | null {
  const basic = checkTopicText(filter, 'topic filter', 'shop/orders/#');
  if (basic) return basic;
  if (filter.startsWith(SHARED_SUBSCRIPTION_PREFIX)) return validateSharedSubscription(filter);
  return validateLevels(filter, filter);
}

function validateSharedSubscription(whole: string): TopicProblem | null {
  const start = SHARED_SUBSCRIPTION_PREFIX.length;
  const slash = whole.indexOf('/', start);
  const group = slash === -1 ? whole.slice(start) : whole.slice(start, slash);
  const usage = 'use "$share/<group>/<filter>", e.g. "$share/workers/shop/orders/#"';
  if (group === '') {
    return { message: `the shared subscription ${JSON.stringify(whole)} has an empty share group: ${usage}` };
  }
  for (const wildcard of ['+', '#']) {
    if (group.includes(wildcard)) {
      return {
        message:
          `the share group ${JSON.stringify(group)} contains '${wildcard}', which a share group must not: ` +
          `name the group with plain characters, e.g. "$share/workers/..."`,
      };
    }
  }
  const inner = slash === -1 ? '' : whole.slice(slash + 1);
  if (inner === '') {
    return {
      message: `the shared subscription ${JSON.stringify(whole)} has no topic filter after the group "${group}": ${usage}`,
    };
  }
  return validateLevels(inner, whole);
}

function validateLevels(filter: string, whole: string): TopicProblem | null {
  const levels = filter.split('/');
  for (let i = 0; i < levels.length; i++) {
    const level = levels[i] as string;
    const before = levels.slice(0, i);
    if (level.includes('#')) {
      if (level !== '#') {
        return {
          message:
            `'#' must fill a whole level of a filter, but the level ${JSON.stringify(level)} of ${JSON.stringify(whole)} ` +
            `mixes it with other text: use ${JSON.stringify([...before, '#'].join('/'))} to match everything below`,
        };
      }
      if (i !== levels.length - 1) {
        return {
          message:
            `'#' must be the last level of a filter: use ${JSON.stringify([...before, '#'].join('/'))}, ` +
            `not ${JSON.stringify(filter)}`,
        };
      }
    } else if (level.includes('+') && level !== '+') {
      const fixed = [...before, '+', ...levels.slice(i + 1)].join('/');
      return {
        message:
          `'+' must fill a whole level of a filter, but the level ${JSON.stringify(level)} of ${JSON.stringify(whole)} ` +
          `mixes it with other text: use ${JSON.stringify(fixed)} to match any one level there`,
      };
    }
  }
  return null;
}
