import type { EventPattern } from '../../shared/routing/EventPattern';
import { parsePatternJson } from '../../shared/routing/parsePatternJson';
import type { FlowEdge, RoutingRule } from '../../shared/flow/FlowDocument';
import { useDesignStore } from '../design/useDesignStore';
import { JsonInput, type JsonParse } from './JsonInput';
import { SampleEventTester } from './SampleEventTester';
import { TextInput } from './TextInput';
import { withKey } from './withKey';

/** The pattern parser's errors, each with its place in the text, as one message. */
const parsePattern: JsonParse<EventPattern> = (text) => {
  const r = parsePatternJson(text);
  if (r.ok) return { ok: true, value: r.pattern };
  return {
    ok: false,
    message: r.errors
      .map((e) => `${e.line !== undefined ? `line ${e.line}, column ${e.column ?? 1}: ` : ''}${e.path && e.path !== '(pattern)' ? `${e.path}: ` : ''}${e.message}`)
      .join('\n'),
  };
};

/**
 * A channel's routing rule: a topic filter and a content pattern (EventBridge style, as
 * JSON, with mistakes explained at their line and column), and the sample-event tester.
 */
export function RoutingRuleEditor({ edge, index }: { edge: FlowEdge; index: number }) {
  const p = `edges[${index}].rule`;
  const setRule = (patch: Partial<RoutingRule>): void =>
    useDesignStore.getState().updateEdge(edge.id, (e) => {
      let rule: RoutingRule = { ...(e.rule ?? {}) };
      for (const key of Object.keys(patch) as (keyof RoutingRule)[]) rule = withKey(rule, key, patch[key]);
      return withKey(e, 'rule', Object.keys(rule).length === 0 ? undefined : rule);
    });
  return (
    <>
      <TextInput
        label="Topic filter"
        optional
        mono
        value={edge.rule?.topicFilter}
        placeholder="any topic"
        onChange={(v) => setRule({ topicFilter: v })}
        path={`${p}.topicFilter`}
        hint="Tested against the topic the event arrived on; + and # are wildcards"
      />
      <JsonInput<EventPattern>
        label="Content pattern (JSON)"
        value={edge.rule?.pattern}
        parse={parsePattern}
        onChange={(v) => setRule({ pattern: v })}
        path={`${p}.pattern`}
        rows={6}
        placeholder={'{ "type": ["checkout.order.placed"], "data": { "total": [{ "numeric": [">=", 1000] }] } }'}
        hint="Empty: every event. Values are lists of allowed values or tests (prefix, numeric, exists, anything-but, wildcard)."
      />
      <SampleEventTester edge={edge} />
    </>
  );
}
