import type { Command } from 'commander';
import type { LogRun } from '../../shared/bridge/bridgeMethods';
import { isReplayOnlyRun } from '../../shared/bridge/isReplayOnlyRun';
import { TRACE_OUTCOMES, type TraceOutcome } from '../../shared/bridge/runEvents';
import type { FlowDocument } from '../../shared/flow/FlowDocument';
import { parsePatternJson } from '../../shared/routing/parsePatternJson';
import { exportEvents } from '../runtime/log/exportEvents';
import { isReplayHop, runOf, type LoggedHop } from '../runtime/log/LoggedHop';
import type { LogQuery } from '../runtime/log/LogQuery';
import { compileLogQuery } from '../runtime/log/LogQuery';
import { openEventLogReader, type EventLogReader } from '../runtime/log/openEventLogReader';
import { parseTimeBound } from '../runtime/log/parseTimeBound';
import { describeTailDrop } from '../runtime/log/recoverTail';
import { LogQueryError } from '../runtime/log/queryLog';
import { runsMatching } from '../runtime/log/runsMatching';
import { BoundedDistinct } from './boundedDistinct';
import { guardStdout } from './guardStdout';
import { readFlowFile } from './validateCommands';

/** The filters `log` and `replay` share, as commander gives them. */
export interface LogFilterFlags {
  dir?: string;
  type?: string[];
  correlation?: string;
  channel?: string[];
  outcome?: string[];
  since?: string;
  until?: string;
  pattern?: string;
  limit?: string;
  /** A run id, or a unique start of one (as `--runs` prints them). */
  run?: string;
}

interface LogFlags extends LogFilterFlags {
  json?: boolean;
  export?: string;
  runs?: boolean;
  includeReplays?: boolean;
}

/** Commander collector: `--type a --type b,c` -> ['a', 'b', 'c']. */
export function collectList(value: string, previous: string[] = []): string[] {
  return [...previous, ...value.split(',').map((s) => s.trim()).filter(Boolean)];
}

/**
 * Turn command-line filters into a LogQuery, checking each against the flow (channel ids) and
 * the query rules; a mistake comes back as one message that names the flag and the fix.
 */
export function buildLogQuery(doc: FlowDocument, flags: LogFilterFlags, now = Date.now()): { ok: true; query: LogQuery } | { ok: false; message: string } {
  const query: LogQuery = {};
  if (flags.type?.length) query.types = flags.type;
  if (flags.correlation !== undefined) query.correlationId = flags.correlation;
  if (flags.channel?.length) {
    const ids = new Set(doc.edges.map((e) => e.id));
    const unknown = flags.channel.filter((c) => !ids.has(c));
    if (unknown.length > 0) {
      return { ok: false, message: `--channel: no channel ${unknown.join(', ')} in "${doc.name}"; channel ids are ${[...ids].join(', ')}` };
    }
    query.edgeIds = flags.channel;
  }
  if (flags.outcome?.length) {
    const bad = flags.outcome.filter((o) => !(TRACE_OUTCOMES as readonly string[]).includes(o));
    if (bad.length > 0) return { ok: false, message: `--outcome: ${bad.join(', ')} is not an outcome; use ${TRACE_OUTCOMES.join(', ')}` };
    query.outcomes = flags.outcome as TraceOutcome[];
  }
  for (const key of ['since', 'until'] as const) {
    const text = flags[key];
    if (text === undefined) continue;
    const t = parseTimeBound(text, now);
    if (!t.ok) return { ok: false, message: `--${key}: ${t.message}` };
    query[key] = t.at;
  }
  if (flags.pattern !== undefined) {
    const p = parsePatternJson(flags.pattern);
    if (!p.ok) return { ok: false, message: `--pattern: ${p.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}` };
    query.pattern = p.pattern;
  }
  if (flags.limit !== undefined) {
    const n = Number(flags.limit);
    query.limit = n;
  }
  const checked = compileLogQuery(query);
  if (!checked.ok) return { ok: false, message: checked.message.replace(/^(limit|pattern)/, '--$1') };
  return { ok: true, query };
}

/** Open a flow's log for reading, printing the warnings a user must see (a cut tail, a live writer). */
export async function openLogForCli(file: string, dir: string | undefined): Promise<EventLogReader | undefined> {
  const opened = await openEventLogReader(dir !== undefined ? { dir } : { flowFile: file });
  if (!opened.ok) {
    console.error(opened.message);
    process.exitCode = 1;
    return undefined;
  }
  const { reader } = opened;
  for (const drop of reader.tailDrops) console.error(describeTailDrop(reader.dir, drop));
  if (reader.liveWriter !== null) {
    console.error(`note: a run (pid ${reader.liveWriter}) is writing this log right now; showing what is on disk so far`);
  }
  return reader;
}

export type RunChoice = { ok: true; runId: string } | { ok: false; message: string };

/**
 * The run `--run TEXT` names: an exact run id, or the one run whose id starts with TEXT (the
 * table shows the first SHORT_RUN_ID_CHARS characters). The message says how to list them.
 */
export function resolveRun(runs: readonly LogRun[], text: string, file: string): RunChoice {
  const exact = runs.find((r) => r.runId === text);
  if (exact) return { ok: true, runId: exact.runId };
  const starts = runs.filter((r) => r.runId.startsWith(text));
  if (starts.length === 1) return { ok: true, runId: (starts[0] as LogRun).runId };
  const how = `list them with: eventflow log ${file} --runs`;
  if (starts.length === 0) return { ok: false, message: `--run: no run ${JSON.stringify(text)} in this log (it has ${runs.length}); ${how}` };
  return { ok: false, message: `--run: ${JSON.stringify(text)} starts ${starts.length} run ids; give more of it (${how})` };
}

/**
 * Without --run, a query that names one business flow or event (a correlation id) is read from
 * one run: a seeded flow makes the same ids every run, and two runs' hops are not one story.
 * The run is the latest with original (not replayed) hops that match, else the latest with
 * any; when others match too, one line on stderr says how many and how to pick (`--run`).
 */
export async function chooseLatestRun(
  reader: EventLogReader,
  query: LogQuery,
  file: string,
  what: string,
  verb: 'showing' | 'replaying' = 'showing',
): Promise<string | undefined> {
  const runs = await reader.runs();
  if (runs.length <= 1) return runs[0]?.runId;
  const q = (x: LogQuery) => reader.query(x);
  const { limit: _limit, ...unlimited } = query;
  const any = await runsMatching(q, runs, unlimited);
  if (any.length <= 1) return any[0]?.runId;
  const original = await runsMatching(q, any, { ...unlimited, includeReplays: false });
  const chosen = (original[0] ?? any[0]) as LogRun;
  const others = any.length - 1;
  console.error(
    `note: ${others} other run(s) also have ${what}; ${verb} run ${chosen.runId.slice(0, SHORT_RUN_ID_CHARS)} (the latest, started ${localTime(chosen.firstAt)}). Pick another with --run ID (eventflow log ${file} --runs lists them)`,
  );
  return chosen.runId;
}

/** Channel names as a user reads them on the canvas: `Order events → Payment service`. */
export function channelNames(doc: FlowDocument): Map<string, string> {
  const nodeName = new Map(doc.nodes.map((n) => [n.id, n.name]));
  return new Map(doc.edges.map((e) => [e.id, `${nodeName.get(e.source) ?? e.source} → ${nodeName.get(e.target) ?? e.target}`]));
}

const COLUMNS = [
  ['time', 23],
  ['channel', 40],
  ['topic', 30],
  ['type', 24],
  ['outcome', 13],
  ['id', 36],
  ['correlation', 36],
  ['run', 0],
] as const;

/** How much of a run id the table shows (`--run` takes any unique start of one). */
export const SHORT_RUN_ID_CHARS = 8;

function cell(text: string, width: number): string {
  if (width === 0) return text;
  return text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width);
}

export function localTime(ms: number): string {
  const d = new Date(ms);
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}.${p(d.getMilliseconds(), 3)}`;
}

/** One hop as a table row; replayed events are marked so they are not mistaken for live ones. */
export function formatHopRow(hop: LoggedHop, names: Map<string, string>): string {
  const t = hop.trace;
  const outcome = isReplayHop(hop) ? `${t.outcome}*` : t.outcome;
  const values = [localTime(t.receivedAt ?? t.sentAt), names.get(t.edgeId) ?? t.edgeId, t.topic, t.type, outcome, t.eventId, t.correlationId, runOf(hop).slice(0, SHORT_RUN_ID_CHARS)];
  return COLUMNS.map(([, width], i) => cell(values[i] as string, width)).join(' ').trimEnd();
}

export function formatHeader(): string {
  return COLUMNS.map(([name, width]) => cell(name, width)).join(' ').trimEnd();
}

/**
 * `eventflow log FILE`: print the hops of a flow's event log that match the filters (a table,
 * or NDJSON with --json), or export their events as NDJSON CloudEvents with --export.
 */
export function registerLogCommand(program: Command): void {
  program
    .command('log')
    .description("print the events a flow's log kept, filtered; or export them as NDJSON CloudEvents")
    .argument('<file>', 'the *.eventflow.json file (its log is <file>.events/ beside it)')
    .option('--dir <dir>', 'the log directory, if not beside the flow file')
    .option('--type <type>', 'event type (repeat or comma-separate for several)', collectList)
    .option('--correlation <id>', 'one business flow (e.g. one checkout), in causal order')
    .option('--channel <edgeId>', 'channel (edge id; repeat or comma-separate for several)', collectList)
    .option('--outcome <outcome>', `hop outcome: ${TRACE_OUTCOMES.join(', ')}`, collectList)
    .option('--since <time>', 'from this time: ISO time, or a duration before now (10m, 2h, 1d)')
    .option('--until <time>', 'up to this time (same forms as --since)')
    .option('--pattern <json>', 'content pattern over the event, as in routing rules: \'{"data":{"total":[{"numeric":[">",100]}]}}\'')
    .option('--limit <n>', 'at most this many hops')
    .option('--run <id>', 'only this run of the flow (an id, or its first characters, as --runs lists them)')
    .option('--runs', 'list the runs the log holds (id, first and last hop, hops, replayed hops; a run a replay started is marked "replays only") instead of hops')
    .option('--json', 'one JSON record per line (seq, at, run, trace, event) instead of a table')
    .option('--export <file>', 'write the matching events as NDJSON CloudEvents (one event per line) to this file')
    .option('--include-replays', 'with --export: also write replay traffic (replayed events and what they caused, keeping their replayid)')
    .addHelpText(
      'after',
      '\nA log keeps every run of its flow, and a seeded flow makes the same ids every run. With --correlation and no\n--run, the latest run that has that correlation id is shown, and a note on stderr says how many other runs have it.',
    )
    .action(async (file: string, flags: LogFlags) => {
      const doc = await readFlowFile(file);
      if (!doc) return;
      const built = buildLogQuery(doc, flags);
      if (!built.ok) {
        console.error(built.message);
        process.exitCode = 1;
        return;
      }
      const reader = await openLogForCli(file, flags.dir);
      if (!reader) return;
      try {
        if (flags.runs) {
          await printRuns(await reader.runs(), flags.json === true);
          return;
        }
        const query = built.query;
        if (flags.run !== undefined) {
          const chosen = resolveRun(await reader.runs(), flags.run, file);
          if (!chosen.ok) {
            console.error(chosen.message);
            process.exitCode = 1;
            return;
          }
          query.runId = chosen.runId;
        } else if (query.correlationId !== undefined) {
          const latest = await chooseLatestRun(reader, query, file, `correlation id ${query.correlationId}`);
          if (latest !== undefined) query.runId = latest;
        }
        if (flags.export !== undefined) {
          const s = await exportEvents(reader.query(query), flags.export, { includeReplays: flags.includeReplays === true });
          const notes = [
            s.withoutEvent ? `${s.withoutEvent} unreadable payload(s) left out` : '',
            s.replayHops ? `${s.replayHops} hop(s) of replay traffic left out; --include-replays keeps them` : '',
          ].filter(Boolean);
          console.log(`exported ${s.events} event(s) to ${flags.export}${notes.length ? ` (${notes.join('; ')})` : ''}`);
          return;
        }
        await printHops(reader, query, doc, flags.json === true);
      } catch (err) {
        if (!(err instanceof LogQueryError)) throw err;
        console.error(err.message);
        process.exitCode = 1;
      }
    });
}

async function printHops(reader: EventLogReader, query: LogQuery, doc: FlowDocument, json: boolean): Promise<void> {
  const out = guardStdout();
  const names = channelNames(doc);
  let hops = 0;
  // Bounded: a query over a large log streams, and must not keep every event id it printed.
  const events = new BoundedDistinct();
  const runs = new BoundedDistinct();
  let replayed = 0;
  if (!json) await out.write(`${formatHeader()}\n`);
  // A reader that went away (`| head`) ends the query: the generator's files are closed by the break.
  for await (const hop of reader.query(query)) {
    if (out.closed) break;
    hops += 1;
    events.add(`${runOf(hop)}\u0000${hop.trace.eventId}`);
    runs.add(runOf(hop));
    if (isReplayHop(hop)) replayed += 1;
    await out.write(`${json ? JSON.stringify(hop) : formatHopRow(hop, names)}\n`);
  }
  if (!json && !out.closed) {
    const order = query.correlationId !== undefined ? ', causal order' : '';
    const inRuns = runs.size > 1 ? ` in ${runs.describe()} runs` : '';
    await out.write(`${hops} hop(s) of ${events.describe()} event(s)${inRuns}${order}${replayed ? `; * = replayed (${replayed})` : ''}\n`);
  }
}

/** Width of the hop count columns of `--runs`. */
const HOPS_COLUMN = 8;

async function printRuns(runs: LogRun[], json: boolean): Promise<void> {
  const out = guardStdout();
  if (json) {
    for (const r of runs) if (!out.closed) await out.write(`${JSON.stringify(r)}\n`);
    return;
  }
  await out.write(`${['run'.padEnd(36), 'first hop'.padEnd(23), 'last hop'.padEnd(23), 'hops'.padStart(HOPS_COLUMN), 'replayed'.padStart(HOPS_COLUMN)].join(' ')}\n`);
  for (const r of runs) {
    if (out.closed) return;
    // A run a replay started with nothing running: `replay --run` on it finds nothing of its own.
    const mark = isReplayOnlyRun(r) ? '  replays only' : '';
    await out.write(`${[r.runId.padEnd(36), localTime(r.firstAt), localTime(r.lastAt), String(r.hops).padStart(HOPS_COLUMN), String(r.replayedHops).padStart(HOPS_COLUMN)].join(' ')}${mark}\n`);
  }
  if (!out.closed) await out.write(`${runs.length} run(s), oldest first; pick one with --run ID (its first ${SHORT_RUN_ID_CHARS} characters are enough)\n`);
}
