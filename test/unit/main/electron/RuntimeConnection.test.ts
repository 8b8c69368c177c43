import { describe, expect, it } from 'vitest';
import { createRuntimeConnection, type UtilityProcessLike } from '../../../../main/electron/RuntimeConnection';
import type { FromRuntime, RuntimeConfig, ToRuntime } from '../../../../main/electron/runtimeProtocol';
import type { WireEvent } from '../../../../main/preload/ipcChannels';

const config: RuntimeConfig = {
  workspaceRoots: ['/flows'],
  readOnlyRoots: [],
  stateDir: '/state',
  templateDirs: [],
  defaultFlowPath: null,
  saveRoot: '/flows',
  version: '1.0.0',
};

/** A fake utility process: records what main sends, lets the test answer or die. */
function fakeChild() {
  const received: ToRuntime[] = [];
  const listeners: { message: ((m: FromRuntime) => void)[]; exit: ((code: number) => void)[] } = { message: [], exit: [] };
  let killed = false;
  const child: UtilityProcessLike = {
    postMessage: (m) => received.push(m),
    on: ((event: 'message' | 'exit', listener: never) => listeners[event].push(listener)) as UtilityProcessLike['on'],
    kill: () => (killed = true),
  };
  return {
    child,
    received,
    reply: (m: FromRuntime) => listeners.message.forEach((l) => l(m)),
    exit: (code: number) => listeners.exit.forEach((l) => l(code)),
    wasKilled: () => killed,
  };
}

describe('the main side of the runtime utility process', () => {
  it('starts the process on the first call with its configuration and matches replies by id', async () => {
    const children: ReturnType<typeof fakeChild>[] = [];
    const conn = createRuntimeConnection({
      fork: () => {
        children.push(fakeChild());
        return children.at(-1)!.child;
      },
      config,
      onEvents: () => undefined,
    });
    expect(children).toHaveLength(0);
    const first = conn.call('listFiles', {});
    const second = conn.call('getHostInfo', {});
    const c = children[0]!;
    // Nothing goes out until the process says it is listening.
    expect(c.received).toEqual([]);
    c.reply({ kind: 'ready' });
    expect(c.received.map((m) => m.kind)).toEqual(['init', 'call', 'call']);
    expect(c.received[0]).toEqual({ kind: 'init', config });
    c.reply({ kind: 'reply', id: 2, reply: { ok: true, result: 'info' } });
    c.reply({ kind: 'reply', id: 1, reply: { ok: true, result: 'files' } });
    expect(await first).toEqual({ ok: true, result: 'files' });
    expect(await second).toEqual({ ok: true, result: 'info' });
  });

  it('hands pushed batches on as they come', () => {
    const c = fakeChild();
    const got: WireEvent[][] = [];
    const conn = createRuntimeConnection({ fork: () => c.child, config, onEvents: (e) => got.push(e) });
    void conn.call('getRunStatus', {});
    const batch = [{ name: 'runLog', payload: { level: 'info', message: 'x', at: 1 } }];
    c.reply({ kind: 'events', events: batch });
    expect(got).toEqual([batch]);
  });

  it('fails pending calls when the process dies, and restarts it with the same grants on the next call', async () => {
    const children: ReturnType<typeof fakeChild>[] = [];
    const exits: [number, boolean][] = [];
    const conn = createRuntimeConnection({
      fork: () => {
        children.push(fakeChild());
        return children.at(-1)!.child;
      },
      config,
      onEvents: () => undefined,
      onExit: (code, expected) => exits.push([code, expected]),
    });
    const pending = conn.call('startRun', {});
    conn.grant('/home/me/shop');
    children[0]!.exit(9);
    const reply = await pending;
    expect(reply).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    if (!reply.ok) expect(reply.error.message).toContain('exit code 9');
    expect(exits).toEqual([[9, false]]);

    void conn.call('listFiles', {});
    expect(children).toHaveLength(2);
    children[1]!.reply({ kind: 'ready' });
    expect(children[1]!.received.map((m) => m.kind)).toEqual(['init', 'grant', 'call']);
    expect(children[1]!.received[1]).toEqual({ kind: 'grant', folder: '/home/me/shop' });
  });

  it('gives up on a call the runtime never answers', async () => {
    const c = fakeChild();
    const conn = createRuntimeConnection({ fork: () => c.child, config, onEvents: () => undefined, callTimeoutMs: 20 });
    expect(await conn.call('listFiles', {})).toMatchObject({ ok: false, error: { code: 'timeout' } });
  });

  it('asks the process to shut down, kills it if it does not, and refuses calls after', async () => {
    const c = fakeChild();
    const conn = createRuntimeConnection({ fork: () => c.child, config, onEvents: () => undefined, shutdownTimeoutMs: 20 });
    void conn.call('listFiles', {});
    c.reply({ kind: 'ready' });
    await conn.stop();
    expect(c.received.at(-1)).toEqual({ kind: 'shutdown' });
    expect(c.wasKilled()).toBe(true);
    expect(await conn.call('listFiles', {})).toMatchObject({ ok: false, error: { code: 'unavailable' } });
  });

  it('does not kill a process that shuts down in time', async () => {
    const c = fakeChild();
    const conn = createRuntimeConnection({ fork: () => c.child, config, onEvents: () => undefined, shutdownTimeoutMs: 1000 });
    void conn.call('listFiles', {});
    const stopped = conn.stop();
    c.exit(0);
    await stopped;
    expect(c.wasKilled()).toBe(false);
  });
});
