import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError, type ValidatorOptions } from 'class-validator';
import { EventEnvelope } from './envelope';
import type { AnyEventDefinition } from './event-definition';
import { getEventDefinition, type TopicDataMap } from './event-catalog';
import type { TopicName } from './topics';
import { compileClassCheck, type CompiledCheck } from './event-validation.compiler';
import { hydrate } from './event-validation.hydrator';

/**
 * Validation policy (also in README.md):
 * - Unknown fields, in the envelope and in data, are tolerated and kept (forward compatibility: a
 *   producer on a newer additive schemaVersion must not break older consumers during a rollout).
 *   Known fields are validated strictly (types, formats, ranges, required).
 * - `eventType` must equal the topic's event type.
 * - `schemaVersion` lower than the definition's: the data is upcast through `definition.upcast`
 *   (an error when there is none) and the returned envelope says the current version.
 *   Higher (a producer on a newer additive revision): accepted and validated with the current
 *   class; the envelope keeps the version it was produced with.
 */
const VALIDATOR_OPTIONS: ValidatorOptions = {
  whitelist: false,
  forbidNonWhitelisted: false,
  forbidUnknownValues: true,
  skipMissingProperties: false,
  validationError: { target: false, value: true },
};

export type EventValidationResult<TData = unknown> =
  { ok: true; envelope: EventEnvelope<TData> } | { ok: false; errors: string[] };

/**
 * Validates a parsed JSON envelope read from (or about to go to) `topic`: the envelope fields, the
 * topic match and the data against the topic's data class. Synchronous; never throws.
 */
export function validateEvent<T extends TopicName>(
  topic: T,
  envelopeJson: unknown,
): EventValidationResult<TopicDataMap[T]>;
export function validateEvent(topic: string, envelopeJson: unknown): EventValidationResult;
export function validateEvent(topic: string, envelopeJson: unknown): EventValidationResult {
  const definition = getEventDefinition(topic);
  if (!definition) return { ok: false, errors: [`unknown topic "${topic}"`] };
  return validateEventAgainst(definition, envelopeJson);
}

/** `validateEvent` for raw message bytes: parses the JSON first. */
export function parseEvent<T extends TopicName>(
  topic: T,
  raw: string | Buffer,
): EventValidationResult<TopicDataMap[T]>;
export function parseEvent(topic: string, raw: string | Buffer): EventValidationResult;
export function parseEvent(topic: string, raw: string | Buffer): EventValidationResult {
  let json: unknown;
  try {
    json = JSON.parse(typeof raw === 'string' ? raw : raw.toString('utf8'));
  } catch (error) {
    return { ok: false, errors: [`value is not JSON: ${(error as Error).message}`] };
  }
  return validateEvent(topic, json);
}

type ValidatedDefinition<TData> = Pick<
  AnyEventDefinition,
  'topic' | 'eventType' | 'schemaVersion' | 'dataClass' | 'upcast'
> & { dataClass: new () => TData };

/** `validateEvent` against an explicit definition (tests, tools, definitions not in the catalog). */
export function validateEventAgainst<TData extends object>(
  definition: ValidatedDefinition<TData>,
  envelopeJson: unknown,
): EventValidationResult<TData> {
  return validateEnvelope(definition, envelopeJson, COMPILED);
}

/**
 * The reference implementation: the same rules, run by class-transformer's `plainToInstance` and
 * class-validator's `validateSync` on every call. `validateEventAgainst` must give the same
 * verdicts, errors and instances; `event-validation.differential.unit.spec.ts` checks that over
 * every catalog example and a corpus of mutations (ADR 0008).
 */
export function validateEventWithClassValidator<TData extends object>(
  definition: ValidatedDefinition<TData>,
  envelopeJson: unknown,
): EventValidationResult<TData> {
  return validateEnvelope(definition, envelopeJson, REFERENCE);
}

/** How plain JSON becomes class instances, and how an instance's errors are found. */
interface Engine {
  toInstance<T extends object>(cls: new () => T, plain: unknown): T;
  /** `path: message` lines; [] when the instance is valid. */
  errorsOf(instance: object, prefix?: string): string[];
}

const REFERENCE: Engine = {
  toInstance: (cls, plain) => plainToInstance(cls, plain),
  errorsOf: (instance, prefix) => flattenErrors(validateSync(instance, VALIDATOR_OPTIONS), prefix),
};

const compiledChecks = new WeakMap<object, CompiledCheck | null>();

/**
 * The hot path: instances built by the compiled hydrator, and the compiled check answers
 * valid/invalid; only an invalid object (a poison message, a producer bug) pays for
 * class-validator, which then words the errors exactly as before.
 */
const COMPILED: Engine = {
  toInstance: hydrate,
  errorsOf: (instance, prefix) => {
    const type = instance.constructor;
    let check = compiledChecks.get(type);
    if (check === undefined) {
      check = compileClassCheck(type as new () => object) ?? null;
      compiledChecks.set(type, check);
    }
    if (check?.(instance)) return [];
    return REFERENCE.errorsOf(instance, prefix);
  },
};

function validateEnvelope<TData extends object>(
  definition: ValidatedDefinition<TData>,
  envelopeJson: unknown,
  engine: Engine,
): EventValidationResult<TData> {
  if (!isPlainObject(envelopeJson)) {
    return { ok: false, errors: ['envelope must be a JSON object'] };
  }
  const { data: rawData, ...rawMetadata } = envelopeJson;
  const envelope = engine.toInstance(EventEnvelope, { ...rawMetadata, data: {} });
  const errors = engine.errorsOf(envelope);
  if (!isPlainObject(rawData)) errors.push('data: must be an object');

  if (envelope.eventType !== undefined && envelope.eventType !== definition.eventType) {
    errors.push(
      `eventType: "${String(envelope.eventType)}" does not belong on topic ${definition.topic} ` +
        `(expected "${definition.eventType}")`,
    );
  }
  if (errors.length > 0) return { ok: false, errors };

  let data: unknown = rawData;
  const version = envelope.schemaVersion;
  if (version < definition.schemaVersion) {
    if (!definition.upcast) {
      return {
        ok: false,
        errors: [
          `schemaVersion: ${version} is older than ${definition.schemaVersion} and ` +
            `${definition.topic} has no upcaster`,
        ],
      };
    }
    try {
      data = definition.upcast(rawData, version);
    } catch (error) {
      return {
        ok: false,
        errors: [`schemaVersion: upcasting from ${version} failed: ${String(error)}`],
      };
    }
    envelope.schemaVersion = definition.schemaVersion;
    if (!isPlainObject(data))
      return { ok: false, errors: ['data: upcaster did not return an object'] };
  }

  const instance = engine.toInstance(definition.dataClass, data);
  const dataErrors = engine.errorsOf(instance, 'data');
  if (dataErrors.length > 0) return { ok: false, errors: dataErrors };

  envelope.data = instance;
  return { ok: true, envelope: envelope as EventEnvelope<TData> };
}

/**
 * Turns class-validator's error tree into `path: message` lines (`data.sampledValues.0.unit: ...`).
 * A missing property yields one `path: is required` line instead of one line per rule.
 */
export function flattenErrors(errors: readonly ValidationError[], prefix = ''): string[] {
  const lines: string[] = [];
  for (const error of errors) {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    const messages = Object.values(error.constraints ?? {});
    if (messages.length > 0 && error.value === undefined) lines.push(`${path}: is required`);
    else for (const message of messages) lines.push(`${path}: ${message}`);
    if (error.children?.length) lines.push(...flattenErrors(error.children, path));
  }
  return lines;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
