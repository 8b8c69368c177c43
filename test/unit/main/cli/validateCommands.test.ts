import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './runCli';

const dir = mkdtempSync(join(tmpdir(), 'eventflow-validate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('eventflow validate', () => {
  it('exits 0 with a one-line summary on a valid flow', async () => {
    const run = await runCli('validate', 'test/fixtures/hello.eventflow.json');
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toBe('test/fixtures/hello.eventflow.json: valid: "Hello checkout", 3 nodes, 2 channels, 2 event types, 0 warning(s)');
    expect(run.stderr).toBe('');
  });

  it('exits 1 and names the path of each of the three mistakes', async () => {
    const run = await runCli('validate', 'test/fixtures/three-mistakes.eventflow.json');
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('3 problem(s)');
    expect(run.stderr).toContain('  nodes[0].settings.ratePerSecond: must be > 0, got -5');
    expect(run.stderr).toContain('  nodes[1].kind: must be');
    expect(run.stderr).toContain('  nodes[2].settings.concurrency: must be > 0, got 0');
  });

  it('also runs the compiler: a channel into nowhere is an error with its path and ids', async () => {
    const file = join(dir, 'dangling.eventflow.json');
    writeFileSync(
      file,
      JSON.stringify({
        schemaVersion: 1,
        name: 'Dangling',
        eventTypes: [{ name: 'order.placed' }],
        nodes: [{ id: 'shop', kind: 'producer', name: 'Storefront', settings: { eventType: 'order.placed' } }],
        edges: [{ id: 'lost', source: 'shop', target: 'ghost', topic: 'shop/orders' }],
      }),
    );
    const run = await runCli('validate', file);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('1 error(s)');
    expect(run.stderr).toMatch(/ {2}edges\[0\]\.target: .*"ghost".*\(channel lost\)/);
  });

  it('counts warnings in the summary and prints them on stderr', async () => {
    const file = join(dir, 'warned.eventflow.json');
    writeFileSync(
      file,
      JSON.stringify({
        schemaVersion: 1,
        name: 'Lonely',
        eventTypes: [{ name: 'order.placed' }],
        nodes: [{ id: 'shop', kind: 'producer', name: 'Storefront', settings: { eventType: 'order.placed' } }],
      }),
    );
    const run = await runCli('validate', file);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('1 warning(s)');
    expect(run.stderr).toContain('  nodes[0]: warning: Producer "Storefront" has no outgoing channel');
  });

  it('exits 1 and says to check the path when the file does not exist', async () => {
    const run = await runCli('validate', join(dir, 'missing.eventflow.json'));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('cannot read the file (ENOENT)');
  });
});
