/**
 * Render a path of keys and indexes the way a person reads JSON: `nodes[2].settings.ratePerSecond`.
 * Keys that are not plain identifiers are quoted: `rule.pattern["detail-type"]`.
 *
 * @example
 * formatPath(['nodes', 2, 'settings', 'ratePerSecond']) // => 'nodes[2].settings.ratePerSecond'
 */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key)) out += out ? `.${key}` : key;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out || '(document)';
}
