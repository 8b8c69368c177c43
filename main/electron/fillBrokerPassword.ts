import type { BrokerSecretStore } from './brokerSecretStore';

/** The params of startRun and startReplay this looks at: the flow's broker and a password the page gave. */
interface RunParams {
  doc?: { broker?: { kind: string; url?: string; username?: string } };
  brokerPassword?: string;
}

/** The bridge methods that may start a flow on its broker, and so may need its password. */
const STARTS_A_FLOW: ReadonlySet<string> = new Set(['startRun', 'startReplay']);

/**
 * Before the main process forwards a call to the runtime: a startRun, or a startReplay that
 * passes a saved flow to start, for an external broker with a username and no password from
 * the page gets the password saved for that broker and user (safeStorage), else the app's
 * EVENTFLOW_BROKER_PASSWORD (the way out the session-only notice names, as for `eventflow
 * run`: the user's own environment, used for the broker they run). The password never travels
 * to the page, and never into the flow file. A password the page gave (typed in its dialog)
 * wins. Every other call passes through unchanged.
 *
 * @example
 * const fill = createBrokerPasswordFiller(secrets, () => process.env.EVENTFLOW_BROKER_PASSWORD);
 * const forwarded = await fill('startReplay', params);
 */
export function createBrokerPasswordFiller(
  secrets: Pick<BrokerSecretStore, 'get'>,
  environmentPassword: () => string | undefined,
): (method: string, params: unknown) => Promise<unknown> {
  return async (method, params) => {
    if (!STARTS_A_FLOW.has(method) || typeof params !== 'object' || params === null) return params;
    const run = params as RunParams;
    const broker = run.doc?.broker;
    if (run.brokerPassword !== undefined || broker?.kind !== 'external' || !broker.url || !broker.username) return params;
    const saved = await secrets.get(broker.url, broker.username);
    if (saved.ok && saved.value !== undefined) return { ...run, brokerPassword: saved.value };
    const fromEnv = environmentPassword();
    return fromEnv !== undefined ? { ...run, brokerPassword: fromEnv } : params;
  };
}
