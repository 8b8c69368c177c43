import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { queryLog } from '../../../main/runtime/log/queryLog';
import { portAccepts } from '../harness/portAccepts';
import { processesLeftBehind, processTree } from '../harness/processTree';
import { startCliJob, STOP_SIGNALS } from '../harness/startCliJob';

const FLOW = 'examples/checkout.eventflow.json';

interface StatsLine {
  final: boolean;
  broker: string;
  edges: { edgeId: string; count: number }[];
}

describe('clean shutdown of eventflow run', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanup.splice(0)) await c();
  });

  it.each(STOP_SIGNALS)('$signal ($how) flushes the event log, stops the embedded broker and leaves no process behind', async ({ signal }) => {
    const dir = await mkdtemp(join(tmpdir(), 'eventflow-shutdown-'));
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
    const logDir = join(dir, 'log');
    const cli = startCliJob(['run', FLOW, '--stats', 'json', '--log-dir', logDir]);
    cleanup.push(() => cli.kill());

    const lines = () => cli.stdout().split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as StatsLine);
    await cli.until('no live metrics from eventflow run', () =>
      lines().some((l) => !l.final && l.edges.reduce((n, e) => n + e.count, 0) > 20) ? true : undefined,
    );
    const broker = lines()[0]!.broker;
    const brokerPort = Number(/:(\d+)$/.exec(broker)![1]);
    expect(await portAccepts(brokerPort)).toBe(true);
    const before = await processTree(cli.pid);
    expect(before).toContain(cli.pid);

    const code = await cli.stopWith(signal);
    expect(code, cli.stderr()).toBe(0);

    // The log holds exactly one record per crossing the final totals count.
    const final = lines().at(-1)!;
    expect(final.final).toBe(true);
    const crossings = final.edges.reduce((n, e) => n + e.count, 0);
    expect(crossings).toBeGreaterThan(20);
    let records = 0;
    for await (const hop of queryLog(logDir, { limit: Number.MAX_SAFE_INTEGER })) if (hop) records++;
    expect(records).toBe(crossings);

    // The embedded broker is gone, and so is every process of the run's tree and group.
    expect(await portAccepts(brokerPort)).toBe(false);
    const left = await processesLeftBehind(cli.pid, before);
    expect(left, `processes left behind: ${left.join(', ')}`).toEqual([]);
  });
});
