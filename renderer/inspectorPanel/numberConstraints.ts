import type { z } from 'zod';

/** The bounds of a number field as its zod schema states them. */
export interface NumberConstraints {
  min?: number;
  minInclusive: boolean;
  max?: number;
  maxInclusive: boolean;
  integer: boolean;
}

interface CheckDef {
  check?: string;
  value?: number;
  inclusive?: boolean;
  format?: string;
}

/**
 * Read min, max and integer-ness from a zod number schema (through optional and default
 * wrappers), so a form field enforces exactly what the loader will.
 *
 * @example
 * numberConstraints(z.number().positive()) // => { min: 0, minInclusive: false, integer: false, maxInclusive: true }
 */
export function numberConstraints(schema: z.ZodType): NumberConstraints {
  let inner = schema as unknown as { _zod: { def: { type: string; innerType?: unknown; checks?: { _zod: { def: CheckDef } }[] } } };
  while (inner._zod.def.innerType !== undefined && inner._zod.def.type !== 'number') {
    inner = inner._zod.def.innerType as typeof inner;
  }
  const out: NumberConstraints = { minInclusive: true, maxInclusive: true, integer: false };
  for (const check of inner._zod.def.checks ?? []) {
    const def = check._zod.def;
    if (def.check === 'greater_than' && def.value !== undefined) {
      out.min = def.value;
      out.minInclusive = def.inclusive ?? true;
    } else if (def.check === 'less_than' && def.value !== undefined) {
      out.max = def.value;
      out.maxInclusive = def.inclusive ?? true;
    } else if (def.check === 'number_format' && (def.format === 'safeint' || def.format === 'int32')) {
      out.integer = true;
    }
  }
  return out;
}

/** What is wrong with `value` under the constraints, in the loader's words, or null. */
export function numberProblem(value: number, c: NumberConstraints): string | null {
  if (!Number.isFinite(value)) return 'must be a number';
  if (c.integer && !Number.isInteger(value)) return `must be a whole number, got ${value}`;
  if (c.min !== undefined && (c.minInclusive ? value < c.min : value <= c.min)) {
    return `must be ${c.minInclusive ? '>=' : '>'} ${c.min}, got ${value}`;
  }
  if (c.max !== undefined && (c.maxInclusive ? value > c.max : value >= c.max)) {
    return `must be ${c.maxInclusive ? '<=' : '<'} ${c.max}, got ${value}`;
  }
  return null;
}

/** The options of a zod enum (through optional and default wrappers). */
export function enumOptions(schema: z.ZodType): string[] {
  let inner = schema as unknown as { _zod: { def: { type: string; innerType?: unknown; entries?: Record<string, string> } } };
  while (inner._zod.def.innerType !== undefined && inner._zod.def.type !== 'enum') {
    inner = inner._zod.def.innerType as typeof inner;
  }
  return Object.values(inner._zod.def.entries ?? {});
}
