import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BridgeError } from '../../../../shared/bridge/BridgeError';
import { createWorkspace, type Workspace } from '../../../../main/host/Workspace';

const FLOW = '{"schemaVersion":1,"name":"x","nodes":[],"edges":[]}';

describe('Workspace confinement', () => {
  let base: string;
  let inside: string;
  let outside: string;
  let ws: Workspace;

  beforeEach(async () => {
    base = await mkdtemp(join(tmpdir(), 'eventflow-ws-'));
    inside = join(base, 'inside');
    outside = join(base, 'outside');
    await mkdir(join(inside, 'sub'), { recursive: true });
    await mkdir(outside);
    await writeFile(join(inside, 'a.eventflow.json'), FLOW);
    await writeFile(join(outside, 'secret.eventflow.json'), FLOW);
    await symlink(join(outside, 'secret.eventflow.json'), join(inside, 'link-out.eventflow.json'));
    await symlink(outside, join(inside, 'dir-out'));
    await symlink(join(inside, 'a.eventflow.json'), join(inside, 'sub', 'link-in.eventflow.json'));
    ws = await createWorkspace([inside]);
  });
  afterEach(async () => {
    await rm(base, { recursive: true, force: true });
  });

  const refusal = async (p: Promise<unknown>): Promise<BridgeError> => {
    const err = await p.then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(BridgeError);
    return err as BridgeError;
  };

  it('opens a file inside, by absolute or relative path', async () => {
    const real = ws.roots[0]!.path;
    expect(await ws.resolveExisting(join(inside, 'a.eventflow.json'))).toBe(join(real, 'a.eventflow.json'));
    expect(await ws.resolveExisting('a.eventflow.json')).toBe(join(real, 'a.eventflow.json'));
    expect(await ws.resolveExisting('sub/link-in.eventflow.json')).toBe(join(real, 'a.eventflow.json'));
  });

  it('refuses ../ traversal out of the workspace', async () => {
    const err = await refusal(ws.resolveExisting('../outside/secret.eventflow.json'));
    expect(err.code).toBe('outside-workspace');
    expect(err.message).toContain('outside the workspace');
    expect((await refusal(ws.resolveExisting('sub/../../outside/secret.eventflow.json'))).code).toBe('outside-workspace');
  });

  it('refuses absolute paths outside the workspace, existing or not', async () => {
    expect((await refusal(ws.resolveExisting(join(outside, 'secret.eventflow.json')))).code).toBe('outside-workspace');
    expect((await refusal(ws.resolveExisting('/etc/passwd'))).code).toBe('outside-workspace');
    expect((await refusal(ws.resolveExisting('/no/such/file.eventflow.json'))).code).toBe('outside-workspace');
  });

  it('refuses symlinks that point out, to a file or through a folder', async () => {
    expect((await refusal(ws.resolveExisting('link-out.eventflow.json'))).code).toBe('outside-workspace');
    expect((await refusal(ws.resolveExisting('dir-out/secret.eventflow.json'))).code).toBe('outside-workspace');
  });

  it('says not-found for a missing file inside', async () => {
    const err = await refusal(ws.resolveExisting('missing.eventflow.json'));
    expect(err.code).toBe('not-found');
    expect(err.message).toContain('missing.eventflow.json does not exist');
  });

  it('saves only *.eventflow.json files inside the workspace', async () => {
    const real = ws.roots[0]!.path;
    expect(await ws.resolveForSave('new.eventflow.json')).toBe(join(real, 'new.eventflow.json'));
    expect(await ws.resolveForSave(join(inside, 'sub', 'b.eventflow.json'))).toBe(join(real, 'sub', 'b.eventflow.json'));
    expect((await refusal(ws.resolveForSave('notes.txt'))).code).toBe('not-a-flow-file');
    expect((await refusal(ws.resolveForSave('.eventflow.json'))).code).toBe('not-a-flow-file');
    expect((await refusal(ws.resolveForSave('../outside/x.eventflow.json'))).code).toBe('outside-workspace');
    expect((await refusal(ws.resolveForSave(join(outside, 'x.eventflow.json')))).code).toBe('outside-workspace');
    expect((await refusal(ws.resolveForSave('dir-out/x.eventflow.json'))).code).toBe('outside-workspace');
    expect((await refusal(ws.resolveForSave('link-out.eventflow.json'))).code).toBe('outside-workspace');
    expect((await refusal(ws.resolveForSave('nowhere/x.eventflow.json'))).code).toBe('not-found');
  });

  it('refuses a workspace folder that does not exist', async () => {
    await expect(createWorkspace([join(base, 'nope')])).rejects.toThrow('does not exist');
  });
});
