import { notify } from '../app/useNoticeStore';
import { askBrokerPassword } from '../dialogs/usePasswordPromptStore';
import { desktopBridge } from '../bridge/desktopBridge';
import { requireBridge, useBridgeStore } from '../bridge/useBridgeStore';
import { useDesignStore } from '../design/useDesignStore';
import { useFileStore } from '../files/useFileStore';
import { useProblemsStore } from '../problems/useProblemsStore';
import { useLivePanelStore } from '../runView/useLivePanelStore';
import { liveTraffic } from './liveTraffic';
import { useRunStore } from './useRunStore';

/** The external broker's password: asked for once per page (in a dialog), kept in memory only. */
let brokerPassword: string | undefined;
/**
 * Brokers (`user@url`) that refused the desktop app's EVENTFLOW_BROKER_PASSWORD this page: the
 * dialog asks instead (a typed password wins over the environment's).
 */
const refusedEnvironment = new Set<string>();

/** Forget the remembered broker password (a wrong one was typed). */
export function forgetBrokerPassword(): void {
  brokerPassword = undefined;
}

type FlowBroker = ReturnType<typeof useDesignStore.getState>['doc']['broker'];

/**
 * The `brokerPassword` part of startRun's (or startReplay's) params for a flow on `broker`:
 * nothing for the embedded broker or one without a user, the password typed this page, or
 * nothing when the desktop app has one at hand (it adds it itself); else the dialog asks
 * (its button says `action`). Null when the user cancelled: do not start.
 */
export async function brokerPasswordParams(broker: FlowBroker, action: 'Run' | 'Replay'): Promise<{ brokerPassword?: string } | null> {
  if (broker.kind !== 'external' || !broker.username) return {};
  if (brokerPassword === undefined && !(await obtainBrokerPassword(broker.url, broker.username, action))) return null;
  return brokerPassword !== undefined ? { brokerPassword } : {};
}

/**
 * After a start failed with `message`: when the broker refused the password, forget it (the
 * one typed, the one saved in the desktop keychain, and the environment's for this page) so
 * the next try asks again.
 */
export function brokerRefused(broker: FlowBroker, message: string): void {
  if (!/auth|password|not authori[sz]ed/i.test(message)) return;
  forgetBrokerPassword();
  if (broker.kind !== 'external' || !broker.username) return;
  refusedEnvironment.add(`${broker.username}@${broker.url}`);
  void desktopBridge()
    ?.callDesktop('forgetBrokerPassword', { url: broker.url, username: broker.username })
    .catch(() => undefined);
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
  const password = await brokerPasswordParams(doc.broker, 'Run');
  if (password === null) return;
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
      ...password,
    });
    useRunStore.getState().setStatus(status);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    brokerRefused(doc.broker, message);
    useRunStore.getState().setStatus({
      state: 'failed',
      broker: { kind: doc.broker.kind, url: doc.broker.kind === 'external' ? doc.broker.url : '', connection: 'offline' },
      topicPrefix: doc.broker.topicPrefix ?? '',
      message,
    });
    notify('error', `Could not run: ${message}`);
  }
}

/**
 * Have a password for the external broker before Run (or a Replay that starts the flow): in
 * the desktop app one saved in the OS keychain, or its EVENTFLOW_BROKER_PASSWORD, is used as it
 * is (the main process adds it; it never comes to the page); otherwise the password dialog
 * asks, and the desktop app may save the answer, saying where (and, the first time it can
 * keep it for this session only, why). False when the user cancelled.
 */
async function obtainBrokerPassword(url: string, username: string, action: 'Run' | 'Replay'): Promise<boolean> {
  const desktop = desktopBridge();
  let remembers: 'keychain' | 'session' | undefined;
  if (desktop) {
    const has = await desktop.callDesktop('hasBrokerPassword', { url, username }).catch(() => null);
    remembers = has?.remembers;
    if (has?.from !== undefined && !(has.from === 'environment' && refusedEnvironment.has(`${username}@${url}`))) return true;
  }
  const answer = await askBrokerPassword({ url, username, canRemember: desktop !== null, action, ...(remembers ? { remembers } : {}) });
  if (!answer) return false;
  brokerPassword = answer.password;
  if (answer.remember && desktop && answer.password !== '') {
    await desktop
      .callDesktop('rememberBrokerPassword', { url, username, password: answer.password })
      .then((kept) => {
        if (kept.notice !== undefined) notify('info', sentence(kept.notice));
      })
      .catch((err: unknown) => notify('error', `The password is used for this ${action === 'Run' ? 'run' : 'replay'} but was not saved: ${err instanceof Error ? err.message : String(err)}`));
  }
  return true;
}

/** A notice from the host as a sentence: capital first letter, final full stop. */
function sentence(text: string): string {
  const trimmed = text.trim();
  const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
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
