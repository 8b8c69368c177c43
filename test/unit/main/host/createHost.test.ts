import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BridgeError } from '../../../../shared/bridge/BridgeError';
import { createHost, type Host } from '../../../../main/host/createHost';

const doc = (name: string) => ({ schemaVersion: 1, name, broker: { kind: 'embedded' }, eventTypes: [], nodes: [], edges: [] });

describe('createHost', () => {
  let base: string;
  let flows: string;
  let examples: string;
  let host: Host;
  let now = 1_000;
  const logged: string[] = [];

  beforeEach(async () => {
    base = await mkdtemp(join(tmpdir(), 'eventflow-host-'));
    flows = join(base, 'flows');
    examples = join(base, 'examples');
    await mkdir(flows);
    await mkdir(examples);
    await writeFile(join(examples, 'checkout.eventflow.json'), JSON.stringify(doc('Retail checkout')));
    await writeFile(join(examples, 'broken.eventflow.json'), '{ "schemaVersion": 1, "name": ');
    await writeFile(join(flows, 'notes.json'), '{}');
    logged.length = 0;
    host = await createHost({
      workspaceRoots: [examples, flows],
      saveRoot: flows,
      stateDir: join(flows, '.eventflow-recovery'),
      templateDirs: [examples],
      defaultFlowPath: join(examples, 'checkout.eventflow.json'),
      now: () => now++,
      log: (m) => logged.push(m),
    });
  });
  afterEach(async () => {
    await host.close();
    await rm(base, { recursive: true, force: true });
  });

  it('describes itself: roots, where new files go, the default flow, no runs yet', async () => {
    const info = await host.call('getHostInfo', {});
    expect(info.workspaceRoots.map((r) => r.path)).toHaveLength(2);
    expect(info.saveRoot.endsWith('flows')).toBe(true);
    expect(info.defaultFlowPath?.endsWith('checkout.eventflow.json')).toBe(true);
    expect(info.supportsRuns).toBe(false);
  });

  it('saves, lists and reopens a flow, and remembers it as recent', async () => {
    const saved = await host.call('saveFile', { path: join(flows, 'mine.eventflow.json'), doc: doc('Mine') });
    expect(saved.name).toBe('mine.eventflow.json');
    expect(JSON.parse(await readFile(saved.path, 'utf8'))).toEqual(doc('Mine'));
    const { files } = await host.call('listFiles', {});
    expect(files.map((f) => f.relativePath).sort()).toEqual(['broken.eventflow.json', 'checkout.eventflow.json', 'mine.eventflow.json']);
    const opened = await host.call('openFile', { path: saved.path });
    expect(JSON.parse(opened.text).name).toBe('Mine');
    const { files: recent } = await host.call('listRecent', {});
    expect(recent[0]?.path).toBe(saved.path);
  });

  it('refuses to overwrite on Save As unless told to', async () => {
    const path = join(flows, 'twice.eventflow.json');
    await host.call('saveFile', { path, doc: doc('One') });
    await expect(host.call('saveFile', { path, doc: doc('Two'), overwrite: false })).rejects.toMatchObject({ code: 'exists' });
    await host.call('saveFile', { path, doc: doc('Two'), overwrite: true });
    expect(JSON.parse(await readFile(path, 'utf8')).name).toBe('Two');
  });

  it('refuses to save a document the loader would refuse, naming the problem', async () => {
    const bad = { ...doc('Bad'), nodes: [{ id: 'p', kind: 'producer', name: 'P', settings: { eventType: 't', ratePerSecond: -5 } }] };
    const err = await host.call('saveFile', { path: join(flows, 'bad.eventflow.json'), doc: bad }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BridgeError);
    expect((err as BridgeError).code).toBe('invalid-flow');
    expect((err as BridgeError).message).toContain('nodes[0].settings.ratePerSecond');
  });

  it('refuses paths outside the workspace and files that are not flows', async () => {
    await expect(host.call('openFile', { path: join(base, '..', 'etc', 'passwd') })).rejects.toMatchObject({ code: 'outside-workspace' });
    await expect(host.call('saveFile', { path: join(base, 'x.eventflow.json'), doc: doc('X') })).rejects.toMatchObject({ code: 'outside-workspace' });
    await expect(host.call('openFile', { path: join(flows, 'notes.json') })).rejects.toMatchObject({ code: 'not-a-flow-file' });
    await expect(host.call('saveFile', { path: join(flows, 'notes.json'), doc: doc('X') })).rejects.toMatchObject({ code: 'not-a-flow-file' });
  });

  it('offers the valid examples as templates and reports the broken one', async () => {
    const { templates } = await host.call('listTemplates', {});
    expect(templates.map((t) => t.name)).toEqual(['Retail checkout']);
    expect(logged.some((m) => m.includes('broken.eventflow.json'))).toBe(true);
  });

  it('keeps, returns and clears the recovery copy', async () => {
    expect((await host.call('readRecovery', {})).recovery).toBeNull();
    await host.call('writeRecovery', { path: null, text: '{"draft":1}' });
    await host.call('writeRecovery', { path: null, text: '{"draft":2}' });
    const { recovery } = await host.call('readRecovery', {});
    expect(recovery?.text).toBe('{"draft":2}');
    await host.call('clearRecovery', {});
    expect((await host.call('readRecovery', {})).recovery).toBeNull();
  });

  it('answers transports with error values: unknown method, bad params, reserved run methods', async () => {
    expect(await host.handle('eval', {})).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
    expect(await host.handle('openFile', { path: 7 })).toMatchObject({ ok: false, error: { code: 'bad-params' } });
    const run = await host.handle('stopRun', {});
    expect(run).toMatchObject({ ok: false, error: { code: 'unavailable' } });
  });

  it('routes run methods to the runtime handlers when given, and pushes checked events', async () => {
    const status = { state: 'stopped' as const, broker: { kind: 'embedded' as const, url: 'mqtt://127.0.0.1:1', connection: 'closed' as const }, topicPrefix: '' };
    const unused = () => Promise.reject(new Error('not called'));
    const withRuns = await createHost({
      workspaceRoots: [flows],
      stateDir: join(flows, '.state'),
      runs: {
        startRun: unused,
        stopRun: async () => ({ status }),
        getRunStatus: unused,
        pauseRun: unused,
        resumeRun: unused,
        pauseConsumer: unused,
        resumeConsumer: unused,
        fireProducer: unused,
        queryLog: unused,
        listLogRuns: unused,
        startReplay: unused,
        pauseReplay: unused,
        resumeReplay: unused,
        stopReplay: unused,
      },
      log: (m) => logged.push(m),
    });
    expect(withRuns.info.supportsRuns).toBe(true);
    expect(await withRuns.call('stopRun', {})).toEqual({ status });
    const seen: string[] = [];
    withRuns.onPush((p) => seen.push(p.event));
    withRuns.push({ event: 'runStatus', payload: status });
    withRuns.push({ event: 'runLog', payload: { level: 'nope', message: 'x', at: 0 } as never });
    expect(seen).toEqual(['runStatus']);
    expect(logged.some((m) => m.includes('push refused'))).toBe(true);
  });
});
