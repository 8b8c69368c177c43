import { Faker, base, en } from '@faker-js/faker';
import type { SeededRandom } from '../random/SeededRandom';

/** Faker modules a template may call (`$faker('person.fullName')`); the rest of faker is internal. */
export const FAKER_MODULES = [
  'airline', 'animal', 'book', 'color', 'commerce', 'company', 'database', 'datatype', 'date', 'finance', 'food',
  'git', 'hacker', 'helpers', 'internet', 'location', 'lorem', 'music', 'number', 'person', 'phone', 'science',
  'string', 'system', 'vehicle', 'word',
] as const;

/** Faker dates are relative to this instant, not to today, so a seed gives the same dates every day. */
export const FAKER_REFERENCE_DATE = '2026-01-01T00:00:00.000Z';

/**
 * The functions a producer template can call, all drawing from the producer's own seeded
 * generator and its own seeded faker instance:
 * `$random()` in [0,1), `$randomInt(min, max)` inclusive, `$pick(array)`, `$uuid()`,
 * `$faker('module.method', args...)` e.g. `$faker('commerce.price', {'min': 5, 'max': 50})`.
 */
export function templateBindings(rng: SeededRandom, fakerSeed: number): Record<string, unknown> {
  let faker: Faker | undefined;
  const fakerCall = (path: unknown, ...args: unknown[]): unknown => {
    faker ??= createFaker(fakerSeed);
    const [moduleName, method, extra] = typeof path === 'string' ? path.split('.') : [];
    if (!moduleName || !method || extra !== undefined || !(FAKER_MODULES as readonly string[]).includes(moduleName)) {
      throw templateError(
        `$faker(${JSON.stringify(path)}): use 'module.method' with a faker module (${FAKER_MODULES.join(', ')}), e.g. 'person.fullName'`,
      );
    }
    const mod = (faker as unknown as Record<string, Record<string, unknown>>)[moduleName];
    const fn = mod?.[method];
    if (typeof fn !== 'function' || method.startsWith('_')) {
      throw templateError(`$faker(${JSON.stringify(path)}): faker.${moduleName} has no function ${method}`);
    }
    const value = (fn as (...a: unknown[]) => unknown).apply(mod, args);
    return value instanceof Date ? value.toISOString() : typeof value === 'bigint' ? Number(value) : value;
  };
  return {
    random: () => rng.next(),
    randomInt: (min: unknown, max: unknown) => {
      if (typeof min !== 'number' || typeof max !== 'number') throw templateError('$randomInt(min, max): both must be numbers');
      return rng.int(min, max);
    },
    pick: (items: unknown) => {
      if (!Array.isArray(items) || items.length === 0) throw templateError('$pick(array): give a non-empty array');
      return items[Math.floor(rng.next() * items.length)];
    },
    uuid: () => rng.uuid(),
    faker: fakerCall,
  };
}

function createFaker(seed: number): Faker {
  const faker = new Faker({ locale: [en, base] });
  faker.seed(seed);
  faker.setDefaultRefDate(FAKER_REFERENCE_DATE);
  return faker;
}

/** JSONata reports thrown objects with `message`; keep ours in that shape. */
function templateError(message: string): { code: string; message: string } {
  return { code: 'EVENTFLOW', message };
}
