import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/**
 * Where Debian (and most distributions) install the broker itself: mosquitto is a daemon, so
 * it lives in an sbin folder, which is often not on a non-root user's PATH.
 */
export const MOSQUITTO_FALLBACK_PATHS = ['/usr/sbin/mosquitto', '/usr/local/sbin/mosquitto'] as const;

/**
 * The path of the `mosquitto` executable: the first one on PATH, else the sbin folders a
 * package puts it in. Throws an Error that says how to install it when there is none, so a
 * test that needs Mosquitto fails with the fix instead of `spawn mosquitto ENOENT`.
 *
 * @example
 * findMosquitto() // => '/usr/sbin/mosquitto'
 */
export function findMosquitto(path = process.env.PATH ?? '', fallbacks: readonly string[] = MOSQUITTO_FALLBACK_PATHS): string {
  const candidates = [...path.split(delimiter).filter((dir) => dir !== '').map((dir) => join(dir, 'mosquitto')), ...fallbacks];
  for (const candidate of candidates) {
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here (or not executable): try the next place
    }
  }
  throw new Error(
    `mosquitto was not found on PATH nor at ${fallbacks.join(' or ')}: install it with \`sudo apt-get install mosquitto mosquitto-clients\` (the integration tests run against a real Mosquitto 2)`,
  );
}
