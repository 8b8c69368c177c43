import { describe, expect, it } from 'vitest';
import { channelsForEvent, replayChannels } from '../../../../../main/runtime/log/replayChannels';
import { replayFlow } from '../../../../integration/log/replayFlow';
import { hop } from './hopRecords';

const { plan } = replayFlow();

describe('replayChannels', () => {
  it('re-enters the flow where events first entered it: the channels leaving producers', () => {
    const r = replayChannels(plan);
    expect(r.ok && [...r.channels.keys()]).toEqual(['store-router']);
  });

  it('with targets, uses every channel leading into those nodes', () => {
    const r = replayChannels(plan, ['fraud', 'receipts']);
    expect(r.ok && [...r.channels.values()].map((c) => [c.edgeId, c.topic])).toEqual([
      ['router-fraud', 'shop/fraud'],
      ['payment-receipts', 'shop/receipts'],
    ]);
  });

  it('sends an event without a channel (imported) where its source can send its type and the rule takes it', () => {
    const r = replayChannels(plan, ['payment', 'fraud', 'receipts']);
    if (!r.ok) throw new Error(r.message);
    const order = hop(1, { type: 'order.placed' }).event!;
    const receipt = hop(2, { type: 'payment.succeeded' }).event!;
    expect(channelsForEvent(order, r.channels).map((c) => c.edgeId)).toEqual(['router-payment', 'router-fraud']);
    expect(channelsForEvent(receipt, r.channels).map((c) => c.edgeId)).toEqual(['payment-receipts']);
  });

  it('names unknown targets and nodes nothing leads into', () => {
    expect(replayChannels(plan, ['nope'])).toEqual({
      ok: false,
      message: 'targets: no node "nope" in this flow; node ids are store, router, payment, fraud, receipts',
    });
    expect(replayChannels(plan, ['store'])).toEqual({
      ok: false,
      message: 'targets: no channel leads into store; choose nodes that have inbound channels',
    });
  });
});
