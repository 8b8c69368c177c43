import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findMosquitto } from './findMosquitto';

describe('findMosquitto', () => {
  const dir = mkdtempSync(join(tmpdir(), 'eventflow-find-mosquitto-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('takes the mosquitto on PATH first', () => {
    const fake = join(dir, 'mosquitto');
    writeFileSync(fake, '#!/bin/sh\n');
    chmodSync(fake, 0o755);
    expect(findMosquitto(['/nonexistent', dir].join(delimiter))).toBe(fake);
  });

  it('falls back to the sbin folder a package installs it in, which a non-root PATH often lacks', () => {
    const sbin = join(dir, 'sbin');
    mkdirSync(sbin);
    const daemon = join(sbin, 'mosquitto');
    writeFileSync(daemon, '#!/bin/sh\n');
    chmodSync(daemon, 0o755);
    expect(findMosquitto('/nonexistent', [join(dir, 'nothing-here'), daemon])).toBe(daemon);
  });

  it('says how to install it when there is none', () => {
    expect(() => findMosquitto('/nonexistent', [join(dir, 'nothing-here')])).toThrow(/apt-get install mosquitto/);
  });

  it('finds this machine\'s Mosquitto with the real PATH and fallbacks', () => {
    expect(findMosquitto()).toMatch(/\/mosquitto$/);
  });
});
