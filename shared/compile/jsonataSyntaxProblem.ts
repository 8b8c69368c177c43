import jsonata from 'jsonata';

/**
 * The designer compiles on every edit, and most expressions did not change since the last
 * compile; parsing them again is most of the compiler's time on a large flow. Results are
 * kept per expression text (the answer depends on nothing else), the least recently used
 * dropped past this many.
 */
export const MAX_CACHED_EXPRESSIONS = 2000;

const cache = new Map<string, string | null>();

/**
 * Why a JSONata expression does not parse, as jsonata explains it with the character
 * position, or null when it parses. Only syntax: what it computes depends on the data.
 *
 * @example
 * jsonataSyntaxProblem('data.total * 2') // => null
 * jsonataSyntaxProblem('data.total +') // => 'Unexpected end of expression at character 12'
 */
export function jsonataSyntaxProblem(text: string): string | null {
  const cached = cache.get(text);
  if (cached !== undefined) {
    cache.delete(text);
    cache.set(text, cached);
    return cached;
  }
  const problem = parse(text);
  cache.set(text, problem);
  if (cache.size > MAX_CACHED_EXPRESSIONS) cache.delete(cache.keys().next().value!);
  return problem;
}

function parse(text: string): string | null {
  try {
    jsonata(text);
    return null;
  } catch (err) {
    const e = err as { message?: unknown; position?: unknown };
    const message = typeof e.message === 'string' && e.message ? e.message : String(err);
    return typeof e.position === 'number' ? `${message} at character ${e.position}` : message;
  }
}
