import { describe, expect, it } from 'vitest';
import { chipWidth, fitCounterChips, STATS_ROW_WIDTH } from '../../../../../renderer/canvas/nodes/fitCounterChips';

describe('fitCounterChips', () => {
  it('shows every chip that fits on the row', () => {
    const chips = [
      { key: 'in', value: 262, word: 'in' },
      { key: 'out', value: 186, word: 'out' },
      { key: 'backlog', value: 68 },
    ];
    expect(fitCounterChips(chips)).toEqual({ shown: chips, folded: [] });
  });

  it('folds what does not fit into the "+N" chip, keeping the first chips (the main numbers)', () => {
    const chips = [
      { key: 'in', value: 123_456, word: 'in' },
      { key: 'out', value: 123_456, word: 'out' },
      { key: 'backlog', value: 12_345 },
      { key: 'failed', value: 2_345 },
      { key: 'retried', value: 9_999 },
    ];
    const { shown, folded } = fitCounterChips(chips, 2);
    expect(shown.map((c) => c.key).slice(0, 2)).toEqual(['in', 'out']);
    expect(folded.length).toBeGreaterThan(0);
    expect([...shown, ...folded]).toEqual(chips);
    const used = shown.reduce((w, c) => w + chipWidth(c), 0);
    expect(used).toBeLessThanOrEqual(STATS_ROW_WIDTH);
  });
});
