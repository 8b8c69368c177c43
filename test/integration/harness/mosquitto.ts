import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { findMosquitto } from './findMosquitto';
import { freePort } from './freePort';
import { portAccepts } from './portAccepts';

/** How long the harness waits for Mosquitto to accept connections. */
export const MOSQUITTO_START_TIMEOUT_MS = 10_000;
/** How long it waits for Mosquitto to exit after SIGTERM before SIGKILL. */
export const MOSQUITTO_STOP_TIMEOUT_MS = 5_000;

export interface MosquittoBroker {
  /** `mqtt://127.0.0.1:<port>`, or `mqtts://` with `tls`. */
  url: string;
  /** With `tls`: the PEM file of the throwaway CA that signed the broker's certificate. */
  caFile?: string;
  port: number;
  /** What Mosquitto printed (for a failing test's message). */
  output(): string;
  /** SIGKILL, as a crash would: no clean shutdown, nothing saved beyond what autosave wrote. Resolves once it has exited. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

export interface MosquittoOptions {
  /** Listen here (a restart where a killed or stopped broker was); default a free port. */
  port?: number;
  /**
   * Keep sessions and queued QoS 1 messages on disk in this folder (the caller owns and removes
   * it), saved after every change, so they survive a SIGKILL and a restart with the same folder.
   */
  persistenceDir?: string;
  /** Refuse anonymous clients and know this one user (a password file written with `mosquitto_passwd`). */
  user?: { username: string; password: string };
  /** Listen with TLS only, with a certificate for 127.0.0.1 signed by a CA made for this broker (openssl). */
  tls?: boolean;
}

/**
 * Start a real Mosquitto 2 on a free loopback port with a generated configuration (anonymous
 * unless `user`, no persistence on disk unless `persistenceDir`, queues large enough for the
 * backlog tests) and wait until it accepts TCP connections. Always pair with `stop()` in
 * teardown. `port` restarts a broker where a stopped or killed one was (reconnection and fault tests).
 */
export async function startMosquitto(options: MosquittoOptions = {}): Promise<MosquittoBroker> {
  // Before anything is created: a missing broker fails here with how to install it.
  const binary = findMosquitto();
  const port = options.port ?? (await freePort());
  const dir = await mkdtemp(join(tmpdir(), 'eventflow-mosquitto-'));
  const passwords = join(dir, 'passwords');
  if (options.user) {
    await promisify(execFile)('mosquitto_passwd', ['-b', '-c', passwords, options.user.username, options.user.password]).catch(async (err: unknown) => {
      await rm(dir, { recursive: true, force: true });
      throw new Error(`mosquitto_passwd could not write a password file (install mosquitto): ${String(err)}`);
    });
  }
  const tls = options.tls ? await makeCertificates(dir).catch(async (err: unknown) => {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }) : undefined;
  const conf = join(dir, 'mosquitto.conf');
  await writeFile(
    conf,
    [
      `listener ${port} 127.0.0.1`,
      ...(tls ? [`cafile ${tls.ca}`, `certfile ${tls.cert}`, `keyfile ${tls.key}`] : []),
      ...(options.user ? ['allow_anonymous false', `password_file ${passwords}`] : ['allow_anonymous true']),
      // Started as root, Mosquitto would switch to the `mosquitto` user, who can neither read nor write our folders.
      ...(options.user || options.persistenceDir || tls ? [`user ${userInfo().username}`] : []),
      ...(options.persistenceDir
        ? ['persistence true', `persistence_location ${options.persistenceDir}/`, 'autosave_interval 1', 'autosave_on_changes true']
        : ['persistence false']),
      // A paused durable consumer's backlog waits here; the default (1000) is too small for some tests.
      'max_queued_messages 100000',
      'log_dest stderr',
      'log_type error',
      'log_type warning',
      '',
    ].join('\n'),
  );
  const child = spawn(binary, ['-c', conf], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const kill = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  };
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), MOSQUITTO_STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    }
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await waitForPort(port, child, () => output);
  } catch (err) {
    await stop();
    throw err;
  }
  return { url: `${tls ? 'mqtts' : 'mqtt'}://127.0.0.1:${port}`, ...(tls ? { caFile: tls.ca } : {}), port, output: () => output, kill, stop };
}

/** A CA and a server certificate for 127.0.0.1 (IP SAN, so clients verify the host), in `dir`. */
async function makeCertificates(dir: string): Promise<{ ca: string; cert: string; key: string }> {
  const run = async (args: string[]): Promise<void> => {
    await promisify(execFile)('openssl', args, { cwd: dir }).catch((err: unknown) => {
      throw new Error(`openssl ${args[0]} failed (install openssl): ${String(err)}`);
    });
  };
  await run(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=eventflow-test-ca', '-keyout', 'ca.key', '-out', 'ca.pem']);
  await run(['req', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=127.0.0.1', '-keyout', 'server.key', '-out', 'server.csr']);
  await writeFile(join(dir, 'san.ext'), 'subjectAltName=IP:127.0.0.1\n');
  await run(['x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-days', '2', '-extfile', 'san.ext', '-out', 'server.pem']);
  return { ca: join(dir, 'ca.pem'), cert: join(dir, 'server.pem'), key: join(dir, 'server.key') };
}

async function waitForPort(port: number, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + MOSQUITTO_START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`mosquitto exited with code ${child.exitCode}: ${output()}`);
    if (await portAccepts(port)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`mosquitto did not accept connections on 127.0.0.1:${port} within ${MOSQUITTO_START_TIMEOUT_MS} ms: ${output()}`);
}
