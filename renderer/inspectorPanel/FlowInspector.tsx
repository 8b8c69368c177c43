import { Workflow } from 'lucide-react';
import {
  embeddedBrokerSchema,
  externalBrokerSchema,
  type BrokerSettings,
  type ExternalBrokerSettings,
} from '../../shared/flow/FlowDocument';
import { useDesignStore } from '../design/useDesignStore';
import { EventTypesEditor } from './EventTypesEditor';
import { NumberInput } from './NumberInput';
import { enumOptions } from './numberConstraints';
import { Section } from './Section';
import { SelectInput } from './SelectInput';
import { TextInput } from './TextInput';
import { withKey } from './withKey';

const embedded = embeddedBrokerSchema.shape;
const external = externalBrokerSchema.shape;

/** With nothing selected: the flow itself (name, broker) and its event types. */
export function FlowInspector() {
  const name = useDesignStore((s) => s.doc.name);
  const description = useDesignStore((s) => s.doc.description);
  const broker = useDesignStore((s) => s.doc.broker);
  const counts = useDesignStore((s) => `${s.doc.nodes.length} nodes · ${s.doc.edges.length} channels`);
  const updateFlow = useDesignStore((s) => s.updateFlow);
  const setBroker = (b: BrokerSettings): void => updateFlow({ broker: b });
  const setExternal = <K extends keyof ExternalBrokerSettings>(key: K, value: ExternalBrokerSettings[K] | undefined): void =>
    setBroker(withKey(broker as ExternalBrokerSettings, key, value));

  return (
    <div className="ef-inspector__content" data-testid="flow-inspector">
      <header className="ef-inspector__header">
        <span className="ef-inspector__icon ef-inspector__icon--flow" aria-hidden>
          <Workflow size={16} />
        </span>
        <div className="ef-inspector__titles">
          <h2 className="ef-inspector__name">{name}</h2>
          <div className="ef-inspector__kind">Flow · {counts}</div>
        </div>
      </header>
      <Section title="Flow">
        <TextInput label="Flow name" value={name} onChange={(v) => updateFlow({ name: v ?? '' })} path="name" />
        <TextInput label="Flow description" optional multiline rows={3} value={description} onChange={(v) => updateFlow({ description: v })} path="description" />
      </Section>
      <Section title="Broker">
        <SelectInput
          label="Broker"
          value={broker.kind}
          options={['embedded', 'external'] as const}
          describe={(k) => (k === 'embedded' ? 'Embedded (on this machine)' : 'External (Mosquitto, EMQX, HiveMQ…)')}
          onChange={(kind) =>
            kind !== broker.kind &&
            setBroker(kind === 'embedded' ? { kind } : { kind, url: 'mqtt://localhost:1883', mqttVersion: '5', keepaliveSeconds: 30 })
          }
          path="broker.kind"
        />
        {broker.kind === 'embedded' ? (
          <>
            <NumberInput label="MQTT port" optional placeholder="any free port" value={broker.port} schema={embedded.port} onChange={(v) => setBroker(withKey(broker, 'port', v))} path="broker.port" />
            <NumberInput label="WebSocket port" optional placeholder="off" value={broker.wsPort} schema={embedded.wsPort} onChange={(v) => setBroker(withKey(broker, 'wsPort', v))} path="broker.wsPort" hint="For MQTTX or a browser client; 0 picks a free port" />
            <TextInput label="Topic prefix" optional mono value={broker.topicPrefix} onChange={(v) => setBroker(withKey(broker, 'topicPrefix', v))} path="broker.topicPrefix" />
          </>
        ) : (
          <>
            <TextInput label="Broker URL" mono value={broker.url} onChange={(v) => setExternal('url', v ?? '')} path="broker.url" placeholder="mqtts://broker.example.com:8883" />
            <SelectInput label="MQTT version" value={broker.mqttVersion} options={enumOptions(external.mqttVersion) as ExternalBrokerSettings['mqttVersion'][]} onChange={(v) => setExternal('mqttVersion', v)} path="broker.mqttVersion" />
            <TextInput label="Username" optional value={broker.username} onChange={(v) => setExternal('username', v)} path="broker.username" hint="The password is asked for when the run starts; it is never saved in the file." />
            <TextInput label="Client id prefix" optional mono value={broker.clientIdPrefix} onChange={(v) => setExternal('clientIdPrefix', v)} path="broker.clientIdPrefix" />
            <NumberInput label="Keepalive" unit="s" value={broker.keepaliveSeconds} schema={external.keepaliveSeconds} onChange={(v) => setExternal('keepaliveSeconds', v ?? 0)} path="broker.keepaliveSeconds" />
            <TextInput label="Topic prefix" optional mono value={broker.topicPrefix} onChange={(v) => setExternal('topicPrefix', v)} path="broker.topicPrefix" hint="Keeps a simulation apart from production topics" />
          </>
        )}
      </Section>
      <EventTypesEditor />
    </div>
  );
}
