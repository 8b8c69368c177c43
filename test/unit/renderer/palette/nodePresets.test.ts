import { describe, expect, it } from 'vitest';
import { compileFlow } from '../../../../shared/compile/compileFlow';
import { validateFlow } from '../../../../shared/flow/loadFlow';
import { blankFlow } from '../../../../renderer/design/blankFlow';
import { addNodes } from '../../../../renderer/design/documentEdits';
import { ALL_PRESETS, SERVICE_PRESETS, instantiatePreset } from '../../../../renderer/palette/nodePresets';

describe('palette presets', () => {
  it('offers the building blocks and the checkout services by name', () => {
    expect(ALL_PRESETS.map((p) => p.label)).toEqual([
      'Producer',
      'Broker',
      'Consumer',
      'Storefront',
      'Payment service',
      'Inventory service',
      'Analytics replica',
      'Fraud monitor',
      'Notifications',
      'Dead-letter',
    ]);
  });

  it('each makes a valid node whose expressions and event types compile without errors', () => {
    let doc = blankFlow();
    for (const preset of ALL_PRESETS) {
      const { node, eventTypes } = instantiatePreset(doc, preset, { x: 0, y: 0 });
      doc = addNodes(doc, [node], eventTypes);
    }
    expect(validateFlow(doc)).toMatchObject({ ok: true });
    const errors = compileFlow(doc).diagnostics.filter((d) => d.severity === 'error');
    expect(errors).toEqual([]);
    expect(new Set(doc.nodes.map((n) => n.id)).size).toBe(ALL_PRESETS.length);
  });

  it('adding a preset twice gives it a new id and name', () => {
    const storefront = SERVICE_PRESETS[0]!;
    const first = instantiatePreset(blankFlow(), storefront, { x: 0, y: 0 });
    const doc = addNodes(blankFlow(), [first.node], first.eventTypes);
    const second = instantiatePreset(doc, storefront, { x: 0, y: 0 });
    expect([first.node.id, second.node.id]).toEqual(['storefront', 'storefront-2']);
    expect(second.node.name).toBe('Storefront 2');
  });
});
