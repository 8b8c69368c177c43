import type { FlowNode } from '../flow/FlowDocument';
import type { Channel, CompileContext } from './CompileContext';
import { typeConstraintOf } from './typeConstraintOf';

/** Event type names, or `unknown` when anything may come (outside events, dead letters). */
export type TypeSet = ReadonlySet<string> | 'unknown';

/** Which event types move where, as far as the document tells. */
export interface EventTypeFlow {
  /** What each node id sends on its ordinary (not dead-letter) outgoing channels. */
  emitted: ReadonlyMap<string, TypeSet>;
  /** What each node id receives through its inbound channels. */
  reaching: ReadonlyMap<string, TypeSet>;
  /** Each channel's rule test on `type` (see typeConstraintOf), worked out once per compile. */
  typeConstraints: ReadonlyMap<Channel, ((type: unknown) => boolean) | undefined>;
}

/**
 * Propagate event types along the channels to a fixed point. A producer emits its
 * `eventType` (an `external` one wraps whatever arrives: unknown); a broker forwards what
 * reaches it; a consumer emits its outputs' event types and its monitor rules' alert types.
 * A channel carries what its source emits, narrowed by its rule's `type` constraint; a
 * dead-letter channel carries anything. A type that is not declared makes what its node
 * sends unknown: unknown-event-type already reports it, and a second finding downstream
 * would only repeat the typo. Sets only grow, so the worklist ends.
 *
 * @example
 * eventTypeFlow(ctx).reaching.get('router') // => Set { 'order.placed' }
 */
export function eventTypeFlow(ctx: CompileContext): EventTypeFlow {
  const reaching = new Map<string, Set<string> | 'unknown'>();
  const emitted = new Map<string, TypeSet>();
  for (const id of ctx.nodesById.keys()) reaching.set(id, new Set());
  const constraints = new Map<Channel, ((type: unknown) => boolean) | undefined>();
  for (const c of ctx.channels) constraints.set(c, typeConstraintOf(c.edge.rule));

  const declared = new Set(ctx.doc.eventTypes.map((t) => t.name));

  const queue = [...ctx.nodesById.keys()];
  const queued = new Set(queue);
  for (let head = 0; head < queue.length; head++) {
    const id = queue[head]!;
    queued.delete(id);
    const node = ctx.nodesById.get(id)!.node;
    const sends = onlyDeclared(emittedBy(node, reaching.get(id)!), declared);
    emitted.set(id, sends);
    for (const channel of ctx.outgoing.get(id) ?? []) {
      const carried: TypeSet = channel.edge.deadLetter ? 'unknown' : narrow(sends, constraints.get(channel));
      const targetId = channel.target.node.id;
      if (!addAll(reaching, targetId, carried)) continue;
      if (channel.target.node.kind === 'broker' && !queued.has(targetId)) {
        queue.push(targetId);
        queued.add(targetId);
      }
    }
  }
  return { emitted, reaching, typeConstraints: constraints };
}

function emittedBy(node: FlowNode, received: TypeSet): TypeSet {
  switch (node.kind) {
    case 'producer':
      return node.settings.mode === 'external' ? 'unknown' : new Set([node.settings.eventType]);
    case 'broker':
      return received === 'unknown' ? 'unknown' : new Set(received);
    case 'consumer':
      return new Set([
        ...node.settings.outputs.map((o) => o.eventType),
        ...(node.settings.monitor?.rules.map((r) => r.alertType) ?? []),
      ]);
  }
}

function onlyDeclared(types: TypeSet, declared: ReadonlySet<string>): TypeSet {
  if (types === 'unknown') return types;
  for (const t of types) if (!declared.has(t)) return 'unknown';
  return types;
}

function narrow(types: TypeSet, accepts: ((type: unknown) => boolean) | undefined): TypeSet {
  if (types === 'unknown' || accepts === undefined) return types;
  return new Set([...types].filter((t) => accepts(t)));
}

/** Add `types` to what reaches `id`; true when that changed anything. */
function addAll(reaching: Map<string, Set<string> | 'unknown'>, id: string, types: TypeSet): boolean {
  const current = reaching.get(id)!;
  if (current === 'unknown') return false;
  if (types === 'unknown') {
    reaching.set(id, 'unknown');
    return true;
  }
  const before = current.size;
  for (const t of types) current.add(t);
  return current.size !== before;
}
