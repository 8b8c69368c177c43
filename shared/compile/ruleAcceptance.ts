import { compilePattern, compileTopicFilter, validateTopicFilter } from '../routing';
import type { Channel } from './CompileContext';
import { channelTitle } from './displayNames';
import { typeConstraintOf } from './typeConstraintOf';

/** The type of an event the document says nothing about (an external producer's, a dead letter's). */
export const ANY_TYPE = '*';

/** What a channel's rule does with an event of one type from one topic. */
export interface Acceptance {
  verdict: 'yes' | 'maybe' | 'no';
  /** For `maybe`: what decides. */
  conditions: string[];
}

/**
 * Does the channel's rule take an event of `type` (ANY_TYPE: not known) that arrived on
 * `inboundTopic` (undefined: not known)? `yes` when it surely does (no rule; a topic filter
 * matching the inbound topic; a pattern on `type` alone that accepts the type), `no` when it
 * surely does not, `maybe` (with what decides) otherwise. An invalid filter or pattern is a
 * `maybe`: it is reported as such by other checks, not guessed at here.
 *
 * @example
 * ruleAcceptance(channelWithPattern({ type: ['order.placed'] }), 'order.placed', 'shop/orders') // => { verdict: 'yes', conditions: [] }
 * ruleAcceptance(channelWithPattern({ data: { total: [{ numeric: ['>', 100] }] } }), 'order.placed', 'shop/orders')
 * // => { verdict: 'maybe', conditions: ['the pattern of the channel "Orders → Review" (topic orders/review)'] }
 */
export function ruleAcceptance(channel: Channel, type: string, inboundTopic: string | undefined): Acceptance {
  const rule = channel.edge.rule;
  if (rule === undefined) return { verdict: 'yes', conditions: [] };
  const name = channelName(channel);
  const conditions: string[] = [];
  const filter = rule.topicFilter;
  if (filter !== undefined) {
    if (inboundTopic === undefined || validateTopicFilter(filter) !== null) conditions.push(`the topic filter of ${name}`);
    else if (!compileTopicFilter(filter)(inboundTopic)) return { verdict: 'no', conditions: [] };
  }
  const pattern = rule.pattern;
  if (pattern !== undefined && Object.keys(pattern).length > 0) {
    const onType = compilePattern(pattern).ok ? typeConstraintOf(rule) : undefined;
    if (onType !== undefined && type !== ANY_TYPE && !onType(type)) return { verdict: 'no', conditions: [] };
    const typeOnly = onType !== undefined && type !== ANY_TYPE && Object.keys(pattern).every((k) => k === 'type');
    if (!typeOnly) conditions.push(`the pattern of ${name}`);
  }
  return { verdict: conditions.length === 0 ? 'yes' : 'maybe', conditions };
}

function channelName(channel: Channel): string {
  return `the ${channelTitle(channel.edge, new Map([[channel.source.node.id, channel.source], [channel.target.node.id, channel.target]]))}`;
}
