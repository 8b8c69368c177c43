import { describe, expect, it } from 'vitest';
import { causalOrder } from '../../../../../main/runtime/log/causalOrder';
import type { LoggedHop } from '../../../../../main/runtime/log/LoggedHop';
import { hop } from './hopRecords';

let seq = 0;
const logged = (...args: Parameters<typeof hop>): LoggedHop => ({ ...hop(...args), seq: ++seq, at: 0 });
const names = (hops: LoggedHop[]): string[] => hops.map((h) => `${h.trace.eventId}${h.trace.replayId ? '*' : ''}@${h.trace.edgeId}`);

describe('causalOrder', () => {
  it('puts every hop of a cause before its effects, and otherwise keeps write order', () => {
    seq = 0;
    const hops = [
      logged(1, { eventId: 'o', edgeId: 'a' }),
      logged(2, { eventId: 'p', causationId: 'o', edgeId: 'c' }),
      logged(3, { eventId: 'o', edgeId: 'b' }),
      logged(4, { eventId: 'x', edgeId: 'a' }), // another root, written after
      logged(5, { eventId: 'r', causationId: 'q', edgeId: 'e' }), // child before parent
      logged(6, { eventId: 'q', causationId: 'p', edgeId: 'd' }),
    ];
    expect(names(causalOrder(hops))).toEqual(['o@a', 'o@b', 'p@c', 'x@a', 'q@d', 'r@e']);
  });

  it('keeps a replayed business flow apart from the original it repeats', () => {
    seq = 0;
    const hops = [
      logged(1, { eventId: 'o', edgeId: 'a' }),
      logged(2, { eventId: 'p', causationId: 'o', edgeId: 'b' }),
      logged(3, { eventId: 'o', edgeId: 'a', replayId: 'r1' }),
      logged(4, { eventId: 'p2', causationId: 'o', edgeId: 'b', replayId: 'r1' }),
    ];
    expect(names(causalOrder(hops))).toEqual(['o@a', 'p@b', 'o*@a', 'p2*@b']);
  });

  it('breaks a causation cycle (a hand-edited log) instead of losing its hops', () => {
    seq = 0;
    const hops = [logged(1, { eventId: 'a', causationId: 'b' }), logged(2, { eventId: 'b', causationId: 'a' })];
    expect(causalOrder(hops).map((h) => h.seq)).toEqual([1, 2]);
  });
});
