import {
  brokerNodeSchema,
  consumerNodeSchema,
  producerNodeSchema,
  type EventTypeDef,
  type FlowDocument,
  type FlowNode,
  type NodeKind,
  type Position,
} from '../../shared/flow/FlowDocument';
import { slugify, uniqueId, uniqueName } from '../design/nodeIds';

/**
 * What the palette offers: the three plain building blocks and ready-made services from the
 * retail checkout. A preset brings the event types its node sends, with examples, so a new
 * node compiles without errors and its channels can be tested against a sample event.
 */
export interface NodePreset {
  id: string;
  /** The palette's accessible name and the new node's name. */
  label: string;
  kind: NodeKind;
  description: string;
  settings: Record<string, unknown>;
  eventTypes: EventTypeDef[];
}

const orderPlaced: EventTypeDef = {
  name: 'checkout.order.placed',
  description: 'A customer completed the checkout form: the cart, its total and how they pay.',
  example: {
    orderId: 'ord-000042',
    customerId: 'cust-3f9c2a17',
    items: [{ sku: 'RG-SAPPHIRE-HALO', name: 'Sapphire halo ring', category: 'ring', unitPrice: 640, quantity: 1 }],
    total: 640,
    currency: 'EUR',
    paymentMethod: { type: 'card', token: 'tok_k3v9q0x1m2c7p4zt' },
    shippingCountry: 'NL',
  },
};
const paymentSucceeded: EventTypeDef = {
  name: 'payment.succeeded',
  description: 'The card was charged.',
  example: { orderId: 'ord-000042', customerId: 'cust-3f9c2a17', amount: 640, currency: 'EUR', paymentId: 'pay_000042', attempt: 1 },
};
const paymentFailed: EventTypeDef = {
  name: 'payment.failed',
  description: 'The card was declined.',
  example: { orderId: 'ord-000047', customerId: 'cust-81d0b6e4', amount: 189, currency: 'EUR', reason: 'card_declined' },
};
const inventoryUpdated: EventTypeDef = {
  name: 'inventory.updated',
  description: 'Stock was taken for an order.',
  example: { orderId: 'ord-000042', changes: [{ sku: 'RG-SAPPHIRE-HALO', quantity: 1, remaining: 11 }] },
};
const securityAlert: EventTypeDef = {
  name: 'security.alert',
  description: 'A monitor rule went over its threshold.',
  example: { rule: 'repeat-orders', group: 'cust-3f9c2a17', value: 4, threshold: 3, windowSeconds: 10 },
};
const itemCreated: EventTypeDef = {
  name: 'item.created',
  description: 'Something happened; rename it to what your system does.',
  example: { id: 'item-1', value: 42 },
};

export const BASIC_PRESETS: readonly NodePreset[] = [
  {
    id: 'producer',
    label: 'Producer',
    kind: 'producer',
    description: 'Sends events at a rate',
    settings: { eventType: itemCreated.name, ratePerSecond: 1 },
    eventTypes: [itemCreated],
  },
  {
    id: 'broker',
    label: 'Broker',
    kind: 'broker',
    description: 'Routes by content',
    settings: { mode: 'fan-out' },
    eventTypes: [],
  },
  {
    id: 'consumer',
    label: 'Consumer',
    kind: 'consumer',
    description: 'Processes events',
    settings: {},
    eventTypes: [],
  },
];

export const SERVICE_PRESETS: readonly NodePreset[] = [
  {
    id: 'storefront',
    label: 'Storefront',
    kind: 'producer',
    description: 'Places 5 orders/s',
    settings: {
      eventType: orderPlaced.name,
      ratePerSecond: 5,
      jitter: 0.2,
      template:
        '{\n  "orderId": "ord-" & $pad($string(seq), -6, "0"),\n  "customerId": "cust-" & $string($floor($random() * 1000)),\n  "items": [{ "sku": "RG-SAPPHIRE-HALO", "name": "Sapphire halo ring", "category": "ring", "unitPrice": 640, "quantity": 1 }],\n  "total": 640,\n  "currency": "EUR",\n  "paymentMethod": { "type": "card", "token": "tok_" & $string(seq) },\n  "shippingCountry": "NL"\n}',
    },
    eventTypes: [orderPlaced],
  },
  {
    id: 'payment-service',
    label: 'Payment service',
    kind: 'consumer',
    description: 'Charges the card',
    settings: {
      concurrency: 8,
      processing: { distribution: 'uniform', minMs: 100, maxMs: 400 },
      failure: { probability: 0.05 },
      outputs: [
        {
          on: 'success',
          eventType: paymentSucceeded.name,
          transform:
            '{ "orderId": data.orderId, "customerId": data.customerId, "amount": data.total, "currency": data.currency, "paymentId": "pay_" & $substring(data.orderId, 4), "attempt": 1 }',
        },
        {
          on: 'failure',
          eventType: paymentFailed.name,
          transform:
            '{ "orderId": data.orderId, "customerId": data.customerId, "amount": data.total, "currency": data.currency, "reason": "card_declined" }',
        },
      ],
    },
    eventTypes: [paymentSucceeded, paymentFailed],
  },
  {
    id: 'inventory-service',
    label: 'Inventory service',
    kind: 'consumer',
    description: 'Reserves the stock',
    settings: {
      processing: { distribution: 'fixed', ms: 10 },
      outputs: [
        {
          on: 'success',
          eventType: inventoryUpdated.name,
          transform: '{ "orderId": data.orderId, "changes": [data.items.{ "sku": sku, "quantity": quantity }] }',
        },
      ],
    },
    eventTypes: [inventoryUpdated],
  },
  {
    id: 'analytics-replica',
    label: 'Analytics replica',
    kind: 'consumer',
    description: 'Two instances share work',
    settings: { instances: 2, processing: { distribution: 'uniform', minMs: 2, maxMs: 10 } },
    eventTypes: [],
  },
  {
    id: 'fraud-monitor',
    label: 'Fraud monitor',
    kind: 'consumer',
    description: 'Alerts on repeat orders',
    settings: {
      role: 'monitor',
      monitor: {
        rules: [
          {
            name: 'repeat-orders',
            windowSeconds: 10,
            groupBy: 'data.customerId',
            aggregate: 'count',
            threshold: 3,
            alertType: securityAlert.name,
          },
        ],
      },
    },
    eventTypes: [securityAlert],
  },
  {
    id: 'notifications',
    label: 'Notifications',
    kind: 'consumer',
    description: 'Tells the customer',
    settings: { concurrency: 4, processing: { distribution: 'uniform', minMs: 10, maxMs: 50 } },
    eventTypes: [],
  },
  {
    id: 'dead-letter',
    label: 'Dead-letter',
    kind: 'consumer',
    description: 'Keeps what failed',
    settings: { processing: { distribution: 'fixed', ms: 0 } },
    eventTypes: [],
  },
];

export const ALL_PRESETS: readonly NodePreset[] = [...BASIC_PRESETS, ...SERVICE_PRESETS];

/** Preset names that read better as node names. */
const NODE_NAMES: Record<string, string> = { 'dead-letter': 'Dead letters' };

/**
 * A new node from a preset at `position`, with an id and a name not yet used in `doc`, its
 * settings completed with the schema's defaults.
 *
 * @example
 * instantiatePreset(doc, BASIC_PRESETS[0], { x: 0, y: 0 }).node.id // => 'producer' (or 'producer-2', ...)
 */
export function instantiatePreset(
  doc: FlowDocument,
  preset: NodePreset,
  position: Position,
): { node: FlowNode; eventTypes: EventTypeDef[] } {
  const name = uniqueName(NODE_NAMES[preset.id] ?? preset.label, new Set(doc.nodes.map((n) => n.name)));
  const id = uniqueId(slugify(name), new Set(doc.nodes.map((n) => n.id)));
  const input = {
    id,
    name,
    kind: preset.kind,
    position: { x: Math.round(position.x), y: Math.round(position.y) },
    settings: structuredClone(preset.settings),
  };
  const node: FlowNode =
    preset.kind === 'producer'
      ? producerNodeSchema.parse(input)
      : preset.kind === 'broker'
        ? brokerNodeSchema.parse(input)
        : consumerNodeSchema.parse(input);
  return { node, eventTypes: structuredClone(preset.eventTypes) };
}

/** Find a preset by id (the palette's drag payload). */
export function presetById(id: string): NodePreset | undefined {
  return ALL_PRESETS.find((p) => p.id === id);
}
