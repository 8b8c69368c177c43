import { describe, expect, it } from 'vitest';
import { watchHint } from '../../../../main/cli/watchHint';

describe('watchHint', () => {
  it('is a mosquitto_sub command for the broker and the prefix', () => {
    expect(watchHint({ url: 'mqtt://127.0.0.1:40123', topicPrefix: '' })).toBe("mosquitto_sub -h 127.0.0.1 -p 40123 -t '#' -v");
    expect(watchHint({ url: 'mqtt://broker.example', topicPrefix: 'sim/' })).toBe("mosquitto_sub -h broker.example -p 1883 -t 'sim/#' -v");
  });

  it('has -u and the password variable for a broker with a user, never a password', () => {
    expect(watchHint({ url: 'mqtt://h:1884', topicPrefix: '', username: 'alice' })).toBe(
      'mosquitto_sub -h h -p 1884 -u alice -P "$EVENTFLOW_BROKER_PASSWORD" -t \'#\' -v',
    );
  });

  it("uses the flow's CA file, client certificate and key for mqtts, and the system CAs without one", () => {
    const broker = {
      kind: 'external' as const,
      url: 'mqtts://h:8883',
      mqttVersion: '5' as const,
      keepaliveSeconds: 30,
      tls: { caFile: '/etc/eventflow/ca.pem', certFile: 'me.crt', keyFile: 'me.key', rejectUnauthorized: false },
    };
    expect(watchHint({ url: 'mqtts://h:8883', topicPrefix: '', broker })).toBe(
      "mosquitto_sub -h h -p 8883 --cafile /etc/eventflow/ca.pem --cert me.crt --key me.key --insecure -t '#' -v",
    );
    expect(watchHint({ url: 'mqtts://h', topicPrefix: '' })).toBe("mosquitto_sub -h h -p 8883 --capath /etc/ssl/certs -t '#' -v");
  });

  it('names a WebSocket client for ws:// (mosquitto_sub has no WebSocket transport)', () => {
    expect(watchHint({ url: 'ws://127.0.0.1:9001', topicPrefix: 'sim/' })).toBe("an MQTT-over-WebSocket client (e.g. MQTTX) at ws://127.0.0.1:9001, topic 'sim/#'");
  });
});
