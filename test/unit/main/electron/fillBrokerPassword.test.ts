import { describe, expect, it } from 'vitest';
import { createBrokerPasswordFiller } from '../../../../main/electron/fillBrokerPassword';

const broker = { kind: 'external', url: 'mqtts://broker.example:8883', username: 'shop' };
const saved = new Map([['shop@mqtts://broker.example:8883', 'from-keychain']]);
const secrets = { get: async (url: string, user: string) => ({ ok: true as const, value: saved.get(`${user}@${url}`) }) };

describe('the broker password the main process adds to a run or a replay', () => {
  it('adds the saved password to startRun and to a startReplay that starts a saved flow', async () => {
    const fill = createBrokerPasswordFiller(secrets, () => 'from-env');
    expect(await fill('startRun', { doc: { broker } })).toEqual({ doc: { broker }, brokerPassword: 'from-keychain' });
    expect(await fill('startReplay', { doc: { broker }, path: '/f.eventflow.json', speed: 'max' })).toEqual({
      doc: { broker },
      path: '/f.eventflow.json',
      speed: 'max',
      brokerPassword: 'from-keychain',
    });
  });

  it("falls back to the app's EVENTFLOW_BROKER_PASSWORD for the broker and user the flow names", async () => {
    const other = { ...broker, url: 'mqtt://elsewhere:1883' };
    expect(await createBrokerPasswordFiller(secrets, () => 'from-env')('startRun', { doc: { broker: other } })).toEqual({ doc: { broker: other }, brokerPassword: 'from-env' });
    expect(await createBrokerPasswordFiller(secrets, () => undefined)('startRun', { doc: { broker: other } })).toEqual({ doc: { broker: other } });
  });

  it('keeps a password the page typed, and adds none where none is wanted', async () => {
    const fill = createBrokerPasswordFiller(secrets, () => 'from-env');
    expect(await fill('startRun', { doc: { broker }, brokerPassword: 'typed' })).toEqual({ doc: { broker }, brokerPassword: 'typed' });
    expect(await fill('startRun', { doc: { broker: { kind: 'embedded' } } })).toEqual({ doc: { broker: { kind: 'embedded' } } });
    expect(await fill('startRun', { doc: { broker: { ...broker, username: undefined } } })).not.toHaveProperty('brokerPassword');
    // A replay into the run of this session passes no flow: the host has the run's password.
    expect(await fill('startReplay', { speed: 10 })).toEqual({ speed: 10 });
    expect(await fill('saveFile', { doc: { broker } })).toEqual({ doc: { broker } });
  });
});
