import { access, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBrokerSecretStore, type EncryptorLike } from '../../../../main/electron/brokerSecretStore';

/**
 * Stands in for safeStorage: a keyed XOR, enough to prove the file never holds the plaintext.
 * `backend` is what getSelectedStorageBackend() answers on Linux.
 */
function fakeSafeStorage(available = true, backend = 'gnome_libsecret'): EncryptorLike & { key: number; backend: string } {
  const enc = {
    key: 0x5a,
    backend,
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => enc.backend,
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
    const store = createBrokerSecretStore(file, fakeSafeStorage(), 'linux');
    expect(await store.set('mqtts://broker.example:8883', 'shop', 'hunter2-very-secret')).toEqual({ ok: true, value: { kept: 'keychain' } });
    expect(await store.get('mqtts://broker.example:8883', 'shop')).toEqual({ ok: true, value: 'hunter2-very-secret' });
    expect(await store.get('mqtts://broker.example:8883', 'other')).toEqual({ ok: true, value: undefined });
    expect(await store.get('mqtts://other.example:8883', 'shop')).toEqual({ ok: true, value: undefined });
    expect(await readFile(file, 'utf8')).not.toContain('hunter2');
    if (process.platform !== 'win32') expect((await stat(file)).mode & 0o077).toBe(0);
  });

  it('survives a restart of the app when a keychain holds the key', async () => {
    const safe = fakeSafeStorage(true, 'kwallet5');
    await createBrokerSecretStore(file, safe, 'linux').set('mqtt://b:1883', 'u', 'pw');
    expect(await createBrokerSecretStore(file, safe, 'linux').get('mqtt://b:1883', 'u')).toEqual({ ok: true, value: 'pw' });
  });

  it('forgets a password', async () => {
    const store = createBrokerSecretStore(file, fakeSafeStorage());
    await store.set('mqtt://b:1883', 'u', 'pw');
    await store.remove('mqtt://b:1883', 'u');
    expect(await store.get('mqtt://b:1883', 'u')).toEqual({ ok: true, value: undefined });
  });

  // Linux with no secret service: Electron reports encryption as available, but 'basic_text'
  // encrypts with a key built into Chromium. That is not a keychain, so nothing may be written.
  it.each([
    ['Linux, basic_text fallback', fakeSafeStorage(true, 'basic_text'), 'linux'],
    ['Linux, backend not known yet', fakeSafeStorage(true, 'unknown'), 'linux'],
    ['no encryption at all', fakeSafeStorage(false), 'darwin'],
  ] as const)('without a keychain (%s) writes nothing and keeps the password for this session only', async (_what, safe, platform) => {
    const store = createBrokerSecretStore(file, safe, platform);
    const first = await store.set('mqtt://b:1883', 'u', 'pw-one');
    expect(first.ok).toBe(true);
    if (!first.ok || first.value.kept !== 'session') throw new Error(`expected a session-only save, got ${JSON.stringify(first)}`);
    // Told once, why it will be asked for again and what to do about it.
    expect(first.value.notice).toMatch(/asked for again/);
    expect(first.value.notice).toContain('EVENTFLOW_BROKER_PASSWORD');
    expect(await store.set('mqtt://other:1883', 'u', 'pw-two')).toEqual({ ok: true, value: { kept: 'session' } });
    // Usable for the rest of the session...
    expect(await store.get('mqtt://b:1883', 'u')).toEqual({ ok: true, value: 'pw-one' });
    expect(await store.get('mqtt://other:1883', 'u')).toEqual({ ok: true, value: 'pw-two' });
    // ...never on disk...
    await expect(access(file)).rejects.toThrow();
    // ...and gone when the app starts again.
    expect(await createBrokerSecretStore(file, safe, platform).get('mqtt://b:1883', 'u')).toEqual({ ok: true, value: undefined });
    await store.remove('mqtt://b:1883', 'u');
    expect(await store.get('mqtt://b:1883', 'u')).toEqual({ ok: true, value: undefined });
  });

  it('asks only Linux for its backend (macOS and Windows have no basic_text)', async () => {
    const safe = fakeSafeStorage(true, 'basic_text');
    const store = createBrokerSecretStore(file, safe, 'darwin');
    expect(await store.set('mqtt://b:1883', 'u', 'pw')).toEqual({ ok: true, value: { kept: 'keychain' } });
    expect(await readFile(file, 'utf8')).not.toContain('pw"');
  });

  it('does not hand out a password saved earlier once the keychain is gone', async () => {
    const safe = fakeSafeStorage(true, 'gnome_libsecret');
    await createBrokerSecretStore(file, safe, 'linux').set('mqtt://b:1883', 'u', 'pw');
    safe.backend = 'basic_text';
    expect(await createBrokerSecretStore(file, safe, 'linux').get('mqtt://b:1883', 'u')).toEqual({ ok: true, value: undefined });
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

describe('where a remembered password would go', () => {
  it('says keychain with a real one and session without (basic_text on Linux, or none at all), before anything is saved', () => {
    expect(createBrokerSecretStore(file, fakeSafeStorage(true, 'gnome_libsecret'), 'linux').keeps()).toBe('keychain');
    expect(createBrokerSecretStore(file, fakeSafeStorage(true, 'basic_text'), 'linux').keeps()).toBe('session');
    expect(createBrokerSecretStore(file, fakeSafeStorage(false), 'darwin').keeps()).toBe('session');
    expect(createBrokerSecretStore(file, fakeSafeStorage(true, 'basic_text'), 'win32').keeps()).toBe('keychain');
  });
});
