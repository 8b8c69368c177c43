import { describe, expect, it } from 'vitest';
import { validateTopicFilter } from '../../../../shared/routing';
import { clientIdBase, flowSlug, MAX_FLOW_SLUG_LENGTH, nodeIdPart, sharedFilter } from '../../../../shared/compile/mqttIdentifiers';

describe('flowSlug', () => {
  it('turns a flow name into lower-case words joined by dashes, without accents', () => {
    expect(flowSlug('Retail Checkout (v2)')).toBe('retail-checkout-v2');
    expect(flowSlug('Café Crème')).toBe('cafe-creme');
  });

  it('is never empty and never longer than the bound', () => {
    expect(flowSlug('☕ !!!')).toBe('flow');
    const long = flowSlug('a very long flow name that goes on and on about its checkout');
    expect(long.length).toBeLessThanOrEqual(MAX_FLOW_SLUG_LENGTH);
    expect(long).not.toMatch(/-$/);
  });
});

describe('nodeIdPart and clientIdBase', () => {
  it('keeps a safe node id as it is, so the client id reads `ef-<flow>-<node>`', () => {
    expect(nodeIdPart('pay_v2-eu')).toBe('pay_v2-eu');
    expect(clientIdBase('Retail checkout', 'pay')).toBe('ef-retail-checkout-pay');
  });

  it('cleans unsafe ids and keeps ids that clean alike apart', () => {
    const a = nodeIdPart('pay service');
    const b = nodeIdPart('pay/service');
    const c = nodeIdPart('pay+service');
    for (const part of [a, b, c]) expect(part).toMatch(/^pay-service-[0-9a-z]+$/);
    expect(new Set([a, b, c]).size).toBe(3);
    expect(nodeIdPart('pay service')).toBe(a);
  });

  it('uses the external broker prefix, and only for an external broker', () => {
    expect(clientIdBase('Shop', 'pay', { kind: 'external', url: 'mqtt://h', mqttVersion: '5', keepaliveSeconds: 30, clientIdPrefix: 'acme-' })).toBe(
      'acme-ef-shop-pay',
    );
    expect(clientIdBase('Shop', 'pay', { kind: 'embedded' })).toBe('ef-shop-pay');
  });
});

describe('sharedFilter', () => {
  it('is a valid shared subscription even for a node id with MQTT wildcards in it', () => {
    expect(sharedFilter('Shop', 'pay', 'orders/pay')).toBe('$share/shop-pay/orders/pay');
    const filter = sharedFilter('Shop', 'pay/#+', 'orders/pay');
    expect(validateTopicFilter(filter)).toBeNull();
    expect(filter.endsWith('/orders/pay')).toBe(true);
  });
});
