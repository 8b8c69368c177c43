import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogRun } from '../../../shared/bridge/bridgeMethods';
import { openEventLog } from '../../../main/runtime/log/openEventLog';
import { eventflow } from '../main/cli/cliProcess';
import { replayFlowInput } from './replayFlow';

/** `eventflow log FLOW --runs` on a log with a run of its own and a run a replay started. */
let dir: string;
let flowFile: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'eventflow-logruns-'));
  flowFile = join(dir, 'shop.eventflow.json');
  await writeFile(flowFile, JSON.stringify(replayFlowInput));
  const log = await openEventLog({ flowFile });
  const t = Date.now() - 10_000;
  const hop = (runId: string, n: number, replayId?: string) => {
    const event = { specversion: '1.0' as const, id: `o${n}`, type: 'order.placed', source: 'test', time: new Date(t + n).toISOString(), datacontenttype: 'application/json' as const, data: { n }, correlationid: `c-${n}`, ...(replayId ? { replayid: replayId } : {}) };
    return { run: runId, trace: { eventId: event.id, correlationId: event.correlationid, type: event.type, edgeId: 'store-router', topic: 'shop/orders', sentAt: t + n, outcome: 'delivered' as const, ...(replayId ? { replayId } : {}) }, event };
  };
  for (let n = 1; n <= 3; n++) log.append(hop('run-original-0000-0000-000000000000', n));
  for (let n = 1; n <= 2; n++) log.append(hop('run-replayed-0000-0000-000000000000', n, 'rp-1'));
  await log.close();
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

describe('eventflow log --runs', () => {
  it('counts replayed hops per run and marks the run a replay started "replays only"', async () => {
    const { code, stdout, stderr } = await eventflow(['log', flowFile, '--runs']);
    expect(code, stderr).toBe(0);
    const rows = stdout.trimEnd().split('\n');
    expect(rows[0]).toMatch(/^run\s+first hop\s+last hop\s+hops\s+replayed$/);
    expect(rows[1]).toMatch(/^run-original-\S+\s.*\s3\s+0$/);
    expect(rows[2]).toMatch(/^run-replayed-\S+\s.*\s2\s+2 {2}replays only$/);
    expect(rows[3]).toMatch(/^2 run\(s\), oldest first/);

    const json = await eventflow(['log', flowFile, '--runs', '--json']);
    expect(json.code, json.stderr).toBe(0);
    const runs = json.stdout.trim().split('\n').map((l) => JSON.parse(l) as LogRun);
    expect(runs.map((r) => [r.hops, r.replayedHops])).toEqual([[3, 0], [2, 2]]);
  });
});
