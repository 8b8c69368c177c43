import { afterEach, describe, expect, it } from 'vitest';
import type { DesktopBridgeClient } from '../../../../shared/bridge/createIpcBridgeClient';
import { useNoticeStore } from '../../../../renderer/app/useNoticeStore';
import { useBridgeStore } from '../../../../renderer/bridge/useBridgeStore';
import { usePasswordPromptStore, type PasswordRequest } from '../../../../renderer/dialogs/usePasswordPromptStore';
import { brokerPasswordParams, brokerRefused, forgetBrokerPassword } from '../../../../renderer/run/runControls';

const broker = { kind: 'external' as const, url: 'mqtts://broker.example:8883', username: 'shop', mqttVersion: '5' as const, keepaliveSeconds: 30 };

interface DesktopCall {
  method: string;
  params: unknown;
}

/** The desktop app's bridge as the page sees it, answering the password methods as `answers` says. */
function desktop(answers: Record<string, unknown>): DesktopCall[] {
  const calls: DesktopCall[] = [];
  const client = {
    call: async () => {
      throw new Error('no host calls in this test');
    },
    on: () => () => undefined,
    onMenuCommand: () => () => undefined,
    callDesktop: async (method: string, params: unknown) => {
      calls.push({ method, params });
      if (!(method in answers)) throw new Error(`unexpected ${method}`);
      return answers[method];
    },
  };
  useBridgeStore.setState({ bridge: client as unknown as DesktopBridgeClient });
  return calls;
}

/** The password dialog's request once it opens (bounded), answered with `password` and Remember ticked. */
/** Wait (bounded) for the password dialog and answer it; `null` is Cancel. */
async function answerDialog(answer: { password: string; remember: boolean } | null): Promise<PasswordRequest> {
  for (let i = 0; i < 100 && !usePasswordPromptStore.getState().request; i++) await new Promise((r) => setTimeout(r, 5));
  const request = usePasswordPromptStore.getState().request;
  if (!request) throw new Error('the password dialog did not open');
  request.answer(answer);
  return request;
}

afterEach(() => {
  forgetBrokerPassword();
  usePasswordPromptStore.setState({ request: null });
  useNoticeStore.setState({ notices: [] });
  useBridgeStore.setState({ bridge: null });
});

describe('the broker password before a run or a replay, in the desktop app', () => {
  it('on a machine without a keychain: the Remember hint says so, and the one-time notice is shown', async () => {
    const notice = 'no operating system keychain is available (on Linux: no GNOME Keyring or KWallet running), so broker passwords are kept only until EventFlow Studio quits and will be asked for again next time; start a keyring, or set EVENTFLOW_BROKER_PASSWORD';
    const calls = desktop({ hasBrokerPassword: { remembers: 'session' }, rememberBrokerPassword: { kept: 'session', notice } });
    const params = brokerPasswordParams(broker, 'Run');
    const request = await answerDialog({ password: 'typed-pw', remember: true });
    expect(await params).toEqual({ brokerPassword: 'typed-pw' });
    expect(request).toMatchObject({ canRemember: true, remembers: 'session', action: 'Run' });
    expect(calls.map((c) => c.method)).toEqual(['hasBrokerPassword', 'rememberBrokerPassword']);
    expect(useNoticeStore.getState().notices.map((n) => [n.kind, n.message])).toEqual([
      ['info', `N${notice.slice(1)}.`],
    ]);
  });

  it("asks nothing when the app has the environment's password, and asks once the broker refused it", async () => {
    desktop({ hasBrokerPassword: { from: 'environment', remembers: 'keychain' }, forgetBrokerPassword: {} });
    expect(await brokerPasswordParams(broker, 'Replay')).toEqual({});
    expect(usePasswordPromptStore.getState().request).toBeNull();

    brokerRefused(broker, 'the flow could not start: Connection refused: Not authorized');
    const params = brokerPasswordParams(broker, 'Replay');
    const request = await answerDialog({ password: 'the-right-one', remember: false });
    expect(request).toMatchObject({ action: 'Replay', remembers: 'keychain' });
    expect(await params).toEqual({ brokerPassword: 'the-right-one' });
  });

  it('needs nothing for the embedded broker or a broker without a user', async () => {
    desktop({});
    expect(await brokerPasswordParams({ kind: 'embedded' }, 'Run')).toEqual({});
    expect(await brokerPasswordParams({ ...broker, username: undefined }, 'Replay')).toEqual({});
  });
});

describe('the broker password in browser mode', () => {
  it('is asked once in the dialog for a replay that starts the flow, then reused; cancel starts nothing', async () => {
    useBridgeStore.setState({ bridge: { call: async () => ({}), on: () => () => undefined } as never });
    const cancelled = brokerPasswordParams(broker, 'Replay');
    await answerDialog(null);
    expect(await cancelled).toBeNull();

    const params = brokerPasswordParams(broker, 'Replay');
    const request = await answerDialog({ password: 'pw', remember: false });
    expect(request).toMatchObject({ canRemember: false, action: 'Replay' });
    expect(await params).toEqual({ brokerPassword: 'pw' });
    expect(await brokerPasswordParams(broker, 'Run')).toEqual({ brokerPassword: 'pw' });
  });
});
