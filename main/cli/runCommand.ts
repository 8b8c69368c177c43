import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import type { MetricsSnapshot, RunEvent, RunStatus } from '../../shared/bridge/runEvents';
import { compileFlow } from '../../shared/compile/compileFlow';
import { BrokerConnectionError } from '../runtime/broker/BrokerConnectionError';
import { checkTopicPrefix } from '../runtime/broker/checkTopicPrefix';
import { parseBrokerUrl, type ParsedBrokerUrl } from '../runtime/broker/parseBrokerUrl';
import { EMBEDDED_BROKER_CAPABILITIES } from '../runtime/broker/startEmbeddedBroker';
import { openEventLog } from '../runtime/log/openEventLog';
import type { HopSink } from '../runtime/log/HopSink';
import { describeTailDrop } from '../runtime/log/recoverTail';
import { startRun, type Run } from '../runtime/startRun';
import { brokerCredentials, PASSWORD_ENV } from './brokerPassword';
import { formatRunTable } from './formatRunTable';
import { guardStdout } from './guardStdout';
import { watchHint } from './watchHint';
import { formatDiagnostic, readFlowFile } from './validateCommands';

/** How long Ctrl-C (or the end of --duration) lets events in flight arrive and finish. */
export const CLI_DRAIN_MS = 3_000;
/**
 * When every producer has finished on its own (rate producers with a count or duration limit),
 * how long the run may take to finish what is in flight and waiting (consumers' backlog,
 * retries) before it stops anyway, as after Ctrl-C.
 */
export const FINISHED_DRAIN_MS = 30_000;
/** How often the run is checked for producers that have all finished. */
export const FINISHED_POLL_MS = 200;

interface RunFlags {
  broker?: string;
  duration?: number;
  seed?: number;
  stats: 'text' | 'json';
  topicPrefix?: string;
  only?: string[];
  port?: number;
  wsPort?: number;
  /** false with --no-log; the log is kept by default. */
  log: boolean;
  logDir?: string;
}

/**
 * `eventflow run FILE`: compile the flow and run it headless on the embedded broker (or
 * `--broker URL`), with a live table on a terminal (or JSON lines with `--stats json`) and a
 * final summary. It ends by itself when every producer has finished (a count or duration
 * limit) and the flow has finished what they sent, after --duration, or on Ctrl-C; a closed
 * standard output (`| head`) ends it quietly too. Exit codes: 0 after any of those, 1 for a
 * flow that does not compile or another user error (a bad --broker or --topic-prefix), 2 when
 * the broker cannot be reached.
 */
export function registerRunCommand(program: Command): void {
  program
    .command('run')
    .description('run a flow on live MQTT (embedded broker unless --broker) and show live stats')
    .argument('<file>', 'a *.eventflow.json file')
    .option(
      '--broker <url>',
      `an external broker: mqtt://host:1883, mqtts://, ws:// or wss://; a user as mqtt://USER@host (password from ${PASSWORD_ENV}, a prompt, or USER:PASSWORD@, never printed)`,
    )
    .option('--duration <seconds>', 'stop producing after this many seconds, drain, print the summary and exit', positiveNumber)
    .option('--seed <n>', 'seed for every random choice (same seed, same events)', integer)
    .option('--stats <format>', 'text (a live table) or json (one JSON object per line, the last with "final": true)', statsFormat, 'text')
    .option(
      '--topic-prefix <prefix>',
      "prepended to every topic so a run never touches production topics, e.g. 'sim/'; no + or # wildcards, no leading $; a missing final / is added (sim -> sim/)",
    )
    .option('--only <ids>', 'run only these node ids (comma-separated); the other nodes run elsewhere on the same broker', list)
    .option('--port <port>', 'port of the embedded broker (default: a free port)', port)
    .option('--ws-port <port>', 'also listen for MQTT over WebSocket on this port of the embedded broker (0: a free port), for MQTTX or a browser', port)
    .option('--no-log', 'do not keep the event log (by default every hop is kept beside the flow file, in FILE.events/)')
    .option('--log-dir <dir>', 'where the event log lives (default: beside the flow file)')
    .addHelpText(
      'after',
      '\nThe run ends by itself once every producer has finished (rate producers with a count or duration limit)\nand the flow has processed what they sent; manual and external producers keep it open until Ctrl-C.',
    )
    .action(async (file: string, flags: RunFlags) => {
      process.exitCode = await runFlow(file, flags);
      // MQTT sockets and timers are closed by now; exit even if a library left a handle behind.
      await new Promise<void>((resolve) => process.stdout.write('', () => resolve()));
      process.exit(process.exitCode);
    });
}

async function runFlow(file: string, flags: RunFlags): Promise<number> {
  const out = guardStdout();
  let broker: ParsedBrokerUrl | undefined;
  if (flags.broker !== undefined) {
    const parsed = parseBrokerUrl(flags.broker, '--broker');
    if (!parsed.ok) {
      console.error(parsed.message);
      return 1;
    }
    broker = parsed.broker;
  }
  let topicPrefix: string | undefined;
  if (flags.topicPrefix !== undefined) {
    const checked = checkTopicPrefix(flags.topicPrefix, '--topic-prefix');
    if (!checked.ok) {
      console.error(checked.message);
      return 1;
    }
    topicPrefix = checked.prefix;
  }
  const doc = await readFlowFile(file);
  if (!doc) return 1;
  const external = broker !== undefined || doc.broker.kind === 'external';
  if (flags.wsPort !== undefined && external) {
    console.error('--ws-port: the embedded broker is the only one this command starts; leave out --ws-port with --broker or an external broker in the flow');
    return 1;
  }
  const { plan, diagnostics } = compileFlow(doc, external ? {} : { brokerCapabilities: EMBEDDED_BROKER_CAPABILITIES });
  if (!plan) {
    console.error(`${file}: ${diagnostics.filter((d) => d.severity === 'error').length} compile error(s)`);
    for (const d of diagnostics) console.error(formatDiagnostic(d));
    return 1;
  }
  for (const d of diagnostics) console.error(formatDiagnostic(d));

  const json = flags.stats === 'json';
  const tty = !json && process.stdout.isTTY === true;
  const say = (line: string): void => {
    if (json) console.error(line);
    else if (!out.closed) console.log(line);
  };
  const auth = await brokerCredentials(broker, doc.broker);
  const { username } = auth;
  let hopSink: (HopSink & { dir: string }) | undefined;
  if (flags.log) {
    try {
      const log = await openEventLog(flags.logDir ? { dir: flags.logDir } : { flowFile: file });
      for (const drop of log.opened.tailDrops) console.error(describeTailDrop(log.dir, drop));
      hopSink = log;
    } catch (err) {
      console.error(`cannot open the event log: ${(err as Error).message}`);
      return 1;
    }
  }

  let run: Run;
  try {
    run = await startRun(plan, {
      ...(broker ? { brokerUrl: broker.url } : {}),
      ...auth,
      seed: flags.seed,
      durationMs: flags.duration === undefined ? undefined : flags.duration * 1000,
      topicPrefix,
      only: flags.only,
      embeddedPort: flags.port,
      embeddedWsPort: flags.wsPort,
      hopSink,
    });
  } catch (err) {
    await hopSink?.close();
    if (err instanceof BrokerConnectionError) {
      console.error(err.message);
      return 2;
    }
    console.error(`${file}: cannot start the run: ${(err as Error).message}`);
    return 1;
  }

  const status = run.status();
  const shownUrl = broker?.display ?? status.broker.url;
  say(`${plan.flowName}: run ${run.runId} on ${status.broker.kind === 'embedded' ? 'the embedded broker' : 'the broker'} ${shownUrl}${status.topicPrefix ? ` (topic prefix ${status.topicPrefix})` : ''}`);
  say(`watch the traffic: ${watchHint({ url: status.broker.url, topicPrefix: status.topicPrefix, ...(username !== undefined ? { username } : {}), broker: doc.broker })}`);
  if (status.broker.wsUrl) say(`MQTT over WebSocket: ${status.broker.wsUrl}`);
  if (hopSink) say(`event log: ${hopSink.dir}`);

  let stopping = false;
  // The live table is redrawn in place on every metrics push (twice a second).
  let drawn = 0;
  const clearTable = (): void => {
    if (tty && drawn > 0 && !out.closed) process.stdout.write(`\x1b[${drawn}F\x1b[J`);
    drawn = 0;
  };
  const draw = (snapshot: MetricsSnapshot, final: boolean): void => {
    if (out.closed) return;
    const lines = formatRunTable(snapshot, plan.nodes, final ? 'final totals' : `live · ${shownUrl}`);
    clearTable();
    void out.write(`${lines.join('\n')}\n`);
    drawn = final ? 0 : lines.length;
  };
  let capabilitiesShown = false;
  const showCapabilities = (caps: RunStatus['broker']['capabilities']): void => {
    if (!caps || capabilitiesShown) return;
    capabilitiesShown = true;
    clearTable();
    say(`broker: ${describeCapabilities(caps)}`);
  };
  showCapabilities(status.broker.capabilities);
  let shownConnection = status.broker.connection;
  const unsubscribe = run.subscribe((event: RunEvent) => {
    if (event.kind === 'metrics') {
      if (json) void out.write(`${JSON.stringify(jsonLine(run, shownUrl, event.snapshot, false))}\n`);
      else if (tty && !stopping) draw(event.snapshot, false);
    } else if (event.kind === 'log' && event.line.level !== 'info') {
      clearTable();
      console.error(`${event.line.level}: ${event.line.message}`);
    } else if (event.kind === 'status') {
      showCapabilities(event.status.broker.capabilities);
      if (event.status.state === 'running' && event.status.broker.connection !== shownConnection) {
        // The status line: every change of the broker connection while the flow runs.
        const connection = event.status.broker.connection;
        shownConnection = connection;
        clearTable();
        console.error(connection === 'connected' ? `broker connection: connected again to ${shownUrl}` : `broker connection: ${connection} (producers buffer meanwhile)`);
      }
    }
  });

  let drainMs = CLI_DRAIN_MS;
  let poll: NodeJS.Timeout | undefined;
  const finished = new Promise<void>((resolve) => {
    const end = (): void => {
      if (stopping) return;
      stopping = true;
      clearInterval(poll);
      resolve();
    };
    const onSignal = (): void => {
      // A second Ctrl-C: the user does not want to wait for the drain.
      if (stopping) process.exit(130);
      end();
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    // `| head` has read what it wanted: stop as after Ctrl-C (the log is flushed), print nothing more, exit 0.
    out.onClosed(end);
    if (flags.duration !== undefined) setTimeout(end, flags.duration * 1000).unref();
    poll = setInterval(() => {
      if (stopping || !run.producersDone()) return;
      drainMs = FINISHED_DRAIN_MS;
      clearTable();
      console.error(`every producer has finished; letting the flow finish what they sent (at most ${FINISHED_DRAIN_MS / 1000} s)`);
      end();
    }, FINISHED_POLL_MS);
  });
  await finished;
  clearTable();
  const final = await run.stop({ drainMs });
  unsubscribe();
  await hopSink?.close();
  if (json) await out.write(`${JSON.stringify(jsonLine(run, shownUrl, final, true))}\n`);
  else draw(final, true);
  return 0;
}

function jsonLine(run: Run, brokerUrl: string, snapshot: MetricsSnapshot, final: boolean): Record<string, unknown> {
  const status = run.status();
  return {
    final,
    runId: run.runId,
    broker: brokerUrl,
    ...(status.broker.wsUrl ? { wsUrl: status.broker.wsUrl } : {}),
    ...(status.broker.capabilities ? { capabilities: status.broker.capabilities } : {}),
    topicPrefix: status.topicPrefix,
    state: status.state,
    ...snapshot,
  };
}

/** What the broker probe found, as a person reads it: `MQTT 5, shared subscriptions`. */
export function describeCapabilities(caps: { mqtt5: boolean; sharedSubscriptions: boolean }): string {
  return `${caps.mqtt5 ? 'MQTT 5' : 'MQTT 3.1.1 (no MQTT 5)'}, ${caps.sharedSubscriptions ? 'shared subscriptions' : 'no shared subscriptions'}`;
}

function positiveNumber(v: string): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`must be a number of seconds > 0 (got ${v})`);
  return n;
}

function port(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError(`must be a port number from 0 to 65535 (got ${v})`);
  return n;
}

function integer(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`must be a whole number >= 0 (got ${v})`);
  return n;
}

function statsFormat(v: string): 'text' | 'json' {
  if (v !== 'text' && v !== 'json') throw new InvalidArgumentError(`must be text or json (got ${v})`);
  return v;
}

function list(v: string): string[] {
  const ids = v.split(',').map((s) => s.trim()).filter(Boolean);
  if (ids.length === 0) throw new InvalidArgumentError('give node ids separated by commas, e.g. --only payment,inventory');
  return ids;
}
