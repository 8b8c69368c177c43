import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { loadFlow } from '../../../../shared/flow/loadFlow';
import { layoutWithElk } from '../../../../renderer/design/layoutWithElk';

describe('layoutWithElk', () => {
  it('lays the checkout example out left to right: every channel goes rightwards, no two nodes overlap', async () => {
    const loaded = loadFlow(await readFile(new URL('../../../../examples/checkout.eventflow.json', import.meta.url), 'utf8'));
    if (!loaded.ok) throw new Error('the checkout example does not load');
    const { doc } = loaded;
    const size = { width: 216, height: 90 };
    const positions = await layoutWithElk(doc, Object.fromEntries(doc.nodes.map((n) => [n.id, size])));
    expect(positions.size).toBe(doc.nodes.length);
    for (const e of doc.edges) {
      if (e.deadLetter) continue;
      expect(positions.get(e.target)!.x, `${e.source} -> ${e.target}`).toBeGreaterThan(positions.get(e.source)!.x + size.width);
    }
    const boxes = [...positions.values()];
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]!;
        const b = boxes[j]!;
        const apart = a.x + size.width <= b.x || b.x + size.width <= a.x || a.y + size.height <= b.y || b.y + size.height <= a.y;
        expect(apart).toBe(true);
      }
    }
  });
});
