import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect, createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { findMosquitto } from '../integration/harness/findMosquitto';

const START_TIMEOUT_MS = 10_000;
const STOP_TIMEOUT_MS = 5_000;

export interface PasswordBroker {
  url: string;
  stop(): Promise<void>;
}

/**
 * A real Mosquitto on a free loopback port that refuses anonymous clients and knows one
 * user, for the designer's broker-password path. Always pair with `stop()`.
 */
export async function startMosquittoWithUser(username: string, password: string): Promise<PasswordBroker> {
  const binary = findMosquitto();
  const dir = await mkdtemp(join(tmpdir(), 'eventflow-e2e-mosquitto-'));
  const passwords = join(dir, 'passwords');
  await promisify(execFile)('mosquitto_passwd', ['-b', '-c', passwords, username, password]).catch((err: unknown) => {
    throw new Error(`mosquitto_passwd could not write a password file (install mosquitto): ${String(err)}`);
  });
  const port = await freePort();
  const conf = join(dir, 'mosquitto.conf');
  await writeFile(
    conf,
    [`listener ${port} 127.0.0.1`, 'allow_anonymous false', `password_file ${passwords}`, `user ${userInfo().username}`, 'persistence false', 'log_dest stderr', 'log_type error', ''].join('\n'),
  );
  const child = spawn(binary, ['-c', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
  let output = '';
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    }
    await rm(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`mosquitto exited with code ${child.exitCode}: ${output}`);
    }
    if (await accepts(port)) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`mosquitto did not accept connections on 127.0.0.1:${port} within ${START_TIMEOUT_MS} ms: ${output}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { url: `mqtt://127.0.0.1:${port}`, stop };
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
