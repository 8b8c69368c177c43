import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const doc = readFileSync(join(root, 'docs/security.md'), 'utf8');

/** Rows of the checklist table (`| 7 |`) and of the one beyond it (`| B3 |`): `| # | item | path:line | `code` | test |`. */
const rows = doc
  .split('\n')
  .filter((line) => /^\| B?\d+ \|/.test(line))
  .map((line) => {
    const cells = line.split(/(?<!\\)\|/).map((c) => c.trim());
    return {
      item: cells[2] ?? '',
      where: cells[3] ?? '',
      code: (cells[4] ?? '').replace(/^`|`$/g, '').replace(/\\\|/g, '|'),
      test: cells[5] ?? '',
    };
  });

describe('docs/security.md', () => {
  it('covers every item of the Electron security checklist', () => {
    const numbers = new Set(doc.split('\n').flatMap((l) => /^\| (\d+) \|/.exec(l)?.[1] ?? []));
    expect([...numbers].map(Number).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it('cites a file:line for every row, and names a test or says why there is none', () => {
    for (const row of rows) {
      expect(row.where, row.item).toMatch(/^[\w./-]+:\d+$/);
      expect(row.test, row.item).toMatch(/test\.ts|spec\.ts|^— \(/);
    }
  });

  it.each(rows.filter((r) => /:\d+$/.test(r.where)).map((r) => [r.where, r.code] as const))('%s holds %s', (where, code) => {
    const [file, line] = where.split(':') as [string, string];
    const text = readFileSync(join(root, file), 'utf8').split('\n')[Number(line) - 1] ?? '';
    expect(text).toContain(code);
  });
});
