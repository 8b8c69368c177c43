import { z } from 'zod';

/**
 * The wire format of the bridge, the same over every transport (WebSocket now, Electron IPC
 * later): a request with an id, the response with the same id, and unsolicited pushes.
 *
 * @example
 * { "type": "request", "id": 7, "method": "openFile", "params": { "path": "/w/a.eventflow.json" } }
 * { "type": "response", "id": 7, "ok": true, "result": { ... } }
 * { "type": "response", "id": 7, "ok": false, "error": { "code": "not-found", "message": "..." } }
 * { "type": "push", "event": "runStatus", "payload": { ... } }
 */

/** The largest message either side accepts; larger ones are refused unread. */
export const MAX_BRIDGE_MESSAGE_BYTES = 8 * 1024 * 1024;

/** Why a call failed; the message says what to do about it. */
export const BRIDGE_ERROR_CODES = [
  'bad-message',
  'unknown-method',
  'bad-params',
  'bad-result',
  'not-found',
  'outside-workspace',
  'not-a-flow-file',
  'exists',
  'invalid-flow',
  'too-large',
  'io-error',
  'unavailable',
  'disconnected',
  'timeout',
  'internal',
] as const;
export type BridgeErrorCode = (typeof BRIDGE_ERROR_CODES)[number];

export const bridgeErrorInfoSchema = z.strictObject({
  code: z.enum(BRIDGE_ERROR_CODES),
  message: z.string(),
});
export type BridgeErrorInfo = z.infer<typeof bridgeErrorInfoSchema>;

export const bridgeRequestSchema = z.strictObject({
  type: z.literal('request'),
  id: z.number().int().min(0),
  method: z.string().min(1).max(100),
  params: z.unknown(),
});
export type BridgeRequest = z.infer<typeof bridgeRequestSchema>;

export const bridgeResponseSchema = z.discriminatedUnion('ok', [
  z.strictObject({ type: z.literal('response'), id: z.number().int().min(0), ok: z.literal(true), result: z.unknown() }),
  z.strictObject({ type: z.literal('response'), id: z.number().int().min(0), ok: z.literal(false), error: bridgeErrorInfoSchema }),
]);
export type BridgeResponse = z.infer<typeof bridgeResponseSchema>;

export const bridgePushSchema = z.strictObject({
  type: z.literal('push'),
  event: z.string().min(1).max(100),
  payload: z.unknown(),
});
export type BridgePushMessage = z.infer<typeof bridgePushSchema>;

/** What a host sends: replies and pushes. */
export const hostMessageSchema = z.union([bridgeResponseSchema, bridgePushSchema]);
export type HostMessage = z.infer<typeof hostMessageSchema>;
