import { describe, expect, it } from 'vitest';
import { consumerSettingsSchema, producerSettingsSchema } from '../../../../shared/flow/FlowDocument';
import { enumOptions, numberConstraints, numberProblem } from '../../../../renderer/inspectorPanel/numberConstraints';

describe('fields read their bounds from the flow schema', () => {
  it('a positive rate refuses 0 and below, in the loader’s words', () => {
    const rate = numberConstraints(producerSettingsSchema.shape.ratePerSecond);
    expect(rate).toMatchObject({ min: 0, minInclusive: false, integer: false });
    expect(numberProblem(0, rate)).toBe('must be > 0, got 0');
    expect(numberProblem(2.5, rate)).toBeNull();
  });

  it('jitter is bounded on both sides; instances must be whole', () => {
    const jitter = numberConstraints(producerSettingsSchema.shape.jitter);
    expect(numberProblem(1.5, jitter)).toBe('must be <= 1, got 1.5');
    const instances = numberConstraints(consumerSettingsSchema.shape.instances);
    expect(numberProblem(1.5, instances)).toBe('must be a whole number, got 1.5');
    expect(numberProblem(0, instances)).toBe('must be > 0, got 0');
  });

  it('enum fields offer the schema’s options', () => {
    expect(enumOptions(producerSettingsSchema.shape.mode)).toEqual(['rate', 'manual', 'external']);
  });
});
