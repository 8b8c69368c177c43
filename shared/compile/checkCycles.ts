import type { FlowEdge } from '../flow/FlowDocument';
import type { Channel, CompileContext } from './CompileContext';
import type { Diagnostic } from './RuntimePlan';
import { channelTitle, listNames } from './displayNames';
import { strongComponents } from './strongComponents';

/**
 * `cycle-without-exit` (error): channels that would make events circulate forever.
 *
 * Definition. Brokers forward what they receive and change nothing, so a loop made only of
 * brokers is where an event can go round for ever. It is an error when either:
 *  (a) closed loop: a strongly connected component of the channel graph with two or more
 *      nodes holds only brokers and no channel leaves it. Whatever enters circulates (or is
 *      dropped by the rules) and never reaches a consumer; or
 *  (b) unconditional loop: brokers form a cycle of channels every event takes (in fan-out
 *      mode, each ordinary channel without a rule; in first-match mode, the first ordinary
 *      channel when it has no rule). Every event that enters goes round forever, and in
 *      fan-out mode sends a copy out of every exit on each round, exits or not.
 * A cycle through a consumer is not reported: a consumer ends or transforms what it
 * receives (retry loops and saga steps are cycles on purpose). Dead-letter channels only
 * carry failures, so they never make a loop unconditional. A channel from a node to itself
 * is not a channel at all (forbidden-edge), so every component here has two or more nodes.
 *
 * @example
 * checkCycles(ctx) // broker "A" -> broker "B" -> broker "A", nothing else =>
 * // [{ code: 'cycle-without-exit', severity: 'error', nodeId: 'a', edgeId: 'ab', path: 'edges[0]', message: 'Brokers "A", "B" pass every event round a loop...' }]
 */
export function checkCycles(ctx: CompileContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  const brokerIds = [...ctx.nodesById.values()].filter((n) => n.node.kind === 'broker').map((n) => n.node.id);
  const reported = new Set<string>();

  const alwaysTaken = (id: string) => unconditionalChannels(ctx, id).filter((c) => c.target.node.kind === 'broker');
  for (const component of strongComponents(brokerIds, (id) => alwaysTaken(id).map((c) => c.target.node.id))) {
    if (component.length < 2) continue;
    const members = new Set(component);
    const loopEdge = firstChannelWithin(ctx, members, (c) => alwaysTaken(c.source.node.id).includes(c))!;
    component.forEach((id) => reported.add(id));
    out.push({
      severity: 'error',
      code: 'cycle-without-exit',
      nodeId: component[0],
      edgeId: loopEdge.edge.id,
      path: `edges[${loopEdge.index}]`,
      message: `Brokers ${namesOf(ctx, component)} pass every event round a loop of channels without rules, so each event would circulate forever: add a rule to one of these channels (such as the ${channelTitle(loopEdge.edge, ctx.nodesById)}) or remove one.`,
    });
  }

  const allIds = [...ctx.nodesById.keys()];
  const successors = (id: string) => (ctx.outgoing.get(id) ?? []).map((c) => c.target.node.id);
  for (const component of strongComponents(allIds, successors)) {
    if (component.length < 2 || component.some((id) => reported.has(id))) continue;
    if (!component.every((id) => ctx.nodesById.get(id)!.node.kind === 'broker')) continue;
    const members = new Set(component);
    const leaves = component.some((id) => (ctx.outgoing.get(id) ?? []).some((c) => !members.has(c.target.node.id)));
    if (leaves) continue;
    const first = ctx.nodesById.get(component[0]!)!;
    const loopEdge = firstChannelWithin(ctx, members, () => true)!;
    out.push({
      severity: 'error',
      code: 'cycle-without-exit',
      nodeId: first.node.id,
      edgeId: loopEdge.edge.id,
      path: `nodes[${first.index}]`,
      message: `Brokers ${namesOf(ctx, component)} form a loop with no way out: events that enter would circulate among them forever and never reach a consumer. Add a channel from one of them to a consumer, or remove a channel of the loop.`,
    });
  }
  return out.sort((a, b) => nodeOrder(ctx, a) - nodeOrder(ctx, b));
}

/** The channels a broker sends every event down, whatever the event (see the definition above). */
function unconditionalChannels(ctx: CompileContext, brokerId: string): Channel[] {
  const broker = ctx.nodesById.get(brokerId)!.node;
  if (broker.kind !== 'broker') return [];
  const ordinary = (ctx.outgoing.get(brokerId) ?? []).filter((c) => !c.edge.deadLetter);
  switch (broker.settings.mode) {
    case 'fan-out':
      return ordinary.filter((c) => takesEverything(c.edge));
    case 'first-match': {
      const first = ordinary[0];
      return first && takesEverything(first.edge) ? [first] : [];
    }
  }
}

/** No rule, or a rule with neither a topic filter nor a constraining pattern. */
function takesEverything(edge: FlowEdge): boolean {
  const rule = edge.rule;
  if (rule === undefined) return true;
  return rule.topicFilter === undefined && (rule.pattern === undefined || Object.keys(rule.pattern).length === 0);
}

function firstChannelWithin(ctx: CompileContext, members: ReadonlySet<string>, accept: (c: Channel) => boolean): Channel | undefined {
  return ctx.channels.find((c) => members.has(c.source.node.id) && members.has(c.target.node.id) && accept(c));
}

function namesOf(ctx: CompileContext, ids: readonly string[]): string {
  return listNames(ids.map((id) => ctx.nodesById.get(id)!.node.name));
}

function nodeOrder(ctx: CompileContext, d: Diagnostic): number {
  return d.nodeId === undefined ? 0 : (ctx.nodesById.get(d.nodeId)?.index ?? 0);
}
