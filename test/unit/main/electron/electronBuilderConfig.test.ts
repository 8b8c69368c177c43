import { FuseV1Options } from '@electron/fuses';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
// electron-builder reads its YAML config with js-yaml (installed with it); so does this test.
const yaml = createRequire(import.meta.url)('js-yaml') as { load(text: string): unknown };
const config = yaml.load(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as {
  asar?: unknown;
  files?: unknown;
  electronFuses?: Record<string, unknown>;
};

/** electron-builder's key for a fuse (runAsNode) is @electron/fuses' option name with a lower-case first letter. */
const fuseOption = (key: string): number | undefined =>
  (FuseV1Options as unknown as Record<string, number | undefined>)[key.charAt(0).toUpperCase() + key.slice(1)];

describe('electron-builder.yml (what npm run dist flips in the packaged binary)', () => {
  it('sets the fuses of Electron security checklist item 19 as issue 7 names them', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('names only fuses that exist, so none is silently ignored by a typo', () => {
    for (const key of Object.keys(config.electronFuses ?? {})) expect(fuseOption(key), key).toBeTypeOf('number');
  });

  it('ships the app in an asar archive, with only the built bundles', () => {
    expect(config.asar).toBe(true);
    expect(config.files).toEqual(['out/**', 'package.json', '!**/*.map']);
  });
});
