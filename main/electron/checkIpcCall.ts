import { checkBridgeParams } from '../../shared/bridge/checkBridgeMessage';
import type { BridgeErrorInfo } from '../../shared/bridge/bridgeProtocol';
import type { BridgeMethod } from '../../shared/bridge/bridgeMethods';
import { desktopMethods, isDesktopMethod, type DesktopMethod } from '../../shared/bridge/desktopMethods';

export type CheckedIpcCall =
  | { ok: true; kind: 'bridge'; method: BridgeMethod; params: unknown }
  | { ok: true; kind: 'desktop'; method: DesktopMethod; params: unknown }
  | { ok: false; error: BridgeErrorInfo };

/**
 * Check a call arriving over IPC against the closed unions of the bridge (answered by the
 * host facade) and of the desktop methods (answered by the main process), with each
 * method's zod params schema. Defaults are filled in on success.
 *
 * @example
 * checkIpcCall('openFile', { path: 42 }).ok // => false (bad-params: params.path: expected string)
 * checkIpcCall('showSaveDialog', {}).ok // => true
 */
export function checkIpcCall(method: unknown, params: unknown): CheckedIpcCall {
  if (typeof method !== 'string') {
    return { ok: false, error: { code: 'unknown-method', message: `a bridge method name must be a string, got ${method === null ? 'null' : typeof method}` } };
  }
  if (isDesktopMethod(method)) {
    const parsed = desktopMethods[method].params.safeParse(params ?? {});
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => `params${i.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('')}: ${i.message}`);
      return { ok: false, error: { code: 'bad-params', message: `${method}: ${issues.join('; ')}` } };
    }
    return { ok: true, kind: 'desktop', method, params: parsed.data };
  }
  const checked = checkBridgeParams(method.slice(0, 100), params);
  if (!checked.ok) return checked;
  return { ok: true, kind: 'bridge', method: checked.method, params: checked.params };
}
