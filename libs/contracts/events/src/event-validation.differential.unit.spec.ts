import { plainToInstance } from 'class-transformer';
import { IsInt, IsOptional, IsString, Min, ValidateNested, validateSync } from 'class-validator';
import { Type } from 'class-transformer';
import { EventEnvelope } from './envelope';
import type { AnyEventDefinition } from './event-definition';
import { EventCatalog, getEventDefinition } from './event-catalog';
import { createEnvelope } from './event-factory';
import {
  validateEventAgainst,
  validateEventWithClassValidator,
  type EventValidationResult,
} from './event-validation';
import { compileClassCheck } from './event-validation.compiler';
import { hydrate, tryHydrate } from './event-validation.hydrator';

/**
 * Differential test of the compiled consume path (ADR 0008) against the class-validator reference:
 * every catalog example, and a corpus of mutations of every field at every depth of every event
 * (missing, wrong type, null, bad enum, bad date, bad number, extra nesting, unknown and hostile
 * keys), must get the same verdict, the same error lines and the same class instances from both.
 */
type Json = Record<string, unknown>;
type Path = (string | number)[];
const definitions = EventCatalog as readonly AnyEventDefinition[];

const VALIDATOR_OPTIONS = {
  forbidUnknownValues: true,
  validationError: { target: false, value: true },
};

function goodEvent(definition: AnyEventDefinition): Json {
  const envelope = createEnvelope(definition.topic as never, definition.example as never, {
    producer: definition.producers[0],
    correlationId: '5b0f7c3e-1d2a-4e8b-9f60-3c7a1b2d4e5f',
    causationId: null,
    eventId: '2c9d4f1a-7b3e-4a6c-8d5f-0e1b2a3c4d5e',
    occurredAt: '2025-03-14T09:31:00.000Z',
  });
  return JSON.parse(JSON.stringify(envelope)) as Json;
}

/** Every path below `data` (objects and array items, at any depth), parents before children. */
function pathsOf(value: unknown, prefix: Path = []): Path[] {
  const paths: Path[] = [];
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      paths.push([...prefix, index], ...pathsOf(item, [...prefix, index]));
    });
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      paths.push([...prefix, key], ...pathsOf(item, [...prefix, key]));
    }
  }
  return paths;
}

const REPLACEMENTS: readonly unknown[] = [
  null,
  true,
  0,
  -1,
  1.5,
  1e21,
  '',
  'NotAnEnumValue',
  'x'.repeat(5001),
  'ab\uFE0F',
  '2025-02-30T10:00:00Z', // impossible date
  '2025-03-14 09:31:00', // not ISO
  '2025-03-14T10:31:00+01:00', // not UTC
  '2025-03-14T09:31:00Z',
  [],
  [1],
  {},
  { nested: { deeper: [1, { x: 1 }] } }, // extra nesting
  [[{}]],
];

interface Mutation {
  name: string;
  json: Json;
  /** The mutated data field (for "errors name the field"); undefined for unknown/hostile keys. */
  path?: Path;
}

function mutate(json: Json, path: Path, change: (parent: Json, key: string | number) => void) {
  const copy = jsonClone(json);
  let parent = copy as Json;
  for (const step of path.slice(0, -1)) parent = parent[step as string] as Json;
  change(parent, path[path.length - 1]);
  return copy;
}

function mutationsOf(definition: AnyEventDefinition): Mutation[] {
  const good = goodEvent(definition);
  const mutations: Mutation[] = [{ name: 'catalog example', json: good }];
  const paths = [
    ...Object.keys(good)
      .filter((k) => k !== 'data')
      .map((k) => [k]),
    ['data'],
    ...pathsOf(good.data, ['data']),
  ];
  for (const path of paths) {
    const name = path.join('.');
    mutations.push({
      name: `${name} missing`,
      path,
      json: mutate(good, path, (parent, key) => {
        if (Array.isArray(parent)) parent.splice(key as number, 1);
        else delete parent[key];
      }),
    });
    for (const value of REPLACEMENTS) {
      mutations.push({
        name: `${name} = ${JSON.stringify(value).slice(0, 40)}`,
        path,
        json: mutate(good, path, (parent, key) => {
          parent[key as string] = jsonClone(value);
        }),
      });
    }
  }
  // Unknown, and hostile, keys at every object level (JSON.parse keeps `__proto__` as own key).
  for (const path of [[], ...paths].filter((p) => isObject(at(good, p)))) {
    for (const key of ['extraField', '__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      const text = JSON.stringify(good);
      const json = JSON.parse(text) as Json;
      const target = at(json, path) as Json;
      const patched = JSON.parse(
        JSON.stringify(target).replace(/^\{/, `{${JSON.stringify(key)}:{"a":1},`),
      ) as Json;
      const replaced =
        path.length === 0 ? patched : mutate(json, path, (p, k) => (p[k as string] = patched));
      mutations.push({ name: `${path.join('.') || '(envelope)'} + ${key}`, json: replaced });
    }
  }
  return mutations;
}

/**
 * A copy made by JSON.parse, as the consumer gets it (structuredClone would build objects of the
 * host realm's Object, not Jest's, which the hydrator rightly refuses as "not plain JSON").
 */
function jsonClone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function at(json: unknown, path: Path): unknown {
  return path.reduce<unknown>((v, step) => (v as Json)?.[step as string], json);
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function outcome(run: () => EventValidationResult): { thrown?: string; result?: unknown } {
  try {
    return { result: run() };
  } catch (error) {
    return { thrown: String(error) };
  }
}

describe('compiled event validation ≡ class-validator (differential)', () => {
  describe.each(definitions.map((d) => [d.topic, d] as const))('%s', (_topic, definition) => {
    const mutations = mutationsOf(definition);

    it('the compiled path covers the data class and everything nested (no silent fallback)', () => {
      expect(compileClassCheck(definition.dataClass)).toBeDefined();
      const instance = plainToInstance(definition.dataClass, goodEvent(definition).data);
      expect(compileClassCheck(definition.dataClass)!(instance)).toBe(true);
    });

    it(`gives identical verdicts, errors and instances for ${mutations.length} inputs`, () => {
      const differences: string[] = [];
      let rejected = 0;
      for (const m of mutations) {
        const reference = outcome(() =>
          validateEventWithClassValidator(definition, jsonClone(m.json)),
        );
        const compiled = outcome(() => validateEventAgainst(definition, jsonClone(m.json)));
        try {
          expect(compiled).toStrictEqual(reference);
        } catch {
          differences.push(
            `${m.name}: reference ${JSON.stringify(reference)}; compiled ${JSON.stringify(compiled)}`,
          );
          continue;
        }
        const result = reference.result as EventValidationResult | undefined;
        if (!result || result.ok) continue;
        rejected += 1;
        // Readable errors: `path: message` lines, one of them naming the mutated field or the
        // object that holds it (a rule on an open OCPI object or a cross-field rule names that).
        const malformed = result.errors.filter((line) => !/^[\w.]+: \S/.test(line));
        if (malformed.length > 0)
          differences.push(`${m.name}: unreadable ${malformed.join(' | ')}`);
        if (m.path) {
          const field = m.path.join('.');
          const property = String(m.path[m.path.length - 1]);
          const named = result.errors.some((line) => {
            const errorPath = line.slice(0, line.indexOf(':'));
            return (
              field === errorPath ||
              field.startsWith(`${errorPath}.`) ||
              errorPath.startsWith(`${field}.`) ||
              // a consistency rule on the sibling OCPI object: "... whose id = sessionId, ..."
              line.includes(`= ${property}`)
            );
          });
          if (!named && !crossFieldRule(definition, result.errors)) {
            differences.push(`${m.name}: no error names ${field}: ${result.errors.join(' | ')}`);
          }
        }
      }
      expect(differences).toEqual([]);
      // Both verdicts occur (fields inside open OCPI objects and unknown keys are accepted).
      expect(rejected).toBeGreaterThan(mutations.length / 4);
      expect(rejected).toBeLessThan(mutations.length);
    });

    it('the raw compiled check agrees with validateSync on every mutated data instance', () => {
      const check = compileClassCheck(definition.dataClass)!;
      const differences: string[] = [];
      for (const m of mutations) {
        const data = m.json.data;
        if (!isObject(data)) continue;
        let instance: object;
        try {
          instance = plainToInstance(definition.dataClass, jsonClone(data));
        } catch {
          continue; // class-transformer itself refuses (e.g. an own `constructor` object)
        }
        const expected = validateSync(instance, VALIDATOR_OPTIONS).length === 0;
        if (check(instance) !== expected) differences.push(`${m.name}: expected ${expected}`);
        // The hydrator handles every JSON input itself (no fallback) and builds the same instance.
        expect(tryHydrate(definition.dataClass, jsonClone(data))).toStrictEqual(instance);
      }
      expect(differences).toEqual([]);
    });
  });

  it('covers the envelope class', () => {
    expect(compileClassCheck(EventEnvelope)).toBeDefined();
  });

  /** Cross-field rules found in the catalog: the error names the field the rule is about. */
  function crossFieldRule(definition: AnyEventDefinition, errors: string[]): boolean {
    return (
      definition.topic === getEventDefinition('billing.cdr.created.v1')?.topic &&
      errors.some((line) => line.startsWith('data.creditReferenceId: is required'))
    );
  }
});

describe('the compiled check outside the catalog (class-validator semantics it mirrors)', () => {
  class Leaf {
    @IsInt()
    @Min(1)
    n: number;
  }
  class Root {
    @IsString()
    name: string;

    @IsOptional()
    @ValidateNested({ each: true })
    @Type(() => Leaf)
    leaves?: Leaf[];

    @ValidateNested()
    untyped: object; // no @Type: a plain object has no rules, forbidUnknownValues rejects it
  }

  it.each([
    [{ name: 'a', untyped: {} }, false],
    [{ name: 'a', leaves: [{ n: 1 }], untyped: new Leaf() }, false],
    [{ name: 'a', leaves: null, untyped: { n: 1 } }, false],
    [{ name: 'a', leaves: [{ n: 0 }] }, false],
    [{ name: 'a', leaves: [] }, true],
    [{ name: 'a', leaves: [[{ n: 2 }]] }, true],
    [{ name: 'a', leaves: ['x'] }, false],
    [{ name: 'a' }, true],
  ])('%j → valid %p, like validateSync', (plain, expected) => {
    const instance = plainToInstance(Root, plain);
    expect(validateSync(instance, VALIDATOR_OPTIONS).length === 0).toBe(expected);
    expect(compileClassCheck(Root)!(instance)).toBe(expected);
    expect(hydrate(Root, plain)).toStrictEqual(instance); // a Leaf instance: class-transformer's job
  });
});
