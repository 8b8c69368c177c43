import type { CompileContext } from './CompileContext';
import type { Diagnostic } from './RuntimePlan';
import { nodeTitle } from './displayNames';

/**
 * `shared-subscription-unsupported` (error): a consumer with more than one instance shares
 * its work through `$share/...` subscriptions; when the caller knows the broker cannot do
 * that (options.brokerCapabilities.sharedSubscriptions === false) every instance would get
 * every event. Without that knowledge nothing is said: the runtime checks on connect.
 *
 * @example
 * checkBrokerCapabilities(createCompileContext(doc, { brokerCapabilities: { mqtt5: false, sharedSubscriptions: false } }))
 * // => [{ code: 'shared-subscription-unsupported', nodeId: 'pay', path: 'nodes[2].settings.instances', ... }]
 */
export function checkBrokerCapabilities(ctx: CompileContext): Diagnostic[] {
  if (ctx.options.brokerCapabilities?.sharedSubscriptions !== false) return [];
  const out: Diagnostic[] = [];
  ctx.doc.nodes.forEach((node, i) => {
    if (node.kind !== 'consumer' || node.settings.instances <= 1) return;
    out.push({
      severity: 'error',
      code: 'shared-subscription-unsupported',
      nodeId: node.id,
      path: `nodes[${i}].settings.instances`,
      message: `${nodeTitle(node)} runs ${node.settings.instances} instances that share its work through shared subscriptions ($share), which this broker does not support, so each instance would process every event: set instances to 1, or use a broker with MQTT 5 shared subscriptions (Mosquitto 2, EMQX, HiveMQ).`,
    });
  });
  return out;
}
