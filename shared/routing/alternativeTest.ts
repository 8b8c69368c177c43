import { matchWildcardParts } from './parseWildcard';
import type { Alternative } from './PatternTree';

/**
 * The test one leaf alternative applies to one value of a present field (an element, when
 * the field is an array). Everything that can be prepared is prepared here, once: lowered
 * text for ignore-case, wildcard parts, bounds; the returned closure only compares.
 * `exists` is about the field, not a value: its test accepts every present value when
 * `present` is true and none when false.
 *
 * @example
 * alternativeTest({ kind: 'prefix', text: 'order.', ignoreCase: false })('order.placed') // => true
 */
export function alternativeTest(alt: Alternative): (value: unknown) => boolean {
  switch (alt.kind) {
    case 'literal': {
      const expected = alt.value;
      return (v) => v === expected;
    }
    case 'prefix': {
      const text = alt.ignoreCase ? alt.text.toLowerCase() : alt.text;
      return alt.ignoreCase
        ? (v) => typeof v === 'string' && v.toLowerCase().startsWith(text)
        : (v) => typeof v === 'string' && v.startsWith(text);
    }
    case 'suffix': {
      const text = alt.ignoreCase ? alt.text.toLowerCase() : alt.text;
      return alt.ignoreCase
        ? (v) => typeof v === 'string' && v.toLowerCase().endsWith(text)
        : (v) => typeof v === 'string' && v.endsWith(text);
    }
    case 'equals-ignore-case': {
      const text = alt.text.toLowerCase();
      return (v) => typeof v === 'string' && v.toLowerCase() === text;
    }
    case 'wildcard': {
      const parts = alt.parts;
      return (v) => typeof v === 'string' && matchWildcardParts(parts, v);
    }
    case 'numeric':
      return numericTest(alt.lower, alt.upper);
    case 'exists': {
      const present = alt.present;
      return () => present;
    }
    case 'anything-but': {
      const excluded = anyOf(alt.excluded.map(alternativeTest));
      return (v) => !excluded(v);
    }
  }
}

function numericTest(
  lower: { value: number; inclusive: boolean } | undefined,
  upper: { value: number; inclusive: boolean } | undefined,
): (value: unknown) => boolean {
  const lo = lower ? lower.value : -Infinity;
  const hi = upper ? upper.value : Infinity;
  const loIn = lower ? lower.inclusive : true;
  const hiIn = upper ? upper.inclusive : true;
  if (loIn && hiIn) return (v) => typeof v === 'number' && v >= lo && v <= hi;
  if (loIn) return (v) => typeof v === 'number' && v >= lo && v < hi;
  if (hiIn) return (v) => typeof v === 'number' && v > lo && v <= hi;
  return (v) => typeof v === 'number' && v > lo && v < hi;
}

/**
 * One test accepting a value if any of the given tests does, without a loop for the
 * common cases of one or two tests.
 *
 * @example
 * anyOf([(v) => v === 1, (v) => v === 2])(2) // => true
 */
export function anyOf(tests: readonly ((value: unknown) => boolean)[]): (value: unknown) => boolean {
  if (tests.length === 0) return () => false;
  const [a, b] = tests as [(value: unknown) => boolean, (value: unknown) => boolean];
  if (tests.length === 1) return a;
  if (tests.length === 2) return (v) => a(v) || b(v);
  return (v) => {
    for (let i = 0; i < tests.length; i++) if ((tests[i] as (value: unknown) => boolean)(v)) return true;
    return false;
  };
}
