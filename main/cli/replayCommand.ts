import type { Command } from 'commander';
import { compileFlow } from '../../shared/compile/compileFlow';
import type { RuntimePlan } from '../../shared/compile/RuntimePlan';
import type { CloudEvent } from '../../shared/events/CloudEvent';
import type { IClientOptions } from 'mqtt';
import { resolveBrokerEndpoint } from '../runtime/broker/BrokerEndpoint';
import { checkTopicPrefix } from '../runtime/broker/checkTopicPrefix';
import { parseBrokerUrl, type ParsedBrokerUrl } from '../runtime/broker/parseBrokerUrl';
import type { HopRecord, HopSink } from '../runtime/log/HopSink';
import { importEvents } from '../runtime/log/importEvents';
import { EventLogBusyError, openEventLog, type EventLog } from '../runtime/log/openEventLog';
import { LogQueryError } from '../runtime/log/queryLog';
import { describeTailDrop } from '../runtime/log/recoverTail';
import { checkReplayOptions, startReplay, type ReplaySpeed, type ReplaySummary } from '../runtime/log/startReplay';
import { withTopicPrefix } from '../runtime/log/withTopicPrefix';
import { startRun, type Run } from '../runtime/startRun';
import { brokerCredentials, PASSWORD_ENV } from './brokerPassword';
import { guardStdout } from './guardStdout';
import { buildLogQuery, chooseLatestRun, collectList, openLogForCli, resolveRun, SHORT_RUN_ID_CHARS } from './logCommand';
import { replayKeys } from './replayKeys';
import { formatDiagnostic, readFlowFile } from './validateCommands';
import { waitForWatcher } from './waitForWatcher';
import { watchHint } from './watchHint';

/**
 * Default bound, in seconds, on waiting for a watcher before the first replayed event, when
 * `--port` is given: the user means to attach a watcher to that port.
 */
export const DEFAULT_WATCHER_WAIT_SECONDS = 30;
/** The same without `--port` (the port is only known from the printed hint). */
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
  run?: string;
  speed: string;
  targets?: string[];
  import?: string;
  broker?: string;
  topicPrefix?: string;
  order: boolean;
  wait?: string;
  /** The old name of --wait. */
  delay?: string;
  drain: string;
  log: boolean;
  logDir?: string;
  port?: string;
}

/**
 * `eventflow replay FILE`: re-publish a slice of the flow's event log (or an imported NDJSON
 * file of CloudEvents) at its entry channels. Without --broker it starts the flow itself with
 * idle producers on the embedded broker, prints the command to watch it, waits for a watcher
 * (bounded), replays, lets the flow drain and prints a summary; with --broker it publishes
 * into a flow running elsewhere. On a terminal, p or space pauses and resumes, Ctrl-C cancels.
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
    .option('--run <id>', 'replay this run of the flow (an id or its first characters; eventflow log FILE --runs lists them). Default: the latest run with matching events')
    .option('--speed <x>', 'a multiple of the original pace from 1 to 100, or max', '1')
    .option('--targets <nodeIds>', 'replay only into the channels leading to these nodes (comma-separated)', collectList)
    .option('--import <file>', 'replay the CloudEvents of this NDJSON file instead of the log')
    .option('--broker <url>', `publish into a flow already running on this broker instead of starting it here (a user as mqtt://USER@host, password from ${PASSWORD_ENV}, a prompt, or USER:PASSWORD@)`)
    .option(
      '--topic-prefix <prefix>',
      "the topic prefix to replay under (default the flow's): with --broker the running flow's, without it the one the flow started here runs under; a missing final / is added",
    )
    .option('--no-order', 'publish without waiting for each event to be acknowledged (faster, order not kept)')
    .option(
      '--port <port>',
      'without --broker: put the embedded broker this command starts on this port (default: a free one), so a watcher can be started first, e.g. mosquitto_sub -p PORT -t \'#\' -v',
    )
    .option(
      '--wait <seconds>',
      `without --broker: after printing the watch command, wait at most this long for a watcher; the first outside subscriber to a replayed topic (or Enter) starts the replay at once (default ${DEFAULT_WATCHER_WAIT_SECONDS} with --port, else ${DEFAULT_REPLAY_DELAY_SECONDS})`,
    )
    .option('--delay <seconds>', 'the old name of --wait')
    .option('--drain <seconds>', 'without --broker: wait at most this long for the flow to finish what the replay started', String(DEFAULT_REPLAY_DRAIN_SECONDS))
    .option('--no-log', 'do not log the replayed traffic (without --broker)')
    .option('--log-dir <dir>', 'without --broker: log the replayed traffic here instead of beside the flow file')
    .addHelpText(
      'after',
      '\nA log keeps every run of its flow, and a seeded flow makes the same ids every run: a replay reads one run\n(--run, default the latest with matching events) and says on stderr when other runs match too. Earlier\nreplays are never replayed again. On a terminal: p or space pauses and resumes, Ctrl-C cancels.',
    )
    .action(async (file: string, flags: ReplayFlags, command: Command) => {
      try {
        await replay(file, flags, command.getOptionValueSource('drain') === 'cli');
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

/**
 * The flags that only concern the flow this command starts itself, each with why it means
 * nothing with --broker: given with --broker they would be ignored, so they are refused.
 */
function withoutBrokerOnly(flags: ReplayFlags, drainGiven: boolean): string[] {
  const started = 'with --broker the flow runs elsewhere and nothing is started here';
  const problems = [
    flags.port !== undefined && `--port: places the embedded broker this command starts; ${started}`,
    flags.wait !== undefined && `--wait: waits for a watcher on the embedded broker this command starts; ${started}, so the replay begins at once`,
    flags.delay !== undefined && `--delay: waits for a watcher on the embedded broker this command starts; ${started}, so the replay begins at once`,
    drainGiven && `--drain: waits for the flow this command starts to finish; ${started}`,
    !flags.log && '--no-log: with --broker this command logs nothing (the flow running elsewhere keeps its own log)',
    flags.logDir !== undefined && '--log-dir: with --broker this command logs nothing (the flow running elsewhere keeps its own log)',
  ];
  return problems.filter((p): p is string => typeof p === 'string');
}

async function replay(file: string, flags: ReplayFlags, drainGiven: boolean): Promise<void> {
  const out = guardStdout();
  const say = (line: string): void => void out.write(`${line}\n`);
  let broker: ParsedBrokerUrl | undefined;
  if (flags.broker !== undefined) {
    const parsed = parseBrokerUrl(flags.broker, '--broker');
    if (!parsed.ok) return fail(parsed.message);
    broker = parsed.broker;
    const refused = withoutBrokerOnly(flags, drainGiven);
    if (refused.length > 0) {
      for (const line of refused) console.error(`${line}: leave it out, or leave out --broker`);
      process.exitCode = 1;
      return;
    }
  }
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
  const port = flags.port === undefined ? undefined : Number(flags.port);
  if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port <= 65535)) {
    return fail(`--port: must be a port number from 0 to 65535, got ${flags.port}`);
  }
  if (port !== undefined && broker === undefined && plan.broker.kind === 'external') {
    return fail(`--port: places the embedded broker this command starts; this flow runs on its external broker ${plan.broker.url}: leave out --port`);
  }
  const waitText = flags.wait ?? flags.delay;
  const wait = waitText === undefined ? (port !== undefined ? DEFAULT_WATCHER_WAIT_SECONDS : DEFAULT_REPLAY_DELAY_SECONDS) : seconds(waitText, flags.wait !== undefined ? '--wait' : '--delay');
  const drain = seconds(flags.drain, '--drain');
  if (typeof wait === 'string') return fail(wait);
  if (typeof drain === 'string') return fail(drain);
  const prefix =
    flags.topicPrefix !== undefined ? checkTopicPrefix(flags.topicPrefix, '--topic-prefix') : checkTopicPrefix(plan.broker.topicPrefix ?? '', 'broker.topicPrefix');
  if (!prefix.ok) return fail(prefix.message);

  // The source: an imported file, or a slice of one run of the log, read up to what it holds
  // now (so the replayed traffic, logged into the same log, is never replayed again).
  let records: AsyncIterable<HopRecord | CloudEvent>;
  let importProblems = 0;
  let fromRun: string | undefined;
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
    const query = { ...built.query, edgeIds, includeReplays: false, order: 'seq' as const, ...(reader.liveWriter === null ? { maxSeq } : {}) };
    if (flags.run !== undefined) {
      const chosen = resolveRun(await reader.runs(), flags.run, file);
      if (!chosen.ok) return fail(chosen.message);
      fromRun = chosen.runId;
    } else {
      const what = query.correlationId !== undefined ? `correlation id ${query.correlationId}` : 'events that match';
      fromRun = await chooseLatestRun(reader, query, file, what, 'replaying');
    }
    records = reader.query({ ...query, ...(fromRun !== undefined ? { runId: fromRun } : {}) });
  }

  // The broker's user: from --broker, else the flow's own external broker; its password from
  // the URL, EVENTFLOW_BROKER_PASSWORD or a prompt, as `eventflow run` (asked before the
  // replay's own keys take the terminal).
  const auth = await brokerCredentials(broker, plan.broker);
  const { username } = auth;
  // The replay's own client: the same user, TLS files and keepalive as the flow's clients.
  let replayClient: IClientOptions | undefined;
  if (broker !== undefined || plan.broker.kind === 'external') {
    try {
      replayClient = resolveBrokerEndpoint(plan.broker, { ...(broker ? { url: broker.url } : {}), ...auth }).clientOptions;
    } catch (err) {
      console.error((err as Error).message);
      process.exitCode = 2;
      return;
    }
  }

  let run: Run | undefined;
  let log: (EventLog & HopSink) | undefined;
  let brokerUrl = broker?.url;
  let topicPrefix = prefix.prefix;
  const keys = replayKeys();
  try {
    if (brokerUrl === undefined) {
      if (flags.log) log = await openReplayLog(file, flags.logDir ?? (flags.import === undefined ? flags.dir : undefined));
      // The flow started here runs under --topic-prefix when given (else the flow's own prefix).
      run = await startFlow(plan, log, port, prefix.prefix, auth);
      if (!run) {
        await log?.close();
        return;
      }
      const status = run.status();
      brokerUrl = status.broker.url;
      topicPrefix = status.topicPrefix;
      say(`flow "${plan.flowName}" running with idle producers on ${brokerUrl}`);
      say(`watch it: ${watchHint({ url: brokerUrl, topicPrefix, ...(username !== undefined ? { username } : {}), broker: doc.broker })}`);
      if (wait > 0) {
        const topics = [...check.channels.values()].map((c) => withTopicPrefix(topicPrefix, c.topic));
        say(`waiting up to ${wait} s for a watcher: the first subscriber to the replayed topics${keys ? ', or Enter,' : ''} starts the replay`);
        const why = await waitForWatcher({ run, topics, seconds: wait, ...(keys ? { keys } : {}) });
        if (why === 'cancelled') {
          await run.stop({ drainMs: 0 });
          await log?.close();
          say('cancelled before the replay started');
          return;
        }
      }
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
      ...(replayClient ? { mqttOptions: replayClient } : {}),
      onSkip: (reason) => {
        skipLines += 1;
        if (skipLines <= MAX_SKIP_LINES) console.error(`skipped: ${reason}`);
      },
    });
    const source = fromRun !== undefined ? ` from run ${fromRun.slice(0, SHORT_RUN_ID_CHARS)}` : '';
    say(
      `replaying${source} (replay id ${controller.replayId}) at ${speed === 'max' ? 'max speed' : `x${speed}`}${flags.order ? '' : ', order not kept'}${keys ? '; p or space pauses, Ctrl-C cancels' : ''}...`,
    );
    const onSigint = (): void => controller.cancel();
    process.once('SIGINT', onSigint);
    keys?.onCancel(() => controller.cancel());
    keys?.onToggle(() => {
      const p = controller.progress();
      if (p.state === 'paused') {
        controller.resume();
        say(`resumed after ${p.published} event(s)`);
      } else if (p.state === 'running' || p.state === 'connecting') {
        controller.pause();
        say(`paused after ${p.published} event(s); p or space resumes`);
      }
    });
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
      say(`the flow carried ${crossings} channel crossing(s) while replaying`);
    }
    if (log) {
      await log.close();
      say(`replayed traffic logged in ${log.dir} (replay id ${controller.replayId})`);
    }
    if (!summary) return;
    const skippedNote = summary.skipped + importProblems > 0 ? `; skipped ${summary.skipped + importProblems}` : '';
    const more = skipLines > MAX_SKIP_LINES ? ` (${skipLines - MAX_SKIP_LINES} skip reasons not shown)` : '';
    say(`${summary.cancelled ? 'cancelled after' : 'replayed'} ${summary.published} event(s) in ${(summary.elapsedMs / 1_000).toFixed(1)} s${skippedNote}${more}`);
    if (summary.published === 0 && !summary.cancelled) {
      say('nothing matched: widen --from/--to, check --type, --correlation and --run, or run the flow first to fill its log');
    }
  } finally {
    keys?.dispose();
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

async function startFlow(
  plan: RuntimePlan,
  log: HopSink | undefined,
  port: number | undefined,
  topicPrefix: string,
  auth: { username?: string; password?: string },
): Promise<Run | undefined> {
  try {
    return await startRun(plan, { producers: 'idle', embeddedPort: port, topicPrefix, ...auth, ...(log ? { hopSink: log } : {}) });
  } catch (err) {
    console.error(`could not start the flow: ${(err as Error).message}`);
    process.exitCode = 2;
    return undefined;
  }
}
