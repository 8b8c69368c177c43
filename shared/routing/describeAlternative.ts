import { alternativeTest } from './alternativeTest';
import type { Alternative, NumericBound } from './PatternTree';

/** How a leaf alternative reads to a person, for explainMatch. */
export interface AlternativeDescription {
  /** What a matching value does: `is one of ["a"]`, `starts with "order."`, `is >= 100`. */
  requirement: string;
  /** Why a present value fails it (`is not >= 100`), or null when it passes. */
  why(value: unknown): string | null;
}

/** How much of a value a reason quotes before cutting it short. */
export const MAX_QUOTED_CHARS = 60;

/**
 * Quote an event value in a reason: JSON, cut short when long.
 *
 * @example
 * quote('order.placed') // => '"order.placed"'
 */
export function quote(value: unknown): string {
  const text = value === undefined ? 'nothing' : (JSON.stringify(value) ?? String(value));
  return text.length > MAX_QUOTED_CHARS ? `${text.slice(0, MAX_QUOTED_CHARS - 3)}...` : text;
}

/**
 * Describe a group of alternatives of one leaf: all literals together (one "is one of"),
 * then each operator. `exists` is described by explainMatch itself, as it is about the
 * field rather than a value.
 *
 * @example
 * describeAlternatives([{ kind: 'literal', value: 'a' }])[0].requirement // => 'is one of ["a"]'
 */
export function describeAlternatives(alternatives: readonly Alternative[]): AlternativeDescription[] {
  const literals = alternatives.flatMap((a) => (a.kind === 'literal' ? [a.value] : []));
  const out: AlternativeDescription[] = [];
  if (literals.length > 0) {
    const list = `[${literals.map((l) => JSON.stringify(l)).join(', ')}]`;
    const set = new Set<unknown>(literals);
    out.push({ requirement: `is one of ${list}`, why: (v) => (set.has(v) ? null : `is not one of ${list}`) });
  }
  for (const alt of alternatives) {
    if (alt.kind !== 'literal' && alt.kind !== 'exists') out.push(describeOperator(alt));
  }
  return out;
}

function describeOperator(alt: Exclude<Alternative, { kind: 'literal' | 'exists' }>): AlternativeDescription {
  const test = alternativeTest(alt);
  const simple = (requirement: string, negation: string, needsString = true): AlternativeDescription => ({
    requirement,
    why: (v) => (test(v) ? null : needsString && typeof v !== 'string' ? `is not a string (${requirement} needs one)` : negation),
  });
  const ic = (ignoreCase: boolean) => (ignoreCase ? ' (ignoring case)' : '');
  switch (alt.kind) {
    case 'prefix':
      return simple(`starts with ${JSON.stringify(alt.text)}${ic(alt.ignoreCase)}`, `does not start with ${JSON.stringify(alt.text)}${ic(alt.ignoreCase)}`);
    case 'suffix':
      return simple(`ends with ${JSON.stringify(alt.text)}${ic(alt.ignoreCase)}`, `does not end with ${JSON.stringify(alt.text)}${ic(alt.ignoreCase)}`);
    case 'equals-ignore-case':
      return simple(`equals ${JSON.stringify(alt.text)} ignoring case`, `does not equal ${JSON.stringify(alt.text)} ignoring case`);
    case 'wildcard':
      return simple(`matches the wildcard ${JSON.stringify(alt.source)}`, `does not match the wildcard ${JSON.stringify(alt.source)}`);
    case 'anything-but':
      return simple(
        `is not excluded by {"anything-but": ${JSON.stringify(alt.source)}}`,
        `is excluded by {"anything-but": ${JSON.stringify(alt.source)}}`,
        false,
      );
    case 'numeric':
      return describeNumeric(alt.lower, alt.upper, test);
  }
}

function describeNumeric(
  lower: NumericBound | undefined,
  upper: NumericBound | undefined,
  test: (v: unknown) => boolean,
): AlternativeDescription {
  const lo = lower ? `${lower.inclusive ? '>=' : '>'} ${lower.value}` : undefined;
  const hi = upper ? `${upper.inclusive ? '<=' : '<'} ${upper.value}` : undefined;
  const equal = lower && upper && lower.value === upper.value;
  const requirement = equal ? `is ${lower.value}` : `is ${[lo, hi].filter(Boolean).join(' and ')}`;
  return {
    requirement,
    why: (v) => {
      if (test(v)) return null;
      if (typeof v !== 'number') return `is not a number (numeric ${requirement.slice(3)} needs one)`;
      if (equal) return `is not ${lower.value}`;
      if (lower && !(lower.inclusive ? v >= lower.value : v > lower.value)) return `is not ${lo}`;
      return `is not ${hi}`;
    },
  };
}
