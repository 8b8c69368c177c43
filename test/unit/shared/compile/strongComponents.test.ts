import { describe, expect, it } from 'vitest';
import { strongComponents } from '../../../../shared/compile/strongComponents';

const graph = (edges: Record<string, string[]>) => (n: string) => edges[n] ?? [];

describe('strongComponents', () => {
  it('finds loops and leaves the other nodes alone, members in the order given', () => {
    const result = strongComponents(['a', 'b', 'c', 'd', 'e'], graph({ a: ['b'], b: ['c', 'a'], c: ['d'], d: ['c'], e: ['a'] }));
    expect(result.map((c) => c.join(''))).toEqual(['cd', 'ab', 'e']);
  });

  it('ignores successors that are not in the node list', () => {
    expect(strongComponents(['a'], graph({ a: ['zz'] }))).toEqual([['a']]);
  });

  it('handles a chain far longer than the call stack would allow', () => {
    const n = 100_000;
    const nodes = Array.from({ length: n }, (_, i) => `n${i}`);
    const result = strongComponents(nodes, (id) => {
      const i = Number(id.slice(1));
      return i + 1 < n ? [`n${i + 1}`] : ['n0'];
    });
    expect(result).toHaveLength(1);
    expect(result[0]).toHaveLength(n);
  });
});
