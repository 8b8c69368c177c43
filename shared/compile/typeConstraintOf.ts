import { compilePattern, fieldConstraint } from '../routing';
import type { RoutingRule } from '../flow/FlowDocument';

/**
 * The test a routing rule puts on an event's `type`, or undefined when the rule does not
 * constrain the type (no rule, no pattern, a pattern without `type`) or its pattern does
 * not compile (that is reported as invalid-pattern, not guessed at).
 *
 * @example
 * typeConstraintOf({ pattern: { type: ['order.placed'] } })?.('order.placed') // => true
 * typeConstraintOf({ topicFilter: 'orders/#' }) // => undefined
 */
export function typeConstraintOf(rule: RoutingRule | undefined): ((type: unknown) => boolean) | undefined {
  if (rule?.pattern === undefined) return undefined;
  if (!compilePattern(rule.pattern).ok) return undefined;
  return fieldConstraint(rule.pattern, ['type']);
}
