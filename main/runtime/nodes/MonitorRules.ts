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

/** One group key of one rule: its events of the last window, and until when its alerts are held. */
interface Group {
  window: SlidingWindow;
  /** After an alert, no other alert for this group before this time (ms); 0: not held. */
  heldUntil: number;
}

interface CompiledRule {
  rule: MonitorRule;
  groupBy?: CompiledExpression;
  field?: CompiledExpression;
  groups: Map<string, Group>;
}

/**
 * A monitor's sliding-window rules: count, sum or max of a field over the last `windowSeconds`,
 * per group, alerting when the aggregate goes above the threshold. One alert per window: after
 * a group alerts, its further alerts are held for `windowSeconds` (the attack goes on, the
 * on-call team already knows); once the hold is over it alerts again as soon as the aggregate
 * of the last window is above the threshold again. Events seen during the hold still count,
 * and the events of an alert are out of the window when its hold ends, so no event is counted
 * in two alerts. Expressions (`groupBy`, `field`) are evaluated over the CloudEvent; an event
 * without a group key or with a non-numeric field is not counted by that rule.
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
      const windowMs = r.rule.windowSeconds * 1000;
      let g = r.groups.get(key);
      if (!g) {
        if (r.groups.size >= MAX_MONITOR_GROUPS) this.forgetGroups(r, now);
        g = { window: new SlidingWindow(windowMs), heldUntil: 0 };
        r.groups.set(key, g);
      }
      const window = g.window;
      window.add(now, value, event.id);
      const aggregate = r.rule.aggregate === 'count' ? window.count : r.rule.aggregate === 'sum' ? window.total : window.max;
      if (aggregate > r.rule.threshold && now >= g.heldUntil) {
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
        g.heldUntil = now + windowMs;
      }
    }
    return alerts;
  }

  private forgetGroups(r: CompiledRule, now: number): void {
    // A group whose window is empty has had no event for a whole window, so its hold is over too.
    for (const [key, g] of r.groups) if (g.window.evict(now)) r.groups.delete(key);
    while (r.groups.size >= MAX_MONITOR_GROUPS) r.groups.delete(r.groups.keys().next().value as string);
  }
}
