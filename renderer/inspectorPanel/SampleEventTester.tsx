import { CheckCircle2, XCircle } from 'lucide-react';
import { useId, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { FlowEdge } from '../../shared/flow/FlowDocument';
import { explainMatch } from '../../shared/routing/explainMatch';
import { topicMatches } from '../../shared/routing/topicMatches';
import { slugify } from '../design/nodeIds';
import { useDesignStore } from '../design/useDesignStore';
import { formatJson } from './formatJson';
import { parseJson } from './JsonInput';
import { typesLeaving } from './typesLeaving';

/** A fixed time keeps the sample stable (and a saved test readable). */
const SAMPLE_TIME = '2026-01-31T12:00:00Z';

/**
 * "Test against a sample event": a CloudEvent prefilled from the example of an event type
 * that can take this channel, editable, and the verdict of the channel's rule on it (match /
 * no match) with the reason for every field the pattern looks at.
 */
export function SampleEventTester({ edge }: { edge: FlowEdge }) {
  const types = useDesignStore(useShallow((s) => typesLeaving(s.doc, edge.source)));
  const preferred = preferredType(edge, types);
  const [typeChoice, setTypeChoice] = useState<string | null>(null);
  const type = typeChoice !== null && types.includes(typeChoice) ? typeChoice : preferred;
  const example = useDesignStore((s) => s.doc.eventTypes.find((t) => t.name === type)?.example);
  const flowName = useDesignStore((s) => s.doc.name);
  const inboundTopic = useDesignStore((s) => s.doc.edges.find((e) => e.target === edge.source)?.topic);
  const prefilled = formatJson(sampleEvent(type, example, flowName, edge.source));
  const [edited, setEdited] = useState<{ text: string; over: string } | null>(null);
  const text = edited && edited.over === prefilled ? edited.text : prefilled;
  const selectId = useId();
  const textId = useId();

  const parsed = parseJson(text);
  const pattern = edge.rule?.pattern;
  const filter = edge.rule?.topicFilter;
  const topicVerdict =
    filter && inboundTopic !== undefined ? { matched: safeTopicMatch(filter, inboundTopic), topic: inboundTopic } : null;
  const verdict = !parsed.ok
    ? null
    : pattern
      ? explainMatch(pattern, parsed.value)
      : { matched: true, reasons: ['No content pattern: every event takes this channel.'] };
  const matched = verdict !== null && verdict.matched && (topicVerdict?.matched ?? true);

  return (
    <div className="ef-tester" aria-label="Test against a sample event" role="group">
      <div className="ef-tester__title">Test against a sample event</div>
      {types.length > 0 && (
        <div className="ef-field">
          <label className="ef-field__label" htmlFor={selectId}>
            Sample type
          </label>
          <select id={selectId} className="ef-input ef-select" value={type ?? ''} title={type ?? undefined} onChange={(e) => setTypeChoice(e.target.value)}>
            {types.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="ef-field ef-field--wide">
        <label className="ef-field__label" htmlFor={textId}>
          Sample event
        </label>
        <textarea
          id={textId}
          className="ef-input ef-input--area ef-input--mono"
          rows={9}
          spellCheck={false}
          value={text}
          onChange={(e) => setEdited({ text: e.target.value, over: prefilled })}
        />
        {!parsed.ok && <div className="ef-field__message ef-field__message--error">{parsed.message}</div>}
      </div>
      {verdict && (
        <div className={`ef-verdict ef-verdict--${matched ? 'match' : 'miss'}`} role="status" data-testid="rule-verdict">
          <div className="ef-verdict__head">
            {matched ? <CheckCircle2 size={16} aria-hidden /> : <XCircle size={16} aria-hidden />}
            {matched ? 'Match: this event takes the channel' : 'No match: this event does not take the channel'}
          </div>
          <ul className="ef-verdict__reasons">
            {topicVerdict && (
              <li>
                topic {JSON.stringify(topicVerdict.topic)} {topicVerdict.matched ? 'matches' : 'does not match'} the filter{' '}
                {JSON.stringify(filter)}
              </li>
            )}
            {verdict.reasons.map((r, i) => (
              <li key={i}>{r}</li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

function preferredType(edge: FlowEdge, types: readonly string[]): string | null {
  const wanted = edge.rule?.pattern?.type;
  if (Array.isArray(wanted)) {
    const hit = wanted.find((t): t is string => typeof t === 'string' && types.includes(t));
    if (hit) return hit;
  }
  return types[0] ?? null;
}

function sampleEvent(type: string | null, example: unknown, flowName: string, sourceId: string) {
  return {
    specversion: '1.0',
    id: 'evt-0001',
    type: type ?? 'item.created',
    source: `eventflow://${slugify(flowName)}/${sourceId}`,
    time: SAMPLE_TIME,
    datacontenttype: 'application/json',
    correlationid: 'evt-0001',
    data: example ?? {},
  };
}

function safeTopicMatch(filter: string, topic: string): boolean {
  try {
    return topicMatches(filter, topic);
  } catch {
    return false;
  }
}
