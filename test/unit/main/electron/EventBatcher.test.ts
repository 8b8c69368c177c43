import { describe, expect, it } from 'vitest';
import { createEventBatcher } from '../../../../main/electron/EventBatcher';
import type { WireEvent } from '../../../../main/preload/ipcChannels';

function manualTimers() {
  const timers: (() => void)[] = [];
  return {
    setTimer: (fn: () => void) => {
      timers.push(fn);
      return timers.length - 1;
    },
    clearTimer: (h: unknown) => {
      timers[h as number] = () => undefined;
    },
    fire: () => timers.splice(0).forEach((fn) => fn()),
    pending: () => timers.length,
  };
}

const ev = (i: number): WireEvent => ({ name: 'runLog', payload: { level: 'info', message: `m${i}`, at: i } });

describe('EventBatcher', () => {
  it('sends everything pushed within one interval as one batch, in order', () => {
    const sent: WireEvent[][] = [];
    const timers = manualTimers();
    const b = createEventBatcher((batch) => sent.push(batch), { intervalMs: 50, ...timers });
    for (let i = 0; i < 5; i++) b.push(ev(i));
    expect(sent).toEqual([]);
    expect(timers.pending()).toBe(1);
    timers.fire();
    expect(sent).toEqual([[ev(0), ev(1), ev(2), ev(3), ev(4)]]);
  });

  it('sends a full batch at once and never drops an event', () => {
    const sent: WireEvent[][] = [];
    const timers = manualTimers();
    const b = createEventBatcher((batch) => sent.push(batch), { maxBatch: 3, ...timers });
    for (let i = 0; i < 7; i++) b.push(ev(i));
    timers.fire();
    expect(sent.map((x) => x.length)).toEqual([3, 3, 1]);
    expect(sent.flat()).toEqual([0, 1, 2, 3, 4, 5, 6].map(ev));
  });

  it('flushes on demand and on dispose, then ignores late pushes', () => {
    const sent: WireEvent[][] = [];
    const b = createEventBatcher((batch) => sent.push(batch), manualTimers());
    b.push(ev(1));
    b.flush();
    b.push(ev(2));
    b.dispose();
    b.push(ev(3));
    expect(sent).toEqual([[ev(1)], [ev(2)]]);
  });
});
