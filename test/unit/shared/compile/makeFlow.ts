import { flowDocumentSchema, type FlowDocument } from '../../../../shared/flow/FlowDocument';

/**
 * Small documents for compiler tests, defaults filled by the real schema. `helloFlow()` is
 * a correct flow (Storefront -> Order broker -> Payment) that tests change one thing in.
 */
type Json = Record<string, unknown>;

export function makeFlow(input: { eventTypes?: string[]; nodes: Json[]; edges?: Json[]; broker?: Json; name?: string }): FlowDocument {
  return flowDocumentSchema.parse({
    schemaVersion: 1,
    name: input.name ?? 'Hello checkout',
    ...(input.broker ? { broker: input.broker } : {}),
    eventTypes: (input.eventTypes ?? ['order.placed', 'payment.succeeded', 'payment.failed', 'fraud.alert']).map((name) => ({ name })),
    nodes: input.nodes,
    edges: input.edges ?? [],
  });
}

export const producer = (id: string, name: string, settings: Json = {}): Json => ({
  id,
  kind: 'producer',
  name,
  settings: { eventType: 'order.placed', ...settings },
});

export const broker = (id: string, name: string, settings: Json = {}): Json => ({ id, kind: 'broker', name, settings: { mode: 'fan-out', ...settings } });

export const consumer = (id: string, name: string, settings: Json = {}): Json => ({ id, kind: 'consumer', name, settings });

export const edge = (id: string, source: string, target: string, topic: string, extra: Json = {}): Json => ({ id, source, target, topic, ...extra });

/** The three nodes and two channels of a correct flow. */
export function helloParts(): { nodes: Json[]; edges: Json[] } {
  return {
    nodes: [
      producer('shop', 'Storefront'),
      broker('orders', 'Order broker'),
      consumer('pay', 'Payment', { outputs: [{ on: 'success', eventType: 'payment.succeeded' }] }),
    ],
    edges: [
      edge('placed', 'shop', 'orders', 'shop/orders/placed'),
      edge('to-pay', 'orders', 'pay', 'orders/payment', { rule: { pattern: { type: ['order.placed'] } } }),
    ],
  };
}

export function helloFlow(): FlowDocument {
  return makeFlow(helloParts());
}
