import type { BridgeErrorCode, BridgeErrorInfo } from './bridgeProtocol';

/**
 * A failed bridge call, as the caller sees it: a code to branch on and a message to show.
 * Hosts build these for the errors a user can cause (a missing file, a path outside the
 * workspace); the message names the thing and the fix.
 *
 * @example
 * throw new BridgeError('not-found', 'flows/a.eventflow.json does not exist: pick a file from the list');
 */
export class BridgeError extends Error {
  readonly code: BridgeErrorCode;

  constructor(code: BridgeErrorCode, message: string) {
    super(message);
    this.name = 'BridgeError';
    this.code = code;
  }

  /** The plain value sent on the wire. */
  toInfo(): BridgeErrorInfo {
    return { code: this.code, message: this.message };
  }

  /**
   * Rebuild the error a reply carried.
   *
   * @example
   * BridgeError.fromInfo({ code: 'timeout', message: 'no reply' }).code // => 'timeout'
   */
  static fromInfo(info: BridgeErrorInfo): BridgeError {
    return new BridgeError(info.code, info.message);
  }
}
