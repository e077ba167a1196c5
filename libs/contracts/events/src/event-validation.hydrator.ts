import { plainToInstance } from 'class-transformer';
import type { MetadataStorage as ClassTransformerMetadataStorage } from 'class-transformer/types/MetadataStorage';

// class-transformer keeps `@Type()` metadata here (also read by the AsyncAPI generator).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as {
  defaultMetadataStorage: ClassTransformerMetadataStorage;
};

/**
 * `plainToInstance(cls, plain)` with class-transformer's default options, for parsed JSON, without
 * its per-call metadata lookups: per class, the `@Type()` metadata is read once. It reproduces
 * `TransformOperationExecutor` (PLAIN_TO_CLASS) for what event contracts use — `@Type(() => Class)`
 * on nested objects and arrays, unknown keys kept, plain objects copied, `__proto__`/`constructor`
 * keys and keys naming inherited functions skipped — and hands anything else to class-transformer
 * itself: classes with `@Expose`/`@Exclude`/`@Transform` or discriminators, Map/Set/Date/Buffer/
 * primitive target types, and values that are not plain JSON (class instances, promises...).
 * The differential spec compares the result with `plainToInstance` (`toStrictEqual`).
 */
export function hydrate<T extends object>(cls: new () => T, plain: unknown): T {
  return tryHydrate(cls, plain) ?? plainToInstance(cls, plain);
}

/** `hydrate` without the fallback: undefined when class-transformer has to do it. */
export function tryHydrate<T extends object>(cls: new () => T, plain: unknown): T | undefined {
  try {
    return transform(plain, cls, undefined) as T;
  } catch (error) {
    if (error instanceof NotModelled) return undefined;
    throw error;
  }
}

class NotModelled extends Error {}

interface TypeMetadataLike {
  typeFunction?: (options: { newObject: unknown; object: unknown; property: string }) => unknown;
  reflectedType?: unknown;
  options?: { discriminator?: unknown };
}

interface ClassPlan {
  /** `@Type()` metadata per property (own class first, then ancestors, as class-transformer). */
  readonly types: ReadonlyMap<string, TypeMetadataLike>;
}

const NOT_SUPPORTED = Symbol('not supported');
const classPlans = new WeakMap<object, ClassPlan | typeof NOT_SUPPORTED>();

interface PrivateStorage {
  _typeMetadatas?: Map<unknown, Map<string, TypeMetadataLike>>;
  _transformMetadatas?: Map<unknown, Map<string, unknown[]>>;
  _exposeMetadatas?: Map<unknown, Map<string | undefined, unknown>>;
  _excludeMetadatas?: Map<unknown, Map<string | undefined, unknown>>;
}

function planOf(target: object): ClassPlan | typeof NOT_SUPPORTED {
  let plan = classPlans.get(target);
  if (plan === undefined) {
    plan = buildPlan(target);
    classPlans.set(target, plan);
  }
  return plan;
}

function buildPlan(target: object): ClassPlan | typeof NOT_SUPPORTED {
  const { _typeMetadatas, _transformMetadatas, _exposeMetadatas, _excludeMetadatas } =
    defaultMetadataStorage as unknown as PrivateStorage;
  if (!_typeMetadatas || !_transformMetadatas || !_exposeMetadatas || !_excludeMetadatas) {
    return NOT_SUPPORTED; // another class-transformer layout: let it do the work
  }
  const lineage = [target, ...ancestorsOf(target as new () => object)];
  const types = new Map<string, TypeMetadataLike>();
  for (const cls of lineage) {
    if (_transformMetadatas.get(cls)?.size) return NOT_SUPPORTED;
    if (_exposeMetadatas.get(cls)?.size) return NOT_SUPPORTED;
    if (_excludeMetadatas.get(cls)?.size) return NOT_SUPPORTED;
    for (const [property, metadata] of _typeMetadatas.get(cls) ?? []) {
      if (metadata.options?.discriminator) return NOT_SUPPORTED;
      if (!types.has(property)) types.set(property, metadata);
    }
  }
  return { types };
}

/** Base classes, nearest first (class-transformer's `getAncestors`). */
function ancestorsOf(target: new () => object): unknown[] {
  const ancestors: unknown[] = [];
  let base = Object.getPrototypeOf(target.prototype.constructor) as { prototype?: object };
  while (typeof base.prototype !== 'undefined') {
    ancestors.push(base);
    base = Object.getPrototypeOf((base.prototype as { constructor: object }).constructor) as {
      prototype?: object;
    };
  }
  return ancestors;
}

const SPECIAL_TARGETS: readonly unknown[] = [String, Number, Boolean, Date, Buffer, Map, Set];

const plainArrayTypes = new WeakMap<object, boolean>();

/**
 * class-transformer's `instantiateArrayType`: `new arrayType()`, kept when it is a Set or has
 * `push`, else a plain array. A `@Type(() => Price)` property holding a JSON array becomes `[]` +
 * items; Sets and array subclasses are left to class-transformer.
 */
function givesPlainArray(arrayType: unknown): boolean {
  if (arrayType === Array) return true;
  if (typeof arrayType !== 'function') return false;
  let plain = plainArrayTypes.get(arrayType);
  if (plain === undefined) {
    const probe = new (arrayType as new () => object)();
    plain = !(probe instanceof Set) && !('push' in probe);
    plainArrayTypes.set(arrayType, plain);
  }
  return plain;
}

/** `TransformOperationExecutor.transform` for PLAIN_TO_CLASS with default options. */
function transform(value: unknown, targetType: unknown, arrayType: unknown): unknown {
  if (targetType !== undefined && SPECIAL_TARGETS.includes(targetType)) throw new NotModelled();
  if (Array.isArray(value)) {
    if (arrayType !== undefined && !givesPlainArray(arrayType)) throw new NotModelled();
    const out: unknown[] = [];
    for (const item of value) out.push(transform(item, targetType, undefined));
    return out;
  }
  if (typeof value !== 'object' || value === null) return value;
  if (Object.getPrototypeOf(value) !== Object.prototype) throw new NotModelled();
  const source = value as Record<string, unknown>;
  if (typeof source.then === 'function') throw new NotModelled();
  let plan: ClassPlan | undefined;
  let out: Record<string, unknown>;
  if (targetType === undefined) {
    // class-transformer would construct `value.constructor` (an own `constructor` key)
    if (source.constructor !== Object) throw new NotModelled();
    out = {};
  } else {
    if (typeof targetType !== 'function') throw new NotModelled();
    const found = planOf(targetType);
    if (found === NOT_SUPPORTED) throw new NotModelled();
    plan = found;
    out = new (targetType as new () => Record<string, unknown>)();
  }
  const prototype = (out.constructor as { prototype?: object } | undefined)?.prototype;
  for (const key of Object.keys(source)) {
    if (key === '__proto__' || key === 'constructor') continue;
    const sub = source[key];
    const metadata = plan?.types.get(key);
    let type: unknown;
    if (metadata) {
      type = metadata.typeFunction
        ? metadata.typeFunction({ newObject: out, object: source, property: key })
        : metadata.reflectedType;
      if (metadata.reflectedType === Map) throw new NotModelled();
    }
    // class-transformer does not overwrite getters (without setter) and functions of the target
    if (prototype) {
      const descriptor = Object.getOwnPropertyDescriptor(prototype, key);
      if ((descriptor && !descriptor.set) || out[key] instanceof Function) continue;
    }
    const subArrayType = Array.isArray(sub) && metadata ? metadata.reflectedType : undefined;
    out[key] = transform(sub, type, subArrayType);
  }
  return out;
}
