import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppProtocolHandler } from '../../../../main/electron/appProtocol';
import { resolveAppRequest } from '../../../../main/electron/resolveAppRequest';
import { CONTENT_SECURITY_POLICY } from '../../../../main/electron/securityPolicy';

const SECRET = 'the main process source';
let dir: string;
let root: string;
let handler: (request: Request) => Promise<Response>;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'eventflow-protocol-'));
  root = join(dir, 'renderer');
  await mkdir(join(root, 'assets'), { recursive: true });
  await writeFile(join(root, 'index.html'), '<!doctype html><title>EventFlow</title>');
  await writeFile(join(root, 'assets', 'index.js'), 'console.log(1)');
  await mkdir(join(dir, 'main'));
  await writeFile(join(dir, 'main', 'index.js'), SECRET);
  await symlink(join(dir, 'main', 'index.js'), join(root, 'assets', 'escape.js'));
  handler = createAppProtocolHandler(root);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const get = (url: string) => handler(new Request(url));

describe('the app:// protocol', () => {
  it('serves the renderer with the strict Content-Security-Policy', async () => {
    const res = await get('app://eventflow/index.html');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(await res.text()).toContain('<title>EventFlow</title>');
  });

  it('serves the root as index.html and assets by path', async () => {
    expect((await get('app://eventflow/')).status).toBe(200);
    const js = await get('app://eventflow/assets/index.js');
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it.each([
    'app://eventflow/%2e%2e/main/index.js',
    'app://eventflow/%2E%2E%2Fmain%2Findex.js',
    'app://eventflow/assets/..%2f..%2fmain%2findex.js',
    'app://eventflow/..%5cmain%5cindex.js',
    'app://eventflow/assets/%2e%2e/%2e%2e/main/index.js',
    'app://eventflow/index.html%00.js',
    'app://eventflow/..%2f..%2fmain%2findex.js',
    'app://eventflow/assets/escape.js',
  ])('refuses path traversal: %s', async (url) => {
    const res = await get(url);
    // 400/403 when refused outright; 404 when the URL parser already folded the dots back inside.
    expect([400, 403, 404]).toContain(res.status);
    expect(await res.text()).not.toContain(SECRET);
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('keeps plain ../ segments inside the folder (the URL parser folds them)', async () => {
    const res = await get('app://eventflow/../../main/index.js');
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain(SECRET);
  });

  it('serves only its own host, and only reads', async () => {
    expect((await get('app://other/index.html')).status).toBe(403);
    expect((await handler(new Request('app://eventflow/index.html', { method: 'POST', body: 'x' }))).status).toBe(405);
  });

  it('answers 404 for a missing file and for file types it does not serve', async () => {
    expect((await get('app://eventflow/nope.js')).status).toBe(404);
    expect(resolveAppRequest(root, 'app://eventflow/package')).toMatchObject({ ok: false, status: 404 });
  });
});

describe('resolveAppRequest', () => {
  it('refuses encoded separators that would climb out, before touching the disk', () => {
    expect(resolveAppRequest('/srv/renderer', 'app://eventflow/..%2f..%2fmain%2findex.js')).toMatchObject({ ok: false, status: 403 });
    expect(resolveAppRequest('/srv/renderer', 'app://eventflow/a%5c..%5c..%5cx.js')).toMatchObject({ ok: false, status: 400 });
  });

  it('maps a normal asset to a file inside the folder', () => {
    expect(resolveAppRequest('/srv/renderer', 'app://eventflow/assets/a.css')).toEqual({
      ok: true,
      filePath: '/srv/renderer/assets/a.css',
      contentType: 'text/css; charset=utf-8',
    });
  });
});
