import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import type { MetricsSnapshot, RunEvent } from '../../shared/bridge/runEvents';
import { compileFlow } from '../../shared/compile/compileFlow';
import { BrokerConnectionError } from '../runtime/broker/BrokerConnectionError';
import { EMBEDDED_BROKER_CAPABILITIES } from '../runtime/broker/startEmbeddedBroker';
import { openEventLog } from '../runtime/log/openEventLog';
import type { HopSink } from '../runtime/log/HopSink';
import { describeTailDrop } from '../runtime/log/recoverTail';
import { startRun, type Run } from '../runtime/startRun';
import { formatRunTable } from './formatRunTable';
import { formatDiagnostic, readFlowFile } from './validateCommands';

/** How long Ctrl-C (or the end of --duration) lets events in flight arrive and finish. */
export const CLI_DRAIN_MS = 3_000;
/** Where the broker password comes from when it is not prompted for. */
export const PASSWORD_ENV = 'EVENTFLOW_BROKER_PASSWORD';

interface RunFlags {
  broker?: string;
  duration?: number;
  seed?: number;
  stats: 'text' | 'json';
  topicPrefix?: string;
  only?: string[];
  port?: number;
  /** false with --no-log; the log is kept by default. */
  log: boolean;
  logDir?: string;
}

/**
 * `eventflow run FILE`: compile the flow and run it headless on the embedded broker (or
 * `--broker URL`), with a live table on a terminal (or JSON lines with `--stats json`) and a
 * final summary. Exit codes: 0 after a normal end or Ctrl-C, 1 for a flow that does not
 * compile (or another user error), 2 when the broker cannot be reached.
 */
export function registerRunCommand(program: Command): void {
  program
    .command('run')
    .description('run a flow on live MQTT (embedded broker unless --broker) and show live stats')
    .argument('<file>', 'a *.eventflow.json file')
    .option('--broker <url>', 'an external broker, e.g. mqtt://127.0.0.1:1883 (password from EVENTFLOW_BROKER_PASSWORD or a prompt)')
    .option('--duration <seconds>', 'stop producing after this many seconds, drain, print the summary and exit', positiveNumber)
    .option('--seed <n>', 'seed for every random choice (same seed, same events)', integer)
    .option('--stats <format>', 'text (a live table) or json (one JSON object per line, the last with "final": true)', statsFormat, 'text')
    .option('--topic-prefix <prefix>', "prepended to every topic, e.g. 'sim/' so a run never touches production topics")
    .option('--only <ids>', 'run only these node ids (comma-separated); the other nodes run elsewhere on the same broker', list)
    .option('--port <port>', 'port of the embedded broker (default: a free port)', integer)
    .option('--no-log', 'do not keep the event log (by default every hop is kept beside the flow file, in FILE.events/)')
    .option('--log-dir <dir>', 'where the event log lives (default: beside the flow file)')
    .action(async (file: string, flags: RunFlags) => {
      process.exitCode = await runFlow(file, flags);
      // MQTT sockets and timers are closed by now; exit even if a library left a handle behind.
      await new Promise<void>((resolve) => process.stdout.write('', () => resolve()));
      process.exit(process.exitCode);
    });
}

async function runFlow(file: string, flags: RunFlags): Promise<number> {
  const doc = await readFlowFile(file);
  if (!doc) return 1;
  const external = flags.broker !== undefined || doc.broker.kind === 'external';
  const { plan, diagnostics } = compileFlow(doc, external ? {} : { brokerCapabilities: EMBEDDED_BROKER_CAPABILITIES });
  if (!plan) {
    console.error(`${file}: ${diagnostics.filter((d) => d.severity === 'error').length} compile error(s)`);
    for (const d of diagnostics) console.error(formatDiagnostic(d));
    return 1;
  }
  for (const d of diagnostics) console.error(formatDiagnostic(d));

  const json = flags.stats === 'json';
  const say = (line: string) => (json ? console.error(line) : console.log(line));
  const password = external ? await brokerPassword(doc.broker.kind === 'external' ? doc.broker.username : undefined) : undefined;
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
      brokerUrl: flags.broker,
      password,
      seed: flags.seed,
      durationMs: flags.duration === undefined ? undefined : flags.duration * 1000,
      topicPrefix: flags.topicPrefix,
      only: flags.only,
      embeddedPort: flags.port,
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
  say(`${plan.flowName}: run ${run.runId} on ${status.broker.kind === 'embedded' ? 'the embedded broker' : 'the broker'} ${status.broker.url}${status.topicPrefix ? ` (topic prefix ${status.topicPrefix})` : ''}`);
  say(`watch the traffic: ${watchHint(status.broker.url, status.topicPrefix)}`);
  if (hopSink) say(`event log: ${hopSink.dir}`);

  const tty = !json && process.stdout.isTTY === true;
  let stopping = false;
  // The live table is redrawn in place on every metrics push (twice a second).
  let drawn = 0;
  const draw = (snapshot: MetricsSnapshot, final: boolean) => {
    const lines = formatRunTable(snapshot, plan.nodes, final ? 'final totals' : `live · ${status.broker.url}`);
    if (tty && drawn > 0) process.stdout.write(`\x1b[${drawn}F\x1b[J`);
    process.stdout.write(`${lines.join('\n')}\n`);
    drawn = final ? 0 : lines.length;
  };
  let shownConnection = status.broker.connection;
  const unsubscribe = run.subscribe((event: RunEvent) => {
    if (event.kind === 'metrics') {
      if (json) process.stdout.write(`${JSON.stringify(jsonLine(run, event.snapshot, false))}\n`);
      else if (tty && !stopping) draw(event.snapshot, false);
    } else if (event.kind === 'log' && event.line.level !== 'info') {
      if (tty && drawn > 0) {
        process.stdout.write(`\x1b[${drawn}F\x1b[J`);
        drawn = 0;
      }
      console.error(`${event.line.level}: ${event.line.message}`);
    } else if (event.kind === 'status' && event.status.state === 'running' && event.status.broker.connection !== shownConnection) {
      // The status line: every change of the broker connection while the flow runs.
      const connection = event.status.broker.connection;
      const back = connection === 'connected';
      shownConnection = connection;
      if (tty && drawn > 0) {
        process.stdout.write(`\x1b[${drawn}F\x1b[J`);
        drawn = 0;
      }
      console.error(back ? `broker connection: connected again to ${event.status.broker.url}` : `broker connection: ${connection} (producers buffer meanwhile)`);
    }
  });

  const finished = new Promise<void>((resolve) => {
    const stop = () => {
      if (stopping) {
        // A second Ctrl-C: the user does not want to wait for the drain.
        process.exit(130);
      }
      stopping = true;
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    if (flags.duration !== undefined) setTimeout(stop, flags.duration * 1000).unref();
  });
  await finished;
  if (tty && drawn > 0) {
    process.stdout.write(`\x1b[${drawn}F\x1b[J`);
    drawn = 0;
  }
  const final = await run.stop({ drainMs: CLI_DRAIN_MS });
  unsubscribe();
  await hopSink?.close();
  if (json) process.stdout.write(`${JSON.stringify(jsonLine(run, final, true))}\n`);
  else draw(final, true);
  return 0;
}

function jsonLine(run: Run, snapshot: MetricsSnapshot, final: boolean): Record<string, unknown> {
  const status = run.status();
  return { final, runId: run.runId, broker: status.broker.url, state: status.state, ...snapshot };
}

/** A ready-to-paste mosquitto_sub command for the broker URL (prefix-aware). */
export function watchHint(url: string, topicPrefix: string): string {
  const m = /^(mqtts?|wss?):\/\/(\[[^\]]+\]|[^:/]+)(?::(\d+))?/.exec(url);
  const host = m?.[2] ?? '127.0.0.1';
  const port = m?.[3] ?? (m?.[1] === 'mqtts' ? '8883' : '1883');
  const tls = m?.[1] === 'mqtts' ? ' --capath /etc/ssl/certs' : '';
  return `mosquitto_sub -h ${host.replace(/^\[|\]$/g, '')} -p ${port}${tls} -t '${topicPrefix}#' -v`;
}

/** The broker password: EVENTFLOW_BROKER_PASSWORD, else a hidden prompt when a user name is set and stdin is a terminal. */
async function brokerPassword(username: string | undefined): Promise<string | undefined> {
  const fromEnv = process.env[PASSWORD_ENV];
  if (fromEnv !== undefined) return fromEnv;
  if (username === undefined || !process.stdin.isTTY) return undefined;
  return promptHidden(`password for ${username} (or set ${PASSWORD_ENV}): `);
}

function promptHidden(question: string): Promise<string> {
  return new Promise((resolve) => {
    const stdin = process.stdin;
    process.stderr.write(question);
    stdin.setRawMode(true);
    stdin.resume();
    let value = '';
    const onData = (chunk: Buffer) => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n') {
          stdin.off('data', onData);
          stdin.setRawMode(false);
          stdin.pause();
          process.stderr.write('\n');
          resolve(value);
          return;
        }
        if (ch === '\u0003') process.exit(130);
        if (ch === '\u007f') value = value.slice(0, -1);
        else value += ch;
      }
    };
    stdin.on('data', onData);
  });
}

function positiveNumber(v: string): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`must be a number of seconds > 0 (got ${v})`);
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
