import type { Command } from 'commander';
import { compileFlow } from '../../shared/compile/compileFlow';
import type { RuntimePlan } from '../../shared/compile/RuntimePlan';
import type { CloudEvent } from '../../shared/events/CloudEvent';
import type { HopRecord, HopSink } from '../runtime/log/HopSink';
import { importEvents } from '../runtime/log/importEvents';
import { EventLogBusyError, openEventLog, type EventLog } from '../runtime/log/openEventLog';
import { LogQueryError } from '../runtime/log/queryLog';
import { describeTailDrop } from '../runtime/log/recoverTail';
import { checkReplayOptions, startReplay, type ReplaySpeed, type ReplaySummary } from '../runtime/log/startReplay';
import { startRun, type Run } from '../runtime/startRun';
import { buildLogQuery, collectList, openLogForCli } from './logCommand';
import { formatDiagnostic, readFlowFile } from './validateCommands';

/** Default seconds between printing the broker URL and the first replayed event, so a watcher can attach. */
export const DEFAULT_REPLAY_DELAY_SECONDS = 1;
/** Default bound on waiting for the flow to finish what the replay started. */
export const DEFAULT_REPLAY_DRAIN_SECONDS = 5;
/** Skip reasons printed one by one; past this they are only counted. */
const MAX_SKIP_LINES = 10;

interface ReplayFlags {
  dir?: string;
  from?: string;
  to?: string;
  correlation?: string;
  type?: string[];
  channel?: string[];
  pattern?: string;
  limit?: string;
  speed: string;
  targets?: string[];
  import?: string;
  broker?: string;
  topicPrefix?: string;
  order: boolean;
  delay: string;
  drain: string;
  log: boolean;
  logDir?: string;
  port?: string;
}

/**
 * `eventflow replay FILE`: re-publish a slice of the flow's event log (or an imported NDJSON
 * file of CloudEvents) at its entry channels. Without --broker it starts the flow itself with
 * idle producers on the embedded broker, prints the URL to watch, replays, lets the flow
 * drain and prints a summary; with --broker it publishes into a flow running elsewhere.
 */
export function registerReplayCommand(program: Command): void {
  program
    .command('replay')
    .description('re-publish logged (or imported) events into the flow at their entry channels, at x1..x100 or max speed')
    .argument('<file>', 'the *.eventflow.json file')
    .option('--dir <dir>', 'the log directory to replay from, if not beside the flow file')
    .option('--from <time>', 'from this time: ISO time, or a duration before now (10m, 2h, 1d)')
    .option('--to <time>', 'up to this time (same forms as --from)')
    .option('--correlation <id>', 'only this business flow (e.g. one checkout)')
    .option('--type <type>', 'only these event types (repeat or comma-separate)', collectList)
    .option('--channel <edgeId>', 'only events logged on these channels', collectList)
    .option('--pattern <json>', 'only events matching this content pattern')
    .option('--limit <n>', 'read at most this many matching log records')
    .option('--speed <x>', 'a multiple of the original pace from 1 to 100, or max', '1')
    .option('--targets <nodeIds>', 'replay only into the channels leading to these nodes (comma-separated)', collectList)
    .option('--import <file>', 'replay the CloudEvents of this NDJSON file instead of the log')
    .option('--broker <url>', 'publish into a flow already running on this broker instead of starting it here')
    .option('--topic-prefix <prefix>', "the running flow's topic prefix (with --broker; default the flow's)")
    .option('--no-order', 'publish without waiting for each event to be acknowledged (faster, order not kept)')
    .option('--port <port>', 'port of the embedded broker (default: a free one), so a watcher can subscribe before the replay starts')
    .option('--delay <seconds>', 'wait this long after printing the broker URL, so watchers can attach', String(DEFAULT_REPLAY_DELAY_SECONDS))
    .option('--drain <seconds>', 'wait at most this long for the flow to finish what the replay started', String(DEFAULT_REPLAY_DRAIN_SECONDS))
    .option('--no-log', 'do not log the replayed traffic (without --broker)')
    .option('--log-dir <dir>', 'log the replayed traffic here instead of beside the flow file')
    .action(async (file: string, flags: ReplayFlags) => {
      try {
        await replay(file, flags);
      } catch (err) {
        if (!(err instanceof LogQueryError)) throw err;
        console.error(err.message);
        process.exitCode = 1;
      }
    });
}

function fail(message: string): void {
  console.error(message);
  process.exitCode = 1;
}

function seconds(text: string, flag: string): number | string {
  const n = Number(text);
  return Number.isFinite(n) && n >= 0 ? n : `${flag}: must be a number of seconds >= 0 (got ${JSON.stringify(text)})`;
}

async function replay(file: string, flags: ReplayFlags): Promise<void> {
  const doc = await readFlowFile(file);
  if (!doc) return;
  const { plan, diagnostics } = compileFlow(doc);
  if (!plan) {
    console.error(`${file}: the flow does not compile; fix these first:`);
    for (const d of diagnostics.filter((x) => x.severity === 'error')) console.error(formatDiagnostic(d));
    process.exitCode = 1;
    return;
  }
  const speed: ReplaySpeed = flags.speed === 'max' ? 'max' : Number(flags.speed);
  const check = checkReplayOptions({ plan, speed, ...(flags.targets ? { targets: flags.targets } : {}) });
  if (!check.ok) return fail(`--${check.message}`);
  const delay = seconds(flags.delay, '--delay');
  const drain = seconds(flags.drain, '--drain');
  if (typeof delay === 'string') return fail(delay);
  if (typeof drain === 'string') return fail(drain);
  const port = flags.port === undefined ? undefined : Number(flags.port);
  if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port <= 65535)) {
    return fail(`--port: must be a port number from 0 to 65535, got ${flags.port}`);
  }

  // The source: an imported file, or a slice of the log read up to what it holds now (so the
  // replayed traffic, logged into the same log, is never replayed again).
  let records: AsyncIterable<HopRecord | CloudEvent>;
  let importProblems = 0;
  if (flags.import !== undefined) {
    const importFile = flags.import;
    records = importEvents(importFile, (p) => {
      importProblems += 1;
      console.error(`${importFile}:${p.line}: skipped: ${p.message}`);
    });
  } else {
    const built = buildLogQuery(doc, { ...flags, since: flags.from, until: flags.to });
    if (!built.ok) return fail(built.message.replace(/^--since/, '--from').replace(/^--until/, '--to'));
    const reader = await openLogForCli(file, flags.dir);
    if (!reader) return;
    const maxSeq = reader.indexes.reduce((m, i) => Math.max(m, i.lastSeq ?? 0), 0);
    // Only the channels the replay publishes into: --limit then counts events, and segments
    // without them are skipped by their index.
    const entry = [...check.channels.keys()];
    const edgeIds = built.query.edgeIds ? built.query.edgeIds.filter((e) => entry.includes(e)) : entry;
    if (edgeIds.length === 0) return fail(`--channel: none of ${built.query.edgeIds?.join(', ')} is a channel the replay enters by (${entry.join(', ')})`);
    records = reader.query({ ...built.query, edgeIds, includeReplays: false, order: 'seq', ...(reader.liveWriter === null ? { maxSeq } : {}) });
  }

  let run: Run | undefined;
  let log: (EventLog & HopSink) | undefined;
  let brokerUrl = flags.broker;
  let topicPrefix = flags.topicPrefix ?? plan.broker.topicPrefix ?? '';
  if (brokerUrl === undefined) {
    if (flags.log) log = await openReplayLog(file, flags.logDir ?? (flags.import === undefined ? flags.dir : undefined));
    run = await startFlow(plan, log, port);
    if (!run) {
      await log?.close();
      return;
    }
    const status = run.status();
    brokerUrl = status.broker.url;
    topicPrefix = status.topicPrefix;
    console.log(`flow "${plan.flowName}" running with idle producers on ${brokerUrl}`);
    console.log(`watch it: ${mosquittoSubHint(brokerUrl, topicPrefix)}`);
    if (delay > 0) await new Promise((r) => setTimeout(r, delay * 1_000));
  }

  let skipLines = 0;
  const controller = startReplay({
    records,
    plan,
    brokerUrl,
    topicPrefix,
    speed,
    keepOrder: flags.order,
    ...(flags.targets ? { targets: flags.targets } : {}),
    ...(flags.broker !== undefined && process.env.EVENTFLOW_BROKER_PASSWORD !== undefined
      ? { mqttOptions: { password: process.env.EVENTFLOW_BROKER_PASSWORD, ...(plan.broker.kind === 'external' && plan.broker.username ? { username: plan.broker.username } : {}) } }
      : {}),
    onSkip: (reason) => {
      skipLines += 1;
      if (skipLines <= MAX_SKIP_LINES) console.error(`skipped: ${reason}`);
    },
  });
  console.log(`replaying (replay id ${controller.replayId}) at ${speed === 'max' ? 'max speed' : `x${speed}`}${flags.order ? '' : ', order not kept'}...`);
  const onSigint = (): void => controller.cancel();
  process.once('SIGINT', onSigint);
  let summary: ReplaySummary | undefined;
  try {
    summary = await controller.done;
  } catch (err) {
    // Options were checked above, so what is left is the broker (exit 2, as `eventflow run`).
    console.error((err as Error).message);
    process.exitCode = 2;
  } finally {
    process.off('SIGINT', onSigint);
  }
  if (run) {
    const totals = await run.stop({ drainMs: drain * 1_000 });
    const crossings = totals.edges.reduce((n, e) => n + e.count, 0);
    console.log(`the flow carried ${crossings} channel crossing(s) while replaying`);
  }
  if (log) {
    await log.close();
    console.log(`replayed traffic logged in ${log.dir} (replay id ${controller.replayId})`);
  }
  if (!summary) return;
  const skippedNote = summary.skipped + importProblems > 0 ? `; skipped ${summary.skipped + importProblems}` : '';
  const more = skipLines > MAX_SKIP_LINES ? ` (${skipLines - MAX_SKIP_LINES} skip reasons not shown)` : '';
  console.log(
    `${summary.cancelled ? 'cancelled after' : 'replayed'} ${summary.published} event(s) in ${(summary.elapsedMs / 1_000).toFixed(1)} s${skippedNote}${more}`,
  );
  if (summary.published === 0 && !summary.cancelled) {
    console.log('nothing matched: widen --from/--to, check --type and --correlation, or run the flow first to fill its log');
  }
}

async function openReplayLog(file: string, dir: string | undefined): Promise<(EventLog & HopSink) | undefined> {
  try {
    const log = await openEventLog(dir !== undefined ? { dir } : { flowFile: file });
    for (const drop of log.opened.tailDrops) console.error(describeTailDrop(log.dir, drop));
    return log;
  } catch (err) {
    if (!(err instanceof EventLogBusyError)) throw err;
    console.error(`warning: ${err.message}; the replayed traffic will not be logged`);
    return undefined;
  }
}

async function startFlow(plan: RuntimePlan, log: HopSink | undefined, port: number | undefined): Promise<Run | undefined> {
  try {
    return await startRun(plan, { producers: 'idle', embeddedPort: port, ...(log ? { hopSink: log } : {}) });
  } catch (err) {
    console.error(`could not start the flow: ${(err as Error).message}`);
    process.exitCode = 2;
    return undefined;
  }
}

/** A command a user can paste to watch the replay: `mosquitto_sub -h 127.0.0.1 -p 40123 -t 'sim/#' -v`. */
export function mosquittoSubHint(brokerUrl: string, topicPrefix: string): string {
  const url = new URL(brokerUrl);
  const port = url.port !== '' ? ` -p ${url.port}` : '';
  return `mosquitto_sub -h ${url.hostname}${port} -t '${topicPrefix}#' -v`;
}
