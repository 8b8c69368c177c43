import { realpath } from 'node:fs/promises';
import { isAbsolute, join, relative } from 'node:path';
import type { IClientOptions } from 'mqtt';
import type { BridgePush } from '../../shared/bridge/bridgeEvents';
import { runEventToPush } from '../../shared/bridge/bridgeEvents';
import { MAX_LOG_QUERY_LIMIT } from '../../shared/bridge/bridgeMethods';
import { BridgeError } from '../../shared/bridge/BridgeError';
import type { LogRun } from '../../shared/bridge/bridgeMethods';
import type { ReplayProgress, RunStatus } from '../../shared/bridge/runEvents';
import { compileFlow } from '../../shared/compile/compileFlow';
import type { RuntimePlan } from '../../shared/compile/RuntimePlan';
import type { BrokerSettings, FlowDocument } from '../../shared/flow/FlowDocument';
import { resolveBrokerEndpoint } from '../runtime/broker/BrokerEndpoint';
import { EMBEDDED_BROKER_CAPABILITIES } from '../runtime/broker/startEmbeddedBroker';
import { listLogRuns } from '../runtime/log/listLogRuns';
import { logDirFor } from '../runtime/log/logDirFor';
import { runOf, type LoggedHop } from '../runtime/log/LoggedHop';
import type { LogQuery } from '../runtime/log/LogQuery';
import { openEventLog, type EventLog } from '../runtime/log/openEventLog';
import { openEventLogReader } from '../runtime/log/openEventLogReader';
import type { HopSink } from '../runtime/log/HopSink';
import { RepeatFilter } from '../runtime/log/RepeatFilter';
import { replayChannels } from '../runtime/log/replayChannels';
import { runsMatching } from '../runtime/log/runsMatching';
import { startReplay, type ReplayController } from '../runtime/log/startReplay';
import { startRun, type Run } from '../runtime/startRun';
import type { RunHandlers } from './createHost';

/** How long Stop lets events in flight arrive and finish before closing the broker. */
export const UI_STOP_DRAIN_MS = 2_000;
/** The most compile errors listed in the message a failed Run shows. */
const MAX_LISTED_COMPILE_ERRORS = 8;
/** The most replays kept running at once (older ones are cancelled). */
const MAX_CONCURRENT_REPLAYS = 4;
/**
 * A running replay pushes `replayProgress` at most this often (and at once when it starts,
 * pauses, resumes and ends), so a fast replay does not flood the bridge.
 */
export const REPLAY_PROGRESS_INTERVAL_MS = 250;

export interface RunHandlerOptions {
  /** Where run events go: the host's push (which checks them against the contract). */
  push: (push: BridgePush) => void;
  /** Flow files outside these folders never get a log beside them. */
  workspaceRoots: readonly string[];
  /** Where the log of an untitled flow (or one outside the workspace) is kept. */
  fallbackLogDir: string;
  log?: (message: string) => void;
}

/** The run handlers plus the teardown the host's owner calls on exit. */
export interface RunService {
  handlers: RunHandlers;
  /** Stop the run (if any), its replays and close its log. */
  close(): Promise<void>;
}

interface ActiveRun {
  run: Run;
  plan: RuntimePlan;
  logDir: string;
  /** The external broker's password the run connected with: its replays connect with it too. */
  brokerPassword: string | undefined;
  eventLog: (EventLog & HopSink) | null;
  unsubscribe: () => void;
  replays: Map<string, ActiveReplay>;
  stopping: Promise<RunStatus> | null;
}

interface ActiveReplay {
  controller: ReplayController;
  /** Push where it stands now (also called on pause and resume). */
  report(): void;
}

/**
 * The run methods of the bridge over the runtime: Run compiles the document (compile errors
 * come back as an `invalid-flow` error listing them, nothing runs), starts it on its broker
 * with the event log beside the flow file, and forwards every run event as a push. The
 * runtime already batches traces (bounded, sampled with a dropped count) and metrics, so
 * forwarding is one push per runtime event. One run at a time: a second Run stops the first.
 *
 * @example
 * let host: Host;
 * const runs = createRunHandlers({ push: (p) => host.push(p), workspaceRoots: ['examples'], fallbackLogDir: '.state/runs' });
 * host = await createHost({ workspaceRoots: ['examples'], stateDir: '.state', runs: runs.handlers });
 */
export function createRunHandlers(options: RunHandlerOptions): RunService {
  const log = options.log ?? ((message: string) => process.stderr.write(`${message}\n`));
  let active: ActiveRun | null = null;
  let lastStatus: RunStatus | null = null;
  /** The last flow run: after Stop its log can still be queried and replayed. */
  let last: { plan: RuntimePlan; logDir: string; brokerPassword?: string } | null = null;

  const requireRun = (): ActiveRun => {
    if (!active || active.stopping) throw new BridgeError('unavailable', 'no flow is running: press Run first');
    return active;
  };

  const logDirForPath = async (path: string | undefined): Promise<string> => {
    if (path === undefined) return options.fallbackLogDir;
    const real = await realpath(path).catch(() => null);
    if (real === null) return options.fallbackLogDir;
    for (const root of options.workspaceRoots) {
      const rootReal = await realpath(root).catch(() => root);
      const rel = relative(rootReal, real);
      if (rel !== '' && !rel.startsWith('..') && !isAbsolute(rel)) return logDirFor(real);
    }
    return options.fallbackLogDir;
  };

  const stopActive = async (): Promise<RunStatus | null> => {
    const current = active;
    if (!current) return lastStatus;
    if (!current.stopping) {
      current.stopping = (async () => {
        for (const replay of current.replays.values()) replay.controller.cancel();
        try {
          await current.run.stop({ drainMs: UI_STOP_DRAIN_MS });
        } catch (err) {
          log(`the run did not stop cleanly: ${String(err)}`);
        }
        const status = current.run.status();
        current.unsubscribe();
        await current.eventLog?.close().catch((err: unknown) => log(`event log not closed: ${String(err)}`));
        lastStatus = status;
        options.push({ event: 'runStatus', payload: status });
        if (active === current) active = null;
        return status;
      })();
    }
    return current.stopping;
  };

  /** Start a compiled flow with its log; `idle` producers for a replay after the run stopped. */
  const launch = async (plan: RuntimePlan, dir: string, brokerPassword: string | undefined, producers: 'run' | 'idle'): Promise<RunStatus> => {
    let eventLog: (EventLog & HopSink) | null = null;
    try {
      eventLog = await openEventLog({ dir, onError: (err) => log(`event log ${dir}: ${err.message}`) });
    } catch (err) {
      options.push({
        event: 'runLog',
        payload: { level: 'warn', message: `running without an event log (replay unavailable): ${(err as Error).message}`, at: Date.now() },
      });
    }

    let run: Run;
    try {
      run = await startRun(plan, {
        producers,
        ...(brokerPassword !== undefined ? { password: brokerPassword } : {}),
        ...(eventLog ? { hopSink: eventLog } : {}),
      });
    } catch (err) {
      await eventLog?.close().catch(() => undefined);
      throw new BridgeError('unavailable', `the flow could not start: ${err instanceof Error ? err.message : String(err)}`);
    }
    const unsubscribe = run.subscribe((event) => options.push(runEventToPush(event)));
    active = { run, plan, logDir: dir, brokerPassword, eventLog, unsubscribe, replays: new Map(), stopping: null };
    const status = run.status();
    lastStatus = status;
    options.push({ event: 'runStatus', payload: status });
    return status;
  };

  const findReplay = (replayId: string): ActiveReplay => {
    const replay = active?.replays.get(replayId);
    if (!replay) throw new BridgeError('not-found', `replay ${replayId} is not running (it may have finished)`);
    return replay;
  };

  /**
   * Push a replay's progress: when it starts, pauses, resumes and ends, and while it runs at
   * most every REPLAY_PROGRESS_INTERVAL_MS (only when something moved).
   */
  const trackReplay = (controller: ReplayController, total: number): ActiveReplay & { end(state: 'done' | 'cancelled' | 'failed', message?: string): void } => {
    let lastSent = '';
    const send = (progress: ReplayProgress): void => {
      const key = `${progress.state}/${progress.published}`;
      if (key === lastSent) return;
      lastSent = key;
      options.push({ event: 'replayProgress', payload: progress });
    };
    const now = (): ReplayProgress => {
      const p = controller.progress();
      const state = p.state === 'paused' ? 'paused' : p.state === 'cancelled' || p.state === 'done' || p.state === 'failed' ? p.state : 'running';
      return { replayId: controller.replayId, state, published: p.published, total };
    };
    const timer = setInterval(() => {
      const p = now();
      if (p.state === 'running') send(p);
    }, REPLAY_PROGRESS_INTERVAL_MS);
    timer.unref();
    send({ replayId: controller.replayId, state: 'running', published: 0, total });
    return {
      controller,
      report: () => send(now()),
      end(state, message) {
        clearInterval(timer);
        send({ replayId: controller.replayId, state, published: controller.progress().published, total, ...(message !== undefined ? { message } : {}) });
      },
    };
  };

  const handlers: RunHandlers = {
    async startRun({ doc, brokerPassword, path }) {
      const flow = doc as FlowDocument;
      const external = flow.broker.kind === 'external';
      const { plan, diagnostics } = compileFlow(flow, external ? {} : { brokerCapabilities: EMBEDDED_BROKER_CAPABILITIES });
      if (!plan) {
        const errors = diagnostics.filter((d) => d.severity === 'error');
        const listed = errors.slice(0, MAX_LISTED_COMPILE_ERRORS).map((d) => d.message);
        const more = errors.length > listed.length ? `; and ${errors.length - listed.length} more` : '';
        throw new BridgeError(
          'invalid-flow',
          `the flow does not compile (${errors.length} error(s)): ${listed.join('; ')}${more}. Fix them (see Problems) and press Run again`,
        );
      }
      await stopActive();
      const logDir = await logDirForPath(path);
      last = { plan, logDir, ...(brokerPassword !== undefined ? { brokerPassword } : {}) };
      const status = await launch(plan, logDir, brokerPassword, 'run');
      return { status };
    },

    async stopRun() {
      const status = await stopActive();
      if (!status) throw new BridgeError('unavailable', 'no flow is running: nothing to stop');
      return { status };
    },

    async getRunStatus() {
      return { status: active ? active.run.status() : lastStatus };
    },

    async pauseRun() {
      const { run } = requireRun();
      run.pauseProducers();
      return { status: run.status() };
    },

    async resumeRun() {
      const { run } = requireRun();
      run.resumeProducers();
      return { status: run.status() };
    },

    async pauseConsumer({ nodeId }) {
      await requireRun().run.pauseConsumer(nodeId).catch(rethrow(`could not pause ${nodeId}`));
      return {};
    },

    async resumeConsumer({ nodeId }) {
      await requireRun().run.resumeConsumer(nodeId).catch(rethrow(`could not resume ${nodeId}`));
      return {};
    },

    async fireProducer({ nodeId, data }) {
      const eventId = await requireRun().run.fire(nodeId, data).catch(rethrow(`could not fire ${nodeId}`));
      return { eventId };
    },

    async queryLog(q) {
      const eventLog = active?.eventLog ?? (last ? await readStoppedLog(last.logDir) : null);
      if (!eventLog) throw new BridgeError('unavailable', 'there is no event log yet: press Run (every run keeps one beside the flow)');
      const limit = Math.min(q.limit, MAX_LOG_QUERY_LIMIT);
      const hops: LoggedHop[] = [];
      let truncated = false;
      try {
        for await (const hop of eventLog.query({ ...(q as object), limit: limit + 1 })) {
          if (hops.length === limit) {
            truncated = true;
            break;
          }
          hops.push(hop);
        }
      } catch (err) {
        throw new BridgeError('bad-params', `the log query failed: ${(err as Error).message}`);
      }
      return { hops: hops as never, truncated };
    },

    async startReplay({ since, until, correlationId, runId, types, targets, ordered, speed, doc, path, brokerPassword }) {
      // What to replay into: the run of this session; else the document given (its log is the
      // one beside `path`); else the last run, after Stop. Without a live run the flow starts
      // again with idle producers (as `eventflow replay` does), so only the replayed events move,
      // on the flow's broker with the password given (as for Run), else the last run's when it
      // was for the same broker and user (never one broker's password to another).
      let target: { plan: RuntimePlan; logDir: string; brokerPassword?: string } | null = null;
      if (!active || active.stopping) {
        if (doc !== undefined) {
          const plan = compileForReplay(doc as FlowDocument);
          const password = brokerPassword ?? (last && sameBrokerUser(last.plan.broker, plan.broker) ? last.brokerPassword : undefined);
          target = { plan, logDir: await logDirForPath(path), ...(password !== undefined ? { brokerPassword: password } : {}) };
        } else if (last) {
          const password = brokerPassword ?? last.brokerPassword;
          target = { ...last, ...(password !== undefined ? { brokerPassword: password } : {}) };
        } else throw new BridgeError('unavailable', 'nothing to replay into: press Run first, or pass doc and path to replay the log of a saved flow');
      }
      const plan = target ? target.plan : requireRun().plan;
      const entries = replayChannels(plan, targets);
      if (!entries.ok) {
        throw new BridgeError(targets && targets.length > 0 ? 'bad-params' : 'unavailable', targets && targets.length > 0 ? entries.message : `nothing to replay into: ${entries.message}`);
      }
      if (target) {
        await stopActive();
        await launch(target.plan, target.logDir, target.brokerPassword, 'idle');
        // Only a flow that started is the last one (a refused one must not replace it, nor its password).
        last = target;
      }
      const current = requireRun();
      if (!current.eventLog) throw new BridgeError('unavailable', 'this run has no event log, so there is nothing to replay');
      const status = current.run.status();
      const query: LogQuery = {
        ...(since !== undefined ? { since } : {}),
        ...(until !== undefined ? { until } : {}),
        ...(correlationId !== undefined ? { correlationId } : {}),
        ...(types !== undefined && types.length > 0 ? { types } : {}),
        // The replay re-publishes the hops that entered the flow (or its chosen part).
        edgeIds: [...entries.channels.keys()],
        includeReplays: false,
        maxSeq: current.eventLog.stats().lastSeq,
        order: 'seq',
      };
      let eventCount: number;
      try {
        // A log keeps every run of the flow, with the same ids in each: replay one run, the latest that matches.
        if (runId !== undefined) query.runId = runId;
        else {
          const log = current.eventLog;
          const [latest] = await runsMatching((q) => log.query(q), await log.runs(), query);
          if (latest) query.runId = latest.runId;
        }
        // Counted as the replay will publish them: repeats dropped by the same bounded window
        // (RepeatFilter), payloads that were not CloudEvents left out (the replay skips them).
        // One read of the slice, in memory that does not grow with it.
        const repeats = new RepeatFilter();
        eventCount = 0;
        for await (const hop of current.eventLog.query(query)) {
          if (hop.event !== null && repeats.firstTime(runOf(hop), hop.trace.eventId, hop.trace.edgeId)) eventCount++;
        }
      } catch (err) {
        throw new BridgeError('bad-params', `the replay's log query failed: ${(err as Error).message}`);
      }
      if (current.replays.size >= MAX_CONCURRENT_REPLAYS) {
        const [oldest] = current.replays.values();
        oldest?.controller.cancel();
      }
      const controller = startReplay({
        records: current.eventLog.query(query),
        plan: current.plan,
        brokerUrl: status.broker.url,
        ...replayClientOptions(current),
        topicPrefix: status.topicPrefix,
        // 'max' is unpaced, as the CLI's --speed max (the bridge checked a number is in range).
        speed,
        keepOrder: ordered,
        ...(targets && targets.length > 0 ? { targets } : {}),
        onSkip: () => undefined,
      });
      const replay = trackReplay(controller, eventCount);
      current.replays.set(controller.replayId, replay);
      void controller.done
        .then((summary) => {
          replay.end(summary.cancelled ? 'cancelled' : 'done');
          options.push({
            event: 'runLog',
            payload: { level: 'info', message: `replay ${summary.replayId.slice(0, 8)}: ${summary.published} event(s) replayed${summary.cancelled ? ' (stopped)' : ''}`, at: Date.now() },
          });
        })
        .catch((err: unknown) => {
          replay.end('failed', err instanceof Error ? err.message : String(err));
          options.push({ event: 'runLog', payload: { level: 'error', message: `replay failed: ${String(err)}`, at: Date.now() } });
        })
        .finally(() => current.replays.delete(controller.replayId));
      return { replayId: controller.replayId, eventCount };
    },

    async listLogRuns({ path }) {
      let runs: LogRun[];
      if (path !== undefined) {
        const dir = await logDirForPath(path);
        runs = active && !active.stopping && active.logDir === dir && active.eventLog ? await active.eventLog.runs() : await listLogRuns(dir);
      } else if (active?.eventLog) {
        runs = await active.eventLog.runs();
      } else if (last) {
        runs = await listLogRuns(last.logDir);
      } else {
        throw new BridgeError('unavailable', 'no run yet this session: press Run, or pass the path of a saved flow to list the runs its log holds');
      }
      return { runs };
    },

    async pauseReplay({ replayId }) {
      const replay = findReplay(replayId);
      replay.controller.pause();
      replay.report();
      return {};
    },

    async resumeReplay({ replayId }) {
      const replay = findReplay(replayId);
      replay.controller.resume();
      replay.report();
      return {};
    },

    async stopReplay({ replayId }) {
      findReplay(replayId).controller.cancel();
      return {};
    },
  };

  return {
    handlers,
    async close() {
      await stopActive();
    },
  };
}

/** Compile a document given to startReplay; one that does not compile is an `invalid-flow` error naming its first errors. */
function compileForReplay(doc: FlowDocument): RuntimePlan {
  const external = doc.broker.kind === 'external';
  const { plan, diagnostics } = compileFlow(doc, external ? {} : { brokerCapabilities: EMBEDDED_BROKER_CAPABILITIES });
  if (plan) return plan;
  const errors = diagnostics.filter((d) => d.severity === 'error');
  const listed = errors.slice(0, MAX_LISTED_COMPILE_ERRORS).map((d) => `${d.path ?? '(document)'}: ${d.message}`);
  const more = errors.length > listed.length ? `; and ${errors.length - listed.length} more` : '';
  throw new BridgeError('invalid-flow', `doc: the flow to replay into does not compile (${errors.length} error(s)): ${listed.join('; ')}${more}. Fix them (see Problems) and replay again`);
}

/**
 * What the replay's own client needs to join an external broker as the run's clients did: the
 * flow's username with the run's password, its TLS files and keepalive. Nothing on the embedded
 * broker.
 */
/** Two external brokers with the same URL and user: a password for one is a password for the other. */
function sameBrokerUser(a: BrokerSettings, b: BrokerSettings): boolean {
  return a.kind === 'external' && b.kind === 'external' && a.url === b.url && a.username === b.username;
}

function replayClientOptions(current: ActiveRun): { mqttOptions?: IClientOptions } {
  if (current.run.status().broker.kind !== 'external') return {};
  return { mqttOptions: resolveBrokerEndpoint(current.plan.broker, { ...(current.brokerPassword !== undefined ? { password: current.brokerPassword } : {}) }).clientOptions };
}

/** A stopped run's log, read from disk (null when there is none yet). */
async function readStoppedLog(dir: string): Promise<{ query: EventLog['query'] } | null> {
  const opened = await openEventLogReader({ dir });
  return opened.ok ? opened.reader : null;
}

/** The log of an untitled flow, under the host's state folder. */
export function fallbackLogDir(stateDir: string): string {
  return join(stateDir, 'untitled.events');
}

function rethrow(what: string): (err: unknown) => never {
  return (err) => {
    throw new BridgeError('unavailable', `${what}: ${err instanceof Error ? err.message : String(err)}`);
  };
}
