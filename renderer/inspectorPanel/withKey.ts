/**
 * A copy of `obj` with `key` set to `value`, or without `key` when `value` is undefined:
 * optional fields leave the saved file instead of being written as null.
 */
export function withKey<T extends object, K extends keyof T>(obj: T, key: K, value: T[K] | undefined): T {
  if (value === undefined) {
    if (!(key in obj)) return obj;
    const copy = { ...obj };
    delete copy[key];
    return copy;
  }
  if (obj[key] === value) return obj;
  return { ...obj, [key]: value };
}
