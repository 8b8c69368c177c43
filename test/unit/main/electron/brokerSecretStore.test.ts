import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBrokerSecretStore, type EncryptorLike } from '../../../../main/electron/brokerSecretStore';

/** Stands in for safeStorage: a keyed XOR, enough to prove the file never holds the plaintext. */
function fakeSafeStorage(available = true): EncryptorLike & { key: number } {
  const enc = {
    key: 0x5a,
    isEncryptionAvailable: () => available,
    encryptString: (s: string) => Buffer.from([...Buffer.from(s, 'utf8')].map((b) => b ^ enc.key)),
    decryptString: (b: Buffer) => {
      const out = Buffer.from([...b].map((x) => x ^ enc.key)).toString('utf8');
      if (!/^[\x20-\x7e]*$/.test(out)) throw new Error('bad key');
      return out;
    },
  };
  return enc;
}

let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'eventflow-secrets-'));
  file = join(dir, 'broker-secrets.json');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('broker passwords kept with safeStorage', () => {
  it('gives back what was saved, per broker and user, and never writes the plaintext', async () => {
    const store = createBrokerSecretStore(file, fakeSafeStorage());
    expect(await store.set('mqtts://broker.example:8883', 'shop', 'hunter2-very-secret')).toEqual({ ok: true, value: undefined });
    expect(await store.get('mqtts://broker.example:8883', 'shop')).toEqual({ ok: true, value: 'hunter2-very-secret' });
    expect(await store.get('mqtts://broker.example:8883', 'other')).toEqual({ ok: true, value: undefined });
    expect(await store.get('mqtts://other.example:8883', 'shop')).toEqual({ ok: true, value: undefined });
    expect(await readFile(file, 'utf8')).not.toContain('hunter2');
    if (process.platform !== 'win32') expect((await stat(file)).mode & 0o077).toBe(0);
  });

  it('forgets a password', async () => {
    const store = createBrokerSecretStore(file, fakeSafeStorage());
    await store.set('mqtt://b:1883', 'u', 'pw');
    await store.remove('mqtt://b:1883', 'u');
    expect(await store.get('mqtt://b:1883', 'u')).toEqual({ ok: true, value: undefined });
  });

  it('refuses to save without a keychain, saying what to do instead', async () => {
    const store = createBrokerSecretStore(file, fakeSafeStorage(false));
    const result = await store.set('mqtt://b:1883', 'u', 'pw');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain('EVENTFLOW_BROKER_PASSWORD');
  });

  it('says so when a saved password no longer decrypts', async () => {
    const safe = fakeSafeStorage();
    const store = createBrokerSecretStore(file, safe);
    await store.set('mqtt://b:1883', 'u', 'pw');
    safe.key = 0x33;
    const result = await store.get('mqtt://b:1883', 'u');
    expect(result).toMatchObject({ ok: false });
    if (!result.ok) expect(result.message).toContain('enter it again');
  });
});
