/**
 * An event on the wire: CloudEvents 1.0, structured JSON mode, plus the `correlationid`
 * (the business flow, e.g. one checkout) and `causationid` (the event that caused this one)
 * extensions, and `replayid` on events re-published by a replay. Any MQTT client in any
 * language can read and write these.
 */
export interface CloudEvent<Data = unknown> {
  specversion: '1.0';
  id: string;
  type: string;
  source: string;
  time: string;
  datacontenttype: 'application/json';
  data: Data;
  correlationid: string;
  causationid?: string;
  replayid?: string;
  subject?: string;
  /** Other extension attributes (lowercase a-z0-9 names, per the spec) are kept as they are. */
  [extension: string]: unknown;
}

/** Why a payload is not an event we can route; goes with it to the dead-letter channel. */
export interface EventProblem {
  reason: 'not-json' | 'not-cloudevent' | 'too-large';
  message: string;
}

/** The largest payload the runtime accepts; larger ones are dead-lettered, not parsed. */
export const MAX_EVENT_BYTES = 256 * 1024;

const EXTENSION_NAME = /^[a-z0-9]{1,20}$/;

/**
 * Parse a payload received from MQTT into a CloudEvent, or say exactly why it is not one.
 * Required: specversion "1.0", non-empty string id, source and type. `time` must be an RFC
 * 3339 timestamp when present. A missing `correlationid` is filled with the event id (the
 * event starts its own business flow), so events from outside clients are followed too.
 *
 * @example
 * parseCloudEvent('{"specversion":"1.0","id":"1","type":"t","source":"s"}')
 * // => { ok: true, event: { specversion: '1.0', id: '1', type: 't', source: 's', correlationid: '1', ... } }
 * parseCloudEvent('hello') // => { ok: false, problem: { reason: 'not-json', message: ... } }
 */
export function parseCloudEvent(
  payload: string,
  byteLength: number = payload.length,
): { ok: true; event: CloudEvent } | { ok: false; problem: EventProblem } {
  if (byteLength > MAX_EVENT_BYTES) {
    return {
      ok: false,
      problem: { reason: 'too-large', message: `payload is ${byteLength} bytes; the limit is ${MAX_EVENT_BYTES} bytes` },
    };
  }
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    const preview = payload.length > 40 ? `${payload.slice(0, 40)}…` : payload;
    return { ok: false, problem: { reason: 'not-json', message: `payload is not JSON: ${JSON.stringify(preview)}` } };
  }
  const problem = cloudEventProblem(value);
  if (problem) return { ok: false, problem: { reason: 'not-cloudevent', message: problem } };
  const event = value as CloudEvent;
  if (typeof event.correlationid !== 'string' || event.correlationid === '') event.correlationid = event.id;
  if (event.datacontenttype === undefined) event.datacontenttype = 'application/json';
  return { ok: true, event };
}

/**
 * Say what keeps a parsed JSON value from being a CloudEvent 1.0, or null if nothing does.
 *
 * @example
 * cloudEventProblem({ id: '1' }) // => 'specversion: must be "1.0" (missing)'
 */
export function cloudEventProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return 'must be a JSON object with specversion, id, source and type';
  }
  const v = value as Record<string, unknown>;
  if (v.specversion !== '1.0') {
    return `specversion: must be "1.0" (${v.specversion === undefined ? 'missing' : `got ${JSON.stringify(v.specversion)}`})`;
  }
  for (const key of ['id', 'source', 'type'] as const) {
    if (typeof v[key] !== 'string' || v[key] === '') return `${key}: must be a non-empty string`;
  }
  if (v.time !== undefined && (typeof v.time !== 'string' || !isRfc3339(v.time))) {
    return 'time: must be an RFC 3339 timestamp such as 2026-01-31T12:00:00Z';
  }
  if (v.datacontenttype !== undefined && typeof v.datacontenttype !== 'string') {
    return 'datacontenttype: must be a string such as application/json';
  }
  for (const key of Object.keys(v)) {
    if (key !== 'data' && key !== 'data_base64' && !EXTENSION_NAME.test(key)) {
      return `${key}: attribute names must be lowercase letters and digits (CloudEvents 1.0)`;
    }
  }
  return null;
}

function isRfc3339(s: string): boolean {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(s);
}
