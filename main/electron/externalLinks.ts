/**
 * Checklist 15 (do not use shell.openExternal with untrusted content): only https URLs to
 * these hosts ever reach the OS's URL handler. Anything else (file:, smb:, javascript:, an
 * http downgrade, a look-alike host) is refused, so a compromised page cannot launch programs.
 */
export const EXTERNAL_HOST_ALLOW_LIST: readonly string[] = [
  'github.com',
  'mqtt.org',
  'cloudevents.io',
  'docs.jsonata.org',
  'www.electronjs.org',
];

/** Where Help > Documentation goes; must be on the allow-list above (a unit test checks it). */
export const DOCUMENTATION_URL = 'https://github.com/eventflow-studio/eventflow-studio#readme';

/**
 * True when `url` may be handed to shell.openExternal.
 *
 * @example
 * isAllowedExternalUrl('https://mqtt.org/') // => true
 * isAllowedExternalUrl('http://mqtt.org/') // => false (not https)
 * isAllowedExternalUrl('https://mqtt.org.evil.example/') // => false (host not allow-listed)
 */
export function isAllowedExternalUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:') return false;
  if (parsed.username !== '' || parsed.password !== '') return false;
  if (parsed.port !== '') return false;
  return EXTERNAL_HOST_ALLOW_LIST.includes(parsed.hostname);
}

/** Open `url` in the user's browser if allowed; returns whether it was opened. */
export async function openExternalIfAllowed(
  url: string,
  openExternal: (url: string) => Promise<void>,
): Promise<boolean> {
  if (!isAllowedExternalUrl(url)) return false;
  await openExternal(url);
  return true;
}
