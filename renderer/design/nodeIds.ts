/**
 * Ids and names for new nodes and channels: readable (`payment-service`, `Payment service 2`)
 * and unique in the document, so a saved file stays pleasant to read and diff.
 */

/** `Payment service` -> `payment-service`; never empty. */
export function slugify(name: string): string {
  const slug = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug || 'node';
}

/** `base`, or `base-2`, `base-3`, ... whichever is free. */
export function uniqueId(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) {
    const candidate = `${base}-${i}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** `Producer`, or `Producer 2`, `Producer 3`, ... whichever is free (a trailing number is replaced, not stacked). */
export function uniqueName(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  const stem = base.replace(/ \d+$/, '');
  for (let i = 2; ; i++) {
    const candidate = `${stem} ${i}`;
    if (!taken.has(candidate)) return candidate;
  }
}
