#!/usr/bin/env node
// `npm start`: build with electron-vite, then launch the desktop app on the built bundle.
// The `electron` package downloads its binary the first time it is required; on a machine
// without internet that download fails with a stack trace. So this script never requires
// 'electron': it looks for the binary the way electron/index.js would, and when it is not
// there it says so in one paragraph and points to browser mode.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The executable's path inside Electron's dist folder, per platform (as electron/install.js writes path.txt). */
function defaultExecutableName(platform) {
  if (platform === 'win32') return 'electron.exe';
  if (platform === 'darwin') return 'Electron.app/Contents/MacOS/Electron';
  return 'electron';
}

/**
 * Where the Electron binary is, or why it is not available; never triggers a download.
 * @returns {{ ok: true, path: string } | { ok: false, reason: string }}
 */
export function findElectronBinary(env = process.env, platform = process.platform) {
  let packageDir;
  try {
    // Resolving package.json does not run electron/index.js (which would start a download).
    packageDir = dirname(createRequire(join(projectRoot, 'package.json')).resolve('electron/package.json'));
  } catch {
    return { ok: false, reason: 'the electron package is not installed (node_modules/electron is missing)' };
  }
  const pathFile = join(packageDir, 'path.txt');
  const recorded = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : undefined;
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const candidate = join(env.ELECTRON_OVERRIDE_DIST_PATH, recorded || defaultExecutableName(platform));
    return existsSync(candidate)
      ? { ok: true, path: candidate }
      : { ok: false, reason: `ELECTRON_OVERRIDE_DIST_PATH is set but ${candidate} does not exist` };
  }
  if (recorded === undefined) {
    return { ok: false, reason: 'the Electron binary was never downloaded (node_modules/electron/path.txt is missing)' };
  }
  const candidate = join(packageDir, 'dist', recorded);
  return existsSync(candidate)
    ? { ok: true, path: candidate }
    : { ok: false, reason: `the Electron binary is missing (${candidate} does not exist)` };
}

function explainMissingBinary(reason) {
  process.stderr.write(
    [
      `EventFlow Studio cannot start as a desktop app here: ${reason}.`,
      'The electron package downloads its binary on first use, which needs internet access',
      '(or set ELECTRON_OVERRIDE_DIST_PATH to a folder holding an Electron 45 build).',
      'The same app runs in your browser without it: run `npm run web` and open the address it prints.',
    ].join(' ') + '\n',
  );
}

function run(command, args, options) {
  return new Promise((resolvePromise) => {
    const child = spawn(command, args, { stdio: 'inherit', cwd: projectRoot, ...options });
    const forward = (signal) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('error', (err) => {
      process.stderr.write(`could not start ${command}: ${err.message}\n`);
      resolvePromise(1);
    });
    child.on('close', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolvePromise(code ?? (signal ? 1 : 0));
    });
  });
}

async function main() {
  const binary = findElectronBinary();
  if (!binary.ok) {
    explainMissingBinary(binary.reason);
    process.exit(1);
  }
  const electronVite = join(projectRoot, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
  const built = await run(process.execPath, [electronVite, 'build']);
  if (built !== 0) {
    process.stderr.write('The build failed (see above); the app was not started.\n');
    process.exit(built);
  }
  // The binary loads package.json's "main" (out/main/index.js); extra arguments (a flow file) pass through.
  const code = await run(binary.path, [projectRoot, ...process.argv.slice(2)]);
  process.exit(code);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  await main();
}
