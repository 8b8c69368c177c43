import type { CompileContext } from './CompileContext';
import type { Diagnostic } from './RuntimePlan';
import { nodeTitle } from './displayNames';

/**
 * `missing-setting` (error): settings the schema allows to be absent, but that the chosen
 * mode needs: an `external` producer's `external` block, a `monitor` consumer's `monitor`
 * rules, the `field` of a sum or max monitor rule; and a uniform processing time whose
 * minMs is above its maxMs.
 *
 * @example
 * checkSettings(ctx) // producer "Webhook" with mode 'external' and no `external` =>
 * // [{ code: 'missing-setting', nodeId: 'hook', path: 'nodes[0].settings.external', message: 'Producer "Webhook" is in external mode but says nothing to subscribe to: ...' }]
 */
export function checkSettings(ctx: CompileContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  const missing = (nodeId: string, path: string, message: string) =>
    out.push({ severity: 'error', code: 'missing-setting', nodeId, path, message });
  ctx.doc.nodes.forEach((node, i) => {
    const base = `nodes[${i}].settings`;
    switch (node.kind) {
      case 'producer':
        if (node.settings.mode === 'external' && node.settings.external === undefined) {
          missing(
            node.id,
            `${base}.external`,
            `${nodeTitle(node)} is in external mode but says nothing to subscribe to: set external.topicFilter to the topics outside events arrive on (e.g. webhooks/orders/#), or switch the mode to rate or manual.`,
          );
        }
        return;
      case 'broker':
        return;
      case 'consumer': {
        const s = node.settings;
        if (s.role === 'monitor' && s.monitor === undefined) {
          missing(
            node.id,
            `${base}.monitor`,
            `${nodeTitle(node)} has the monitor role but no monitor rules: add at least one rule under monitor, or switch the role to worker.`,
          );
        }
        s.monitor?.rules.forEach((rule, k) => {
          if ((rule.aggregate === 'sum' || rule.aggregate === 'max') && rule.field === undefined) {
            missing(
              node.id,
              `${base}.monitor.rules[${k}].field`,
              `Monitor rule "${rule.name}" of ${nodeTitle(node)} takes the ${rule.aggregate} but has no field: set field to the number to ${rule.aggregate === 'sum' ? 'add up' : 'compare'}, e.g. data.total, or use the count aggregate.`,
            );
          }
        });
        if (s.processing.distribution === 'uniform' && s.processing.minMs > s.processing.maxMs) {
          missing(
            node.id,
            `${base}.processing.minMs`,
            `${nodeTitle(node)} has a processing time between ${s.processing.minMs} ms and ${s.processing.maxMs} ms, but minMs is above maxMs: make minMs at most maxMs.`,
          );
        }
        return;
      }
    }
  });
  return out;
}
