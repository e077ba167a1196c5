import type { MetadataStorage as ClassTransformerMetadataStorage } from 'class-transformer/types/MetadataStorage';
import { IS_ISO31661_ALPHA_2, IS_ISO4217_CURRENCY_CODE, IS_TIMEZONE } from 'class-validator';
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';
import {
  IS_CONSISTENT_OCPI_OBJECT,
  IS_UTC_DATE_TIME,
  UTC_DATE_TIME_PATTERN,
} from '../common/validators';
import { EventEnvelope } from '../envelope';
import { EventCatalog } from '../event-catalog';

// class-transformer keeps `@Type()` metadata here; needed to resolve nested array item classes.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as {
  defaultMetadataStorage: ClassTransformerMetadataStorage;
};

export type JsonSchema = Record<string, unknown>;

export const SCHEMA_REF_PREFIX = '#/components/schemas/';

/** JSON Schema for our own class-validator decorators (class-validator-jsonschema does not know them). */
const additionalConverters = {
  [IS_UTC_DATE_TIME]: {
    type: 'string',
    format: 'date-time',
    pattern: UTC_DATE_TIME_PATTERN.source,
  },
  [IS_CONSISTENT_OCPI_OBJECT]: { type: 'object' },
  [IS_ISO4217_CURRENCY_CODE]: { type: 'string' },
  [IS_ISO31661_ALPHA_2]: { type: 'string' },
  [IS_TIMEZONE]: { type: 'string', description: 'IANA time zone, e.g. Europe/Amsterdam' },
} as const;

/**
 * JSON Schemas (AsyncAPI Schema / JSON Schema draft-07) of the envelope and of every data class and
 * the classes nested in them, by class name. Only schemas reachable from those roots are returned,
 * so classes of other libraries that happen to be loaded never leak in.
 */
export function buildComponentSchemas(): Record<string, JsonSchema> {
  const all = validationMetadatasToSchemas({
    refPointerPrefix: SCHEMA_REF_PREFIX,
    classTransformerMetadataStorage: defaultMetadataStorage,
    additionalConverters,
  }) as Record<string, JsonSchema>;

  const roots = [EventEnvelope.name, ...EventCatalog.map((d) => d.dataClass.name)];
  const reachable = new Set<string>();
  const visit = (name: string): void => {
    if (reachable.has(name)) return;
    const schema = all[name];
    if (!schema) throw new Error(`no JSON schema generated for class ${name}`);
    reachable.add(name);
    for (const ref of collectRefs(schema)) visit(ref.slice(SCHEMA_REF_PREFIX.length));
  };
  roots.forEach(visit);

  const result: Record<string, JsonSchema> = {};
  for (const name of [...reachable].sort()) result[name] = normalize(all[name]) as JsonSchema;
  result[EventEnvelope.name] = moveToEnd(result[EventEnvelope.name], 'data');
  return result;
}

/** Inherited properties come after own ones; the envelope reads better with `data` last. */
function moveToEnd(schema: JsonSchema, property: string): JsonSchema {
  const { [property]: moved, ...others } = schema.properties as Record<string, unknown>;
  const required = (schema.required as string[] | undefined) ?? [];
  return {
    ...schema,
    properties: { ...others, [property]: moved },
    required: [...required.filter((name) => name !== property), property],
  };
}

/** Every `$ref` string inside a schema. */
export function collectRefs(node: unknown, into: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((item) => collectRefs(item, into));
  else if (node !== null && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') into.push(value);
      else collectRefs(value, into);
    }
  }
  return into;
}

/**
 * Cleans the generator's output: a `$ref` with sibling keywords (ignored by draft-07) becomes
 * `allOf: [{ $ref }]` plus the siblings (minus a redundant `type: object`); `oneOf` from IsISO8601
 * and similar stay as they are.
 */
function normalize(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(normalize);
  if (node === null || typeof node !== 'object') return node;
  const entries = Object.entries(node as Record<string, unknown>).map(
    ([key, value]) => [key, normalize(value)] as const,
  );
  const object = Object.fromEntries(entries) as Record<string, unknown>;
  if (typeof object.$ref === 'string' && Object.keys(object).length > 1) {
    const { $ref, type, ...rest } = object;
    void type;
    return Object.keys(rest).length === 0 ? { $ref } : { allOf: [{ $ref }], ...rest };
  }
  return object;
}
