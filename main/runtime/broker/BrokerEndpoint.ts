import { readFileSync } from 'node:fs';
import type { IClientOptions } from 'mqtt';
import type { BrokerSettings } from '../../../shared/flow/FlowDocument';
import { BrokerConnectionError } from './BrokerConnectionError';

/** Where the run's clients connect and with what; resolved once per run. */
export interface BrokerEndpoint {
  kind: 'embedded' | 'external';
  /** The URL clients connect to (never contains the password). */
  url: string;
  wsUrl?: string;
  /** MQTT 5 when the flow asks for it; lowered to 3.1.1 if the probe finds the broker cannot. */
  wantsMqtt5: boolean;
  /** Username, password, TLS material, keepalive: shared by every client of the run. */
  clientOptions: IClientOptions;
}

/** Keepalive for clients of the embedded broker (loopback; only detects a stuck process). */
export const EMBEDDED_KEEPALIVE_SECONDS = 30;

/**
 * Resolve the broker of a run: the embedded broker's URL, or the external broker of the flow
 * with the URL override (`--broker`), the password (from the environment or a prompt, never the
 * file) and TLS files read here. A TLS file that cannot be read is a BrokerConnectionError.
 */
export function resolveBrokerEndpoint(
  settings: BrokerSettings,
  override: { url?: string; username?: string; password?: string },
  embedded?: { url: string; wsUrl?: string },
): BrokerEndpoint {
  if (embedded) {
    return {
      kind: 'embedded',
      url: embedded.url,
      wsUrl: embedded.wsUrl,
      wantsMqtt5: false,
      clientOptions: { keepalive: EMBEDDED_KEEPALIVE_SECONDS },
    };
  }
  const external = settings.kind === 'external' ? settings : undefined;
  const url = override.url ?? external?.url;
  if (!url) {
    throw new BrokerConnectionError('config', '(none)', 'No broker URL: give --broker mqtt://host:1883 or set broker.url in the flow.');
  }
  const clientOptions: IClientOptions = { keepalive: external?.keepaliveSeconds ?? 30 };
  const username = override.username ?? external?.username;
  if (username !== undefined) clientOptions.username = username;
  if (override.password !== undefined) clientOptions.password = override.password;
  const tls = external?.tls;
  if (tls) {
    const read = (file: string | undefined, what: string): Buffer | undefined => {
      if (file === undefined) return undefined;
      try {
        return readFileSync(file);
      } catch (err) {
        throw new BrokerConnectionError(
          'tls',
          url,
          `Cannot read the TLS ${what} file ${file} (${(err as NodeJS.ErrnoException).code ?? String(err)}) for the broker at ${url}: fix broker.tls in the flow.`,
        );
      }
    };
    const ca = read(tls.caFile, 'CA');
    const cert = read(tls.certFile, 'certificate');
    const key = read(tls.keyFile, 'key');
    if (ca) clientOptions.ca = ca;
    if (cert) clientOptions.cert = cert;
    if (key) clientOptions.key = key;
    clientOptions.rejectUnauthorized = tls.rejectUnauthorized;
  }
  return { kind: 'external', url, wantsMqtt5: (external?.mqttVersion ?? '5') === '5', clientOptions };
}
