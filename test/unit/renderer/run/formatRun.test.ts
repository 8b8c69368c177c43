import { describe, expect, it } from 'vitest';
import { edgeStrokeWidth } from '../../../../renderer/run/EdgeRunCount';
import { formatRate, formatRunTime } from '../../../../renderer/run/RunStatusLine';

describe('run status formatting', () => {
  it('shows run time as m:ss, with hours when needed', () => {
    expect(formatRunTime(0)).toBe('0:00');
    expect(formatRunTime(65_400)).toBe('1:05');
    expect(formatRunTime(3_725_000)).toBe('1:02:05');
  });

  it('shows rates as whole numbers and thousands as k', () => {
    expect(formatRate(12.6)).toBe('13');
    expect(formatRate(2_450)).toBe('2.5k');
    expect(formatRate(12_300)).toBe('12k');
  });

  it('widens busy channels, bounded', () => {
    expect(edgeStrokeWidth(0)).toBe(1.5);
    expect(edgeStrokeWidth(100)).toBeGreaterThan(edgeStrokeWidth(10));
    expect(edgeStrokeWidth(1e9)).toBe(7);
  });
});
