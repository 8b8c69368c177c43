import { externalBrokerSchema } from '../../../shared/flow/FlowDocument';

/** A broker URL a user typed (`--broker`), checked, with its credentials taken out. */
export interface ParsedBrokerUrl {
  /** The URL clients connect to, without user or password. */
  url: string;
  scheme: 'mqtt' | 'mqtts' | 'ws' | 'wss';
  host: string;
  /** The port given, else the scheme's default (1883, 8883, 80, 443). */
  port: number;
  username?: string;
  password?: string;
  /** What to print: the URL with its user and the password as `***` (`mqtt://alice:***@host:1883`). */
  display: string;
}

export type ParseBrokerUrlResult = { ok: true; broker: ParsedBrokerUrl } | { ok: false; message: string };

const DEFAULT_PORTS = { mqtt: 1883, mqtts: 8883, ws: 80, wss: 443 } as const;
const HOST_PORT = /^(\[[0-9a-fA-F:.]+\]|[^\s/:@[\]]+):(\d{1,5})$/;

/**
 * Check a broker URL given on the command line with the same rule as a flow file's
 * `broker.url` (mqtt, mqtts, ws or wss; a host; an optional port), after taking out
 * `user:password@`, which a flow file never holds but a command line may. `what` names the
 * option in the message (`--broker`), which says what is wrong and how to write it.
 *
 * @example
 * parseBrokerUrl('mqtt://alice:s3cret@127.0.0.1:1883', '--broker')
 * // => { ok: true, broker: { url: 'mqtt://127.0.0.1:1883', username: 'alice', password: 's3cret', display: 'mqtt://alice:***@127.0.0.1:1883', ... } }
 * parseBrokerUrl('127.0.0.1:18831', '--broker')
 * // => { ok: false, message: '--broker: "127.0.0.1:18831" has no scheme; write mqtt://127.0.0.1:18831 ...' }
 */
export function parseBrokerUrl(text: string, what: string): ParseBrokerUrlResult {
  const shape = 'a broker URL such as mqtt://127.0.0.1:1883 (mqtt, mqtts, ws or wss)';
  const hostPort = HOST_PORT.exec(text);
  if (hostPort) {
    return { ok: false, message: `${what}: ${JSON.stringify(text)} has no scheme; write mqtt://${text} (or mqtts://, ws://, wss://)` };
  }
  const bigPort = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*:(\d+)(?:[/?#]|$)/i.exec(text);
  if (bigPort && Number(bigPort[1]) > 65535) return { ok: false, message: `${what}: port ${bigPort[1]} is out of range; use 1 to 65535` };
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    return { ok: false, message: `${what}: ${JSON.stringify(text)} is not a URL; give ${shape}` };
  }
  const scheme = parsed.protocol.replace(/:$/, '');
  if (!(scheme === 'mqtt' || scheme === 'mqtts' || scheme === 'ws' || scheme === 'wss')) {
    return { ok: false, message: `${what}: the scheme ${scheme}:// is not an MQTT transport; give ${shape}` };
  }
  if (parsed.search !== '' || parsed.hash !== '') {
    return { ok: false, message: `${what}: ${JSON.stringify(redact(parsed))} has a query or fragment, which a broker URL does not take; remove it` };
  }
  const username = parsed.username === '' ? undefined : decodeURIComponent(parsed.username);
  const password = parsed.password === '' ? undefined : decodeURIComponent(parsed.password);
  if (password !== undefined && username === undefined) {
    return { ok: false, message: `${what}: the URL has a password but no user name; write ${scheme}://USER:PASSWORD@${parsed.host}` };
  }
  const path = parsed.pathname === '/' || parsed.pathname === '' ? '' : parsed.pathname;
  if (path !== '' && (scheme === 'mqtt' || scheme === 'mqtts')) {
    return { ok: false, message: `${what}: an ${scheme}:// URL has no path (got ${path}); remove it, or use ws:// for MQTT over WebSocket` };
  }
  const url = `${scheme}://${parsed.host}${path}`;
  const checked = externalBrokerSchema.shape.url.safeParse(url);
  if (!checked.success || parsed.hostname === '') {
    return { ok: false, message: `${what}: ${JSON.stringify(redact(parsed))} is not ${shape}` };
  }
  const port = parsed.port === '' ? DEFAULT_PORTS[scheme] : Number(parsed.port);
  if (!(port >= 1 && port <= 65535)) return { ok: false, message: `${what}: port ${parsed.port} is out of range; use 1 to 65535` };
  const hostname = parsed.hostname.replace(/^\[|\]$/g, '');
  return {
    ok: true,
    broker: {
      url,
      scheme,
      host: hostname,
      port,
      ...(username !== undefined ? { username } : {}),
      ...(password !== undefined ? { password } : {}),
      display: redact(parsed),
    },
  };
}

/** The URL as text with the password replaced by `***`. */
function redact(url: URL): string {
  if (url.username === '' && url.password === '') return url.href.replace(/\/$/, '');
  const user = url.username === '' ? '' : url.username;
  const secret = url.password === '' ? '' : ':***';
  return `${url.protocol}//${user}${secret}@${url.host}${url.pathname === '/' ? '' : url.pathname}`;
}
