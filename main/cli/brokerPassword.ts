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
