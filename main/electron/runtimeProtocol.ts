import type { WireEvent, WireReply } from '../preload/ipcChannels';

/** What the runtime process needs to build its host facade (plain data: it crosses a process boundary). */
export interface RuntimeConfig {
  workspaceRoots: string[];
  /** Roots the app cannot write (the packaged examples): runs of flows there keep their event log in stateDir. */
  readOnlyRoots: string[];
  stateDir: string;
  templateDirs: string[];
  defaultFlowPath: string | null;
  saveRoot: string;
  version: string;
}

/**
 * Messages between the main process and the runtime's utility process (runtimeProcess.ts),
 * over the utility process's parent port. Plain structured-clone data.
 */
export type ToRuntime =
  | { kind: 'init'; config: RuntimeConfig }
  /** The user picked a file in a native dialog: its folder joins the workspace. */
  | { kind: 'grant'; folder: string }
  | { kind: 'call'; id: number; method: string; params: unknown }
  | { kind: 'shutdown' };

export type FromRuntime =
  | { kind: 'ready' }
  | { kind: 'reply'; id: number; reply: WireReply }
  /** Pushed bridge events, coalesced (see EventBatcher): one message per flush, not per event. */
  | { kind: 'events'; events: WireEvent[] }
  /** The facade could not start (e.g. a workspace folder vanished); calls reply `unavailable`. */
  | { kind: 'failed'; message: string };
