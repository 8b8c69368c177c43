import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';

/** The slice of Electron's safeStorage used here (OS keychain / DPAPI / libsecret). */
export interface EncryptorLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

/** File name under app.getPath('userData'). Holds ciphertext only. */
export const BROKER_SECRETS_FILE = 'broker-secrets.json';

export type SecretResult<T> = { ok: true; value: T } | { ok: false; message: string };

export interface BrokerSecretStore {
  /** The password saved for this broker and user, or undefined when none is saved. */
  get(brokerUrl: string, username: string): Promise<SecretResult<string | undefined>>;
  set(brokerUrl: string, username: string, password: string): Promise<SecretResult<void>>;
  remove(brokerUrl: string, username: string): Promise<SecretResult<void>>;
}

const fileSchema = z.object({ version: z.literal(1), secrets: z.record(z.string(), z.string()) });
type SecretsFile = z.infer<typeof fileSchema>;

const UNAVAILABLE =
  'the operating system keychain is not available, so the broker password cannot be saved; ' +
  'set EVENTFLOW_BROKER_PASSWORD or enter it when the run starts';

/**
 * External broker passwords, encrypted with safeStorage and kept in userData, never in the
 * flow file (the flow schema refuses password fields; loadFlow names them). Keyed by broker
 * URL and username so two brokers never share a password by accident.
 */
export function createBrokerSecretStore(file: string, encryptor: EncryptorLike): BrokerSecretStore {
  const keyOf = (brokerUrl: string, username: string) => `${username}@${brokerUrl}`;

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
      const data = await readAll();
      const stored = data.secrets[keyOf(brokerUrl, username)];
      if (stored === undefined) return { ok: true, value: undefined };
      if (!encryptor.isEncryptionAvailable()) return { ok: false, message: UNAVAILABLE };
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
      if (!encryptor.isEncryptionAvailable()) return { ok: false, message: UNAVAILABLE };
      const data = await readAll();
      data.secrets[keyOf(brokerUrl, username)] = encryptor.encryptString(password).toString('base64');
      await writeAll(data);
      return { ok: true, value: undefined };
    },
    async remove(brokerUrl, username) {
      const data = await readAll();
      delete data.secrets[keyOf(brokerUrl, username)];
      await writeAll(data);
      return { ok: true, value: undefined };
    },
  };
}
