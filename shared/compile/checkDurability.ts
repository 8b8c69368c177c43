import type { CompileContext } from './CompileContext';
import type { Diagnostic } from './RuntimePlan';
import { channelTitle, nodeTitle } from './displayNames';

/**
 * `qos-0-into-durable` (warning): a channel with `qos: 0` into a durable consumer. The
 * consumer's persistent session is there so events wait in the broker while it is paused or
 * offline, but a message is delivered at the lower of the publish and subscribe QoS, and
 * brokers do not queue QoS 0 messages for a disconnected session: those events are lost.
 *
 * @example
 * checkDurability(ctx) // channel "Orders → Payment" with qos 0, Payment durable =>
 * // [{ code: 'qos-0-into-durable', severity: 'warning', edgeId: 'to-pay', nodeId: 'pay', path: 'edges[1].qos', message: '...Set the channel\'s qos to 1...' }]
 */
export function checkDurability(ctx: CompileContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const { edge, index, target } of ctx.channels) {
    const node = target.node;
    if (node.kind !== 'consumer' || !node.settings.durable || edge.qos !== 0) continue;
    out.push({
      severity: 'warning',
      code: 'qos-0-into-durable',
      edgeId: edge.id,
      nodeId: node.id,
      path: `edges[${index}].qos`,
      message: `The ${channelTitle(edge, ctx.nodesById)} delivers with QoS 0 into ${nodeTitle(node)}, which is durable: brokers do not keep QoS 0 messages while a consumer is paused or offline, so those events would be lost instead of waiting for it. Set the channel's qos to 1 (or make the consumer not durable).`,
    });
  }
  return out;
}
