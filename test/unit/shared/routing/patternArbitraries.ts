// Small generated patterns and events over a shared vocabulary, so that random pairs match
// often enough for the properties to mean something.
import fc from 'fast-check';

const TYPES = ['order.placed', 'order.cancelled', 'payment.failed', 'Order.Placed'];

const stringAlternative = fc.oneof(
  fc.constantFrom(...TYPES, '', null, true),
  fc.constantFrom(
    { prefix: 'order.' },
    { prefix: { 'equals-ignore-case': 'ORDER.' } },
    { suffix: '.failed' },
    { suffix: { 'equals-ignore-case': '.PLACED' } },
    { 'equals-ignore-case': 'order.placed' },
    { wildcard: '*.placed' },
    { wildcard: 'o*e*' },
    { 'anything-but': 'order.placed' },
    { 'anything-but': ['order.placed', 'payment.failed'] },
    { 'anything-but': { prefix: 'order' } },
    { 'anything-but': { suffix: 'led' } },
    { 'anything-but': { 'equals-ignore-case': 'ORDER.PLACED' } },
    { 'anything-but': { wildcard: '*.*d' } },
    { exists: true },
    { exists: false },
  ),
);

const numberAlternative = fc.oneof(
  fc.constantFrom(0, 5, 120, -1, 2.5),
  fc.constantFrom(
    { numeric: ['>', 5] },
    { numeric: ['>=', 120] },
    { numeric: ['<', 0] },
    { numeric: ['<=', 5] },
    { numeric: ['=', 120] },
    { numeric: ['>', 0, '<=', 120] },
    { numeric: ['<', 100, '>=', 2.5] },
    { 'anything-but': [0, 5] },
    { exists: true },
    { exists: false },
  ),
);

const leaf = (alt: fc.Arbitrary<unknown>) => fc.array(alt, { minLength: 1, maxLength: 4 });

const dataPattern = fc.oneof(
  fc.record({ total: leaf(numberAlternative) }),
  fc.record({ tags: leaf(stringAlternative) }),
  fc.record({ currency: leaf(stringAlternative) }),
  fc.record({ total: leaf(numberAlternative), currency: leaf(stringAlternative) }),
);

const basePattern = fc.oneof(
  fc.record({ type: leaf(stringAlternative) }),
  fc.record({ source: leaf(stringAlternative) }),
  fc.record({ data: dataPattern }),
  fc.record({ type: leaf(stringAlternative), data: dataPattern }),
);

export const pattern: fc.Arbitrary<Record<string, unknown>> = fc
  .tuple(basePattern, fc.option(fc.array(basePattern, { minLength: 2, maxLength: 3 }), { nil: undefined }))
  .map(([base, or]) => (or ? { ...base, $or: or } : base));

const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const str = fc.constantFrom(...TYPES, '', 'x');

export const event: fc.Arbitrary<Record<string, unknown>> = fc
  .record({
    type: maybe(fc.oneof(str, fc.constant(5))),
    source: maybe(fc.oneof(str, fc.array(str, { maxLength: 3 }), fc.constant(null))),
    data: maybe(
      fc.oneof(
        fc.record({
          total: maybe(fc.oneof(fc.constantFrom(0, 5, 120, -1, 2.5, 1000), fc.constant('120'), fc.array(fc.constantFrom(0, 5, 120), { maxLength: 3 }))),
          tags: maybe(fc.array(str, { maxLength: 3 })),
          currency: maybe(fc.oneof(str, fc.constant(true))),
        }),
        fc.array(fc.record({ total: maybe(fc.constantFrom(0, 5, 120)), currency: maybe(str) }), { maxLength: 2 }),
        fc.constant('not an object'),
      ),
    ),
  })
  .map((e) => Object.fromEntries(Object.entries(e).filter(([, v]) => v !== undefined)));
