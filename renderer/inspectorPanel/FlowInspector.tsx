import { Workflow } from 'lucide-react';
import {
  embeddedBrokerSchema,
  externalBrokerSchema,
  type BrokerSettings,
  type ExternalBrokerSettings,
} from '../../shared/flow/FlowDocument';
import { useDesignStore } from '../design/useDesignStore';
import { CheckboxInput } from './CheckboxInput';
import { EventTypesEditor } from './EventTypesEditor';
import { NumberInput } from './NumberInput';
import { enumOptions } from './numberConstraints';
import { Section } from './Section';
import { SelectInput } from './SelectInput';
import { TextInput } from './TextInput';
import { withKey } from './withKey';

const embedded = embeddedBrokerSchema.shape;
const external = externalBrokerSchema.shape;

type TlsSettings = NonNullable<ExternalBrokerSettings['tls']>;

/**
 * The external broker's TLS files (CA, client certificate and key, read on the machine that
 * runs the flow) and whether its certificate must check out. With nothing set the `tls`
 * block leaves the file: a TLS URL then uses the system's certificate authorities.
 */
function TlsSection({ broker, onChange }: { broker: ExternalBrokerSettings; onChange(tls: TlsSettings | undefined): void }) {
  const tls: TlsSettings = broker.tls ?? { rejectUnauthorized: true };
  const set = <K extends keyof TlsSettings>(key: K, value: TlsSettings[K] | undefined): void => {
    const next = withKey(tls, key, value);
    const empty = next.caFile === undefined && next.certFile === undefined && next.keyFile === undefined && next.rejectUnauthorized;
    onChange(empty ? undefined : next);
  };
  const secure = /^(mqtts|wss):/i.test(broker.url);
  return (
    <Section title="TLS">
      {!secure && <p className="ef-muted">Used with an mqtts:// or wss:// broker URL.</p>}
      <TextInput label="CA file" optional mono value={tls.caFile} onChange={(v) => set('caFile', v)} path="broker.tls.caFile" placeholder="/etc/ssl/my-ca.pem" hint="The certificate authority that signed the broker's certificate; empty: the system's" />
      <TextInput label="Certificate file" optional mono value={tls.certFile} onChange={(v) => set('certFile', v)} path="broker.tls.certFile" placeholder="client.crt" hint="A client certificate, for brokers that ask for one" />
      <TextInput label="Key file" optional mono value={tls.keyFile} onChange={(v) => set('keyFile', v)} path="broker.tls.keyFile" placeholder="client.key" hint="The client certificate's private key. Paths are read on the machine that runs the flow." />
      <CheckboxInput
        label="Verify certificate"
        checked={tls.rejectUnauthorized}
        onChange={(v) => set('rejectUnauthorized', v)}
        hint={tls.rejectUnauthorized ? 'Refuse a broker whose certificate does not check out' : 'Accepts any certificate: for a test broker only'}
      />
    </Section>
  );
}

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
          <h2 className="ef-inspector__name" title={name}>
            {name}
          </h2>
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
          wide
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
      {broker.kind === 'external' && <TlsSection broker={broker} onChange={(tls) => setExternal('tls', tls)} />}
      <EventTypesEditor />
    </div>
  );
}
