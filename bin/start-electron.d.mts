// Types for the one export tests use (the Electron e2e suite decides whether it can run).
export declare function findElectronBinary(
  env?: Record<string, string | undefined>,
  platform?: string,
): { ok: true; path: string } | { ok: false; reason: string };
