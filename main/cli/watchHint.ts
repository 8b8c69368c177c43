import type { BrokerSettings } from '../../shared/flow/FlowDocument';
import { PASSWORD_ENV } from './brokerPassword';

export interface WatchHintOptions {
  /** The broker URL the run's clients use (no credentials in it). */
  url: string;
  /** The run's topic prefix (RunStatus.topicPrefix: '' or ending with '/'). */
  topicPrefix: string;
  username?: string;
  /** The flow's broker settings: an mqtts broker's CA, client certificate and key are in `tls`. */
  broker?: BrokerSettings;
}

/**
 * A ready-to-paste command that watches a run's traffic: `mosquitto_sub -h HOST -p PORT
 * -t 'PREFIX#' -v`, with `-u` and `-P "$EVENTFLOW_BROKER_PASSWORD"` for a broker with a user,
 * and for mqtts the flow's CA file (`--cafile`, else the system's `--capath /etc/ssl/certs`),
 * client certificate and key, and `--insecure` when the flow does not check the server's
 * certificate. mosquitto_sub has no WebSocket transport: for ws:// and wss:// the hint names
 * the URL for a client that does (MQTTX).
 */
export function watchHint(options: WatchHintOptions): string {
  const topic = `'${options.topicPrefix}#'`;
  const url = new URL(options.url);
  const scheme = url.protocol.replace(/:$/, '');
  if (scheme === 'ws' || scheme === 'wss') return `an MQTT-over-WebSocket client (e.g. MQTTX) at ${options.url}, topic ${topic}`;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const port = url.port !== '' ? url.port : scheme === 'mqtts' ? '8883' : '1883';
  const parts = ['mosquitto_sub', '-h', host, '-p', port];
  if (options.username !== undefined) parts.push('-u', quote(options.username), '-P', `"$${PASSWORD_ENV}"`);
  if (scheme === 'mqtts') {
    const tls = options.broker?.kind === 'external' ? options.broker.tls : undefined;
    if (tls?.caFile !== undefined) parts.push('--cafile', quote(tls.caFile));
    else parts.push('--capath', '/etc/ssl/certs');
    if (tls?.certFile !== undefined) parts.push('--cert', quote(tls.certFile));
    if (tls?.keyFile !== undefined) parts.push('--key', quote(tls.keyFile));
    if (tls?.rejectUnauthorized === false) parts.push('--insecure');
  }
  parts.push('-t', topic, '-v');
  return parts.join(' ');
}

/** Single-quote for a POSIX shell when needed. */
function quote(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}
