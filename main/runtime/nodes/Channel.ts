import type { IClientPublishOptions } from 'mqtt';
import type { PlannedOutput } from '../../../shared/compile/RuntimePlan';
import type { CloudEvent } from '../../../shared/events/CloudEvent';
import { compilePattern, compileTopicFilter } from '../../../shared/routing';
import type { EdgeStats } from '../observe/RunObserver';
import type { RunEnv } from './RunEnv';

/** An outgoing channel ready for the hot path: wire topic, publish options and its rule, compiled once. */
export interface Channel {
  edgeId: string;
  targetId: string;
  /** The topic as published, run prefix included. */
  wireTopic: string;
  publishOptions: IClientPublishOptions;
  /** The target runs in this process: remember each send for the hop's latency. */
  targetLocal: boolean;
  stats: EdgeStats;
  /** No rule: takes every event. */
  hasRule: boolean;
  /** The rule's two parts: the topic filter (tested on the inbound topic, unprefixed) and the content pattern. */
  acceptsTopic: ((topic: string) => boolean) | undefined;
  acceptsEvent: ((event: unknown) => boolean) | undefined;
}

/**
 * Compile a planned output. An invalid pattern is a plain Error naming the edge (the compiler
 * reports these before a run; reaching one here is a bug in the plan, not in the user's flow).
 */
export function compileChannel(out: PlannedOutput, env: RunEnv): Channel {
  let acceptsEvent: Channel['acceptsEvent'];
  if (out.rule?.pattern !== undefined) {
    const compiled = compilePattern(out.rule.pattern);
    if (!compiled.ok) {
      throw new Error(
        `channel ${out.edgeId}: rule.pattern is invalid: ${compiled.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`,
      );
    }
    acceptsEvent = compiled.match;
  }
  const acceptsTopic = out.rule?.topicFilter !== undefined ? compileTopicFilter(out.rule.topicFilter) : undefined;
  return {
    edgeId: out.edgeId,
    targetId: out.targetId,
    wireTopic: env.topicPrefix + out.topic,
    publishOptions: { qos: out.qos, retain: out.retain },
    targetLocal: env.localNodeIds.has(out.targetId),
    stats: env.observer.edge(out.edgeId),
    hasRule: acceptsEvent !== undefined || acceptsTopic !== undefined,
    acceptsTopic,
    acceptsEvent,
  };
}

/** Does the channel's rule take this event (which arrived on `inboundTopic`, if it arrived at all)? */
export function channelAccepts(channel: Channel, event: CloudEvent, inboundTopic: string | undefined): boolean {
  if (channel.acceptsTopic !== undefined && inboundTopic !== undefined && !channel.acceptsTopic(inboundTopic)) return false;
  return channel.acceptsEvent === undefined || channel.acceptsEvent(event);
}
