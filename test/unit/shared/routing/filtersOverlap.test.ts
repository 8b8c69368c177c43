import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { filtersOverlap, validateTopicFilter } from '../../../../shared/routing';
import { referenceInnerFilter, referenceMatch } from './topicReference';

/**
 * Brute force: every topic of up to (longest filter + 1) levels drawn from the filters' own
 * literal levels plus a fresh level and the empty level. Any topic matching both filters
 * can be rewritten into one of these (a level neither filter names behaves like the fresh one).
 */
function bruteForceOverlap(a: string, b: string): boolean {
  const la = referenceInnerFilter(a).split('/');
  const lb = referenceInnerFilter(b).split('/');
  const alphabet = [...new Set([...la, ...lb, 'fresh', ''].filter((l) => l !== '+' && l !== '#'))];
  const maxLevels = Math.max(la.length, lb.length) + 1;
  const search = (levels: string[]): boolean => {
    if (levels.length > 0) {
      const topic = levels.join('/');
      if (topic !== '' && referenceMatch(a, topic) && referenceMatch(b, topic)) return true;
    }
    if (levels.length === maxLevels) return false;
    return alphabet.some((level) => search([...levels, level]));
  };
  return search([]);
}

describe('filtersOverlap', () => {
  it.each([
    ['shop/+/placed', 'shop/orders/#', true],
    ['shop/+', 'shop/orders/placed', false],
    ['#', '$SYS/uptime', false],
    ['+/uptime', '$SYS/uptime', false],
    ['$SYS/#', '$SYS/+', true],
    ['sport/#', 'sport', true],
    ['sport/+', 'sport', false],
    ['#', '+', true],
    ['a/b', 'a/b', true],
    ['a/b', 'a/c', false],
    ['$share/g1/shop/#', 'shop/orders', true],
    ['$share/g1/shop/#', '$share/g2/pay/#', false],
    ['+/+', '/finance', true],
    ['+', '/finance', false],
    ['/#', '+', false], // the only shared topic would be "", which is not a topic name
    ['/#', '/', true],
    ['+/#', '+', true],
  ])('%s and %s: %s', (a, b, expected) => {
    expect(filtersOverlap(a, b)).toBe(expected);
    expect(filtersOverlap(b, a)).toBe(expected);
  });

  const level = fc.constantFrom('a', 'b', '', '$x', '+');
  const filter = fc
    .tuple(fc.constantFrom('', '$share/g/'), fc.array(level, { minLength: 1, maxLength: 3 }), fc.boolean())
    .map(([share, levels, hash]) => share + (hash ? [...levels.slice(0, -1), '#'] : levels).join('/'))
    .filter((f) => validateTopicFilter(f) === null);

  it('says yes exactly when some topic name matches both (brute force)', () => {
    fc.assert(
      fc.property(filter, filter, (a, b) => {
        expect(filtersOverlap(a, b), `${a} vs ${b}`).toBe(bruteForceOverlap(a, b));
      }),
      { numRuns: 1500 },
    );
  });
});
