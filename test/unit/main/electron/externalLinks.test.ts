import { describe, expect, it } from 'vitest';
import { DOCUMENTATION_URL, isAllowedExternalUrl, openExternalIfAllowed } from '../../../../main/electron/externalLinks';

describe('shell.openExternal allow-list', () => {
  it.each(['https://mqtt.org/', 'https://github.com/eclipse/mosquitto', 'https://cloudevents.io/', DOCUMENTATION_URL])(
    'allows %s',
    (url) => expect(isAllowedExternalUrl(url)).toBe(true),
  );

  it.each([
    'http://mqtt.org/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'smb://server/share',
    'ms-msdt:/id PCWDiagnostic',
    'https://mqtt.org.evil.example/',
    'https://evil.example/?https://mqtt.org/',
    'https://github.com@evil.example/',
    'https://user:pw@github.com/',
    'https://github.com:8443/',
    'not a url',
    '',
  ])('refuses %s', (url) => expect(isAllowedExternalUrl(url)).toBe(false));

  it('never calls the shell for a refused URL', async () => {
    const opened: string[] = [];
    const open = async (url: string) => {
      opened.push(url);
    };
    expect(await openExternalIfAllowed('file:///bin/sh', open)).toBe(false);
    expect(await openExternalIfAllowed('https://mqtt.org/', open)).toBe(true);
    expect(opened).toEqual(['https://mqtt.org/']);
  });
});
