import type { DesktopBridgeClient } from '../../shared/bridge/createIpcBridgeClient';
import { notify } from '../app/useNoticeStore';
import { askBrokerPassword } from '../dialogs/usePasswordPromptStore';
import { requireBridge, useBridgeStore } from '../bridge/useBridgeStore';
import { useDesignStore } from '../design/useDesignStore';
import { useFileStore } from '../files/useFileStore';
import { useProblemsStore } from '../problems/useProblemsStore';
import { useLivePanelStore } from '../runView/useLivePanelStore';
import { liveTraffic } from './liveTraffic';
import { useRunStore } from './useRunStore';

/** The external broker's password: asked for once per page (in a dialog), kept in memory only. */
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
    if (!(await obtainBrokerPassword(doc.broker.url, doc.broker.username))) return;
  }
  liveTraffic.reset();
  useRunStore.getState().reset();
  useLivePanelStore.getState().setOpen(true);
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
    if (/auth|password|not authori[sz]ed/i.test(message)) {
      forgetBrokerPassword();
      // A refused password saved in the desktop keychain is asked for again next time.
      if (doc.broker.kind === 'external' && doc.broker.username) {
        void desktopBridge()
          ?.callDesktop('forgetBrokerPassword', { url: doc.broker.url, username: doc.broker.username })
          .catch(() => undefined);
      }
    }
    useRunStore.getState().setStatus({
      state: 'failed',
      broker: { kind: doc.broker.kind, url: doc.broker.kind === 'external' ? doc.broker.url : '', connection: 'offline' },
      topicPrefix: doc.broker.topicPrefix ?? '',
      message,
    });
    notify('error', `Could not run: ${message}`);
  }
}

/** The desktop app's bridge (with its keychain), or null in browser mode. */
function desktopBridge(): DesktopBridgeClient | null {
  const bridge = useBridgeStore.getState().bridge;
  return bridge && 'callDesktop' in bridge ? (bridge as DesktopBridgeClient) : null;
}

/**
 * Have a password for the external broker before Run: in the desktop app one saved in the
 * OS keychain is used as it is (the main process adds it; it never comes to the page);
 * otherwise the password dialog asks, and the desktop app may save the answer. False when
 * the user cancelled.
 */
async function obtainBrokerPassword(url: string, username: string): Promise<boolean> {
  const desktop = desktopBridge();
  if (desktop) {
    const { saved } = await desktop.callDesktop('hasBrokerPassword', { url, username }).catch(() => ({ saved: false }));
    if (saved) return true;
  }
  const answer = await askBrokerPassword({ url, username, canRemember: desktop !== null });
  if (!answer) return false;
  brokerPassword = answer.password;
  if (answer.remember && desktop && answer.password !== '') {
    await desktop
      .callDesktop('rememberBrokerPassword', { url, username, password: answer.password })
      .catch((err: unknown) => notify('error', `The password is used for this run but was not saved: ${err instanceof Error ? err.message : String(err)}`));
  }
  return true;
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
