import { describe, expect, it } from 'vitest';
import type { FromRuntime, RuntimeConfig, ToRuntime } from '../../../../main/electron/runtimeProtocol';
import {
  serveRuntimeProcess,
  type HostLike,
  type ParentPortLike,
  type RuntimeStopSignal,
  type SignalSourceLike,
} from '../../../../main/electron/serveRuntimeProcess';

const config: RuntimeConfig = {
  workspaceRoots: ['/flows'],
  readOnlyRoots: [],
  stateDir: '/state',
  templateDirs: [],
  defaultFlowPath: null,
  saveRoot: '/flows',
  version: '1.0.0',
};

function fakePort() {
  const sent: FromRuntime[] = [];
  let listener: ((e: { data: ToRuntime }) => void) | undefined;
  const port: ParentPortLike = {
    on: (_event, l) => (listener = l),
    postMessage: (m) => sent.push(m),
  };
  return { port, sent, deliver: (data: ToRuntime) => listener?.({ data }) };
}

/** A host whose every call pushes a log line first, then answers with the roots it was built with. */
function fakeHost(roots: string[], closed: string[]): HostLike {
  const listeners = new Set<(p: { event: string; payload: unknown }) => void>();
  return {
    info: { workspaceRoots: roots.map((path) => ({ path })) },
    async handle(method) {
      for (const l of listeners) l({ event: 'runLog', payload: { message: `before ${method}` } });
      return { ok: true, result: { roots } };
    },
    onPush: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    close: async () => {
      closed.push(roots.join(','));
    },
  };
}

const settle = () => new Promise((r) => setTimeout(r, 5));

describe('the runtime utility process', () => {
  it('answers calls with the host and delivers the events a call caused before its reply', async () => {
    const p = fakePort();
    const closed: string[] = [];
    serveRuntimeProcess({ port: p.port, startHost: async (c, extra) => fakeHost([...c.workspaceRoots, ...extra], closed), exit: () => undefined });
    p.deliver({ kind: 'init', config });
    p.deliver({ kind: 'call', id: 1, method: 'listFiles', params: {} });
    await settle();
    expect(p.sent.map((m) => m.kind)).toEqual(['ready', 'events', 'reply']);
    expect(p.sent[1]).toEqual({ kind: 'events', events: [{ name: 'runLog', payload: { message: 'before listFiles' } }] });
    expect(p.sent[2]).toEqual({ kind: 'reply', id: 1, reply: { ok: true, result: { roots: ['/flows'] } } });
  });

  it('adds a granted folder to the workspace before the next call, and only when it is outside', async () => {
    const p = fakePort();
    const closed: string[] = [];
    let starts = 0;
    serveRuntimeProcess({
      port: p.port,
      startHost: async (c, extra) => {
        starts++;
        return fakeHost([...c.workspaceRoots, ...extra], closed);
      },
      exit: () => undefined,
    });
    p.deliver({ kind: 'init', config });
    p.deliver({ kind: 'grant', folder: '/flows/sub' });
    p.deliver({ kind: 'grant', folder: '/home/me/shop' });
    p.deliver({ kind: 'call', id: 7, method: 'openFile', params: { path: '/home/me/shop/a.eventflow.json' } });
    await settle();
    const reply = p.sent.find((m) => m.kind === 'reply');
    expect(reply).toEqual({ kind: 'reply', id: 7, reply: { ok: true, result: { roots: ['/flows', '/flows/sub', '/home/me/shop'] } } });
    expect(starts).toBe(2);
    expect(closed).toEqual(['/flows']);
  });

  it('replies unavailable, naming the reason, when the host cannot start', async () => {
    const p = fakePort();
    serveRuntimeProcess({
      port: p.port,
      startHost: async () => {
        throw new Error('workspace folder /flows does not exist');
      },
      exit: () => undefined,
    });
    p.deliver({ kind: 'init', config });
    p.deliver({ kind: 'call', id: 1, method: 'listFiles', params: {} });
    await settle();
    expect(p.sent.find((m) => m.kind === 'failed')).toBeDefined();
    const reply = p.sent.find((m) => m.kind === 'reply');
    expect(reply).toMatchObject({ reply: { ok: false, error: { code: 'unavailable' } } });
    if (reply?.kind === 'reply' && !reply.reply.ok) expect(reply.reply.error.message).toContain('/flows does not exist');
  });

  it('closes the host and exits on shutdown', async () => {
    const p = fakePort();
    const closed: string[] = [];
    const exits: number[] = [];
    serveRuntimeProcess({ port: p.port, startHost: async (c) => fakeHost(c.workspaceRoots, closed), exit: (c) => exits.push(c) });
    p.deliver({ kind: 'init', config });
    p.deliver({ kind: 'shutdown' });
    await settle();
    expect(closed).toEqual(['/flows']);
    expect(exits).toEqual([0]);
  });

  it.each(['SIGINT', 'SIGTERM'] as const)(
    'on %s (Ctrl-C reaching it straight from the terminal) stops the run, closes the host and exits 0, once',
    async (signal) => {
      const p = fakePort();
      const closed: string[] = [];
      const exits: number[] = [];
      const order: string[] = [];
      const handlers = new Map<RuntimeStopSignal, () => void>();
      const signals: SignalSourceLike = { once: (s, l) => handlers.set(s, l) };
      serveRuntimeProcess({
        port: p.port,
        startHost: async (c) => {
          const host = fakeHost(c.workspaceRoots, closed);
          return { ...host, close: async () => void order.push('host closed') };
        },
        shutdown: async () => {
          await new Promise((r) => setTimeout(r, 10));
          order.push('runs stopped, log flushed');
        },
        exit: (c) => {
          order.push('exit');
          exits.push(c);
        },
        signals,
      });
      expect([...handlers.keys()].sort()).toEqual(['SIGINT', 'SIGTERM']);
      p.deliver({ kind: 'init', config });
      handlers.get(signal)!();
      // Main saw the same Ctrl-C and asks too; and a call arriving meanwhile starts nothing.
      p.deliver({ kind: 'shutdown' });
      p.deliver({ kind: 'call', id: 9, method: 'startRun', params: {} });
      await settle();
      await new Promise((r) => setTimeout(r, 30));
      expect(order).toEqual(['runs stopped, log flushed', 'host closed', 'exit']);
      expect(exits).toEqual([0]);
      expect(p.sent.find((m) => m.kind === 'reply')).toEqual({
        kind: 'reply',
        id: 9,
        reply: { ok: false, error: { code: 'unavailable', message: 'the runtime is stopping' } },
      });
    },
  );
});
