import type { BrokerSettings } from '../flow/FlowDocument';

/** Flow names can be long sentences; the slug only has to tell flows apart on one broker. */
export const MAX_FLOW_SLUG_LENGTH = 32;
/** Longer node ids are cut (and hashed) so client ids stay well inside what brokers accept. */
export const MAX_NODE_PART_LENGTH = 40;

/** Characters every broker accepts in a client id and in a `$share` group name. */
const SAFE_ID = /^[A-Za-z0-9_-]+$/;

/**
 * The flow's name as a lower-case, MQTT-safe slug: letters and digits joined by dashes,
 * accents dropped, at most MAX_FLOW_SLUG_LENGTH characters, `flow` when nothing is left.
 *
 * @example
 * flowSlug('Retail Checkout (v2)') // => 'retail-checkout-v2'
 * flowSlug('Café ☕') // => 'cafe'
 */
export function flowSlug(flowName: string): string {
  const slug = flowName
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_FLOW_SLUG_LENGTH)
    .replace(/-+$/, '');
  return slug || 'flow';
}

/**
 * A node id as it may appear inside a client id or a shared-subscription group. An id that
 * is already safe is kept as it is (so `pay` stays `pay`); any other id is cleaned and gets
 * a hash of the original, so two ids that clean to the same text (`a.b`, `a b`) still get
 * different client ids: two clients with one id would keep disconnecting each other.
 *
 * @example
 * nodeIdPart('pay') // => 'pay'
 * nodeIdPart('order router') // => 'order-router-<hash>'
 */
export function nodeIdPart(nodeId: string): string {
  if (SAFE_ID.test(nodeId) && nodeId.length <= MAX_NODE_PART_LENGTH) return nodeId;
  const cleaned = nodeId
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_NODE_PART_LENGTH);
  return cleaned ? `${cleaned}-${fnv1a(nodeId)}` : fnv1a(nodeId);
}

/**
 * The client id base of a node: `ef-<flow slug>-<node id>`, preceded by the external
 * broker's `clientIdPrefix` when one is set (brokers whose ACLs expect a prefix). Stable
 * across runs, so a durable consumer finds its persistent session again after a restart.
 *
 * @example
 * clientIdBase('Retail checkout', 'pay', { kind: 'embedded' }) // => 'ef-retail-checkout-pay'
 * clientIdBase('Retail checkout', 'pay', { kind: 'external', url: 'mqtt://h', clientIdPrefix: 'acme-', mqttVersion: '5', keepaliveSeconds: 30 })
 * // => 'acme-ef-retail-checkout-pay'
 */
export function clientIdBase(flowName: string, nodeId: string, broker?: BrokerSettings): string {
  const prefix = broker?.kind === 'external' ? (broker.clientIdPrefix ?? '') : '';
  return `${prefix}ef-${flowSlug(flowName)}-${nodeIdPart(nodeId)}`;
}

/**
 * The MQTT 5 shared-subscription filter through which the instances of one consumer share
 * its work: `$share/<flow slug>-<node id>/<topic>`. The group is per node so two consumers
 * on one channel topic each still get every event.
 *
 * @example
 * sharedFilter('Retail checkout', 'pay', 'orders/paid') // => '$share/retail-checkout-pay/orders/paid'
 */
export function sharedFilter(flowName: string, nodeId: string, topic: string): string {
  return `$share/${flowSlug(flowName)}-${nodeIdPart(nodeId)}/${topic}`;
}

/** 32-bit FNV-1a in base 36: short, stable and pure (no crypto in shared/). */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36);
}
