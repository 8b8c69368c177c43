import type { Channel, CompileContext } from './CompileContext';
import type { Diagnostic } from './RuntimePlan';
import { channelTitle, listNames } from './displayNames';
import { atLeast, hopGraph, type HopGraph, type HopStrength } from './hopGraph';
import { strongComponents } from './strongComponents';

/** A message names at most this many of the conditions that may hold a loop back. */
const MAX_LISTED_CONDITIONS = 3;

/**
 * Loops that events could go round forever, found on the hop graph (which event types can
 * follow which, channel by channel, and how surely: see hopGraph). Brokers and consumers alike:
 * a consumer that answers every event it gets with a new one is a relay in a loop as much as
 * a broker is.
 *
 * - `endless-loop` (error): a loop whose every hop is sure to pass every event on: channels
 *   without rules (or with a rule on `type` alone that takes the type going round), brokers
 *   that forward everything, consumers whose output has no condition and is emitted whatever
 *   happens. One event entering circulates forever (and multiplies where a broker fans out to
 *   two channels of the loop).
 * - `cycle-without-exit` (error): a loop no event can leave: no channel out of it that any
 *   event going round could take. What enters circulates among its nodes or ends in one of
 *   them, and the rest of the flow never sees it.
 * - `endless-loop` (warning): a loop that re-emits every event on every lap unless a
 *   condition the compiler cannot evaluate stops it (a content pattern, a consumer's failure
 *   share, a forEach). Brokers forward an event unchanged, so a pattern that lets it through
 *   once lets it through on every lap.
 * Loops that only go on under a condition meant to end them (a `when` on an output, the
 * failure outputs, a monitor's alerts, a dead-letter channel) are retry loops and sagas: not
 * reported while they have a way out. One finding per group of nodes, the surest first.
 *
 * @example
 * checkCycles(ctx) // producer -> router "R" -> consumer "C" -> "R", C answering every event =>
 * // [{ code: 'endless-loop', severity: 'error', nodeId: 'r', edgeId: 'rc', path: 'edges[1]', message: 'Every event goes round the loop of "R", "C" on every lap...' }]
 */
export function checkCycles(ctx: CompileContext): Diagnostic[] {
  const graph = hopGraph(ctx);
  const out: Diagnostic[] = [];
  const reported = new Set<string>();
  const report = (nodes: string[], d: Diagnostic) => {
    nodes.forEach((id) => reported.add(id));
    out.push(d);
  };
  const fresh = (nodes: readonly string[]) => !nodes.some((id) => reported.has(id));

  for (const loop of loops(graph, 'every')) {
    const nodes = nodesOf(ctx, graph, loop);
    if (!fresh(nodes)) continue;
    const channel = firstChannel(graph, loop, 'every');
    const multiplies = loop.some((key) => (graph.transitions.get(key) ?? []).filter((t) => t.strength === 'every' && loop.includes(t.to)).length > 1);
    report(nodes, {
      severity: 'error',
      code: 'endless-loop',
      nodeId: nodes[0],
      edgeId: channel.edge.id,
      path: `edges[${channel.index}]`,
      message: `Every event goes round the loop of ${namesOf(ctx, nodes)} on every lap, so one event would circulate forever${multiplies ? ' and multiply on each lap' : ''}: no channel of the loop has a rule that can stop it and no output in it has a condition. Add a rule to one of its channels (such as the ${channelTitle(channel.edge, ctx.nodesById)}), a when condition on the output that sends events back, or remove a channel of the loop.`,
    });
  }

  for (const loop of loops(graph, 'some')) {
    const members = new Set(loop);
    const leaves = loop.some((key) => (graph.transitions.get(key) ?? []).some((t) => !members.has(t.to)));
    if (leaves) continue;
    const nodes = nodesOf(ctx, graph, loop);
    if (!fresh(nodes)) continue;
    const first = ctx.nodesById.get(nodes[0]!)!;
    const channel = firstChannel(graph, loop, 'some');
    report(nodes, {
      severity: 'error',
      code: 'cycle-without-exit',
      nodeId: first.node.id,
      edgeId: channel.edge.id,
      path: `nodes[${first.index}]`,
      message: `${namesOf(ctx, nodes)} form a loop with no way out: events that enter would circulate among them or end in one of them, and never reach the rest of the flow. Add a channel from one of them to a node outside the loop, or remove a channel of the loop (such as the ${channelTitle(channel.edge, ctx.nodesById)}).`,
    });
  }

  for (const loop of loops(graph, 'likely')) {
    const nodes = nodesOf(ctx, graph, loop);
    if (!fresh(nodes)) continue;
    const channel = firstChannel(graph, loop, 'likely');
    const conditions = conditionsOf(graph, loop);
    report(nodes, {
      severity: 'warning',
      code: 'endless-loop',
      nodeId: nodes[0],
      edgeId: channel.edge.id,
      path: `edges[${channel.index}]`,
      message: `The loop of ${namesOf(ctx, nodes)} sends every event round again on each lap unless ${conditions} stops it, so an event that gets through once may circulate forever. Give the loop a condition that ends it (a when condition on the output that sends events back, e.g. a hop count in the data), or remove a channel of it (such as the ${channelTitle(channel.edge, ctx.nodesById)}).`,
    });
  }
  return out.sort((a, b) => nodeOrder(ctx, a) - nodeOrder(ctx, b));
}

/** The strongly connected groups of states (two or more) joined by transitions at least this sure. */
function loops(graph: HopGraph, least: HopStrength): string[][] {
  const keys = [...graph.states.keys()];
  const next = (key: string) => (graph.transitions.get(key) ?? []).filter((t) => atLeast(t.strength, least)).map((t) => t.to);
  return strongComponents(keys, next).filter((c) => c.length >= 2);
}

/** The nodes a loop of states goes through, in document order. */
function nodesOf(ctx: CompileContext, graph: HopGraph, loop: readonly string[]): string[] {
  const ids = new Set(loop.map((key) => graph.states.get(key)!.channel.target.node.id));
  return [...ctx.nodesById.values()].filter((n) => ids.has(n.node.id)).map((n) => n.node.id);
}

/** The loop's channel first in document order among those entered by a transition at least this sure from within the loop. */
function firstChannel(graph: HopGraph, loop: readonly string[], least: HopStrength): Channel {
  const members = new Set(loop);
  const entered = new Set<string>();
  for (const key of loop) {
    for (const t of graph.transitions.get(key) ?? []) if (members.has(t.to) && atLeast(t.strength, least)) entered.add(t.to);
  }
  const channels = [...entered].map((key) => graph.states.get(key)!.channel);
  return channels.reduce((a, b) => (b.index < a.index ? b : a));
}

/** The conditions (of `likely` hops within the loop) that might stop an event, as a phrase. */
function conditionsOf(graph: HopGraph, loop: readonly string[]): string {
  const members = new Set(loop);
  const found: string[] = [];
  for (const key of loop) {
    for (const t of graph.transitions.get(key) ?? []) {
      if (!members.has(t.to) || t.strength !== 'likely') continue;
      for (const c of t.conditions) if (!found.includes(c)) found.push(c);
    }
  }
  if (found.length === 0) return 'a rule of its channels';
  const shown = found.slice(0, MAX_LISTED_CONDITIONS);
  const more = found.length - shown.length;
  const list = shown.length === 1 ? shown[0]! : `${shown.slice(0, -1).join(', ')} or ${shown[shown.length - 1]!}`;
  return more > 0 ? `${list} (or ${more} more)` : list;
}

function namesOf(ctx: CompileContext, ids: readonly string[]): string {
  return listNames(ids.map((id) => ctx.nodesById.get(id)!.node.name));
}

function nodeOrder(ctx: CompileContext, d: Diagnostic): number {
  return d.nodeId === undefined ? 0 : (ctx.nodesById.get(d.nodeId)?.index ?? 0);
}
