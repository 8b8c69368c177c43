import type { RuntimePlan } from '../../../shared/compile/RuntimePlan';
import { compileFlow } from '../../../shared/compile/compileFlow';
import type { FlowDocument, FlowDocumentInput } from '../../../shared/flow/FlowDocument';
import { loadFlow } from '../../../shared/flow/loadFlow';

/**
 * A small checkout for log and replay tests: a storefront places orders, a router sends each
 * to payment and to fraud, payment answers with a receipt event.
 */
export const replayFlowInput: FlowDocumentInput = {
  schemaVersion: 1,
  name: 'Replay test',
  eventTypes: [{ name: 'order.placed' }, { name: 'payment.succeeded' }],
  nodes: [
    {
      id: 'store',
      kind: 'producer',
      name: 'Storefront',
      settings: { eventType: 'order.placed', ratePerSecond: 50, template: '{"orderId": "o-" & $string(seq), "total": seq}', seed: 1 },
    },
    { id: 'router', kind: 'broker', name: 'Router' },
    { id: 'payment', kind: 'consumer', name: 'Payment', settings: { outputs: [{ on: 'success', eventType: 'payment.succeeded' }] } },
    { id: 'fraud', kind: 'consumer', name: 'Fraud' },
    { id: 'receipts', kind: 'consumer', name: 'Receipts' },
  ],
  edges: [
    { id: 'store-router', source: 'store', target: 'router', topic: 'shop/orders' },
    { id: 'router-payment', source: 'router', target: 'payment', topic: 'shop/payments', rule: { pattern: { type: ['order.placed'] } } },
    { id: 'router-fraud', source: 'router', target: 'fraud', topic: 'shop/fraud', rule: { pattern: { type: ['order.placed'] } } },
    { id: 'payment-receipts', source: 'payment', target: 'receipts', topic: 'shop/receipts', rule: { pattern: { type: ['payment.succeeded'] } } },
  ],
};

export function replayFlow(): { doc: FlowDocument; plan: RuntimePlan } {
  const loaded = loadFlow(replayFlowInput);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
  const { plan, diagnostics } = compileFlow(loaded.doc);
  if (!plan) throw new Error(JSON.stringify(diagnostics));
  return { doc: loaded.doc, plan };
}
