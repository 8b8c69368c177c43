/**
 * A content pattern in the EventBridge event pattern language, matched against a whole
 * CloudEvent: `{"type": ["order.placed"], "data": {"total": [{"numeric": [">", 100]}]}}`.
 */
export type EventPattern = Record<string, unknown>;

/**
 * A mistake in a pattern. `path` points into the pattern (`data.total[0].numeric`, or
 * `(pattern)` for the whole of it); `message` says what is wrong and how to fix it. Errors
 * found in JSON text also carry the 1-based `line` and `column` where the editor should
 * put its marker.
 */
export interface PatternError {
  path: string;
  message: string;
  line?: number;
  column?: number;
}

/** A compiled pattern: true if the event matches. Never throws, whatever the event is. */
export type EventMatcher = (event: unknown) => boolean;
