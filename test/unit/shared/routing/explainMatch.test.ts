import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compilePattern, explainMatch } from '../../../../shared/routing';
import { event, pattern } from './patternArbitraries';

const order = {
  type: 'payment.failed',
  source: 'payment',
  data: { total: 120, tags: ['gift', 'vip'], items: [{ sku: 'A' }, { sku: 'B' }] },
};

describe('explainMatch', () => {
  it('says which field failed and why, in the words of the pattern', () => {
    expect(explainMatch({ type: ['payment.failed'], data: { total: [{ numeric: ['>=', 500] }] } }, order)).toEqual({
      matched: false,
      reasons: ['type: "payment.failed" is one of ["payment.failed"]', 'data.total: 120 is not >= 500'],
    });
  });

  it.each<[string, unknown, boolean, string]>([
    ['range, upper bound missed', { data: { total: [{ numeric: ['>', 0, '<', 100] }] } }, false, 'data.total: 120 is not < 100'],
    ['range met', { data: { total: [{ numeric: ['>', 0, '<=', 120] }] } }, true, 'data.total: 120 is > 0 and <= 120'],
    ['equality', { data: { total: [{ numeric: ['=', 5] }] } }, false, 'data.total: 120 is not 5'],
    ['numeric on text', { type: [{ numeric: ['>', 0] }] }, false, 'type: "payment.failed" is not a number (numeric > 0 needs one)'],
    ['prefix', { type: [{ prefix: 'order.' }] }, false, 'type: "payment.failed" does not start with "order."'],
    ['prefix ignoring case', { type: [{ prefix: { 'equals-ignore-case': 'PAY' } }] }, true, 'type: "payment.failed" starts with "PAY" (ignoring case)'],
    ['suffix', { type: [{ suffix: '.failed' }] }, true, 'type: "payment.failed" ends with ".failed"'],
    ['equals-ignore-case', { source: [{ 'equals-ignore-case': 'PAYMENT' }] }, true, 'source: "payment" equals "PAYMENT" ignoring case'],
    ['wildcard', { type: [{ wildcard: 'order.*' }] }, false, 'type: "payment.failed" does not match the wildcard "order.*"'],
    ['anything-but', { type: [{ 'anything-but': ['payment.failed'] }] }, false, 'type: "payment.failed" is excluded by {"anything-but": ["payment.failed"]}'],
    ['several alternatives all missed', { type: ['a', { prefix: 'b' }] }, false, 'type: "payment.failed" is not one of ["a"], and does not start with "b"'],
    ['missing field', { subject: ['x'] }, false, 'subject: is missing'],
    ['exists false met', { subject: [{ exists: false }] }, true, 'subject: is absent, as {"exists": false} requires'],
    ['exists false missed', { source: [{ exists: false }] }, false, 'source: "payment" is present, but {"exists": false} requires it to be absent'],
    ['exists true', { source: [{ exists: true }] }, true, 'source: "payment" is present, as {"exists": true} requires'],
    ['array field met', { data: { tags: ['vip'] } }, true, 'data.tags: ["gift","vip"] has "vip", which is one of ["vip"]'],
    ['array field missed', { data: { tags: ['sale', { prefix: 'x' }] } }, false, 'data.tags: no element of ["gift","vip"] is one of ["sale"], or starts with "x"'],
    ['array of objects', { data: { items: { sku: ['B'] } } }, true, 'data.items: element 2 of 2 matches'],
    ['array of objects missed', { data: { items: { sku: ['C'] } } }, false, 'data.items: none of the 2 elements matches'],
    ['nested pattern over a scalar', { data: { total: { amount: [1] } } }, false, 'data.total: 120 is not an object, so its fields are missing'],
    ['empty pattern', {}, true, '(pattern): an empty pattern matches every event'],
  ])('%s', (_name, p, matched, reason) => {
    const result = explainMatch(p, order);
    expect(result.matched).toBe(matched);
    expect(result.reasons).toContain(reason);
  });

  it('explains $or branch by branch', () => {
    const p = { $or: [{ type: ['order.placed'] }, { data: { total: [{ numeric: ['>', 1000] }] } }] };
    expect(explainMatch(p, order)).toEqual({
      matched: false,
      reasons: [
        '$or: none of the 2 branches matches',
        '  $or[0] type: "payment.failed" is not one of ["order.placed"]',
        '  $or[1] data.total: 120 is not > 1000',
      ],
    });
    const q = { $or: [{ type: ['order.placed'] }, { data: { total: [{ numeric: ['>', 100] }] } }] };
    expect(explainMatch(q, order)).toEqual({
      matched: true,
      reasons: ['$or: branch 2 of 2 matches', '  $or[1] data.total: 120 is > 100'],
    });
  });

  it('gives the pattern errors as reasons when the pattern is invalid', () => {
    expect(explainMatch({ type: 'payment.failed' }, order)).toEqual({
      matched: false,
      reasons: ['type: must be a list of alternatives: wrap it in a list: ["payment.failed"]'],
    });
  });

  it('says when the sample is not a JSON object', () => {
    const result = explainMatch({ type: ['a'] }, 'hello');
    expect(result.matched).toBe(false);
    expect(result.reasons[0]).toBe('(event): "hello" is not a JSON object, so every field is missing');
  });

  it('agrees with compilePattern on generated patterns and events', () => {
    fc.assert(
      fc.property(pattern, event, (p, e) => {
        const compiled = compilePattern(p);
        expect(compiled.ok).toBe(true);
        if (!compiled.ok) return;
        const explained = explainMatch(p, e);
        expect(explained.matched).toBe(compiled.match(e));
        expect(explained.reasons.length).toBeGreaterThan(0);
      }),
      { numRuns: 3000 },
    );
  });

  it('the generated cases are not trivially one-sided', () => {
    const samples = fc.sample(fc.tuple(pattern, event), { numRuns: 2000, seed: 7 });
    const matches = samples.filter(([p, e]) => explainMatch(p, e).matched).length;
    expect(matches).toBeGreaterThan(100);
    expect(matches).toBeLessThan(1900);
  });
});
