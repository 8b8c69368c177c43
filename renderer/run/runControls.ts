import { notify } from '../app/useNoticeStore';
import { requireBridge, useBridgeStore } from '../bridge/useBridgeStore';
import { useDesignStore } from '../design/useDesignStore';
import { useFileStore } from '../files/useFileStore';
import { useProblemsStore } from '../problems/useProblemsStore';
import { liveTraffic } from './liveTraffic';
import { useRunStore } from './useRunStore';

/** The external broker's password: asked for once per page, kept in memory only. */
let brokerPassword: string | undefined;

/** Forget the remembered broker password (a wrong one was typed). */
export function forgetBrokerPassword(): void {
  brokerPassword = undefined;
}

/**
 * Run as the toolbar calls it: refuse with the compile errors when the flow has any (the host
 * compiles again and refuses too), ask for an external broker's password when the profile
 * names a user, clear the previous run's numbers and start.
 */
export async function startRun(): Promise<void> {
  if (!useBridgeStore.getState().hostInfo?.supportsRuns) return;
  const { doc } = useDesignStore.getState();
  const problems = useProblemsStore.getState();
  if (problems.errorCount > 0) {
    const first = problems.problems.find((p) => p.severity === 'error');
    notify('error', `Not run: the flow has ${problems.errorCount} compile error(s)${first ? `, first: ${first.message}` : ''}. Fix them (see Problems) and press Run again.`);
    useRunStore.getState().addLog({ level: 'error', message: `not run: ${problems.errorCount} compile error(s)`, at: Date.now() });
    return;
  }
  if (doc.broker.kind === 'external' && doc.broker.username && brokerPassword === undefined) {
    const typed = window.prompt(`Password for ${doc.broker.username} at ${doc.broker.url} (kept in memory until you close this page)`);
    if (typed === null) return;
    brokerPassword = typed;
  }
  liveTraffic.reset();
  useRunStore.getState().reset();
  useRunStore.getState().setStatus({
    state: 'starting',
    broker: { kind: doc.broker.kind, url: doc.broker.kind === 'external' ? doc.broker.url : '', connection: 'connecting' },
    topicPrefix: doc.broker.topicPrefix ?? '',
  });
  const path = useFileStore.getState().path;
  try {
    const { status } = await requireBridge().call('startRun', {
      doc,
      ...(path ? { path } : {}),
      ...(doc.broker.kind === 'external' && brokerPassword !== undefined ? { brokerPassword } : {}),
    });
    useRunStore.getState().setStatus(status);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (/auth|password|not authori[sz]ed/i.test(message)) forgetBrokerPassword();
    useRunStore.getState().setStatus({
      state: 'failed',
      broker: { kind: doc.broker.kind, url: doc.broker.kind === 'external' ? doc.broker.url : '', connection: 'offline' },
      topicPrefix: doc.broker.topicPrefix ?? '',
      message,
    });
    notify('error', `Could not run: ${message}`);
  }
}

export async function stopRun(): Promise<void> {
  if (!useBridgeStore.getState().hostInfo?.supportsRuns) return;
  try {
    const { status } = await requireBridge().call('stopRun', {});
    useRunStore.getState().setStatus(status);
  } catch (err) {
    notify('error', `Could not stop: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** Pause the whole run: rate producers stop generating until resumeRun (fire and external input still work). */
export async function pauseRun(): Promise<void> {
  if (!useBridgeStore.getState().hostInfo?.supportsRuns) return;
  await runCommand('pause the run', async () => {
    const { status } = await requireBridge().call('pauseRun', {});
    useRunStore.getState().setStatus(status);
  });
}

/** Resume a paused run: producers continue where they were. */
export async function resumeRun(): Promise<void> {
  if (!useBridgeStore.getState().hostInfo?.supportsRuns) return;
  await runCommand('resume the run', async () => {
    const { status } = await requireBridge().call('resumeRun', {});
    useRunStore.getState().setStatus(status);
  });
}

/** Pause a running run, resume a paused one; nothing otherwise (the desktop menu's Pause). */
export async function togglePauseRun(): Promise<void> {
  const state = useRunStore.getState().status?.state;
  if (state === 'running') await pauseRun();
  else if (state === 'paused') await resumeRun();
}

export async function pauseConsumer(nodeId: string): Promise<void> {
  await runCommand(`pause ${nodeId}`, () => requireBridge().call('pauseConsumer', { nodeId }));
}

export async function resumeConsumer(nodeId: string): Promise<void> {
  await runCommand(`resume ${nodeId}`, () => requireBridge().call('resumeConsumer', { nodeId }));
}

/** Fire `count` events from a producer, with `data` (absent: from its template). */
export async function fireProducer(nodeId: string, data: unknown, count: number): Promise<void> {
  await runCommand(`fire ${nodeId}`, async () => {
    for (let i = 0; i < count; i++) await requireBridge().call('fireProducer', { nodeId, ...(data === undefined ? {} : { data }) });
  });
}

async function runCommand(what: string, command: () => Promise<unknown>): Promise<void> {
  try {
    await command();
  } catch (err) {
    notify('error', `Could not ${what}: ${err instanceof Error ? err.message : String(err)}`);
  }
}
