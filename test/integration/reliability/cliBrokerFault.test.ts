import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { startMosquitto } from '../harness/mosquitto';

/** Bound on each wait for the CLI (start-up through tsx, noticing the fault, reconnecting, exiting). */
const CLI_TIMEOUT_MS = 30_000;
const FIXTURE = 'test/fixtures/runtime/tiny.eventflow.json';

interface StatsLine {
  final: boolean;
  state: string;
  nodes: { nodeId: string; counters: { out: number; buffered: number } }[];
}

describe('eventflow run when the broker dies and comes back', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c();
  });

  it('prints the connection status line both ways, the log lines, and the buffered count, and goes on', async () => {
    const first = await startMosquitto();
    cleanup.push(() => first.stop());
    const child = spawn(process.execPath, ['bin/eventflow.mjs', 'run', FIXTURE, '--no-log', '--stats', 'json', '--broker', first.url, '--topic-prefix', 'clifault/'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    cleanup.push(async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const lines = () => stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as StatsLine);
    const until = async (what: string, check: () => boolean) => {
      const deadline = Date.now() + CLI_TIMEOUT_MS;
      while (!check()) {
        if (Date.now() > deadline || child.exitCode !== null) throw new Error(`timed out waiting for ${what}:\n${stdout.slice(-2000)}\n${stderr}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    };

    await until('live metrics', () => lines().some((l) => !l.final));
    await first.kill();
    await until('the status line saying the broker is gone', () => /broker connection: (offline|reconnecting) \(producers buffer meanwhile\)/.test(stderr));
    await until('a buffered count in the metrics', () => lines().some((l) => l.nodes.find((n) => n.nodeId === 'shop')!.counters.buffered > 0));
    const second = await startMosquitto({ port: first.port });
    cleanup.push(() => second.stop());
    await until('the status line saying it is back', () => stderr.includes(`broker connection: connected again to ${first.url}`));

    expect(stderr).toContain(`warn: lost the connection to the broker at ${first.url}; reconnecting with backoff`);
    expect(stderr.indexOf('broker connection: reconnecting')).toBeLessThan(stderr.indexOf('broker connection: connected again'));
    const outBefore = lines().at(-1)!.nodes.find((n) => n.nodeId === 'shop')!.counters.out;
    await until('traffic after the reconnection', () => lines().at(-1)!.nodes.find((n) => n.nodeId === 'shop')!.counters.out > outBefore + 10);

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(lines().at(-1)).toMatchObject({ final: true });
  });
});
