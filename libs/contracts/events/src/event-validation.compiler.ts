import {
  getMetadataStorage,
  ValidationTypes,
  type ValidationArguments,
  type ValidatorConstraintInterface,
} from 'class-validator';

/**
 * Compiled class-validator: the verdict of `validateSync(instance, VALIDATOR_OPTIONS)` without
 * class-validator's per-call cost (metadata lookup and filtering for every object, grouping,
 * error objects for every property). Per class, the decorator metadata is read once into a plan;
 * validating walks the plan and calls **the same constraint functions** the decorators registered,
 * with the same `ValidationArguments`, so formats, ranges and custom rules cannot drift from the
 * decorators. It mirrors `ValidationExecutor` for the options this library validates with
 * (`forbidUnknownValues: true`, no groups, no whitelist, no skipping; async rules are ignored as in
 * `validateSync`). It only answers "valid or not": readable errors come from class-validator itself
 * on the (rare) invalid path — see `event-validation.ts` and ADR 0008.
 *
 * A class whose metadata uses something the plan does not model (promise validation) compiles to
 * `undefined`: callers then use class-validator for it.
 */
export type CompiledCheck = (object: object) => boolean;

interface Rule {
  readonly constraint: ValidatorConstraintInterface;
  readonly propertyName: string;
  readonly constraints: unknown[];
  readonly each: boolean;
}

interface PropertyPlan {
  readonly name: string;
  readonly conditions: readonly ((object: unknown, value: unknown) => boolean)[];
  /** IS_DEFINED rules (class-validator runs them before the others, after the conditions). */
  readonly defined: readonly Rule[];
  readonly custom: readonly Rule[];
  /** Schema names (`metadata.target` as class-validator passes it) of @ValidateNested rules. */
  readonly nested: readonly string[];
}

interface ClassPlan {
  /** No metadata at all: `forbidUnknownValues` rejects such an object. */
  readonly unknown: boolean;
  readonly properties: readonly PropertyPlan[];
}

const UNSUPPORTED = Symbol('unsupported');
type Plan = ClassPlan | typeof UNSUPPORTED;

/** Plans per constructor, then per target schema name (nested validation passes the class name). */
const plans = new WeakMap<object, Map<string | undefined, Plan>>();

class UnsupportedMetadata extends Error {}

/**
 * The compiled check for instances of `target` (top level: class-validator's `targetSchema` is
 * undefined). `undefined` when the class cannot be compiled.
 */
export function compileClassCheck(target: new () => object): CompiledCheck | undefined {
  const plan = planFor(target, undefined);
  if (plan === UNSUPPORTED) return undefined;
  return (object) => {
    try {
      return executeObject(object, undefined);
    } catch (error) {
      if (error instanceof UnsupportedMetadata) return false; // let class-validator decide
      throw error;
    }
  };
}

function planFor(target: object, schema: string | undefined): Plan {
  let bySchema = plans.get(target);
  if (!bySchema) {
    bySchema = new Map();
    plans.set(target, bySchema);
  }
  let plan = bySchema.get(schema);
  if (plan === undefined) {
    plan = buildPlan(target, schema);
    bySchema.set(schema, plan);
  }
  return plan;
}

function buildPlan(target: object, schema: string | undefined): Plan {
  const storage = getMetadataStorage();
  const metadatas = storage.getTargetValidationMetadatas(
    target as new () => object,
    schema as string,
    false,
    false,
    undefined,
  );
  if (metadatas.length === 0) return { unknown: true, properties: [] };
  const grouped = storage.groupByPropertyName(metadatas);
  const properties: PropertyPlan[] = [];
  for (const name of Object.keys(grouped)) {
    const conditions: PropertyPlan['conditions'][number][] = [];
    const defined: Rule[] = [];
    const custom: Rule[] = [];
    const nested: string[] = [];
    for (const metadata of grouped[name]) {
      switch (metadata.type) {
        case ValidationTypes.WHITELIST:
          break; // only used with `whitelist: true`
        case ValidationTypes.CONDITIONAL_VALIDATION:
          conditions.push(metadata.constraints[0] as (object: unknown, value: unknown) => boolean);
          break;
        case ValidationTypes.NESTED_VALIDATION:
          nested.push(typeof metadata.target === 'string' ? metadata.target : metadata.target.name);
          break;
        case ValidationTypes.IS_DEFINED:
          defined.push(...rulesOf(metadata));
          break;
        case ValidationTypes.CUSTOM_VALIDATION:
          custom.push(...rulesOf(metadata));
          break;
        default:
          return UNSUPPORTED; // promise validation: not modelled
      }
    }
    properties.push({ name, conditions, defined, custom, nested });
  }
  return { unknown: false, properties };
}

function rulesOf(
  metadata: ReturnType<
    ReturnType<typeof getMetadataStorage>['getTargetValidationMetadatas']
  >[number],
): Rule[] {
  return getMetadataStorage()
    .getTargetValidatorConstraints(metadata.constraintCls)
    .filter((constraint) => !constraint.async) // validateSync ignores async validators
    .map((constraint) => ({
      constraint: constraint.instance as ValidatorConstraintInterface,
      propertyName: metadata.propertyName,
      constraints: metadata.constraints,
      each: metadata.each === true,
    }));
}

/** `ValidationExecutor.execute`: validates one object against its constructor's plan. */
function executeObject(object: object, schema: string | undefined): boolean {
  const plan = planFor((object as { constructor: object }).constructor, schema);
  if (plan === UNSUPPORTED) throw new UnsupportedMetadata();
  if (plan.unknown) return false;
  const record = object as Record<string, unknown>;
  for (const property of plan.properties) {
    if (!validateProperty(object, record[property.name], property)) return false;
  }
  return true;
}

/** `ValidationExecutor.performValidations` for one property of `object`. */
function validateProperty(object: object, value: unknown, property: PropertyPlan): boolean {
  for (const condition of property.conditions) if (!condition(object, value)) return true;
  if (!runRules(object, value, property.defined)) return false;
  if (!runRules(object, value, property.custom)) return false;
  return property.nested.length === 0 || validateNested(value, property.nested);
}

function runRules(object: object, value: unknown, rules: readonly Rule[]): boolean {
  if (rules.length === 0) return true;
  const targetName = (object as { constructor?: { name?: string } }).constructor
    ? (object as { constructor: { name?: string } }).constructor.name
    : undefined;
  for (const rule of rules) {
    const args: ValidationArguments = {
      targetName: targetName as string,
      property: rule.propertyName,
      object,
      value,
      constraints: rule.constraints,
    };
    if (!rule.each || !isCollection(value)) {
      if (!passed(rule.constraint.validate(value, args))) return false;
      continue;
    }
    for (const item of collectionValues(value)) {
      if (!passed(rule.constraint.validate(item, args))) return false;
    }
  }
  return true;
}

/** `ValidationExecutor.nestedValidations`. */
function validateNested(value: unknown, schemas: readonly string[]): boolean {
  if (value === undefined) return true;
  for (const schema of schemas) {
    if (isCollection(value)) {
      for (const item of collectionValues(value)) {
        if (!validateNested(item, schemas)) return false;
      }
    } else if (value instanceof Object) {
      if (!executeObject(value, schema)) return false;
    } else {
      return false;
    }
  }
  return true;
}

/** A sync verdict; a promise (an async rule not flagged async) is not awaited by validateSync. */
function passed(result: boolean | Promise<boolean>): boolean {
  if (result !== null && typeof result === 'object' && typeof result.then === 'function') {
    return true;
  }
  return Boolean(result);
}

function isCollection(value: unknown): value is unknown[] | Set<unknown> | Map<unknown, unknown> {
  return Array.isArray(value) || value instanceof Set || value instanceof Map;
}

function collectionValues(
  value: unknown[] | Set<unknown> | Map<unknown, unknown>,
): Iterable<unknown> {
  return Array.isArray(value) ? value : value.values();
}
