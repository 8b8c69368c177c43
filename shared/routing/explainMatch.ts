import { checkPattern, isPlainObject, patternPath } from './checkPattern';
import { describeAlternatives, quote } from './describeAlternative';
import type { LeafNode, ObjectNode, PatternNode } from './PatternTree';

type Path = (string | number)[];

/**
 * Match one event against a pattern and say why, field by field, for the designer's "test
 * against a sample event" box. Each reason names the field, its value and the requirement
 * it met or missed, e.g. `data.total: 120 is not >= 500` or
 * `type: "payment.failed" is one of ["payment.failed"]`. An invalid pattern does not match,
 * and its errors are the reasons. `matched` always agrees with compilePattern's matcher.
 *
 * @example
 * explainMatch({ data: { total: [{ numeric: ['>=', 500] }] } }, { data: { total: 120 } })
 * // => { matched: false, reasons: ['data.total: 120 is not >= 500'] }
 */
export function explainMatch(pattern: unknown, event: unknown): { matched: boolean; reasons: string[] } {
  const checked = checkPattern(pattern);
  if (!checked.ok) {
    return { matched: false, reasons: checked.errors.map((e) => `${e.path}: ${e.message}`) };
  }
  const reasons: string[] = [];
  if (!isPlainObject(event)) reasons.push(`(event): ${quote(event)} is not a JSON object, so every field is missing`);
  const matched = explainObject(checked.tree, isPlainObject(event) ? event : {}, [], reasons);
  if (checked.tree.fields.length === 0 && checked.tree.or.length === 0) reasons.push('(pattern): an empty pattern matches every event');
  return { matched, reasons };
}

function explainObject(node: ObjectNode, obj: Record<string, unknown>, path: Path, reasons: string[]): boolean {
  let matched = true;
  for (const { key, node: child } of node.fields) {
    const value = Object.hasOwn(obj, key) ? obj[key] : undefined;
    if (!explainValue(child, value, [...path, key], reasons)) matched = false;
  }
  if (node.or.length > 0 && !explainOr(node.or, obj, path, reasons)) matched = false;
  return matched;
}

function explainOr(branches: ObjectNode[], obj: Record<string, unknown>, path: Path, reasons: string[]): boolean {
  const here = patternPath([...path, '$or']);
  const perBranch = branches.map((branch) => {
    const own: string[] = [];
    return { matched: explainObject(branch, obj, path, own), reasons: own };
  });
  const winner = perBranch.findIndex((b) => b.matched);
  if (winner !== -1) {
    reasons.push(`${here}: branch ${winner + 1} of ${branches.length} matches`);
    for (const r of (perBranch[winner] as { reasons: string[] }).reasons) reasons.push(`  $or[${winner}] ${r}`);
    return true;
  }
  reasons.push(`${here}: none of the ${branches.length} branches matches`);
  perBranch.forEach((b, i) => {
    for (const r of b.reasons) reasons.push(`  $or[${i}] ${r}`);
  });
  return false;
}

function explainValue(node: PatternNode, value: unknown, path: Path, reasons: string[]): boolean {
  if (node.kind === 'leaf') return explainLeaf(node, value, path, reasons);
  if (isPlainObject(value)) return explainObject(node, value, path, reasons);
  if (Array.isArray(value)) {
    const where = patternPath(path);
    for (let i = 0; i < value.length; i++) {
      const element: unknown = value[i];
      const own: string[] = [];
      if (explainObject(node, isPlainObject(element) ? element : {}, [...path, i], own)) {
        reasons.push(`${where}: element ${i + 1} of ${value.length} matches`);
        reasons.push(...own);
        return true;
      }
    }
    reasons.push(`${where}: none of the ${value.length} elements matches`);
    const first: unknown = value[0];
    if (value.length > 0) explainObject(node, isPlainObject(first) ? first : {}, [...path, 0], reasons);
    return false;
  }
  if (value !== undefined) reasons.push(`${patternPath(path)}: ${quote(value)} is not an object, so its fields are missing`);
  return explainObject(node, {}, path, reasons);
}

function explainLeaf(leaf: LeafNode, value: unknown, path: Path, reasons: string[]): boolean {
  const where = patternPath(path);
  const present = value !== undefined;
  const existsTrue = leaf.alternatives.some((a) => a.kind === 'exists' && a.present);
  const existsFalse = leaf.alternatives.some((a) => a.kind === 'exists' && !a.present);
  if (!present) {
    reasons.push(existsFalse ? `${where}: is absent, as {"exists": false} requires` : `${where}: is missing`);
    return existsFalse;
  }
  if (existsTrue) {
    reasons.push(`${where}: ${quote(value)} is present, as {"exists": true} requires`);
    return true;
  }
  const described = describeAlternatives(leaf.alternatives);
  if (described.length === 0) {
    reasons.push(`${where}: ${quote(value)} is present, but {"exists": false} requires it to be absent`);
    return false;
  }
  const elements: unknown[] = Array.isArray(value) ? value : [value];
  for (const element of elements) {
    const ok = described.find((d) => d.why(element) === null);
    if (ok) {
      reasons.push(
        Array.isArray(value)
          ? `${where}: ${quote(value)} has ${quote(element)}, which ${ok.requirement}`
          : `${where}: ${quote(value)} ${ok.requirement}`,
      );
      return true;
    }
  }
  if (Array.isArray(value)) {
    const needs = described.map((d) => d.requirement).join(', or ');
    reasons.push(`${where}: no element of ${quote(value)} ${needs}`);
  } else {
    const whys = described.map((d) => d.why(value)).join(', and ');
    reasons.push(`${where}: ${quote(value)} ${whys}${existsFalse ? ', and is present, so {"exists": false} does not apply' : ''}`);
  }
  return false;
}
