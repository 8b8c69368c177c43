import type { z } from 'zod';
import { formatPath } from '../flow/formatPath';
import { bridgeEvents, isBridgeEvent, type BridgeEvent, type BridgeEventPayload } from './bridgeEvents';
import {
  BRIDGE_METHODS,
  bridgeMethods,
  isBridgeMethod,
  type BridgeMethod,
  type BridgeParsedParams,
  type BridgeResult,
} from './bridgeMethods';
import type { BridgeErrorInfo } from './bridgeProtocol';

export type Checked<T> = { ok: true; value: T } | { ok: false; error: BridgeErrorInfo };

/** The most zod issues quoted in one error message; the rest are counted. */
const MAX_QUOTED_ISSUES = 5;

/**
 * Check a method name and its params against the contract: what both the client (before
 * sending) and the host (on arrival) run. Defaults are filled in on success.
 *
 * @example
 * checkBridgeParams('openFile', { path: 42 })
 * // => { ok: false, error: { code: 'bad-params', message: 'openFile: params.path: expected string, received number' } }
 * checkBridgeParams('format', {})
 * // => { ok: false, error: { code: 'unknown-method', message: 'no bridge method "format": use one of getHostInfo, ...' } }
 */
export function checkBridgeParams(
  method: string,
  params: unknown,
): { ok: true; method: BridgeMethod; params: BridgeParsedParams<BridgeMethod> } | { ok: false; error: BridgeErrorInfo } {
  if (!isBridgeMethod(method)) {
    return {
      ok: false,
      error: {
        code: 'unknown-method',
        message: `no bridge method ${JSON.stringify(method)}: use one of ${BRIDGE_METHODS.join(', ')}`,
      },
    };
  }
  const parsed = bridgeMethods[method].params.safeParse(params ?? {});
  if (!parsed.success) {
    return { ok: false, error: { code: 'bad-params', message: `${method}: ${describeIssues('params', parsed.error)}` } };
  }
  return { ok: true, method, params: parsed.data as BridgeParsedParams<BridgeMethod> };
}

/**
 * Check what a handler returned (host side, before replying) or what arrived (client side).
 *
 * @example
 * checkBridgeResult('listFiles', { files: [] })
 * // => { ok: false, error: { code: 'bad-result', message: 'listFiles: result.truncated: ...' } }
 */
export function checkBridgeResult<M extends BridgeMethod>(method: M, result: unknown): Checked<BridgeResult<M>> {
  const parsed = bridgeMethods[method].result.safeParse(result);
  if (!parsed.success) {
    return { ok: false, error: { code: 'bad-result', message: `${method}: ${describeIssues('result', parsed.error)}` } };
  }
  return { ok: true, value: parsed.data as BridgeResult<M> };
}

/**
 * Check a pushed event's name and payload.
 *
 * @example
 * checkBridgePush('runLog', { level: 'info', message: 'hi', at: 1 }).ok // => true
 */
export function checkBridgePush(
  event: string,
  payload: unknown,
): { ok: true; event: BridgeEvent; payload: BridgeEventPayload<BridgeEvent> } | { ok: false; error: BridgeErrorInfo } {
  if (!isBridgeEvent(event)) {
    return { ok: false, error: { code: 'bad-message', message: `no bridge event ${JSON.stringify(event)}` } };
  }
  const parsed = bridgeEvents[event].safeParse(payload);
  if (!parsed.success) {
    return { ok: false, error: { code: 'bad-message', message: `${event}: ${describeIssues('payload', parsed.error)}` } };
  }
  return { ok: true, event, payload: parsed.data as BridgeEventPayload<BridgeEvent> };
}

function describeIssues(root: string, error: z.ZodError): string {
  const quoted = error.issues
    .slice(0, MAX_QUOTED_ISSUES)
    .map((issue) => `${formatPath([root, ...issue.path])}: ${issue.message}`);
  const more = error.issues.length - quoted.length;
  return more > 0 ? `${quoted.join('; ')} (and ${more} more)` : quoted.join('; ');
}
