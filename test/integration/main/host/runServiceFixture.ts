import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import type { BridgePush } from '../../../../shared/bridge/bridgeEvents';
import type { MetricsSnapshot, ReplayProgress } from '../../../../shared/bridge/runEvents';
import type { FlowDocument } from '../../../../shared/flow/FlowDocument';
import { loadFlow } from '../../../../shared/flow/loadFlow';
import { createRunHandlers, type RunService } from '../../../../main/host/createRunHandlers';
import { waitFor } from '../../harness/runtimeHarness';

const REPO = resolve(import.meta.dirname, '../../../..');
/** How long a run handler test waits for traffic to settle before it fails. */
export const SETTLE_TIMEOUT_MS = 30_000;

/** The checkout example with every producer manual, so a test fires exactly the orders it counts. */
export async function checkoutManual(): Promise<FlowDocument> {
  const raw = JSON.parse(await readFile(join(REPO, 'examples/checkout.eventflow.json'), 'utf8')) as { nodes: { kind: string; settings: Record<string, unknown> }[] };
  for (const n of raw.nodes) if (n.kind === 'producer') n.settings.mode = 'manual';
  const loaded = loadFlow(raw);
  if (!loaded.ok) throw new Error('fixture does not load');
  return loaded.doc;
}

/** Poll until `check` holds; fail naming `what` after SETTLE_TIMEOUT_MS. */
export function until(check: () => boolean, what: string): Promise<void> {
  return waitFor(what, check, SETTLE_TIMEOUT_MS);
}

export interface RunServiceFixture {
  /** The workspace folder of this test (removed after it). */
  readonly dir: string;
  readonly service: RunService;
  /** What the service pushed to the page, in order. */
  readonly pushes: BridgePush[];
  /** A new session on the same workspace (the app restarted): closes the service, forgets its pushes. */
  restart(): Promise<void>;
  lastMetrics(): MetricsSnapshot | undefined;
  /** A channel's count in the last metrics push (0 before one). */
  edgeCount(edgeId: string): number;
  /** The replayProgress pushes of one replay. */
  progress(replayId: string): ReplayProgress[];
}

/**
 * Register beforeEach/afterEach that give every test a fresh workspace folder and a RunService
 * over it (as the browser-mode host and the desktop app create one), closed and removed after.
 */
export function useRunService(tmpPrefix: string): RunServiceFixture {
  let dir = '';
  let service: RunService | undefined;
  let pushes: BridgePush[] = [];
  const create = (): void => {
    pushes = [];
    service = createRunHandlers({ push: (p) => pushes.push(p), workspaceRoots: [dir], fallbackLogDir: join(dir, 'untitled.events'), log: () => undefined });
  };
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), tmpPrefix));
    create();
  });
  afterEach(async () => {
    await service?.close();
    await rm(dir, { recursive: true, force: true });
  });
  const fixture: RunServiceFixture = {
    get dir() {
      return dir;
    },
    get service() {
      if (!service) throw new Error('useRunService: the service exists only inside a test');
      return service;
    },
    get pushes() {
      return pushes;
    },
    async restart() {
      await service?.close();
      create();
    },
    lastMetrics: () => pushes.filter((p) => p.event === 'runMetrics').at(-1)?.payload as MetricsSnapshot | undefined,
    edgeCount: (edgeId) => fixture.lastMetrics()?.edges.find((e) => e.edgeId === edgeId)?.count ?? 0,
    progress: (replayId) =>
      pushes.filter((p) => p.event === 'replayProgress').map((p) => p.payload as ReplayProgress).filter((p) => p.replayId === replayId),
  };
  return fixture;
}
