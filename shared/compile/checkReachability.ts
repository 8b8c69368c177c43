import type { CompileContext } from './CompileContext';
import type { Diagnostic } from './RuntimePlan';
import { nodeTitle } from './displayNames';

/**
 * Parts of the flow no event will visit (warnings: the flow still runs):
 * `unreachable-consumer` for a consumer that no producer reaches through channels (any
 * producer is a source, an `external` one included: it brings outside events in), and
 * `producer-reaches-nobody` for a producer with no outgoing channel (a dead-letter channel
 * does not count: it carries failures, not the producer's events).
 *
 * @example
 * checkReachability(ctx) // consumer "Audit" with no inbound channel =>
 * // [{ code: 'unreachable-consumer', severity: 'warning', nodeId: 'audit', path: 'nodes[2]', message: 'Consumer "Audit" will receive nothing: ...' }]
 */
export function checkReachability(ctx: CompileContext): Diagnostic[] {
  const reached = new Set<string>();
  const queue: string[] = [];
  for (const { node } of ctx.nodesById.values()) {
    if (node.kind === 'producer') {
      reached.add(node.id);
      queue.push(node.id);
    }
  }
  for (let head = 0; head < queue.length; head++) {
    for (const channel of ctx.outgoing.get(queue[head]!) ?? []) {
      const next = channel.target.node.id;
      if (reached.has(next)) continue;
      reached.add(next);
      queue.push(next);
    }
  }
  const out: Diagnostic[] = [];
  for (const { node, index } of ctx.nodesById.values()) {
    if (node.kind === 'consumer' && !reached.has(node.id)) {
      const inbound = ctx.incoming.get(node.id)?.length ?? 0;
      out.push({
        severity: 'warning',
        code: 'unreachable-consumer',
        nodeId: node.id,
        path: `nodes[${index}]`,
        message:
          inbound === 0
            ? `${nodeTitle(node)} will receive nothing: no channel goes into it. Connect it from a producer, or from a broker or consumer that a producer feeds.`
            : `${nodeTitle(node)} will receive nothing: no producer reaches it through the channels into it. Connect it to a path that starts at a producer.`,
      });
    }
    if (node.kind === 'producer' && !(ctx.outgoing.get(node.id) ?? []).some((c) => !c.edge.deadLetter)) {
      out.push({
        severity: 'warning',
        code: 'producer-reaches-nobody',
        nodeId: node.id,
        path: `nodes[${index}]`,
        message: `${nodeTitle(node)} has no outgoing channel, so its events reach nobody: draw a channel from it to a broker or consumer.`,
      });
    }
  }
  return out;
}
