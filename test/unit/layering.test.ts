import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The layering rules of DESIGN.md are enforced by eslint.config.js (imports, per folder) and
 * tsconfig.shared.json (no Node or DOM globals in shared/). These tests feed both tools a
 * probe file that breaks a rule, at a path inside the repository that does not exist on
 * disk, and check that the tool refuses it: a rule that silently stopped matching fails here.
 */
const repo = fileURLToPath(new URL('../..', import.meta.url));

describe('layering: ESLint refuses imports across layers', () => {
  let eslint: ESLint;
  beforeAll(() => {
    eslint = new ESLint({ cwd: repo });
  });

  async function restrictedImports(relativePath: string, code: string): Promise<string[]> {
    const [result] = await eslint.lintText(code, { filePath: join(repo, relativePath) });
    return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports' && m.severity === 2).map((m) => m.message);
  }

  it.each([
    ['shared/ importing electron', 'shared/__probe__.ts', "import { app } from 'electron';\nexport const probe = app;\n", 'Only main/electron'],
    ['shared/ importing node:fs', 'shared/flow/__probe__.ts', "import { readFileSync } from 'node:fs';\nexport const probe = readFileSync;\n", 'Node built-ins'],
    ['renderer/ importing node:path', 'renderer/__probe__.ts', "import { join } from 'node:path';\nexport const probe = join;\n", 'Node built-ins'],
    ['renderer/ importing main/runtime', 'renderer/__probe__.ts', "import { probe as p } from '../main/runtime/x';\nexport const probe = p;\n", 'main/ is another process'],
    ['main/runtime importing electron', 'main/runtime/__probe__.ts', "import { app } from 'electron';\nexport const probe = app;\n", 'Only main/electron'],
  ])('%s is an error', async (_what, path, code, why) => {
    const messages = await restrictedImports(path, code);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain(why);
  });

  it('a clean shared/ file passes with no message at all', async () => {
    const [result] = await eslint.lintText(
      "import { formatPath } from '../flow/formatPath';\n\n/** Probe. */\nexport const probe = (): string => formatPath(['nodes', 0]);\n",
      { filePath: join(repo, 'shared/compile/__probe__.ts') },
    );
    expect(result!.messages).toEqual([]);
  });
});

describe('layering: tsconfig.shared.json gives shared/ no Node or DOM globals', () => {
  const probePath = join(repo, 'shared', '__probe__.ts').replaceAll('\\', '/');

  /** Type-check one in-memory file at shared/__probe__.ts with shared/'s compiler options. */
  function typeErrors(code: string): string[] {
    const configPath = join(repo, 'tsconfig.shared.json');
    const { config, error } = ts.readConfigFile(configPath, (p) => ts.sys.readFile(p));
    if (error) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, '\n'));
    const { options } = ts.parseJsonConfigFileContent(config, ts.sys, repo, undefined, configPath);
    const host = ts.createCompilerHost(options);
    const { getSourceFile, fileExists, readFile } = host;
    host.fileExists = (f) => f === probePath || fileExists.call(host, f);
    host.readFile = (f) => (f === probePath ? code : readFile.call(host, f));
    host.getSourceFile = (f, languageVersion, ...rest) =>
      f === probePath ? ts.createSourceFile(f, code, languageVersion, true) : getSourceFile.call(host, f, languageVersion, ...rest);
    const program = ts.createProgram({ rootNames: [probePath], options, host });
    return ts
      .getPreEmitDiagnostics(program)
      .filter((d) => d.file?.fileName === probePath)
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  }

  it('refuses process.env', () => {
    const errors = typeErrors('export const probe = process.env.HOME;\n');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain("Cannot find name 'process'");
  });

  it('refuses document', () => {
    const errors = typeErrors("export const probe = document.title + '';\n");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain("Cannot find name 'document'");
  });

  it('accepts plain ES2023 code, so the probe itself is sound', () => {
    expect(typeErrors('export const probe: number | undefined = [3, 1, 2].toSorted().at(-1);\n')).toEqual([]);
  });
});
