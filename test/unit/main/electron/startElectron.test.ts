import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findElectronBinary } from '../../../../bin/start-electron.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');

function startElectron(env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [join(root, 'bin/start-electron.mjs')], { cwd: root, env: { ...process.env, ...env }, timeout: 15_000 }, (err, stdout, stderr) =>
      done({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('npm start without the Electron binary', () => {
  it('says so in one paragraph, points to npm run web, exits 1, and prints no stack trace', async () => {
    const { code, stdout, stderr } = await startElectron({ ELECTRON_OVERRIDE_DIST_PATH: '/nonexistent/electron-dist' });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain('/nonexistent/electron-dist');
    expect(stderr).toContain('npm run web');
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(stderr).not.toContain('Downloading');
  });

  it('finds a binary given by ELECTRON_OVERRIDE_DIST_PATH', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'eventflow-dist-'));
    try {
      // The executable's name inside the dist folder: what path.txt records, else the platform default.
      const pathTxt = join(root, 'node_modules/electron/path.txt');
      const name = existsSync(pathTxt) ? readFileSync(pathTxt, 'utf8').trim() : process.platform === 'win32' ? 'electron.exe' : 'electron';
      await mkdir(dirname(join(dir, name)), { recursive: true });
      await writeFile(join(dir, name), '');
      await chmod(join(dir, name), 0o755);
      expect(findElectronBinary({ ELECTRON_OVERRIDE_DIST_PATH: dir }, process.platform)).toEqual({ ok: true, path: join(dir, name) });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
