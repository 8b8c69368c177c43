import { describe, expect, it } from 'vitest';
import { compilePattern, type PatternError } from '../../../../shared/routing';

function matcher(pattern: unknown) {
  const compiled = compilePattern(pattern);
  if (!compiled.ok) throw new Error(`pattern should be valid: ${JSON.stringify(compiled.errors)}`);
  return compiled.match;
}

function errorsOf(pattern: unknown): PatternError[] {
  const compiled = compilePattern(pattern);
  if (compiled.ok) throw new Error(`pattern should be refused: ${JSON.stringify(pattern)}`);
  return compiled.errors;
}

const order = {
  specversion: '1.0',
  id: 'e1',
  type: 'checkout.order.placed',
  source: 'storefront',
  time: '2026-01-31T12:00:00Z',
  datacontenttype: 'application/json',
  correlationid: 'c1',
  data: {
    orderId: 'o-17',
    total: 120,
    currency: 'EUR',
    express: true,
    coupon: null,
    tags: ['gift', 'vip'],
    items: [
      { sku: 'A-1', qty: 2 },
      { sku: 'B-9', qty: 1 },
    ],
    customer: { country: 'DE', email: 'Ann@Example.COM' },
  },
};

const withData = (data: Record<string, unknown>) => ({ ...order, data: { ...order.data, ...data } });

describe('compilePattern: every operator matches and refuses', () => {
  it.each<[string, unknown, unknown, boolean]>([
    ['string literal', { type: ['checkout.order.placed'] }, order, true],
    ['string literal', { type: ['checkout.order.cancelled'] }, order, false],
    ['one of several literals', { type: ['x', 'checkout.order.placed'] }, order, true],
    ['number literal', { data: { total: [120] } }, order, true],
    ['number literal equal in value', { data: { total: [120.0] } }, order, true],
    ['number literal is not a string', { data: { total: ['120'] } }, order, false],
    ['boolean literal', { data: { express: [true] } }, order, true],
    ['boolean literal', { data: { express: [false] } }, order, false],
    ['null literal', { data: { coupon: [null] } }, order, true],
    ['null does not match a missing field', { data: { voucher: [null] } }, order, false],
    ['empty string literal', { data: { note: [''] } }, withData({ note: '' }), true],
    ['prefix', { type: [{ prefix: 'checkout.' }] }, order, true],
    ['prefix', { type: [{ prefix: 'payment.' }] }, order, false],
    ['prefix needs a string', { data: { total: [{ prefix: '12' }] } }, order, false],
    ['prefix ignoring case', { source: [{ prefix: { 'equals-ignore-case': 'STORE' } }] }, order, true],
    ['prefix ignoring case', { source: [{ prefix: { 'equals-ignore-case': 'SHOP' } }] }, order, false],
    ['suffix', { type: [{ suffix: '.placed' }] }, order, true],
    ['suffix', { type: [{ suffix: '.failed' }] }, order, false],
    ['suffix ignoring case', { type: [{ suffix: { 'equals-ignore-case': '.PLACED' } }] }, order, true],
    ['suffix ignoring case', { type: [{ suffix: { 'equals-ignore-case': '.FAILED' } }] }, order, false],
    ['equals-ignore-case', { data: { customer: { email: [{ 'equals-ignore-case': 'ann@example.com' }] } } }, order, true],
    ['equals-ignore-case', { data: { customer: { email: [{ 'equals-ignore-case': 'bob@example.com' }] } } }, order, false],
    ['anything-but a value', { type: [{ 'anything-but': 'checkout.order.cancelled' }] }, order, true],
    ['anything-but a value', { type: [{ 'anything-but': 'checkout.order.placed' }] }, order, false],
    ['anything-but a number', { data: { total: [{ 'anything-but': 0 }] } }, order, true],
    ['anything-but a number', { data: { total: [{ 'anything-but': 120 }] } }, order, false],
    ['anything-but a list', { data: { currency: [{ 'anything-but': ['USD', 'GBP'] }] } }, order, true],
    ['anything-but a list', { data: { currency: [{ 'anything-but': ['USD', 'EUR'] }] } }, order, false],
    ['anything-but a prefix', { type: [{ 'anything-but': { prefix: 'payment.' } }] }, order, true],
    ['anything-but a prefix', { type: [{ 'anything-but': { prefix: 'checkout.' } }] }, order, false],
    ['anything-but a suffix', { type: [{ 'anything-but': { suffix: '.failed' } }] }, order, true],
    ['anything-but a suffix', { type: [{ 'anything-but': { suffix: '.placed' } }] }, order, false],
    ['anything-but ignoring case', { data: { currency: [{ 'anything-but': { 'equals-ignore-case': ['usd'] } }] } }, order, true],
    ['anything-but ignoring case', { data: { currency: [{ 'anything-but': { 'equals-ignore-case': 'eur' } }] } }, order, false],
    ['anything-but a wildcard', { type: [{ 'anything-but': { wildcard: 'payment.*' } }] }, order, true],
    ['anything-but a wildcard', { type: [{ 'anything-but': { wildcard: '*.order.*' } }] }, order, false],
    ['anything-but needs the field', { data: { voucher: [{ 'anything-but': 'x' }] } }, order, false],
    ['numeric >', { data: { total: [{ numeric: ['>', 100] }] } }, order, true],
    ['numeric >', { data: { total: [{ numeric: ['>', 120] }] } }, order, false],
    ['numeric >=', { data: { total: [{ numeric: ['>=', 120] }] } }, order, true],
    ['numeric >=', { data: { total: [{ numeric: ['>=', 120.5] }] } }, order, false],
    ['numeric <', { data: { total: [{ numeric: ['<', 121] }] } }, order, true],
    ['numeric <', { data: { total: [{ numeric: ['<', 120] }] } }, order, false],
    ['numeric <=', { data: { total: [{ numeric: ['<=', 120] }] } }, order, true],
    ['numeric <=', { data: { total: [{ numeric: ['<=', 119] }] } }, order, false],
    ['numeric =', { data: { total: [{ numeric: ['=', 120] }] } }, order, true],
    ['numeric =', { data: { total: [{ numeric: ['=', 12] }] } }, order, false],
    ['numeric range', { data: { total: [{ numeric: ['>', 0, '<=', 120] }] } }, order, true],
    ['numeric range', { data: { total: [{ numeric: ['>', 0, '<', 120] }] } }, order, false],
    ['numeric range written upper bound first', { data: { total: [{ numeric: ['<=', 500, '>=', 100] }] } }, order, true],
    ['numeric needs a number', { data: { currency: [{ numeric: ['>', 0] }] } }, order, false],
    ['exists true', { data: { coupon: [{ exists: true }] } }, order, true],
    ['exists true', { data: { voucher: [{ exists: true }] } }, order, false],
    ['exists false', { data: { voucher: [{ exists: false }] } }, order, true],
    ['exists false', { data: { total: [{ exists: false }] } }, order, false],
    ['exists false under a missing object', { shipping: { carrier: [{ exists: false }] } }, order, true],
    ['wildcard', { type: [{ wildcard: 'checkout.*.placed' }] }, order, true],
    ['wildcard', { type: [{ wildcard: 'checkout.*.cancelled' }] }, order, false],
    ['wildcard with several stars', { type: [{ wildcard: '*out*der*' }] }, order, true],
    ['wildcard without stars is equality', { type: [{ wildcard: 'checkout.order' }] }, order, false],
    ['wildcard star matches nothing too', { type: [{ wildcard: 'checkout.order.placed*' }] }, order, true],
    ['wildcard escaped star is literal', { data: { note: [{ wildcard: 'a\\*b' }] } }, withData({ note: 'a*b' }), true],
    ['wildcard escaped star is literal', { data: { note: [{ wildcard: 'a\\*b' }] } }, withData({ note: 'axb' }), false],
    ['wildcard parts may not overlap', { data: { note: [{ wildcard: 'ab*ba' }] } }, withData({ note: 'aba' }), false],
    ['wildcard escaped backslash', { data: { note: [{ wildcard: 'a\\\\*' }] } }, withData({ note: 'a\\b' }), true],
  ])('%s: %j', (_name, pattern, event, expected) => {
    expect(matcher(pattern)(event)).toBe(expected);
  });
});

describe('compilePattern: structure', () => {
  it('matches an array field if any element matches', () => {
    expect(matcher({ data: { tags: ['vip'] } })(order)).toBe(true);
    expect(matcher({ data: { tags: [{ prefix: 'gi' }] } })(order)).toBe(true);
    expect(matcher({ data: { tags: ['sale'] } })(order)).toBe(false);
    expect(matcher({ data: { tags: ['sale'] } })(withData({ tags: [] }))).toBe(false);
    expect(matcher({ data: { tags: [{ 'anything-but': 'gift' }] } })(order)).toBe(true);
    expect(matcher({ data: { tags: [{ 'anything-but': 'gift' }] } })(withData({ tags: ['gift'] }))).toBe(false);
  });

  it('descends into nested objects, and into arrays of objects element by element', () => {
    expect(matcher({ data: { customer: { country: ['DE', 'AT'] } } })(order)).toBe(true);
    expect(matcher({ data: { customer: { country: ['FR'] } } })(order)).toBe(false);
    expect(matcher({ data: { items: { sku: ['B-9'], qty: [1] } } })(order)).toBe(true);
    // both fields must hold in the same element
    expect(matcher({ data: { items: { sku: ['B-9'], qty: [2] } } })(order)).toBe(false);
    // a nested pattern over a scalar finds no fields
    expect(matcher({ data: { total: { amount: [120] } } })(order)).toBe(false);
  });

  it('ANDs sibling keys', () => {
    const p = matcher({ type: ['checkout.order.placed'], data: { currency: ['EUR'], total: [{ numeric: ['>', 100] }] } });
    expect(p(order)).toBe(true);
    expect(p(withData({ currency: 'USD' }))).toBe(false);
    expect(p(withData({ total: 50 }))).toBe(false);
    expect(p({ ...order, type: 'other' })).toBe(false);
  });

  it('ORs the branches of $or, at the top and nested, together with sibling fields', () => {
    const top = matcher({
      source: ['storefront'],
      $or: [{ data: { total: [{ numeric: ['>=', 1000] }] } }, { data: { customer: { country: ['DE'] } } }],
    });
    expect(top(order)).toBe(true);
    expect(top(withData({ customer: { country: 'FR' } }))).toBe(false);
    expect(top(withData({ customer: { country: 'FR' }, total: 5000 }))).toBe(true);
    expect(top({ ...order, source: 'pos' })).toBe(false);
    const nested = matcher({ data: { $or: [{ currency: ['USD'] }, { express: [true] }, { tags: ['none'] }] } });
    expect(nested(order)).toBe(true);
    expect(nested(withData({ express: false }))).toBe(false);
  });

  it('treats an empty top-level pattern as matching every event', () => {
    expect(matcher({})(order)).toBe(true);
    expect(matcher({})('not an event')).toBe(true);
  });

  it('never throws on odd events, and does not read inherited properties', () => {
    const p = matcher({ data: { total: [{ numeric: ['>', 0] }] }, constructor: [{ exists: false }], toString: [{ exists: true }] });
    for (const event of [null, undefined, 42, 'x', [], [order], { data: null }, { data: [1, 2] }, Object.create(null)]) {
      expect(() => p(event)).not.toThrow();
      expect(p(event)).toBe(false);
    }
    expect(matcher({ constructor: [{ exists: false }] })({})).toBe(true);
    expect(matcher({ constructor: [{ exists: true }] })({})).toBe(false);
    expect(matcher({ constructor: ['x'] })({ constructor: 'x' })).toBe(true);
  });
});

describe('compilePattern: refuses invalid patterns, naming the path and the fix', () => {
  it.each<[string, unknown, string, RegExp]>([
    ['a pattern that is not an object', ['type'], '(pattern)', /must be a JSON object such as \{"type": \["order.placed"\]\}/],
    ['a leaf that is not a list', { type: 'order.placed' }, 'type', /wrap it in a list: \["order.placed"\]/],
    ['a numeric leaf that is not a list', { data: { total: 5 } }, 'data.total', /wrap it in a list: \[5\]/],
    ['an empty list', { type: [] }, 'type', /empty list matches nothing: add at least one/],
    ['an unknown operator', { type: [{ prefx: 'a' }] }, 'type[0].prefx', /unknown operator "prefx": did you mean "prefix"\? use one of "prefix", "suffix", "anything-but", "numeric", "exists", "equals-ignore-case", "wildcard"/],
    ['an unknown operator far from any', { type: [{ regex: 'a' }] }, 'type[0].regex', /unknown operator "regex": use one of "prefix"/],
    ['an operator object with two keys', { type: [{ prefix: 'a', suffix: 'b' }] }, 'type[0]', /exactly one key.*its own list item/],
    ['a list inside a list', { type: [['a', 'b']] }, 'type[0]', /list inside a list.*\["a", "b"\] instead of \[\["a", "b"\]\]/],
    ['prefix with a number', { type: [{ prefix: 5 }] }, 'type[0].prefix', /prefix takes a string, e.g. \{"prefix": "order."\}/],
    ['suffix with a list', { type: [{ suffix: ['a'] }] }, 'type[0].suffix', /suffix takes a string/],
    ['equals-ignore-case with a number', { type: [{ 'equals-ignore-case': 1 }] }, 'type[0]["equals-ignore-case"]', /takes a string, e.g./],
    ['numeric with a bad operator', { data: { total: [{ numeric: ['=>', 5] }] } }, 'data.total[0].numeric[0]', /"=>" is not a numeric operator: use one of =, >, >=, <, <=/],
    ['numeric of odd length', { data: { total: [{ numeric: ['>', 0, '<'] }] } }, 'data.total[0].numeric', /one comparison \(2 items\) or a range of two \(4 items\).*got 3 items/],
    ['numeric that is not a list', { data: { total: [{ numeric: 5 }] } }, 'data.total[0].numeric', /takes a list of one or two comparisons/],
    ['numeric with a string bound', { data: { total: [{ numeric: ['>', '100'] }] } }, 'data.total[0].numeric[1]', /must be a number.*write 100 without quotes/],
    ['numeric that can never match', { data: { total: [{ numeric: ['>', 10, '<', 5] }] } }, 'data.total[0].numeric', /can never match: no number is > 10 and < 5; swap the bounds/],
    ['numeric empty range', { data: { total: [{ numeric: ['>', 5, '<=', 5] }] } }, 'data.total[0].numeric', /can never match/],
    ['numeric with two lower bounds', { data: { total: [{ numeric: ['>', 1, '>=', 5] }] } }, 'data.total[0].numeric', /one lower bound.*two lower bounds: keep the tighter one/],
    ['numeric = in a range', { data: { total: [{ numeric: ['=', 1, '<', 5] }] } }, 'data.total[0].numeric', /"=" stands alone: use \["=", 5\]/],
    ['exists with a non-boolean', { data: { coupon: [{ exists: 'yes' }] } }, 'data.coupon[0].exists', /exists takes true or false, e.g. \{"exists": true\}/],
    ['wildcard with consecutive stars', { type: [{ wildcard: 'a**b' }] }, 'type[0].wildcard', /consecutive '\*'.*write a single '\*'/],
    ['wildcard with a stray backslash', { type: [{ wildcard: 'a\\b' }] }, 'type[0].wildcard', /escapes nothing.*write "\\\\" for a backslash/],
    ['wildcard with a number', { type: [{ wildcard: 5 }] }, 'type[0].wildcard', /wildcard takes a string.*e.g./],
    ['$or that is not a list', { $or: { type: ['a'] } }, '$or', /"\$or" needs a list of at least two patterns.*e.g./],
    ['$or with one branch', { $or: [{ type: ['a'] }] }, '$or', /at least two patterns.*\(got 1\)/],
    ['$or with a non-object branch', { $or: [{ type: ['a'] }, ['b']] }, '$or[1]', /each "\$or" branch must be a non-empty pattern object/],
    ['$or with an empty branch', { $or: [{ type: ['a'] }, {}] }, '$or[1]', /non-empty pattern object/],
    ['an error inside $or', { $or: [{ type: ['a'] }, { source: 'b' }] }, '$or[1].source', /wrap it in a list: \["b"\]/],
    ['$and', { $and: [{ type: ['a'] }, { source: ['b'] }] }, '$and', /sibling fields already all have to match.*"\$or"/],
    ['an empty nested object', { data: {} }, 'data', /empty object constrains nothing: add a field.*or remove "data"/],
    ['anything-but with an empty list', { type: [{ 'anything-but': [] }] }, 'type[0]["anything-but"]', /excludes nothing: list the values/],
    ['anything-but with an object in its list', { type: [{ 'anything-but': [{ a: 1 }] }] }, 'type[0]["anything-but"][0]', /plain values only/],
    ['anything-but with an unknown operator', { type: [{ 'anything-but': { numeric: ['>', 1] } }] }, 'type[0]["anything-but"]', /takes a value, a list of values, or one of \{"prefix"/],
    ['a key that needs quoting in the path', { 'detail-type': 'x' }, '["detail-type"]', /wrap it in a list/],
  ])('%s', (_name, pattern, path, message) => {
    const errors = errorsOf(pattern);
    expect(errors).toContainEqual({ path, message: expect.stringMatching(message) });
  });

  it('reports every mistake at once, not just the first', () => {
    const errors = errorsOf({ type: 'a', source: [], data: { total: [{ numeric: ['>', 10, '<', 5] }], coupon: [{ exists: 1 }] } });
    expect(errors.map((e) => e.path)).toEqual(['type', 'source', 'data.total[0].numeric', 'data.coupon[0].exists']);
  });
});
