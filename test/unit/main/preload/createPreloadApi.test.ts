import { describe, expect, it } from 'vitest';
import { createPreloadApi, type IpcRendererLike } from '../../../../main/preload/createPreloadApi';

function fakeIpcRenderer(reply: unknown = { ok: true, result: 'done' }) {
  const invoked: unknown[][] = [];
  const listeners = new Set<(event: unknown, batch: unknown) => void>();
  const ipc: IpcRendererLike = {
    invoke: async (...args) => {
      invoked.push(args);
      return reply;
    },
    on: (_channel, l) => listeners.add(l),
    removeListener: (_channel, l) => listeners.delete(l),
  };
  // What Electron passes a listener: an event whose `sender` is ipcRenderer itself.
  const emit = (batch: unknown) => listeners.forEach((l) => l({ sender: ipc, ports: [] }, batch));
  return { ipc, invoked, emit, listeners };
}

describe('the preload API (window.eventflow)', () => {
  it('exposes two named functions and nothing of ipcRenderer', () => {
    const { ipc } = fakeIpcRenderer();
    const api = createPreloadApi(ipc);
    expect(Object.keys(api).sort()).toEqual(['call', 'onEvent']);
    expect(Object.isFrozen(api)).toBe(true);
    expect(Object.values(api)).not.toContain(ipc);
  });

  it('calls the one bridge channel with the method and params', async () => {
    const f = fakeIpcRenderer();
    expect(await createPreloadApi(f.ipc).call('openFile', { path: 'a.eventflow.json' })).toBe('done');
    expect(f.invoked).toEqual([['bridge:call', 'openFile', { path: 'a.eventflow.json' }]]);
  });

  it('rejects with the host error code and message', async () => {
    const f = fakeIpcRenderer({ ok: false, error: { code: 'not-found', message: 'a.eventflow.json does not exist' } });
    await expect(createPreloadApi(f.ipc).call('openFile', { path: 'a.eventflow.json' })).rejects.toEqual({
      code: 'not-found',
      message: 'a.eventflow.json does not exist',
    });
  });

  it('gives listeners only (name, payload), never the IPC event', () => {
    const f = fakeIpcRenderer();
    const seen: unknown[][] = [];
    const off = createPreloadApi(f.ipc).onEvent((...args: unknown[]) => seen.push(args));
    f.emit([
      { name: 'runStatus', payload: { state: 'running' } },
      { name: 'menuCommand', payload: { command: 'file.save' } },
    ]);
    expect(seen).toEqual([
      ['runStatus', { state: 'running' }],
      ['menuCommand', { command: 'file.save' }],
    ]);
    expect(JSON.stringify(seen)).not.toContain('sender');
    off();
    expect(f.listeners.size).toBe(0);
    f.emit([{ name: 'runStatus', payload: {} }]);
    expect(seen).toHaveLength(2);
  });
});
