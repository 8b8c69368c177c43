import { describe, expect, it } from 'vitest';
import type { TraceRecord } from '../../../../shared/bridge/runEvents';
import {
  LiveTraffic,
  MAX_PULSES_PER_EDGE,
  MAX_RECENT_PER_EDGE,
  MAX_START_SPREAD_MS,
  MIN_PULSES_PER_EDGE,
  PULSE_DURATION_MS,
  pulseLook,
} from '../../../../renderer/run/liveTraffic';

const trace = (edgeId: string, i: number, extra: Partial<TraceRecord> = {}): TraceRecord => ({
  eventId: `ev-${edgeId}-${i}`,
  correlationId: `c-${i}`,
  type: 'checkout.order.placed',
  edgeId,
  topic: `t/${edgeId}`,
  sentAt: 1_000 + i,
  receivedAt: 1_002 + i,
  outcome: 'delivered',
  ...extra,
});

describe('LiveTraffic', () => {
  it('draws at most MAX_PULSES_PER_EDGE pulses per channel at once and counts the rest as sampled out', () => {
    let now = 0;
    const traffic = new LiveTraffic(() => now);
    const busy = Array.from({ length: MAX_PULSES_PER_EDGE + 10 }, (_, i) => trace('a', i));
    traffic.add({ traces: [...busy, trace('b', 0)], droppedTraces: 3 });
    expect(traffic.drawnCounts()).toEqual({ a: MAX_PULSES_PER_EDGE, b: 1 });
    expect(traffic.sampledOutCounts()).toEqual({ a: 10 });
    expect(traffic.droppedByRuntime).toBe(3);
    expect(traffic.pulses).toHaveLength(MAX_PULSES_PER_EDGE + 1);

    // Once the pulses have arrived the channel takes new ones again.
    now = PULSE_DURATION_MS + MAX_START_SPREAD_MS + 1;
    traffic.expire(now);
    expect(traffic.pulses).toHaveLength(0);
    traffic.add({ traces: [trace('a', 99)], droppedTraces: 0 });
    expect(traffic.drawnCounts().a).toBe(MAX_PULSES_PER_EDGE + 1);
  });

  it('starts the hops of one batch as far apart as they were sent, within a bound', () => {
    const traffic = new LiveTraffic(() => 500);
    traffic.add({ traces: [trace('a', 40), trace('a', 0), trace('a', 10_000)], droppedTraces: 0 });
    expect(traffic.pulses.map((p) => p.start)).toEqual([540, 500, 500 + MAX_START_SPREAD_MS]);
  });

  it('gives a short channel fewer moving pulses than a long one', () => {
    const traffic = new LiveTraffic(() => 0);
    traffic.setCapacities(new Map([['short', 1], ['mid', 7.6]]));
    const many = (id: string) => Array.from({ length: MAX_PULSES_PER_EDGE + 5 }, (_, i) => trace(id, i));
    traffic.add({ traces: [...many('short'), ...many('mid'), ...many('long')], droppedTraces: 0 });
    expect(traffic.drawnCounts()).toEqual({ short: MIN_PULSES_PER_EDGE, mid: 7, long: MAX_PULSES_PER_EDGE });
  });

  it('keeps the newest hops per channel in a bounded buffer, newest first', () => {
    const traffic = new LiveTraffic(() => 0);
    for (let i = 0; i < MAX_RECENT_PER_EDGE + 5; i++) {
      traffic.add({ traces: [trace('a', i)], droppedTraces: 0 });
      traffic.expire(PULSE_DURATION_MS * (i + 1));
    }
    const recent = traffic.recent(['a']);
    expect(recent).toHaveLength(MAX_RECENT_PER_EDGE);
    expect(recent[0]?.eventId).toBe(`ev-a-${MAX_RECENT_PER_EDGE + 4}`);
    expect(recent.at(-1)?.eventId).toBe('ev-a-5');
  });

  it('colours types in the order they appear and marks replayed hops', () => {
    const traffic = new LiveTraffic(() => 0);
    traffic.add({ traces: [trace('a', 0, { type: 'x' }), trace('a', 1, { type: 'y', replayId: 'r1' })], droppedTraces: 0 });
    expect(traffic.legend().map((l) => l.type)).toEqual(['x', 'y']);
    expect(traffic.legend()[0]?.color).not.toBe(traffic.legend()[1]?.color);
    expect(traffic.replayedCounts()).toEqual({ a: 1 });
    expect(traffic.pulses.map((p) => p.look)).toEqual(['ok', 'replayed']);
  });

  it('forgets everything on reset', () => {
    const traffic = new LiveTraffic(() => 0);
    traffic.add({ traces: [trace('a', 0)], droppedTraces: 1 });
    traffic.reset();
    expect(traffic.drawnCounts()).toEqual({});
    expect(traffic.recent(['a'])).toEqual([]);
    expect(traffic.droppedByRuntime).toBe(0);
  });
});

describe('pulseLook', () => {
  it('tells failed, dead-lettered, dropped and replayed hops apart', () => {
    expect(pulseLook('delivered', false)).toBe('ok');
    expect(pulseLook('failed', false)).toBe('failed');
    expect(pulseLook('dead-lettered', false)).toBe('dead-lettered');
    expect(pulseLook('dropped', false)).toBe('dropped');
    expect(pulseLook('failed', true)).toBe('replayed');
  });
});
