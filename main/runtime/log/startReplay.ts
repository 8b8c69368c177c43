import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import { MAX_REPLAY_SPEED, MIN_REPLAY_SPEED } from '../../../shared/bridge/bridgeMethods';
import type { RuntimePlan } from '../../../shared/compile/RuntimePlan';
import type { CloudEvent } from '../../../shared/events/CloudEvent';
import type { HopRecord } from './HopSink';
import { isReplayHop, runOf } from './LoggedHop';
import { channelsForEvent, replayChannels, type ReplayChannel } from './replayChannels';
import { RepeatFilter } from './RepeatFilter';
import { withTopicPrefix } from './withTopicPrefix';

/** With `keepOrder: false`, at most this many publishes wait for their PUBACK at once. */
export const MAX_REPLAY_IN_FLIGHT = 1_000;
/** How long the replay client may take to connect before the replay fails. */
export const REPLAY_CONNECT_TIMEOUT_MS = 10_000;

export type ReplaySpeed = number | 'max';

export interface ReplayOptions {
  /** Log records (their channel says where they entered) or CloudEvents (from an imported file). */
  records: AsyncIterable<HopRecord | CloudEvent>;
  plan: RuntimePlan;
  brokerUrl: string;
  /** The running flow's topic prefix (RunStatus.topicPrefix); '' for none. */
  topicPrefix?: string;
  /** 1..100 times the original pace, or 'max' (no delay). Default 1. */
  speed?: ReplaySpeed;
  /** Publish one event after the previous one is acknowledged (default), or concurrently. */
  keepOrder?: boolean;
  /** Node ids: replay only into the channels leading to these nodes. */
  targets?: string[];
  /** Set as the `replayid` extension of every replayed event; default a new UUID. */
  replayId?: string;
  /** Extra mqtt.js options (username, password, TLS) for an external broker. */
  mqttOptions?: IClientOptions;
  /**
   * Log records of replayed traffic (a replayed event, or one a replayed event caused: both
   * carry a replay id) are left out unless this is true, so a replay never re-sends an earlier
   * replay as if it were history. Imported CloudEvents are always replayed.
   */
  includeReplays?: boolean;
  /** Called for every record that could not be replayed, with the reason. */
  onSkip?: (reason: string) => void;
}

export type ReplayState = 'connecting' | 'running' | 'paused' | 'cancelled' | 'done' | 'failed';

export interface ReplayProgress {
  replayId: string;
  state: ReplayState;
  published: number;
  skipped: number;
  /** Publishes waiting for their acknowledgement. */
  inFlight: number;
  /** Original publish time (epoch ms) of the last event published. */
  position?: number;
}

export interface ReplaySummary {
  replayId: string;
  published: number;
  skipped: number;
  cancelled: boolean;
  elapsedMs: number;
}

export interface ReplayController {
  readonly replayId: string;
  pause(): void;
  resume(): void;
  /** Stop publishing; `done` resolves with what was published so far. */
  cancel(): void;
  progress(): ReplayProgress;
  /** Resolves when every chosen event is published (or on cancel); rejects if the broker cannot be reached. */
  done: Promise<ReplaySummary>;
}

export type ReplayCheck = { ok: true; channels: Map<string, ReplayChannel> } | { ok: false; message: string };

/** Check replay options a user gives (speed, targets) before starting; the message names the fix. */
export function checkReplayOptions(options: Pick<ReplayOptions, 'plan' | 'speed' | 'targets'>): ReplayCheck {
  const speed = options.speed ?? 1;
  if (speed !== 'max' && !(typeof speed === 'number' && speed >= MIN_REPLAY_SPEED && speed <= MAX_REPLAY_SPEED)) {
    return { ok: false, message: `speed: must be a number from ${MIN_REPLAY_SPEED} to ${MAX_REPLAY_SPEED}, or max (got ${String(speed)})` };
  }
  return replayChannels(options.plan, options.targets);
}

/**
 * Re-publish a slice of history into a flow. Each event goes back onto the channel where it
 * entered the flow (or, with targets, the channel leading to a chosen node), on that channel's
 * topic with the run's prefix, keeping its id and carrying a `replayid` extension so the
 * runtime and the canvas can tell it from live traffic. Gaps between events are the original
 * gaps divided by `speed`; the schedule is kept against a monotonic clock, so it does not
 * drift, and a pause shifts it. The replay has its own mqtt.js client (QoS 1).
 *
 * @example
 * const replay = startReplay({ records: log.query({ since }), plan, brokerUrl: status.broker.url, speed: 10 });
 * const { published } = await replay.done;
 */
export function startReplay(options: ReplayOptions): ReplayController {
  const replayId = options.replayId ?? randomUUID();
  const speed = options.speed ?? 1;
  const keepOrder = options.keepOrder ?? true;
  const prefix = options.topicPrefix ?? '';
  let state: ReplayState = 'connecting';
  let published = 0;
  let skipped = 0;
  let inFlight = 0;
  let position: number | undefined;
  let pausedAt = 0;
  let pausedTotal = 0;
  let wake: (() => void) | null = null;
  const startedAt = performance.now();

  const skip = (reason: string): void => {
    skipped += 1;
    options.onSkip?.(reason);
  };
  // State changes come from pause/resume/cancel between awaits; read it through a call so the
  // compiler does not narrow it across those awaits.
  const now = (): ReplayState => state;
  const poke = (): void => {
    const w = wake;
    wake = null;
    w?.();
  };

  async function sleepUntil(due: number): Promise<void> {
    for (;;) {
      if (state === 'cancelled') return;
      if (state === 'paused') {
        await new Promise<void>((resolve) => (wake = resolve));
        continue;
      }
      const ms = due + pausedTotal - performance.now();
      if (ms <= 0) return;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, ms);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  async function run(): Promise<ReplaySummary> {
    const check = checkReplayOptions(options);
    if (!check.ok) throw new Error(check.message);
    const { channels } = check;
    const client = await connect(options.brokerUrl, replayId, options.mqttOptions);
    const pending = new Set<Promise<void>>();
    try {
      if (now() === 'connecting') state = 'running';
      const repeats = new RepeatFilter();
      let firstOriginal: number | null = null;
      let scheduleStart = 0;
      let lastDue = 0;
      for await (const item of options.records) {
        if (now() === 'cancelled') break;
        const picked = pick(item, channels, skip, options.includeReplays === true);
        if (picked.length === 0) continue;
        for (const { run, event, channel, original } of picked) {
          // The same event of the same run on the same channel: redeliveries (see RepeatFilter).
          if (!repeats.firstTime(run, event.id, channel.edgeId)) continue;
          if (speed !== 'max' && Number.isFinite(original)) {
            if (firstOriginal === null) {
              firstOriginal = original;
              scheduleStart = performance.now() - pausedTotal; // pauses before the first event shift nothing
            }
            // Original gaps / speed; never earlier than the previous event (out-of-order times).
            lastDue = Math.max(lastDue, scheduleStart + (original - firstOriginal) / speed);
            await sleepUntil(lastDue);
          } else {
            await sleepUntil(0);
          }
          if (now() === 'cancelled') break;
          const payload = JSON.stringify({ ...event, replayid: replayId });
          const publish = client.publishAsync(withTopicPrefix(prefix, channel.topic), payload, { qos: 1 }).then(
            () => {
              published += 1;
              position = Number.isFinite(original) ? original : position;
            },
            (err: Error) => skip(`event ${event.id}: the broker did not accept it (${err.message})`),
          );
          inFlight += 1;
          const tracked = publish.finally(() => {
            inFlight -= 1;
            pending.delete(tracked);
          });
          pending.add(tracked);
          if (keepOrder) await tracked;
          else if (pending.size >= MAX_REPLAY_IN_FLIGHT) await Promise.race(pending);
        }
      }
      await Promise.all(pending);
    } finally {
      await client.endAsync().catch(() => undefined);
    }
    const cancelled = now() === 'cancelled';
    if (!cancelled) state = 'done';
    return { replayId, published, skipped, cancelled, elapsedMs: performance.now() - startedAt };
  }

  const done = run().catch((err: Error) => {
    state = 'failed';
    throw err;
  });
  done.catch(() => undefined); // a caller who only cancels must not crash the process

  return {
    replayId,
    done,
    pause(): void {
      if (state !== 'running' && state !== 'connecting') return;
      state = 'paused';
      pausedAt = performance.now();
      poke();
    },
    resume(): void {
      if (state !== 'paused') return;
      pausedTotal += performance.now() - pausedAt;
      state = 'running';
      poke();
    },
    cancel(): void {
      if (state === 'done' || state === 'failed') return;
      state = 'cancelled';
      poke();
    },
    progress(): ReplayProgress {
      return { replayId, state, published, skipped, inFlight, ...(position !== undefined ? { position } : {}) };
    },
  };
}

interface Picked {
  /** The run that logged it ('' for an imported event). */
  run: string;
  event: CloudEvent;
  channel: ReplayChannel;
  /** Original publish time, epoch ms (NaN when unknown). */
  original: number;
}

function pick(item: HopRecord | CloudEvent, channels: Map<string, ReplayChannel>, skip: (reason: string) => void, includeReplays: boolean): Picked[] {
  if (isHopRecord(item)) {
    const channel = channels.get(item.trace.edgeId);
    if (!channel) return []; // a hop inside the flow: the flow itself will make it again
    if (!includeReplays && isReplayHop(item)) return [];
    if (item.event === null) {
      skip(`event ${item.trace.eventId} on ${item.trace.edgeId}: the log has its raw payload only (it was not a CloudEvent)`);
      return [];
    }
    return [{ run: runOf(item), event: stripReplayId(item.event), channel, original: item.trace.sentAt }];
  }
  const found = channelsForEvent(item, channels);
  if (found.length === 0) {
    skip(`event ${item.id} (${item.type}): no replay channel carries this type`);
    return [];
  }
  const original = typeof item.time === 'string' ? Date.parse(item.time) : NaN;
  return found.map((channel) => ({ run: '', event: stripReplayId(item), channel, original }));
}

function isHopRecord(item: HopRecord | CloudEvent): item is HopRecord {
  return typeof (item as HopRecord).trace === 'object' && (item as CloudEvent).specversion === undefined;
}

function stripReplayId(event: CloudEvent): CloudEvent {
  if (event.replayid === undefined) return event;
  const { replayid: _r, ...rest } = event;
  return rest as CloudEvent;
}

async function connect(url: string, replayId: string, extra: IClientOptions | undefined): Promise<MqttClient> {
  try {
    return await mqtt.connectAsync(
      url,
      {
        clientId: `eventflow-replay-${replayId.slice(0, 8)}-${process.pid}`,
        clean: true,
        connectTimeout: REPLAY_CONNECT_TIMEOUT_MS,
        reconnectPeriod: 0,
        ...extra,
      },
      false,
    );
  } catch (err) {
    throw new Error(`cannot reach the broker at ${url} (${(err as Error).message}); check the URL and that the broker is running`, {
      cause: err,
    });
  }
}
