import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogRun } from '../../../shared/bridge/bridgeMethods';
import type { CloudEvent } from '../../../shared/events/CloudEvent';
import type { LoggedHop } from '../../../main/runtime/log/LoggedHop';
import { freePort } from '../harness/freePort';
import { eventflow, ROOT, startCli, until } from '../main/cli/cliProcess';

/**
 * The demo of the event-log issue, through the command a user types, on the checkout example:
 * run it twice with the same seed (same event and correlation ids), show one checkout by its
 * correlation id in causal order, and replay it while an outside subscriber watches.
 */
const RUN_SECONDS = '3';
/** The checkout's channels leaving a producer: where a replay puts events back. */
const ENTRY_EDGES = new Set(['storefront-orders', 'login-failures']);
let dir: string;
let flow: string;
let runs: LogRun[];
let correlationId: string;

const jsonLines = <T,>(text: string): T[] => text.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as T);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'eventflow-demo-'));
  flow = join(dir, 'checkout.eventflow.json');
  await copyFile(join(ROOT, 'examples/checkout.eventflow.json'), flow);
  for (let i = 0; i < 2; i++) {
    const run = await eventflow(['run', flow, '--seed', '1', '--duration', RUN_SECONDS, '--stats', 'json']);
    expect(run.code, run.stderr).toBe(0);
  }
  const listed = await eventflow(['log', flow, '--runs', '--json']);
  expect(listed.code, listed.stderr).toBe(0);
  runs = jsonLines<LogRun>(listed.stdout);
  // A checkout that was paid: its chain crosses the order broker, payment and its results.
  const paid = await eventflow(['log', flow, '--run', runs.at(-1)?.runId ?? '', '--type', 'payment.succeeded', '--json', '--limit', '1']);
  correlationId = jsonLines<LoggedHop>(paid.stdout)[0]?.trace.correlationId as string;
}, 120_000);
afterAll(async () => rm(dir, { recursive: true, force: true }));

describe('the event log issue demo on the checkout example', () => {
  it('keeps the two seeded runs apart in one log', () => {
    expect(runs).toHaveLength(2);
    expect(runs[0]?.runId).not.toBe(runs[1]?.runId);
    expect(runs.every((r) => r.hops > 20)).toBe(true);
    expect((runs[0] as LogRun).lastAt).toBeLessThanOrEqual((runs[1] as LogRun).firstAt);
    expect(correlationId).toEqual(expect.any(String));
  });

  it('log --correlation shows one run’s chain in causal order, and says the other run has it too', async () => {
    const latest = runs[1] as LogRun;
    const shown = await eventflow(['log', flow, '--correlation', correlationId, '--json']);
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stderr.trim()).toBe(
      `note: 1 other run(s) also have correlation id ${correlationId}; showing run ${latest.runId.slice(0, 8)} (the latest, started ${localTime(latest.firstAt)}). Pick another with --run ID (eventflow log ${flow} --runs lists them)`,
    );
    const chain = jsonLines<LoggedHop>(shown.stdout);
    expect(new Set(chain.map((h) => h.run))).toEqual(new Set([latest.runId]));
    // Every hop of the checkout in that run, none of the other run's identical ones.
    const everything = jsonLines<LoggedHop>((await eventflow(['log', flow, '--json'])).stdout).filter((h) => h.trace.correlationId === correlationId);
    expect(chain.map((h) => h.seq).sort((a, b) => a - b)).toEqual(everything.filter((h) => h.run === latest.runId).map((h) => h.seq));
    expect(everything.filter((h) => h.run === runs[0]?.runId)).toHaveLength(chain.length); // same seed, same checkout
    // Causal order: the order enters first, and every event comes after the event that caused it.
    expect(chain[0]?.trace.edgeId).toBe('storefront-orders');
    const position = new Map<string, number>();
    chain.forEach((h, i) => {
      if (!position.has(h.trace.eventId)) position.set(h.trace.eventId, i);
    });
    for (const [i, h] of chain.entries()) {
      if (h.trace.causationId !== undefined && position.has(h.trace.causationId)) expect(position.get(h.trace.causationId)).toBeLessThan(i);
    }
    expect(chain.map((h) => h.trace.type)).toEqual(expect.arrayContaining(['checkout.order.placed', 'payment.succeeded']));

    const table = await eventflow(['log', flow, '--correlation', correlationId]);
    expect(table.stdout.trim().split('\n').at(-1)).toMatch(new RegExp(`^${chain.length} hop\\(s\\) of \\d+ event\\(s\\), causal order$`));
  });

  it('replay of that correlation delivers exactly the chain’s entry events to a watcher that subscribes after the hint', async () => {
    const latest = runs[1] as LogRun;
    const chain = jsonLines<LoggedHop>((await eventflow(['log', flow, '--correlation', correlationId, '--run', latest.runId, '--json'])).stdout);
    const entryIds = [...new Set(chain.filter((h) => ENTRY_EDGES.has(h.trace.edgeId)).map((h) => h.trace.eventId))];
    expect(entryIds).toHaveLength(1); // one checkout: one order entered the flow

    const port = await freePort();
    const replay = startCli(['replay', flow, '--correlation', correlationId, '--speed', 'max', '--port', String(port), '--wait', '30', '--no-log']);
    await until(() => replay.stdout().includes('waiting up to 30 s for a watcher'), 'the replay to wait for a watcher');
    expect(replay.stdout()).toContain(`watch it: mosquitto_sub -h 127.0.0.1 -p ${port} -t '#' -v`);
    const seen: { topic: string; event: CloudEvent }[] = [];
    const watcher = await mqtt.connectAsync(`mqtt://127.0.0.1:${port}`, { clientId: `demo-watcher-${process.pid}` });
    try {
      watcher.on('message', (topic, payload) => {
        // The runtime's own broker probe (not an event) may still be on its way.
        if (!topic.includes('eventflow-probe/')) seen.push({ topic, event: JSON.parse(payload.toString()) as CloudEvent });
      });
      await watcher.subscribeAsync('#', { qos: 1 });
      expect(await replay.exited).toBe(0);
    } finally {
      await watcher.endAsync();
    }
    expect(replay.stdout()).toMatch(new RegExp(`replaying from run ${latest.runId.slice(0, 8)} `));
    expect(replay.stdout()).toMatch(/replayed 1 event\(s\)/);
    expect(replay.stderr()).toContain(`replaying run ${latest.runId.slice(0, 8)}`);
    const entered = seen.filter((s) => s.topic === 'shop/orders/placed');
    expect(entered.map((s) => s.event.id)).toEqual(entryIds);
    // What the flow made of it is that checkout again, marked as a replay.
    expect(seen.length).toBeGreaterThan(entered.length);
    expect(seen.every((s) => s.event.correlationid === correlationId && typeof s.event.replayid === 'string')).toBe(true);
    expect(seen.map((s) => s.event.type)).toContain('payment.succeeded');
  });
});

/** As the CLI prints times (local time, milliseconds). */
function localTime(ms: number): string {
  const d = new Date(ms);
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}.${p(d.getMilliseconds(), 3)}`;
}
