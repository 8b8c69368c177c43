import type { CompileContext } from './CompileContext';
import type { Diagnostic } from './RuntimePlan';
import { nodeTitle } from './displayNames';
import { eventTypeFlow } from './eventTypeFlow';
import { ANY_TYPE, ruleAcceptance } from './ruleAcceptance';

/**
 * `missing-dead-letter` (warning): a broker node without a dead-letter channel that may meet
 * an event none of its channels takes. Such an event is dropped, with only a count and one line
 * in the run's log. Said only when the compiler can see it coming: some event type that reaches
 * the broker (from the type flow; events from outside count as any type) is not surely taken by
 * one of its channels, on one of the topics it arrives on. A broker with a channel that takes
 * everything (the tiny producer -> broker -> consumer flow) is never warned about.
 *
 * @example
 * checkDeadLetters(ctx) // broker "Orders" whose only channel takes data.total >= 1000 =>
 * // [{ code: 'missing-dead-letter', severity: 'warning', nodeId: 'orders', path: 'nodes[1]', message: 'Broker "Orders" has no dead-letter channel: events that match no channel are dropped...' }]
 */
export function checkDeadLetters(ctx: CompileContext): Diagnostic[] {
  const flow = eventTypeFlow(ctx);
  const out: Diagnostic[] = [];
  for (const { node, index } of ctx.nodesById.values()) {
    if (node.kind !== 'broker') continue;
    const outgoing = ctx.outgoing.get(node.id) ?? [];
    const inbound = ctx.incoming.get(node.id) ?? [];
    if (inbound.length === 0 || outgoing.some((c) => c.edge.deadLetter)) continue;
    const reaching = flow.reaching.get(node.id);
    const types = reaching === 'unknown' || reaching === undefined ? [ANY_TYPE] : [...reaching];
    let example: string | undefined;
    for (const c of inbound) {
      for (const type of types) {
        if (outgoing.some((o) => ruleAcceptance(o, type, c.edge.topic).verdict === 'yes')) continue;
        example ??= `${type === ANY_TYPE ? 'an event from outside' : `an event of type ${type}`} arriving on ${c.edge.topic}`;
      }
    }
    if (example === undefined) continue;
    out.push({
      severity: 'warning',
      code: 'missing-dead-letter',
      nodeId: node.id,
      path: `nodes[${index}]`,
      message: `${nodeTitle(node)} has no dead-letter channel: events that match no channel are dropped (such as ${example}${outgoing.length === 0 ? ', since it has no channel out' : ' that no rule is sure to take'}). Draw a dead-letter channel from it to a consumer (such as "Dead letters") to keep them with the reason.`,
    });
  }
  return out;
}
