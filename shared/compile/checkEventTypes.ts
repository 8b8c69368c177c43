import type { CompileContext } from './CompileContext';
import type { Diagnostic } from './RuntimePlan';
import { nodeTitle } from './displayNames';

/** A message lists this many declared types at most; a catalogue can hold hundreds. */
export const MAX_LISTED_TYPES = 12;

/**
 * `unknown-event-type` (error): every type a node emits must be declared under Event types,
 * so the designer can show its schema and example and routing rules can be checked against
 * it. Checked: a producer's `eventType`, each consumer output's `eventType` and each monitor
 * rule's `alertType`.
 *
 * @example
 * checkEventTypes(ctx) // producer "Storefront" emits "order.placd" =>
 * // [{ code: 'unknown-event-type', path: 'nodes[0].settings.eventType', message: 'Producer "Storefront" emits "order.placd", which is not a declared event type: add it under Event types or pick one of: order.placed, payment.ok.' }]
 */
export function checkEventTypes(ctx: CompileContext): Diagnostic[] {
  const declared = ctx.doc.eventTypes.map((t) => t.name);
  const known = new Set(declared);
  const listed = declared.slice(0, MAX_LISTED_TYPES).join(', ');
  const more = declared.length > MAX_LISTED_TYPES ? ` (and ${declared.length - MAX_LISTED_TYPES} more)` : '';
  const fix = declared.length > 0 ? `add it under Event types or pick one of: ${listed}${more}` : 'add it under Event types (none are declared yet)';
  const out: Diagnostic[] = [];
  const check = (nodeId: string, path: string, type: string, what: string) => {
    if (known.has(type)) return;
    out.push({
      severity: 'error',
      code: 'unknown-event-type',
      nodeId,
      path,
      message: `${what} "${type}", which is not a declared event type: ${fix}.`,
    });
  };
  ctx.doc.nodes.forEach((node, i) => {
    switch (node.kind) {
      case 'producer':
        check(node.id, `nodes[${i}].settings.eventType`, node.settings.eventType, `${nodeTitle(node)} emits`);
        return;
      case 'broker':
        return;
      case 'consumer':
        node.settings.outputs.forEach((output, k) => {
          check(node.id, `nodes[${i}].settings.outputs[${k}].eventType`, output.eventType, `Output ${k + 1} of ${nodeTitle(node)} emits`);
        });
        node.settings.monitor?.rules.forEach((rule, k) => {
          check(
            node.id,
            `nodes[${i}].settings.monitor.rules[${k}].alertType`,
            rule.alertType,
            `Monitor rule "${rule.name}" of ${nodeTitle(node)} raises`,
          );
        });
        return;
    }
  });
  return out;
}
