import { describe, expect, it } from 'vitest';
import { parseTimeBound } from '../../../../../main/runtime/log/parseTimeBound';

const NOW = Date.parse('2026-03-01T12:00:00Z');

describe('parseTimeBound', () => {
  it.each([
    ['10m', NOW - 600_000],
    ['2h', NOW - 7_200_000],
    ['90s', NOW - 90_000],
    ['1d', NOW - 86_400_000],
    ['500ms', NOW - 500],
    ['1.5h', NOW - 5_400_000],
    ['10m ago', NOW - 600_000],
    ['now', NOW],
    ['2026-03-01T11:30:00Z', Date.parse('2026-03-01T11:30:00Z')],
    ['2026-03-01T11:30:00.250+01:00', Date.parse('2026-03-01T10:30:00.250Z')],
    ['1772366400000', 1_772_366_400_000],
  ])('reads %s', (text, at) => {
    expect(parseTimeBound(text, NOW)).toEqual({ ok: true, at });
  });

  it.each(['yesterday', '10 minutes', '-5m', '2026-13-45T99:00:00Z', ''])('refuses %j with the accepted forms', (text) => {
    const r = parseTimeBound(text, NOW);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain('use an ISO time such as 2026-01-31T12:00:00Z, a duration before now such as 10m');
  });
});
