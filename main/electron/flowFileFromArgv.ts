import { isAbsolute, resolve } from 'node:path';

/** The extension of a saved flow; the file association in electron-builder.yml uses the same. */
export const FLOW_FILE_SUFFIX = '.eventflow.json';

/**
 * The flow file a user asked to open on the command line (or by double-clicking a file on
 * Windows and Linux, which starts the app with the path as an argument), as an absolute path.
 * Flags (`--inspect`, `--no-sandbox`) and other files are ignored.
 *
 * @example
 * flowFileFromArgv(['/opt/EventFlow/eventflow', 'shop.eventflow.json'], '/home/me') // => '/home/me/shop.eventflow.json'
 */
export function flowFileFromArgv(argv: readonly string[], cwd: string): string | undefined {
  for (const arg of argv.slice(1)) {
    if (arg.startsWith('-')) continue;
    if (!arg.toLowerCase().endsWith(FLOW_FILE_SUFFIX)) continue;
    return isAbsolute(arg) ? arg : resolve(cwd, arg);
  }
  return undefined;
}
