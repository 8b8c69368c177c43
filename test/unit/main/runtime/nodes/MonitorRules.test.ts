import { describe, expect, it } from 'vitest';
import type { CloudEvent } from '../../../../../shared/events/CloudEvent';
import type { MonitorRule } from '../../../../../shared/flow/FlowDocument';
import { MonitorRules, type Alert } from '../../../../../main/runtime/nodes/MonitorRules';

/**
 * The monitor's clock is the time each event was received, passed to observe(); these tests
 * drive it by hand (a fake clock), so a window of 10 s takes no time at all.
 */

const bruteForce: MonitorRule = {
  name: 'login-brute-force',
  windowSeconds: 10,
  groupBy: 'data.username',
  aggregate: 'count',
  threshold: 5,
  alertType: 'security.alert',
};

let seq = 0;
function loginFailed(username: string): CloudEvent {
  seq++;
  return {
    specversion: '1.0',
    id: `e${seq}`,
    type: 'auth.login.failed',
    source: 'test://gateway',
    time: new Date(0).toISOString(),
    datacontenttype: 'application/json',
    data: { username },
    correlationid: `e${seq}`,
  };
}

/** Feed events at the given times (ms); the alerts, each with the time it fired. */
async function feed(monitor: MonitorRules, at: readonly number[], username = 'admin'): Promise<{ at: number; alert: Alert }[]> {
  const out: { at: number; alert: Alert }[] = [];
  for (const t of at) for (const alert of await monitor.observe(loginFailed(username), t)) out.push({ at: t, alert });
  return out;
}

const every = (count: number, stepMs: number, from = 0) => Array.from({ length: count }, (_, i) => from + i * stepMs);
const noWarnings = (key: string, message: string) => {
  throw new Error(`unexpected warning ${key}: ${message}`);
};

describe('MonitorRules: one alert per window', () => {
  it('raises exactly one alert for 12 failed logins 0.5 s apart against 5 in 10 s (more than twice the threshold)', async () => {
    const monitor = new MonitorRules([bruteForce], 'Security monitor', noWarnings);
    const alerts = await feed(monitor, every(12, 500));
    expect(alerts).toHaveLength(1);
    // The 6th attempt (t = 2.5 s) is the first above the threshold.
    expect(alerts[0]!.at).toBe(2_500);
    expect(alerts[0]!.alert.data).toMatchObject({ rule: 'login-brute-force', group: 'admin', value: 6, threshold: 5, windowSeconds: 10 });
    expect(alerts[0]!.alert.data.events).toHaveLength(6);
  });

  it('counts attempts made during the hold: the first one after it alerts if the last window is above the threshold', async () => {
    const monitor = new MonitorRules([bruteForce], 'Security monitor', noWarnings);
    const burst = await feed(monitor, every(12, 100));
    // Held until 10.5 s, so 10.4 s is quiet; at 10.55 s the last 10 s hold 6 attempts of the
    // burst made after its alert (0.6-1.1 s), the held one and this one.
    const after = await feed(monitor, [10_400, 10_550]);
    expect(burst.map((a) => a.at)).toEqual([500]);
    expect(after.map((a) => [a.at, a.alert.data.value])).toEqual([[10_550, 8]]);
  });

  it('alerts again once the hold is over and the last window is above the threshold again', async () => {
    const monitor = new MonitorRules([bruteForce], 'Security monitor', noWarnings);
    // An attack that goes on for 30 s, one attempt every 0.5 s: one alert per 10 s window.
    const alerts = await feed(monitor, every(60, 500));
    expect(alerts.map((a) => a.at)).toEqual([2_500, 12_500, 22_500]);
    // Each alert counts the last window only: nothing of an earlier alert is counted twice.
    const [first, second] = alerts.map((a) => a.alert.data.events);
    expect(first!.filter((id) => second!.includes(id))).toEqual([]);
  });

  it('stays quiet after the hold when the attempts stop, and fires for a new burst', async () => {
    const monitor = new MonitorRules([bruteForce], 'Security monitor', noWarnings);
    const burst1 = await feed(monitor, every(12, 100));
    // Once the burst is out of the window, 3 attempts in 10 s are not above 5.
    const quiet = await feed(monitor, every(3, 100, 11_200));
    const burst2 = await feed(monitor, every(12, 100, 30_000));
    expect(burst1.map((a) => a.at)).toEqual([500]);
    expect(quiet).toEqual([]);
    expect(burst2.map((a) => a.at)).toEqual([30_500]);
    expect(burst2[0]!.alert.data.value).toBe(6);
  });

  it('holds each group on its own: another user is alerted while admin is held', async () => {
    const monitor = new MonitorRules([bruteForce], 'Security monitor', noWarnings);
    const admin = await feed(monitor, every(8, 100), 'admin');
    const root = await feed(monitor, every(8, 100, 1_000), 'root');
    expect(admin.map((a) => a.alert.data.group)).toEqual(['admin']);
    expect(root.map((a) => [a.alert.data.group, a.at])).toEqual([['root', 1_500]]);
  });

  it('applies the same hold to the fraud rules: repeat orders per customer and the order total limit', async () => {
    const repeatOrders: MonitorRule = { name: 'repeat-orders', windowSeconds: 10, groupBy: 'data.customerId', aggregate: 'count', threshold: 3, alertType: 'security.alert' };
    const totalLimit: MonitorRule = { name: 'order-total-limit', windowSeconds: 1, aggregate: 'max', field: 'data.total', threshold: 12_000, alertType: 'security.alert' };
    const monitor = new MonitorRules([repeatOrders, totalLimit], 'Fraud monitor', noWarnings);
    const order = (customerId: string, total: number): CloudEvent => ({ ...loginFailed(''), type: 'checkout.order.placed', data: { customerId, total } });
    const fired: [number, string, number][] = [];
    const at = async (t: number, e: CloudEvent) => {
      for (const a of await monitor.observe(e, t)) fired.push([t, a.data.rule, a.data.value]);
    };
    // A fraud ring account orders 8 times in 2 s (old behaviour: two alerts, at the 4th and the 8th).
    for (let i = 0; i < 8; i++) await at(i * 250, order('cust-fraud-01', 100));
    // Two bulk orders 0.5 s apart: one alert for the limit within its 1 s window, then another after it.
    await at(3_000, order('cust-a', 14_280));
    await at(3_500, order('cust-b', 14_280));
    await at(4_200, order('cust-c', 14_280));
    expect(fired).toEqual([
      [750, 'repeat-orders', 4],
      [3_000, 'order-total-limit', 14_280],
      [4_200, 'order-total-limit', 14_280],
    ]);
  });
});
