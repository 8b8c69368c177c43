import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';

/** The slice of Electron's safeStorage used here (OS keychain / DPAPI / libsecret). */
export interface EncryptorLike {
  isEncryptionAvailable(): boolean;
  /** Linux only: the password store safeStorage picked ('gnome_libsecret', 'kwallet5', 'basic_text', ...). */
  getSelectedStorageBackend(): string;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

/**
 * Linux backends that protect nothing: with no secret service running, Electron reports
 * encryption as available but encrypts with a key hard-coded in Chromium ('basic_text');
 * 'unknown' means it was asked before the app was ready. Neither is a keychain.
 */
export const WEAK_LINUX_BACKENDS: readonly string[] = ['basic_text', 'unknown'];

/** File name under app.getPath('userData'). Holds ciphertext only. */
export const BROKER_SECRETS_FILE = 'broker-secrets.json';

export type SecretResult<T> = { ok: true; value: T } | { ok: false; message: string };

/**
 * Where a remembered password went: into the keychain-encrypted file, or (with no real
 * keychain) only into memory until the app quits. `notice`, given the first time a password is
 * kept for the session only, tells the user why they will be asked for it again.
 */
export type KeptPassword = { kept: 'keychain' } | { kept: 'session'; notice?: string };

export interface BrokerSecretStore {
  /** The password kept for this broker and user, or undefined when none is. */
  get(brokerUrl: string, username: string): Promise<SecretResult<string | undefined>>;
  set(brokerUrl: string, username: string, password: string): Promise<SecretResult<KeptPassword>>;
  remove(brokerUrl: string, username: string): Promise<SecretResult<void>>;
  /** Where `set` would keep a password now: the keychain, or (none available) this session only. */
  keeps(): KeptPassword['kept'];
}

const fileSchema = z.object({ version: z.literal(1), secrets: z.record(z.string(), z.string()) });
type SecretsFile = z.infer<typeof fileSchema>;

const SESSION_ONLY =
  'no operating system keychain is available (on Linux: no GNOME Keyring or KWallet running, so ' +
  "Electron would encrypt with a built-in key any program could undo), so broker passwords are kept " +
  'only until EventFlow Studio quits and will be asked for again next time; start a keyring, or set ' +
  'EVENTFLOW_BROKER_PASSWORD';

/**
 * External broker passwords, encrypted with safeStorage and kept in userData, never in the
 * flow file (the flow schema refuses password fields; loadFlow names them). Keyed by broker
 * URL and username so two brokers never share a password by accident. Without a real keychain
 * (none at all, or Linux's `basic_text` fallback) nothing is written: the password lives in
 * memory for this session, and the first such save says so.
 */
export function createBrokerSecretStore(
  file: string,
  encryptor: EncryptorLike,
  platform: NodeJS.Platform = process.platform,
): BrokerSecretStore {
  const keyOf = (brokerUrl: string, username: string) => `${username}@${brokerUrl}`;
  /** Passwords kept for this session only (no keychain). */
  const session = new Map<string, string>();
  let toldSessionOnly = false;

  // Asked on every call: the backend is only known once the app is ready.
  const hasKeychain = (): boolean =>
    encryptor.isEncryptionAvailable() && !(platform === 'linux' && WEAK_LINUX_BACKENDS.includes(encryptor.getSelectedStorageBackend()));

  async function readAll(): Promise<SecretsFile> {
    try {
      const parsed = fileSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
      if (parsed.success) return parsed.data;
    } catch {
      // missing or unreadable: start empty (the ciphertext is useless without the keychain anyway)
    }
    return { version: 1, secrets: {} };
  }

  async function writeAll(data: SecretsFile): Promise<void> {
    await mkdir(dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    await writeFile(tmp, `${JSON.stringify(data, null, 2)}\n`, { encoding: 'utf8', mode: 0o600 });
    await rename(tmp, file);
  }

  return {
    async get(brokerUrl, username) {
      const inMemory = session.get(keyOf(brokerUrl, username));
      if (inMemory !== undefined) return { ok: true, value: inMemory };
      // Without a keychain a saved ciphertext cannot be trusted (or decrypted): ask again.
      if (!hasKeychain()) return { ok: true, value: undefined };
      const data = await readAll();
      const stored = data.secrets[keyOf(brokerUrl, username)];
      if (stored === undefined) return { ok: true, value: undefined };
      try {
        return { ok: true, value: encryptor.decryptString(Buffer.from(stored, 'base64')) };
      } catch {
        return {
          ok: false,
          message: `the saved password for ${username}@${brokerUrl} cannot be decrypted (the keychain changed); enter it again`,
        };
      }
    },
    async set(brokerUrl, username, password) {
      const key = keyOf(brokerUrl, username);
      if (!hasKeychain()) {
        session.set(key, password);
        const notice = toldSessionOnly ? undefined : SESSION_ONLY;
        toldSessionOnly = true;
        return { ok: true, value: notice === undefined ? { kept: 'session' } : { kept: 'session', notice } };
      }
      const data = await readAll();
      data.secrets[key] = encryptor.encryptString(password).toString('base64');
      await writeAll(data);
      return { ok: true, value: { kept: 'keychain' } };
    },
    keeps() {
      return hasKeychain() ? 'keychain' : 'session';
    },
    async remove(brokerUrl, username) {
      const key = keyOf(brokerUrl, username);
      session.delete(key);
      const data = await readAll();
      if (!Object.hasOwn(data.secrets, key)) return { ok: true, value: undefined };
      delete data.secrets[key];
      await writeAll(data);
      return { ok: true, value: undefined };
    },
  };
}
