import { describe, expect, it } from 'vitest';
import { flowFileFromArgv } from '../../../../main/electron/flowFileFromArgv';

describe('a flow file passed on the command line', () => {
  it('is found after the executable, made absolute, flags skipped', () => {
    expect(flowFileFromArgv(['/opt/eventflow', '--no-sandbox', 'shop.eventflow.json'], '/home/me')).toBe('/home/me/shop.eventflow.json');
    expect(flowFileFromArgv(['electron', '/w/project', '/f/A.EventFlow.json'], '/x')).toBe('/f/A.EventFlow.json');
  });

  it('is absent when none was given', () => {
    expect(flowFileFromArgv(['/opt/eventflow', '.', 'notes.json'], '/home/me')).toBeUndefined();
    expect(flowFileFromArgv(['shop.eventflow.json'], '/home/me')).toBeUndefined();
  });
});
