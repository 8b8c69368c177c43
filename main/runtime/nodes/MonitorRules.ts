import type { CloudEvent } from '../../../shared/events/CloudEvent';
import type { MonitorRule } from '../../../shared/flow/FlowDocument';
import { compileExpression, type CompiledExpression } from '../expressions/compileExpression';
import { SlidingWindow } from './SlidingWindow';

/** Event ids an alert lists (the newest ones in the window). */
export const MAX_ALERT_EVENT_IDS = 50;
/** Groups tracked per rule; past it, groups whose windows are empty are forgotten, then the oldest. */
export const MAX_MONITOR_GROUPS = 10_000;

export interface Alert {
  rule: MonitorRule;
  data: { rule: string; group: string | null; value: number; threshold: number; windowSeconds: number; events: string[] };
}

interface CompiledRule {
  rule: MonitorRule;
  groupBy?: CompiledExpression;
  field?: CompiledExpression;
  groups: Map<string, SlidingWindow>;
}

/**
 * A monitor's sliding-window rules: count, sum or max of a field over the last `windowSeconds`,
 * per group, alerting when the aggregate goes above the threshold. After an alert the group's
 * window starts empty, so a group alerts at most once per window of events. Expressions
 * (`groupBy`, `field`) are evaluated over the CloudEvent; an event without a group key or with
 * a non-numeric field is not counted by that rule.
 */
export class MonitorRules {
  private readonly rules: CompiledRule[];

  constructor(rules: MonitorRule[], where: string, private readonly warn: (key: string, message: string) => void) {
    this.rules = rules.map((rule, i) => {
      const compile = (source: string | undefined, field: string) => {
        if (source === undefined) return undefined;
        const r = compileExpression(source, `${where} monitor.rules[${i}].${field}`);
        if (!r.ok) throw new Error(r.error);
        return r.expression;
      };
      return { rule, groupBy: compile(rule.groupBy, 'groupBy'), field: compile(rule.field, 'field'), groups: new Map() };
    });
  }

  /** Add one event at time `now` (ms) to every rule; the alerts it triggers, in rule order. Throws on a failing expression. */
  async observe(event: CloudEvent, now: number): Promise<Alert[]> {
    const alerts: Alert[] = [];
    for (const r of this.rules) {
      let group: string | null = null;
      if (r.groupBy) {
        const g = await r.groupBy.evaluate(event);
        if (!g.ok) throw new Error(g.error);
        if (g.value === undefined || g.value === null) continue;
        group = typeof g.value === 'string' ? g.value : JSON.stringify(g.value);
      }
      let value = 1;
      if (r.rule.aggregate !== 'count') {
        if (!r.field) {
          this.warn(`nofield:${r.rule.name}`, `monitor rule ${r.rule.name} (${r.rule.aggregate}) has no field: give field, e.g. data.total`);
          continue;
        }
        const f = await r.field.evaluate(event);
        if (!f.ok) throw new Error(f.error);
        if (typeof f.value !== 'number' || !Number.isFinite(f.value)) {
          this.warn(`nan:${r.rule.name}`, `monitor rule ${r.rule.name}: field ${r.rule.field} is not a number on some events (e.g. ${event.type} ${event.id}); those are not counted`);
          continue;
        }
        value = f.value;
      }
      const key = group ?? '';
      let window = r.groups.get(key);
      if (!window) {
        if (r.groups.size >= MAX_MONITOR_GROUPS) this.forgetGroups(r, now);
        window = new SlidingWindow(r.rule.windowSeconds * 1000);
        r.groups.set(key, window);
      }
      window.add(now, value, event.id);
      const aggregate = r.rule.aggregate === 'count' ? window.count : r.rule.aggregate === 'sum' ? window.total : window.max;
      if (aggregate > r.rule.threshold) {
        alerts.push({
          rule: r.rule,
          data: {
            rule: r.rule.name,
            group,
            value: aggregate,
            threshold: r.rule.threshold,
            windowSeconds: r.rule.windowSeconds,
            events: window.recentIds(MAX_ALERT_EVENT_IDS),
          },
        });
        window.clear();
      }
    }
    return alerts;
  }

  private forgetGroups(r: CompiledRule, now: number): void {
    for (const [key, window] of r.groups) if (window.evict(now)) r.groups.delete(key);
    while (r.groups.size >= MAX_MONITOR_GROUPS) r.groups.delete(r.groups.keys().next().value as string);
  }
}
