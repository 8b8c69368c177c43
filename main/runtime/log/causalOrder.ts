import { runOf, type LoggedHop } from './LoggedHop';

/**
 * Order the hops of one business flow (one correlation id) so that causes come before their
 * effects: every hop of an event precedes the hops of the events it caused (`causationid`),
 * and among events that are ready at the same time the one logged first goes first. Write
 * order alone is not causal: with several workers a child's hop can be logged before its
 * parent's last hop. Events whose parent is not in the set start their own chain. A replay
 * re-sends events with their ids, and a seeded flow makes the same ids every run, so an event
 * is keyed by run, id and replay id: a replayed checkout, or the same checkout of another run,
 * is its own chain, not interleaved with this one. Kahn's topological
 * sort, O(n log n) in the number of events.
 */
export function causalOrder(hops: readonly LoggedHop[]): LoggedHop[] {
  interface Node {
    id: string;
    hops: LoggedHop[];
    minSeq: number;
    parent: string | undefined;
    children: Node[];
    waiting: number;
  }
  const nodes = new Map<string, Node>();
  const replayOf = (hop: LoggedHop): string => hop.trace.replayId ?? (hop.event?.replayid as string | undefined) ?? '';
  for (const hop of hops) {
    const scope = `${runOf(hop)}\u0000${replayOf(hop)}`;
    const id = `${scope}\u0000${hop.trace.eventId}`;
    let node = nodes.get(id);
    if (!node) {
      node = { id, hops: [], minSeq: hop.seq, parent: undefined, children: [], waiting: 0 };
      nodes.set(id, node);
    }
    node.hops.push(hop);
    node.minSeq = Math.min(node.minSeq, hop.seq);
    const cause = hop.trace.causationId ?? hop.event?.causationid;
    if (cause !== undefined) node.parent ??= `${scope}\u0000${cause}`;
  }
  for (const node of nodes.values()) {
    const parent = node.parent !== undefined && node.parent !== node.id ? nodes.get(node.parent) : undefined;
    if (parent) {
      parent.children.push(node);
      node.waiting = 1;
    }
  }
  const ready = [...nodes.values()].filter((n) => n.waiting === 0).sort((a, b) => b.minSeq - a.minSeq);
  const out: LoggedHop[] = [];
  const emitted = new Set<Node>();
  const emit = (node: Node): void => {
    if (emitted.has(node)) return;
    emitted.add(node);
    out.push(...node.hops.sort((a, b) => a.seq - b.seq));
    for (const child of node.children) {
      child.waiting -= 1;
      if (child.waiting === 0) insertDescending(ready, child);
    }
  };
  const drain = (): void => {
    while (ready.length > 0) emit(ready.pop() as Node);
  };
  drain();
  // A causation cycle cannot happen with fresh ids, but a hand-edited log could have one:
  // break it at its earliest event.
  for (const node of [...nodes.values()].sort((a, b) => a.minSeq - b.minSeq)) {
    if (emitted.has(node)) continue;
    emit(node);
    drain();
  }
  return out;

  function insertDescending(list: Node[], node: Node): void {
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((list[mid] as Node).minSeq > node.minSeq) lo = mid + 1;
      else hi = mid;
    }
    list.splice(lo, 0, node);
  }
}
