import { describe, expect, it } from 'vitest';
import { parseBrokerUrl } from '../../../../../main/runtime/broker/parseBrokerUrl';

const fails = (text: string): string => {
  const r = parseBrokerUrl(text, '--broker');
  if (r.ok) throw new Error(`${text} was accepted`);
  return r.message;
};

describe('parseBrokerUrl', () => {
  it('accepts what a flow file accepts, with the scheme default port', () => {
    expect(parseBrokerUrl('mqtt://127.0.0.1:1883', '--broker')).toEqual({
      ok: true,
      broker: { url: 'mqtt://127.0.0.1:1883', scheme: 'mqtt', host: '127.0.0.1', port: 1883, display: 'mqtt://127.0.0.1:1883' },
    });
    expect(parseBrokerUrl('mqtts://broker.example', '--broker')).toMatchObject({ ok: true, broker: { port: 8883 } });
    expect(parseBrokerUrl('ws://h:8080/mqtt', '--broker')).toMatchObject({ ok: true, broker: { url: 'ws://h:8080/mqtt', port: 8080 } });
    expect(parseBrokerUrl('mqtt://[::1]:1884', '--broker')).toMatchObject({ ok: true, broker: { host: '::1', port: 1884 } });
  });

  it('takes the user and password out of the URL and never shows the password', () => {
    const r = parseBrokerUrl('mqtt://alice:s3cret@broker.example:1884', '--broker');
    expect(r).toEqual({
      ok: true,
      broker: { url: 'mqtt://broker.example:1884', scheme: 'mqtt', host: 'broker.example', port: 1884, username: 'alice', password: 's3cret', display: 'mqtt://alice:***@broker.example:1884' },
    });
    expect(parseBrokerUrl('mqtt://bob@h', '--broker')).toMatchObject({ ok: true, broker: { username: 'bob', display: 'mqtt://bob@h' } });
    expect(parseBrokerUrl('mqtt://a%40b:p%3Aw@h', '--broker')).toMatchObject({ ok: true, broker: { username: 'a@b', password: 'p:w' } });
  });

  it('refuses what is not an MQTT broker URL, naming the option and the fix', () => {
    expect(fails('http://127.0.0.1:1883')).toBe('--broker: the scheme http:// is not an MQTT transport; give a broker URL such as mqtt://127.0.0.1:1883 (mqtt, mqtts, ws or wss)');
    expect(fails('127.0.0.1:18831')).toBe('--broker: "127.0.0.1:18831" has no scheme; write mqtt://127.0.0.1:18831 (or mqtts://, ws://, wss://)');
    expect(fails('localhost:1883')).toContain('write mqtt://localhost:1883');
    expect(fails('mqtt://h:99999')).toBe('--broker: port 99999 is out of range; use 1 to 65535');
    expect(fails('mqtt://h/orders')).toContain('an mqtt:// URL has no path (got /orders)');
    expect(fails('mqtt://:pw@h')).toContain('has a password but no user name');
    expect(fails('mqtt://h?x=1')).toContain('has a query or fragment');
    expect(fails('garbage')).toContain('"garbage" is not a URL');
  });

  it('does not print the password of a URL it refuses', () => {
    expect(fails('mqtt://alice:s3cret@h?x=1')).not.toContain('s3cret');
    expect(fails('mqtt://alice:s3cret@h/x')).not.toContain('s3cret');
  });
});
