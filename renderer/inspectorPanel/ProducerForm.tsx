import {
  producerSettingsSchema,
  trafficProfileSchema,
  type ProducerNode,
  type ProducerSettings,
  type TrafficProfile,
} from '../../shared/flow/FlowDocument';
import { useDesignStore } from '../design/useDesignStore';
import { CheckboxInput } from './CheckboxInput';
import { NumberInput } from './NumberInput';
import { enumOptions } from './numberConstraints';
import { Section } from './Section';
import { SelectInput } from './SelectInput';
import { TextInput } from './TextInput';
import { withKey } from './withKey';
import { EVENT_TYPE_LIST_ID } from './EventTypeList';

const shape = producerSettingsSchema.shape;
const [, rampSchema, spikeSchema] = trafficProfileSchema.options;
const burstShape = shape.burst.unwrap().shape;
const limitShape = shape.limit.unwrap().shape;

const MODE_LABELS: Record<ProducerSettings['mode'], string> = {
  rate: 'At a rate',
  manual: 'Manual (fired by hand)',
  external: 'From outside MQTT clients',
};
const PROFILES: TrafficProfile['kind'][] = ['steady', 'ramp', 'spike'];
const PROFILE_LABELS: Record<TrafficProfile['kind'], string> = {
  steady: 'Steady',
  ramp: 'Ramp (a flash sale)',
  spike: 'Spikes',
};

/** The producer's settings, field by field, with the schema's bounds and messages. */
export function ProducerForm({ node, index }: { node: ProducerNode; index: number }) {
  const s = node.settings;
  const p = `nodes[${index}].settings`;
  const update = (fn: (s: ProducerSettings) => ProducerSettings): void =>
    useDesignStore.getState().updateNodeSettings(node.id, (settings) => fn(settings as ProducerSettings));
  const set = <K extends keyof ProducerSettings>(key: K, value: ProducerSettings[K] | undefined): void =>
    update((settings) => withKey(settings, key, value));

  const setProfile = (kind: TrafficProfile['kind']): void => {
    if (kind === s.profile.kind) return;
    const profile: TrafficProfile =
      kind === 'steady'
        ? { kind }
        : kind === 'ramp'
          ? { kind, fromPerSecond: 0, overSeconds: 30 }
          : { kind, everySeconds: 30, forSeconds: 5, multiplier: 5 };
    set('profile', profile);
  };

  return (
    <>
      <Section title="Events">
        <TextInput
          label="Event type"
          value={s.eventType}
          onChange={(v) => set('eventType', v ?? '')}
          path={`${p}.eventType`}
          list={EVENT_TYPE_LIST_ID}
          mono
          hint="The CloudEvents type it sends. Types are declared with the flow: click the empty canvas to see them."
        />
        <SelectInput
          label="Mode"
          value={s.mode}
          options={enumOptions(shape.mode) as ProducerSettings['mode'][]}
          describe={(m) => MODE_LABELS[m]}
          onChange={(m) => set('mode', m)}
          path={`${p}.mode`}
        />
        {s.mode === 'external' && (
          <>
            <TextInput
              label="Topic filter"
              value={s.external?.topicFilter}
              optional
              mono
              placeholder="devices/+/readings"
              onChange={(v) => set('external', v === undefined ? undefined : { qos: s.external?.qos ?? 0, topicFilter: v })}
              path={`${p}.external.topicFilter`}
            />
            {s.external && (
              <SelectInput
                label="Subscription QoS"
                value={String(s.external.qos) as '0' | '1' | '2'}
                options={['0', '1', '2']}
                onChange={(q) => set('external', { ...s.external!, qos: Number(q) as 0 | 1 | 2 })}
                path={`${p}.external.qos`}
              />
            )}
          </>
        )}
      </Section>

      {s.mode === 'rate' && (
        <Section title="Traffic">
          <NumberInput label="Rate" unit="events/s" value={s.ratePerSecond} schema={shape.ratePerSecond} onChange={(v) => set('ratePerSecond', v)} path={`${p}.ratePerSecond`} />
          <NumberInput label="Jitter" value={s.jitter} schema={shape.jitter} onChange={(v) => set('jitter', v)} path={`${p}.jitter`} hint="0 to 1: each interval varies by up to this share" />
          <SelectInput label="Profile" value={s.profile.kind} options={PROFILES} describe={(k) => PROFILE_LABELS[k]} onChange={setProfile} path={`${p}.profile.kind`} />
          {s.profile.kind === 'ramp' && (
            <>
              <NumberInput label="Ramp from" unit="events/s" value={s.profile.fromPerSecond} schema={rampSchema.shape.fromPerSecond} onChange={(v) => set('profile', { ...(s.profile as Extract<TrafficProfile, { kind: 'ramp' }>), fromPerSecond: v ?? 0 })} path={`${p}.profile.fromPerSecond`} />
              <NumberInput label="Ramp over" unit="s" value={s.profile.overSeconds} schema={rampSchema.shape.overSeconds} onChange={(v) => set('profile', { ...(s.profile as Extract<TrafficProfile, { kind: 'ramp' }>), overSeconds: v ?? 0 })} path={`${p}.profile.overSeconds`} />
            </>
          )}
          {s.profile.kind === 'spike' && (
            <>
              <NumberInput label="Spike every" unit="s" value={s.profile.everySeconds} schema={spikeSchema.shape.everySeconds} onChange={(v) => set('profile', { ...(s.profile as Extract<TrafficProfile, { kind: 'spike' }>), everySeconds: v ?? 0 })} path={`${p}.profile.everySeconds`} />
              <NumberInput label="Spike lasts" unit="s" value={s.profile.forSeconds} schema={spikeSchema.shape.forSeconds} onChange={(v) => set('profile', { ...(s.profile as Extract<TrafficProfile, { kind: 'spike' }>), forSeconds: v ?? 0 })} path={`${p}.profile.forSeconds`} />
              <NumberInput label="Spike multiplier" unit="×" value={s.profile.multiplier} schema={spikeSchema.shape.multiplier} onChange={(v) => set('profile', { ...(s.profile as Extract<TrafficProfile, { kind: 'spike' }>), multiplier: v ?? 0 })} path={`${p}.profile.multiplier`} />
            </>
          )}
          <CheckboxInput
            label="Bursts"
            checked={s.burst !== undefined}
            onChange={(on) => set('burst', on ? { everySeconds: 10, size: 20 } : undefined)}
            hint="Extra events fired together at intervals"
          />
          {s.burst && (
            <>
              <NumberInput label="Burst every" unit="s" value={s.burst.everySeconds} schema={burstShape.everySeconds} onChange={(v) => set('burst', { ...s.burst!, everySeconds: v ?? 0 })} path={`${p}.burst.everySeconds`} />
              <NumberInput label="Burst size" unit="events" value={s.burst.size} schema={burstShape.size} onChange={(v) => set('burst', { ...s.burst!, size: v ?? 0 })} path={`${p}.burst.size`} />
            </>
          )}
          <NumberInput
            label="Event limit"
            unit="events"
            optional
            placeholder="never"
            value={s.limit?.count}
            schema={limitShape.count}
            onChange={(v) => set('limit', cleanLimit({ ...s.limit, count: v }))}
            path={`${p}.limit.count`}
          />
          <NumberInput
            label="Time limit"
            unit="s"
            optional
            placeholder="never"
            value={s.limit?.durationSeconds}
            schema={limitShape.durationSeconds}
            onChange={(v) => set('limit', cleanLimit({ ...s.limit, durationSeconds: v }))}
            path={`${p}.limit.durationSeconds`}
          />
        </Section>
      )}

      <Section title="Payload">
        <TextInput
          label="Data template (JSONata)"
          value={s.template}
          optional
          multiline
          mono
          rows={6}
          placeholder={'{ "orderId": "ord-" & $string(seq) }'}
          onChange={(v) => set('template', v)}
          path={`${p}.template`}
          hint="Context: seq, now, seed; $random() and $faker(path) help."
        />
        <TextInput label="Correlation id (JSONata)" value={s.correlation} optional mono placeholder="the event's own id" onChange={(v) => set('correlation', v)} path={`${p}.correlation`} />
        <TextInput label="Source" value={s.source} optional mono placeholder="eventflow://<flow>/<node>" onChange={(v) => set('source', v)} path={`${p}.source`} />
        <NumberInput label="Seed" value={s.seed} optional schema={shape.seed} placeholder="random" onChange={(v) => set('seed', v)} path={`${p}.seed`} hint="The same seed sends the same events" />
      </Section>
    </>
  );
}

function cleanLimit(limit: { count?: number | undefined; durationSeconds?: number | undefined }): ProducerSettings['limit'] {
  const out: NonNullable<ProducerSettings['limit']> = {};
  if (limit.count !== undefined) out.count = limit.count;
  if (limit.durationSeconds !== undefined) out.durationSeconds = limit.durationSeconds;
  return Object.keys(out).length === 0 ? undefined : out;
}
