import type { BrokerSettings } from '../../shared/flow/FlowDocument';
import type { ParsedBrokerUrl } from '../runtime/broker/parseBrokerUrl';

/** Where the broker password comes from when it is not in --broker's URL or prompted for. */
export const PASSWORD_ENV = 'EVENTFLOW_BROKER_PASSWORD';

/**
 * The broker password: EVENTFLOW_BROKER_PASSWORD, else a hidden prompt when a user name is set
 * and stdin is a terminal, else none.
 */
export async function brokerPassword(username: string | undefined): Promise<string | undefined> {
  const fromEnv = process.env[PASSWORD_ENV];
  if (fromEnv !== undefined) return fromEnv;
  if (username === undefined || !process.stdin.isTTY) return undefined;
  return promptHidden(`password for ${username} (or set ${PASSWORD_ENV}): `);
}

/**
 * Who a command signs in as on an external broker: the user of --broker's URL, else the flow's
 * own broker's; the password from the URL, else brokerPassword (environment or prompt). Nothing
 * for the embedded broker.
 */
export async function brokerCredentials(
  broker: ParsedBrokerUrl | undefined,
  flowBroker: BrokerSettings,
): Promise<{ username?: string; password?: string }> {
  if (broker === undefined && flowBroker.kind !== 'external') return {};
  const username = broker?.username ?? (flowBroker.kind === 'external' ? flowBroker.username : undefined);
  const password = broker?.password ?? (await brokerPassword(username));
  return { ...(username !== undefined ? { username } : {}), ...(password !== undefined ? { password } : {}) };
}

function promptHidden(question: string): Promise<string> {
  return new Promise((resolve) => {
    const stdin = process.stdin;
    process.stderr.write(question);
    stdin.setRawMode(true);
    stdin.resume();
    let value = '';
    const onData = (chunk: Buffer) => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n') {
          stdin.off('data', onData);
          stdin.setRawMode(false);
          stdin.pause();
          process.stderr.write('\n');
          resolve(value);
          return;
        }
        if (ch === '\u0003') process.exit(130);
        if (ch === '\u007f') value = value.slice(0, -1);
        else value += ch;
      }
    };
    stdin.on('data', onData);
  });
}
