/** The query parameter carrying the session token in the URL `eventflow web` prints. */
export const TOKEN_PARAM = 'token';

/**
 * The WebSocket URL of the bridge for the page at `location`: same host, path /bridge, the
 * session token passed on. Null when the page was opened without a token.
 */
export function bridgeUrl(location: Pick<Location, 'protocol' | 'host' | 'search'>): string | null {
  const token = new URLSearchParams(location.search).get(TOKEN_PARAM);
  if (!token) return null;
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/bridge?${TOKEN_PARAM}=${encodeURIComponent(token)}`;
}
