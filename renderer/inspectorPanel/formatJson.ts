/** Containers whose one-line form is at most this long stay on one line. */
const INLINE_WIDTH = 36;

/**
 * JSON for people: indented like JSON.stringify(v, null, 2), but short arrays and objects
 * (`["checkout.order.placed"]`, `{ "numeric": [">=", 1000] }`) stay on one line, so a
 * routing pattern or an example fits the inspector without scrolling.
 *
 * @example
 * formatJson({ type: ['a'], data: { total: [{ numeric: ['>=', 1] }] } })
 * // '{\n  "type": ["a"],\n  "data": {\n    "total": [\n      { "numeric": [">=", 1] }\n    ]\n  }\n}'
 */
export function formatJson(value: unknown, indent = '', keyWidth = 0): string {
  const inline = inlineJson(value);
  if (inline.length + indent.length + keyWidth <= INLINE_WIDTH || value === null || typeof value !== 'object') return inline;
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    return `[\n${value.map((v) => `${inner}${formatJson(v, inner)}`).join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${formatJson(v, inner, JSON.stringify(k).length + 2)}`).join(',\n')}\n${indent}}`;
}

function inlineJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(inlineJson).join(', ')}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return '{}';
  return `{ ${entries.map(([k, v]) => `${JSON.stringify(k)}: ${inlineJson(v)}`).join(', ')} }`;
}
