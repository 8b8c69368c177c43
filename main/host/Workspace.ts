import { lstat, realpath, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { WorkspaceRoot } from '../../shared/bridge/bridgeMethods';
import { BridgeError } from '../../shared/bridge/BridgeError';

/** What every flow file is called; the only kind of file the designer writes. */
export const FLOW_FILE_SUFFIX = '.eventflow.json';

/**
 * The folders the designer may read and write, and the one gate every path goes through.
 * Paths are resolved with symlinks followed (realpath) before they are compared, so neither
 * `../` nor an absolute path nor a symlink pointing elsewhere leaves the workspace.
 */
export interface Workspace {
  readonly roots: readonly WorkspaceRoot[];
  /** An existing file inside the workspace, as its real path; refuses anything else. */
  resolveExisting(path: string): Promise<string>;
  /** Where a save of `path` may write (a `*.eventflow.json` inside the workspace); refuses anything else. */
  resolveForSave(path: string): Promise<string>;
  /** True when a real (already resolved) path lies inside a root. */
  contains(realPath: string): boolean;
  /** The root a real path lies under. */
  rootOf(realPath: string): WorkspaceRoot | undefined;
}

/**
 * Build the workspace from folder paths (relative ones against the current directory).
 * Each folder must exist; duplicates (after resolving symlinks) are kept once.
 */
export async function createWorkspace(folders: readonly string[]): Promise<Workspace> {
  if (folders.length === 0) throw new Error('the workspace needs at least one folder');
  const roots: WorkspaceRoot[] = [];
  for (const folder of folders) {
    let real: string;
    try {
      real = await realpath(resolve(folder));
    } catch {
      throw new Error(`workspace folder ${folder} does not exist: create it or pass another --workspace`);
    }
    if (!(await stat(real)).isDirectory()) throw new Error(`workspace folder ${folder} is not a folder`);
    if (!roots.some((r) => r.path === real)) roots.push({ path: real, label: labelFor(real) });
  }
  const primary = roots[0] as WorkspaceRoot;

  const rootOf = (real: string): WorkspaceRoot | undefined => roots.find((r) => isInside(r.path, real));
  const contains = (real: string): boolean => rootOf(real) !== undefined;
  const describeRoots = (): string => roots.map((r) => r.path).join(', ');
  const outside = (path: string): BridgeError =>
    new BridgeError(
      'outside-workspace',
      `${path} is outside the workspace (${describeRoots()}): open and save flows inside one of those folders, or start eventflow web with --workspace DIR`,
    );

  return {
    roots,
    contains,
    rootOf,

    async resolveExisting(path) {
      const absolute = resolve(primary.path, path);
      let real: string;
      try {
        real = await realpath(absolute);
      } catch {
        // Do not reveal whether a path outside the workspace exists.
        if (!contains(absolute)) throw outside(path);
        throw new BridgeError('not-found', `${path} does not exist: pick a file from the list (it may have been moved or deleted)`);
      }
      if (!contains(real)) throw outside(path);
      const info = await stat(real);
      if (!info.isFile()) throw new BridgeError('not-found', `${path} is not a file: pick a *${FLOW_FILE_SUFFIX} file`);
      return real;
    },

    async resolveForSave(path) {
      const absolute = resolve(primary.path, path);
      const name = basename(absolute);
      if (!name.endsWith(FLOW_FILE_SUFFIX) || name === FLOW_FILE_SUFFIX) {
        throw new BridgeError(
          'not-a-flow-file',
          `${path}: the designer saves flows only as NAME${FLOW_FILE_SUFFIX} files: end the file name with ${FLOW_FILE_SUFFIX}`,
        );
      }
      let folder: string;
      try {
        folder = await realpath(dirname(absolute));
      } catch {
        if (!contains(dirname(absolute))) throw outside(path);
        throw new BridgeError('not-found', `the folder of ${path} does not exist: save into an existing workspace folder`);
      }
      const target = join(folder, name);
      if (!contains(target)) throw outside(path);
      // A symlink at the target would make the write land wherever it points.
      const existing = await lstat(target).catch(() => null);
      if (existing?.isSymbolicLink()) {
        const pointsTo = await realpath(target).catch(() => null);
        if (pointsTo === null || !contains(pointsTo)) throw outside(path);
        return pointsTo;
      }
      if (existing && !existing.isFile()) throw new BridgeError('exists', `${path} is a folder: choose another file name`);
      return target;
    },
  };
}

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

function labelFor(real: string): string {
  const parent = basename(dirname(real));
  const own = basename(real) || real;
  return parent ? `${parent}/${own}` : own;
}
