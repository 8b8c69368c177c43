import { Plus, Trash2 } from 'lucide-react';
import {
  consumerOutputSchema,
  consumerSettingsSchema,
  failureRuleSchema,
  monitorRuleSchema,
  processingSchema,
  type ConsumerNode,
  type ConsumerOutput,
  type ConsumerSettings,
  type FailureRule,
  type MonitorRule,
  type Processing,
} from '../../shared/flow/FlowDocument';
import { useDesignStore } from '../design/useDesignStore';
import { CheckboxInput } from './CheckboxInput';
import { EVENT_TYPE_LIST_ID } from './EventTypeList';
import { JsonInput } from './JsonInput';
import { NumberInput } from './NumberInput';
import { enumOptions } from './numberConstraints';
import { Section } from './Section';
import { SelectInput } from './SelectInput';
import { TextInput } from './TextInput';
import { withKey } from './withKey';

const shape = consumerSettingsSchema.shape;
const [fixedSchema, uniformSchema, normalSchema, exponentialSchema] = processingSchema.options;
const failureShape = failureRuleSchema.shape;
const retryShape = shape.retry.unwrap().shape;
const outputShape = consumerOutputSchema.shape;
const ruleShape = monitorRuleSchema.shape;

const DISTRIBUTIONS: Processing['distribution'][] = ['fixed', 'uniform', 'normal', 'exponential'];
const DISTRIBUTION_LABELS: Record<Processing['distribution'], string> = {
  fixed: 'Fixed time',
  uniform: 'Uniform between two times',
  normal: 'Normal around a mean',
  exponential: 'Exponential (long tail)',
};
const DEFAULT_PROCESSING: Record<Processing['distribution'], Processing> = {
  fixed: { distribution: 'fixed', ms: 10 },
  uniform: { distribution: 'uniform', minMs: 10, maxMs: 50 },
  normal: { distribution: 'normal', meanMs: 30, stddevMs: 10 },
  exponential: { distribution: 'exponential', meanMs: 30 },
};
const ON_LABELS: Record<ConsumerOutput['on'], string> = {
  success: 'On success',
  failure: 'On business failure',
  always: 'Always',
};

/** The consumer's settings: how it works, fails, retries, what it sends and (as a monitor) what it watches. */
export function ConsumerForm({ node, index }: { node: ConsumerNode; index: number }) {
  const s = node.settings;
  const p = `nodes[${index}].settings`;
  const update = (fn: (s: ConsumerSettings) => ConsumerSettings): void =>
    useDesignStore.getState().updateNodeSettings(node.id, (settings) => fn(settings as ConsumerSettings));
  const set = <K extends keyof ConsumerSettings>(key: K, value: ConsumerSettings[K] | undefined): void =>
    update((settings) => withKey(settings, key, value));
  const setProcessing = (patch: Partial<Record<string, number>>): void =>
    set('processing', { ...s.processing, ...patch } as Processing);
  const setRule = (key: 'failure' | 'transientError', patch: Partial<FailureRule>): void => {
    const merged = { ...(s[key] ?? {}) } as FailureRule;
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined) delete merged[k as keyof FailureRule];
      else (merged as Record<string, unknown>)[k] = v;
    }
    set(key, Object.keys(merged).length === 0 ? undefined : merged);
  };
  const setOutputs = (outputs: ConsumerOutput[]): void => set('outputs', outputs);
  const rules = s.monitor?.rules ?? [];
  const setRules = (next: MonitorRule[]): void => set('monitor', next.length === 0 ? undefined : { rules: next });

  return (
    <>
      <Section title="Work">
        <SelectInput
          label="Role"
          value={s.role}
          options={enumOptions(shape.role) as ConsumerSettings['role'][]}
          describe={(r) => (r === 'worker' ? 'Worker: processes each event' : 'Monitor: watches windows, raises alerts')}
          onChange={(r) => set('role', r)}
          path={`${p}.role`}
        />
        <NumberInput label="Instances" value={s.instances} schema={shape.instances} onChange={(v) => set('instances', v)} path={`${p}.instances`} hint="More than 1 shares the work (MQTT 5 shared subscription)" />
        <NumberInput label="Concurrency" value={s.concurrency} schema={shape.concurrency} onChange={(v) => set('concurrency', v)} path={`${p}.concurrency`} hint="Events one instance works on at once" />
        <CheckboxInput label="Durable" checked={s.durable} onChange={(v) => set('durable', v)} hint="Persistent session and QoS 1: events wait in the broker while it is paused" />
        <SelectInput
          label="Processing time"
          value={s.processing.distribution}
          options={DISTRIBUTIONS}
          describe={(d) => DISTRIBUTION_LABELS[d]}
          onChange={(d) => d !== s.processing.distribution && set('processing', DEFAULT_PROCESSING[d])}
          path={`${p}.processing.distribution`}
        />
        {s.processing.distribution === 'fixed' && (
          <NumberInput label="Time" unit="ms" value={s.processing.ms} schema={fixedSchema.shape.ms} onChange={(v) => setProcessing({ ms: v ?? 0 })} path={`${p}.processing.ms`} />
        )}
        {s.processing.distribution === 'uniform' && (
          <>
            <NumberInput label="From" unit="ms" value={s.processing.minMs} schema={uniformSchema.shape.minMs} onChange={(v) => setProcessing({ minMs: v ?? 0 })} path={`${p}.processing.minMs`} />
            <NumberInput label="To" unit="ms" value={s.processing.maxMs} schema={uniformSchema.shape.maxMs} onChange={(v) => setProcessing({ maxMs: v ?? 0 })} path={`${p}.processing.maxMs`} />
          </>
        )}
        {s.processing.distribution === 'normal' && (
          <>
            <NumberInput label="Mean" unit="ms" value={s.processing.meanMs} schema={normalSchema.shape.meanMs} onChange={(v) => setProcessing({ meanMs: v ?? 0 })} path={`${p}.processing.meanMs`} />
            <NumberInput label="Std. deviation" unit="ms" value={s.processing.stddevMs} schema={normalSchema.shape.stddevMs} onChange={(v) => setProcessing({ stddevMs: v ?? 0 })} path={`${p}.processing.stddevMs`} />
          </>
        )}
        {s.processing.distribution === 'exponential' && (
          <NumberInput label="Mean" unit="ms" value={s.processing.meanMs} schema={exponentialSchema.shape.meanMs} onChange={(v) => setProcessing({ meanMs: v ?? 0 })} path={`${p}.processing.meanMs`} />
        )}
      </Section>

      <Section title="Failures and retries">
        <NumberInput label="Business failure share" optional placeholder="none" value={s.failure?.probability} schema={failureShape.probability} onChange={(v) => setRule('failure', { probability: v })} path={`${p}.failure.probability`} hint="0 to 1; emits the failure outputs, never retried" />
        <TextInput label="Business failure when (JSONata)" optional mono value={s.failure?.when} placeholder='data.total > 5000' onChange={(v) => setRule('failure', { when: v })} path={`${p}.failure.when`} />
        <NumberInput label="Transient error share" optional placeholder="none" value={s.transientError?.probability} schema={failureShape.probability} onChange={(v) => setRule('transientError', { probability: v })} path={`${p}.transientError.probability`} hint="0 to 1; retried, then dead-lettered and answered by the failure outputs" />
        <TextInput label="Transient error when (JSONata)" optional mono value={s.transientError?.when} onChange={(v) => setRule('transientError', { when: v })} path={`${p}.transientError.when`} />
        <NumberInput label="Retries" value={s.retry.maxRetries} schema={retryShape.maxRetries} onChange={(v) => set('retry', { ...s.retry, maxRetries: v ?? 0 })} path={`${p}.retry.maxRetries`} hint="After the first attempt; then a transient error is dead-lettered and the failure outputs are emitted" />
        <NumberInput label="First backoff" unit="ms" value={s.retry.backoffMs} schema={retryShape.backoffMs} onChange={(v) => set('retry', { ...s.retry, backoffMs: v ?? 0 })} path={`${p}.retry.backoffMs`} />
        <NumberInput label="Backoff multiplier" unit="×" value={s.retry.multiplier} schema={retryShape.multiplier} onChange={(v) => set('retry', { ...s.retry, multiplier: v ?? 1 })} path={`${p}.retry.multiplier`} />
      </Section>

      <Section
        title="Outputs"
        actions={
          <button
            type="button"
            className="ef-mini-button"
            onClick={() => setOutputs([...s.outputs, { on: 'success', eventType: s.outputs.at(-1)?.eventType ?? 'item.processed' }])}
          >
            <Plus size={13} aria-hidden /> Add output
          </button>
        }
      >
        {s.outputs.length === 0 && <p className="ef-muted">Sends nothing. Add an output to emit a new event after processing.</p>}
        {s.outputs.map((o, i) => {
          const op = `${p}.outputs[${i}]`;
          const setOutput = (next: ConsumerOutput): void => setOutputs(s.outputs.map((x, j) => (j === i ? next : x)));
          return (
            <div className="ef-card" key={i} role="group" aria-label={`Output ${i + 1}`}>
              <div className="ef-card__header">
                <span className="ef-card__title">Output {i + 1}</span>
                <button type="button" className="ef-icon-button" aria-label={`Remove output ${i + 1}`} title="Remove" onClick={() => setOutputs(s.outputs.filter((_, j) => j !== i))}>
                  <Trash2 size={14} aria-hidden />
                </button>
              </div>
              <SelectInput label="When" value={o.on} options={enumOptions(outputShape.on) as ConsumerOutput['on'][]} describe={(v) => ON_LABELS[v]} onChange={(v) => setOutput({ ...o, on: v })} path={`${op}.on`} />
              <TextInput label="Event type" mono list={EVENT_TYPE_LIST_ID} value={o.eventType} onChange={(v) => setOutput({ ...o, eventType: v ?? '' })} path={`${op}.eventType`} />
              <TextInput label="Transform (JSONata)" optional multiline mono rows={4} value={o.transform} placeholder="the incoming data, unchanged" onChange={(v) => setOutput(withKey(o, 'transform', v))} path={`${op}.transform`} />
              <TextInput label="Only when (JSONata)" optional mono value={o.when} onChange={(v) => setOutput(withKey(o, 'when', v))} path={`${op}.when`} />
              <TextInput label="For each (JSONata)" optional mono value={o.forEach} onChange={(v) => setOutput(withKey(o, 'forEach', v))} path={`${op}.forEach`} />
            </div>
          );
        })}
      </Section>

      {s.role === 'monitor' && (
        <Section
          title="Monitor rules"
          actions={
            <button
              type="button"
              className="ef-mini-button"
              onClick={() => setRules([...rules, { name: `rule-${rules.length + 1}`, windowSeconds: 10, aggregate: 'count', threshold: 10, alertType: 'security.alert' }])}
            >
              <Plus size={13} aria-hidden /> Add rule
            </button>
          }
        >
          {rules.length === 0 && <p className="ef-muted">A monitor needs at least one rule.</p>}
          {rules.map((r, i) => {
            const rp = `${p}.monitor.rules[${i}]`;
            const setRuleAt = (next: MonitorRule): void => setRules(rules.map((x, j) => (j === i ? next : x)));
            return (
              <div className="ef-card" key={i} role="group" aria-label={`Rule ${r.name}`}>
                <div className="ef-card__header">
                  <span className="ef-card__title">{r.name || `Rule ${i + 1}`}</span>
                  <button type="button" className="ef-icon-button" aria-label={`Remove rule ${i + 1}`} title="Remove" onClick={() => setRules(rules.filter((_, j) => j !== i))}>
                    <Trash2 size={14} aria-hidden />
                  </button>
                </div>
                <TextInput label="Rule name" value={r.name} onChange={(v) => setRuleAt({ ...r, name: v ?? '' })} path={`${rp}.name`} />
                <NumberInput label="Window" unit="s" value={r.windowSeconds} schema={ruleShape.windowSeconds} onChange={(v) => setRuleAt({ ...r, windowSeconds: v ?? 0 })} path={`${rp}.windowSeconds`} />
                <TextInput label="Group by (JSONata)" optional mono value={r.groupBy} placeholder="one group" onChange={(v) => setRuleAt(withKey(r, 'groupBy', v))} path={`${rp}.groupBy`} />
                <SelectInput label="Aggregate" value={r.aggregate} options={enumOptions(ruleShape.aggregate) as MonitorRule['aggregate'][]} onChange={(v) => setRuleAt({ ...r, aggregate: v })} path={`${rp}.aggregate`} />
                {r.aggregate !== 'count' && (
                  <TextInput label="Field (JSONata)" optional mono value={r.field} placeholder="data.total" onChange={(v) => setRuleAt(withKey(r, 'field', v))} path={`${rp}.field`} />
                )}
                <NumberInput label="Alert above" value={r.threshold} schema={ruleShape.threshold} onChange={(v) => setRuleAt({ ...r, threshold: v ?? 0 })} path={`${rp}.threshold`} />
                <TextInput label="Alert event type" mono list={EVENT_TYPE_LIST_ID} value={r.alertType} onChange={(v) => setRuleAt({ ...r, alertType: v ?? '' })} path={`${rp}.alertType`} />
              </div>
            );
          })}
        </Section>
      )}

      <Section title="State">
        <CheckboxInput
          label="Keeps state between events"
          checked={s.state !== undefined}
          onChange={(on) => set('state', on ? { initial: {}, update: 'state' } : undefined)}
          hint="e.g. stock levels; update is JSONata over { state, event, data }"
        />
        {s.state && (
          <>
            <JsonInput label="Initial state (JSON)" value={s.state.initial} onChange={(v) => set('state', { ...s.state!, initial: v ?? {} })} path={`${p}.state.initial`} rows={4} />
            <TextInput label="Update (JSONata)" multiline mono rows={4} value={s.state.update} onChange={(v) => set('state', { ...s.state!, update: v ?? '' })} path={`${p}.state.update`} />
          </>
        )}
        <NumberInput label="Seed" optional placeholder="random" value={s.seed} schema={shape.seed} onChange={(v) => set('seed', v)} path={`${p}.seed`} />
      </Section>
    </>
  );
}
