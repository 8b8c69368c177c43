import type { ConsumerNode, ConsumerOutput } from '../flow/FlowDocument';
import type { Channel, CompileContext } from './CompileContext';
import { ANY_TYPE, ruleAcceptance as accepts } from './ruleAcceptance';

/**
 * How surely a hop passes an event on:
 * - `every`: every event that arrives is sent on (no rule, or a rule on `type` alone that
 *   accepts this type; a consumer output with no condition that is emitted on every outcome);
 * - `likely`: every event is sent on unless something the compiler cannot evaluate stops
 *   it: a content pattern, a forEach that may give no items, a failure share of the consumer;
 * - `some`: only on a condition meant to end or divert a flow: a `when` on the output, the
 *   failure outputs, a monitor's alert, a dead-letter channel.
 */
export type HopStrength = 'every' | 'likely' | 'some';

/** An event of one type travelling on one channel. */
export interface HopState {
  key: string;
  channel: Channel;
  type: string;
}

export interface HopTransition {
  to: string;
  strength: HopStrength;
  /** What makes a `likely` or `some` hop conditional, as noun phrases for a message ("unless X stops it"). */
  conditions: string[];
}

/** Which events can follow which, channel by channel and type by type. */
export interface HopGraph {
  states: ReadonlyMap<string, HopState>;
  /** From a state (an event arriving at its channel's target) to what that node sends on. */
  transitions: ReadonlyMap<string, readonly HopTransition[]>;
}

const STRENGTH_RANK: Record<HopStrength, number> = { every: 2, likely: 1, some: 0 };

/**
 * Every way an event can go on after it arrived somewhere: the states are (channel, event
 * type) pairs, and there is a transition from a state to each state the channel's target can
 * send as a result, with how surely it does (HopStrength). Brokers forward the event itself, so
 * its type goes on, tested against each channel's rule (and in first-match mode, only until
 * a channel surely takes it); consumers send their outputs' types and monitors their alert
 * types. A dead-letter channel carries what arrived. Producers only start states. Built by a
 * worklist over a finite set (channels × types), so it ends; the same document gives the same
 * graph, in the same order.
 *
 * @example
 * const g = hopGraph(ctx); // producer -> router R -> consumer C -> R, C answering every event with order.placed
 * [...g.states.values()].map((s) => `${s.channel.edge.id} ${s.type}`) // => ['in order.placed', 'cr order.placed', 'rc order.placed']
 * [...g.transitions.values()].flat().map((t) => t.strength) // => ['every', 'every', 'every']
 */
export function hopGraph(ctx: CompileContext): HopGraph {
  const states = new Map<string, HopState>();
  const transitions = new Map<string, HopTransition[]>();
  const queue: HopState[] = [];
  const stateOf = (channel: Channel, type: string): HopState => {
    const key = `${channel.edge.id}\u0000${channel.index}\u0000${type}`;
    let s = states.get(key);
    if (!s) {
      s = { key, channel, type };
      states.set(key, s);
      transitions.set(key, []);
      queue.push(s);
    }
    return s;
  };

  // Seeds: what producers send, and what consumers send whatever they received.
  for (const { node } of ctx.nodesById.values()) {
    const out = ordinary(ctx, node.id);
    if (node.kind === 'producer') {
      const type = node.settings.mode === 'external' ? ANY_TYPE : node.settings.eventType;
      for (const c of out) if (accepts(c, type, undefined).verdict !== 'no') stateOf(c, type);
    } else if (node.kind === 'consumer') {
      for (const e of emissions(node)) for (const c of out) if (accepts(c, e.type, undefined).verdict !== 'no') stateOf(c, e.type);
    }
  }

  for (let head = 0; head < queue.length; head++) {
    const from = queue[head]!;
    const target = from.channel.target.node;
    const add = (channel: Channel, type: string, strength: HopStrength, conditions: string[]) => {
      const to = stateOf(channel, type);
      transitions.get(from.key)!.push({ to: to.key, strength, conditions });
    };
    const inboundTopic = from.channel.edge.topic;
    const deadLetter = (ctx.outgoing.get(target.id) ?? []).find((c) => c.edge.deadLetter);
    switch (target.kind) {
      case 'producer':
        break;
      case 'broker': {
        const firstMatch = target.settings.mode === 'first-match';
        let surelyTaken = false;
        let maybeEarlier: string | undefined;
        for (const c of ordinary(ctx, target.id)) {
          const a = accepts(c, from.type, inboundTopic);
          if (a.verdict === 'no') continue;
          const shadow = firstMatch ? maybeEarlier : undefined;
          const conditions = [...(shadow ? [shadow] : []), ...a.conditions];
          add(c, from.type, conditions.length === 0 ? 'every' : 'likely', conditions);
          if (a.verdict === 'yes') {
            surelyTaken = true;
            if (firstMatch) break;
          } else if (firstMatch && maybeEarlier === undefined) {
            maybeEarlier = `an earlier channel of "${target.name}" taking it first (first-match mode)`;
          }
        }
        if (deadLetter && !surelyTaken) add(deadLetter, from.type, 'likely', [`a rule of "${target.name}" that matches it`]);
        break;
      }
      case 'consumer': {
        for (const e of emissions(target)) {
          for (const c of ordinary(ctx, target.id)) {
            const a = accepts(c, e.type, inboundTopic);
            if (a.verdict === 'no') continue;
            add(c, e.type, weaker(e.strength, a.verdict === 'yes' ? 'every' : 'likely'), [...e.conditions, ...a.conditions]);
          }
        }
        if (deadLetter && mayDeadLetter(target)) add(deadLetter, from.type, 'some', [`processing failing at "${target.name}"`]);
        break;
      }
    }
  }
  return { states, transitions };
}

/**
 * Is `a` at least as sure as `b` (every > likely > some)? How checkCycles picks the hops a loop
 * may be made of.
 *
 * @example
 * atLeast('every', 'likely') // => true
 * atLeast('some', 'likely') // => false
 */
export function atLeast(a: HopStrength, b: HopStrength): boolean {
  return STRENGTH_RANK[a] >= STRENGTH_RANK[b];
}

function weaker(a: HopStrength, b: HopStrength): HopStrength {
  return STRENGTH_RANK[a] <= STRENGTH_RANK[b] ? a : b;
}

function ordinary(ctx: CompileContext, nodeId: string): Channel[] {
  return (ctx.outgoing.get(nodeId) ?? []).filter((c) => !c.edge.deadLetter);
}

interface Emission {
  type: string;
  strength: HopStrength;
  conditions: string[];
}

/** What a consumer can send after processing an event, and how surely. */
function emissions(node: ConsumerNode): Emission[] {
  const s = node.settings;
  const canFail = s.failure !== undefined || s.transientError !== undefined;
  const out: Emission[] = [];
  s.outputs.forEach((o, i) => {
    const e = outputEmission(o, i, canFail, node.name);
    if (e) out.push(e);
  });
  if (s.role === 'monitor') {
    for (const rule of s.monitor?.rules ?? []) out.push({ type: rule.alertType, strength: 'some', conditions: [`monitor rule "${rule.name}" alerting`] });
  }
  return out;
}

function outputEmission(o: ConsumerOutput, index: number, canFail: boolean, consumer: string): Emission | undefined {
  const where = `output ${index + 1} (${o.eventType}) of "${consumer}"`;
  // Failure outputs need a way to fail: a failure rule, or a transient error that outlasts its retries.
  if (o.on === 'failure') return canFail ? { type: o.eventType, strength: 'some', conditions: [`${where} being sent on failure only`] } : undefined;
  if (o.when !== undefined) return { type: o.eventType, strength: 'some', conditions: [`the when condition of ${where}`] };
  const conditions: string[] = [];
  if (o.forEach !== undefined) conditions.push(`an empty forEach of ${where}`);
  if (o.on === 'success' && canFail) conditions.push(`a failure at "${consumer}"`);
  return { type: o.eventType, strength: conditions.length === 0 ? 'every' : 'likely', conditions };
}

/** Can processing at this consumer end in its dead-letter channel (a transient error, or an expression that fails)? */
function mayDeadLetter(node: ConsumerNode): boolean {
  const s = node.settings;
  if (s.transientError !== undefined || s.state !== undefined) return true;
  return s.outputs.some((o) => o.transform !== undefined || o.when !== undefined || o.forEach !== undefined);
}
