import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compilePattern, fieldConstraint } from '../../../../shared/routing';
import { event, pattern } from './patternArbitraries';

describe('fieldConstraint', () => {
  it('gives the test on one field, ignoring the others', () => {
    const onType = fieldConstraint({ type: ['payment.refunded'], source: ['payments'] }, ['type']);
    expect(onType).toBeTypeOf('function');
    expect(onType!('payment.refunded')).toBe(true);
    expect(onType!('checkout.order.placed')).toBe(false);
    expect(onType!(undefined)).toBe(false);
  });

  it('follows a nested path', () => {
    const onTotal = fieldConstraint({ data: { total: [{ numeric: ['>=', 100] }] } }, ['data', 'total']);
    expect(onTotal!(120)).toBe(true);
    expect(onTotal!(50)).toBe(false);
    expect(onTotal!([50, 150])).toBe(true);
  });

  it('gives the test of a nested object when the path stops at it', () => {
    const onData = fieldConstraint({ data: { currency: ['EUR'] } }, ['data']);
    expect(onData!({ currency: 'EUR', total: 1 })).toBe(true);
    expect(onData!({ currency: 'USD' })).toBe(false);
    expect(onData!(undefined)).toBe(false);
  });

  it('is undefined when the pattern does not constrain the field', () => {
    expect(fieldConstraint({ source: ['shop'] }, ['type'])).toBeUndefined();
    expect(fieldConstraint({ data: { total: [1] } }, ['data', 'currency'])).toBeUndefined();
    expect(fieldConstraint({ data: ['x'] }, ['data', 'currency'])).toBeUndefined();
    expect(fieldConstraint({}, ['type'])).toBeUndefined();
    expect(fieldConstraint({ type: ['a'] }, [])).toBeUndefined();
  });

  it('is undefined for an invalid pattern (compilePattern reports it)', () => {
    expect(fieldConstraint({ type: 'payment.refunded' }, ['type'])).toBeUndefined();
  });

  it('respects exists: false', () => {
    const absent = fieldConstraint({ subject: [{ exists: false }] }, ['subject']);
    expect(absent!(undefined)).toBe(true);
    expect(absent!('x')).toBe(false);
  });

  it('inside $or: accepts a value any branch accepts, when every branch constrains the field', () => {
    const onType = fieldConstraint({ $or: [{ type: ['a'] }, { type: [{ prefix: 'b.' }], source: ['s'] }] }, ['type']);
    expect(onType!('a')).toBe(true);
    expect(onType!('b.x')).toBe(true);
    expect(onType!('c')).toBe(false);
  });

  it('inside $or: is undefined when some branch leaves the field free', () => {
    expect(fieldConstraint({ $or: [{ type: ['a'] }, { source: ['s'] }] }, ['type'])).toBeUndefined();
  });

  it('combines a direct constraint with a $or constraint', () => {
    const onType = fieldConstraint({ type: [{ prefix: 'order.' }], $or: [{ type: ['order.placed'] }, { type: ['x.y'] }] }, ['type']);
    expect(onType!('order.placed')).toBe(true);
    expect(onType!('x.y')).toBe(false);
    expect(onType!('order.cancelled')).toBe(false);
  });

  it('finds $or nested under an object', () => {
    const onCurrency = fieldConstraint({ data: { $or: [{ currency: ['EUR'] }, { currency: ['USD'] }] } }, ['data', 'currency']);
    expect(onCurrency!('USD')).toBe(true);
    expect(onCurrency!('GBP')).toBe(false);
  });

  it('never rejects a value of an event the pattern matches (so "can never match" is never wrong)', () => {
    fc.assert(
      fc.property(pattern, event, (p, e) => {
        const compiled = compilePattern(p);
        if (!compiled.ok || !compiled.match(e)) return;
        const data = (typeof e.data === 'object' && e.data !== null && !Array.isArray(e.data) ? e.data : {}) as Record<string, unknown>;
        for (const [path, value] of [
          [['type'], e.type],
          [['source'], e.source],
          [['data'], e.data],
        ] as const) {
          expect(fieldConstraint(p, [...path])?.(value) ?? true).toBe(true);
        }
        if (!Array.isArray(e.data)) {
          for (const key of ['total', 'tags', 'currency']) {
            expect(fieldConstraint(p, ['data', key])?.(data[key]) ?? true).toBe(true);
          }
        }
      }),
      { numRuns: 3000 },
    );
  });
});
