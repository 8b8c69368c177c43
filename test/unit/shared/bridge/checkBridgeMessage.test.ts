import { describe, expect, it } from 'vitest';
import { BRIDGE_EVENTS, runEventToPush } from '../../../../shared/bridge/bridgeEvents';
import { BRIDGE_METHODS, bridgeMethods, isBridgeMethod } from '../../../../shared/bridge/bridgeMethods';
import { BRIDGE_ERROR_CODES } from '../../../../shared/bridge/bridgeProtocol';
import { checkBridgeParams, checkBridgePush, checkBridgeResult } from '../../../../shared/bridge/checkBridgeMessage';

describe('checkBridgeParams', () => {
  it('refuses a method that is not in the contract, naming the ones that are', () => {
    const r = checkBridgeParams('deleteEverything', {});
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('unknown-method');
    expect(r.error.message).toContain('"deleteEverything"');
    expect(r.error.message).toContain('openFile');
  });

  it('refuses inherited object keys as method names', () => {
    expect(isBridgeMethod('toString')).toBe(false);
    expect(isBridgeMethod('__proto__')).toBe(false);
    expect(checkBridgeParams('constructor', {}).ok).toBe(false);
  });

  it('refuses bad params with the path of each bad field', () => {
    const r = checkBridgeParams('openFile', { path: 42 });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('bad-params');
    expect(r.error.message).toMatch(/^openFile: params\.path: /);
  });

  it('refuses unknown fields in params (strict objects)', () => {
    const r = checkBridgeParams('listFiles', { recursive: true });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('recursive');
  });

  it('refuses an empty path and a too-long recovery text', () => {
    expect(checkBridgeParams('openFile', { path: '' }).ok).toBe(false);
    expect(checkBridgeParams('writeRecovery', { path: null, text: 'x'.repeat(5 * 1024 * 1024) }).ok).toBe(false);
  });

  it('accepts good params and fills defaults', () => {
    const r = checkBridgeParams('saveFile', { path: 'a.eventflow.json', doc: { schemaVersion: 1, name: 'a', nodes: [], edges: [] } });
    expect(r.ok).toBe(true);
    if (r.ok) expect((r.params as { overwrite: boolean }).overwrite).toBe(true);
    const q = checkBridgeParams('queryLog', {});
    expect(q.ok && (q.params as { limit: number }).limit).toBe(500);
  });

  it('treats missing params as an empty object', () => {
    expect(checkBridgeParams('getHostInfo', undefined).ok).toBe(true);
  });

  it('checks a run method against the flow schema', () => {
    const bad = checkBridgeParams('startRun', { doc: { schemaVersion: 1, name: 'x', nodes: [{ id: 'p', kind: 'producer', name: 'P', settings: { eventType: 't', ratePerSecond: -1 } }] } });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.message).toContain('params.doc.nodes[0].settings.ratePerSecond');
  });
});

describe('checkBridgeResult and checkBridgePush', () => {
  it('refuses a result that breaks the contract', () => {
    const r = checkBridgeResult('listFiles', { files: [] });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('bad-result');
      expect(r.error.message).toContain('result.truncated');
    }
  });

  it('accepts a good result', () => {
    expect(checkBridgeResult('writeRecovery', { savedAt: 1 })).toEqual({ ok: true, value: { savedAt: 1 } });
  });

  it('refuses pushes with unknown names or bad payloads', () => {
    expect(checkBridgePush('runSecrets', {}).ok).toBe(false);
    const bad = checkBridgePush('runLog', { level: 'loud', message: 'x', at: 0 });
    expect(bad.ok).toBe(false);
    expect(checkBridgePush('runLog', { level: 'info', message: 'x', at: 0 }).ok).toBe(true);
  });
});

describe('the contract', () => {
  it('lists every method once with a params and a result schema, and reserves the run methods', () => {
    expect(new Set(BRIDGE_METHODS).size).toBe(BRIDGE_METHODS.length);
    for (const m of BRIDGE_METHODS) {
      expect(bridgeMethods[m].params.safeParse).toBeTypeOf('function');
      expect(bridgeMethods[m].result.safeParse).toBeTypeOf('function');
    }
    for (const m of ['startRun', 'stopRun', 'pauseRun', 'resumeRun', 'pauseConsumer', 'resumeConsumer', 'fireProducer', 'queryLog', 'startReplay']) {
      expect(BRIDGE_METHODS).toContain(m);
    }
    expect(BRIDGE_ERROR_CODES).toContain('outside-workspace');
  });

  it('maps every run event kind to a pushed event whose schema accepts it', () => {
    const pushes = [
      runEventToPush({ kind: 'log', line: { level: 'warn', message: 'slow', at: 5 } }),
      runEventToPush({ kind: 'traces', batch: { traces: [], droppedTraces: 0 } }),
      runEventToPush({
        kind: 'status',
        status: { state: 'running', broker: { kind: 'embedded', url: 'mqtt://127.0.0.1:1883', connection: 'connected' }, topicPrefix: '' },
      }),
      runEventToPush({ kind: 'metrics', snapshot: { at: 1, runTimeMs: 2, nodes: [], edges: [], unroutable: 0, duplicates: 0 } }),
    ];
    // Replay progress is the host's own push (it runs replays), not a run event.
    expect(pushes.map((p) => p.event).sort()).toEqual(BRIDGE_EVENTS.filter((e) => e !== 'replayProgress').sort());
    for (const p of pushes) expect(checkBridgePush(p.event, p.payload).ok).toBe(true);
    expect(checkBridgePush('replayProgress', { replayId: 'r1', state: 'paused', published: 3, total: 10 }).ok).toBe(true);
    expect(checkBridgePush('replayProgress', { replayId: 'r1', state: 'sleeping', published: 3, total: 10 }).ok).toBe(false);
  });
});
