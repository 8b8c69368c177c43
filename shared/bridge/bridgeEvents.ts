import type { z } from 'zod';
import type { RunEvent } from './runEvents';
import { metricsSnapshotSchema, replayProgressSchema, runLogLineSchema, runStatusSchema, traceBatchSchema } from './runEventSchemas';

/**
 * Everything a host pushes to the UI without being asked, listed once with the schema of
 * its payload. The run events of runEvents.ts map one to one (see runEventToPush); replay
 * progress comes from the host, which runs replays.
 *
 * @example
 * bridgeEvents.runStatus.safeParse(payload).success
 */
export const bridgeEvents = {
  runStatus: runStatusSchema,
  runTraces: traceBatchSchema,
  runMetrics: metricsSnapshotSchema,
  runLog: runLogLineSchema,
  replayProgress: replayProgressSchema,
} as const;

/** The closed set of pushed event names. */
export type BridgeEvent = keyof typeof bridgeEvents;
export const BRIDGE_EVENTS = Object.keys(bridgeEvents) as BridgeEvent[];
export type BridgeEventPayload<E extends BridgeEvent> = z.output<(typeof bridgeEvents)[E]>;

/** One push, as a listener-independent value. */
export type BridgePush = { [E in BridgeEvent]: { event: E; payload: BridgeEventPayload<E> } }[BridgeEvent];

/**
 * True when `name` is one of the pushed events.
 *
 * @example
 * isBridgeEvent('runTraces') // => true
 */
export function isBridgeEvent(name: string): name is BridgeEvent {
  return Object.hasOwn(bridgeEvents, name);
}

/**
 * The push that carries a run event: the host forwards what the runtime reports with this.
 *
 * @example
 * runEventToPush({ kind: 'log', line: { level: 'info', message: 'started', at: 0 } })
 * // => { event: 'runLog', payload: { level: 'info', message: 'started', at: 0 } }
 */
export function runEventToPush(event: RunEvent): BridgePush {
  switch (event.kind) {
    case 'status':
      return { event: 'runStatus', payload: event.status };
    case 'traces':
      return { event: 'runTraces', payload: event.batch };
    case 'metrics':
      return { event: 'runMetrics', payload: event.snapshot };
    case 'log':
      return { event: 'runLog', payload: event.line };
    default: {
      const unknownKind: never = event;
      throw new Error(`unknown run event ${JSON.stringify(unknownKind)}`);
    }
  }
}
