import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { RpcError, type RpcErrorKind } from './rpc-error-codes';

export type MessageDirection = 'req' | 'conf';

/** JSON schema as shipped by ocpp-rpc (draft-07, `$id` like `urn:BootNotification.req`). */
export interface OcppJsonSchema {
  $id: string;
  [key: string]: unknown;
}

/** Relative tolerance for `multipleOf` (0.1 is not representable in binary floating point). */
export const MULTIPLE_OF_EPSILON = 1e-6;

/** `value` is a multiple of `divisor` up to floating-point noise: 21.4 is a multiple of 0.1. */
export function isMultipleOf(value: number, divisor: number): boolean {
  if (!Number.isFinite(value) || divisor <= 0) return false;
  const quotient = value / divisor;
  return Math.abs(quotient - Math.round(quotient)) < MULTIPLE_OF_EPSILON;
}

/**
 * ajv keyword → CALLERROR kind, following the OCPP-J 1.6 definitions (section 4.2.3):
 * - data type wrong ("somestring": 12) → TypeConstraintViolation;
 * - a required field missing / too many or too few items → OccurrenceConstraintViolation;
 * - a field with an invalid value (enum, length, pattern, format, range, multipleOf) →
 *   PropertyConstraintViolation;
 * - anything not conforming to the PDU structure (unknown properties, ...) → FormatViolation.
 */
const KEYWORD_KINDS: Readonly<Record<string, RpcErrorKind>> = {
  type: 'TypeConstraintViolation',
  required: 'OccurrenceConstraintViolation',
  minItems: 'OccurrenceConstraintViolation',
  maxItems: 'OccurrenceConstraintViolation',
  uniqueItems: 'OccurrenceConstraintViolation',
  minProperties: 'OccurrenceConstraintViolation',
  maxProperties: 'OccurrenceConstraintViolation',
  enum: 'PropertyConstraintViolation',
  const: 'PropertyConstraintViolation',
  maxLength: 'PropertyConstraintViolation',
  minLength: 'PropertyConstraintViolation',
  pattern: 'PropertyConstraintViolation',
  format: 'PropertyConstraintViolation',
  maximum: 'PropertyConstraintViolation',
  minimum: 'PropertyConstraintViolation',
  exclusiveMaximum: 'PropertyConstraintViolation',
  exclusiveMinimum: 'PropertyConstraintViolation',
  multipleOf: 'PropertyConstraintViolation',
  additionalProperties: 'FormatViolation',
};

export function errorKindOfKeyword(keyword: string): RpcErrorKind {
  return KEYWORD_KINDS[keyword] ?? 'FormatViolation';
}

function describe(error: ErrorObject): string {
  const where = error.instancePath === '' ? 'payload' : error.instancePath;
  if (error.keyword === 'additionalProperties') {
    const extra = (error.params as { additionalProperty?: string }).additionalProperty;
    return `${where} has an unknown property "${extra}"`;
  }
  if (error.keyword === 'required') {
    const missing = (error.params as { missingProperty?: string }).missingProperty;
    return `${where} is missing the required property "${missing}"`;
  }
  return `${where} ${error.message ?? 'is invalid'}`;
}

/**
 * Validates OCPP payloads against one protocol version's official JSON schemas. Schema ids are
 * derived by `schemaId(action, direction)`; an action without a schema is unknown to the version.
 */
export class OcppSchemaValidator {
  private readonly ajv: Ajv;
  private readonly compiled = new Map<string, ValidateFunction | null>();

  constructor(
    schemas: readonly OcppJsonSchema[],
    private readonly schemaId: (action: string, direction: MessageDirection) => string,
  ) {
    this.ajv = new Ajv({ strict: false, allErrors: false });
    addFormats(this.ajv);
    this.ajv.removeKeyword('multipleOf');
    this.ajv.addKeyword({
      keyword: 'multipleOf',
      type: 'number',
      schemaType: 'number',
      errors: true,
      validate: function validateMultipleOf(divisor: number, data: number): boolean {
        const ok = isMultipleOf(data, divisor);
        if (!ok) {
          (validateMultipleOf as { errors?: Partial<ErrorObject>[] }).errors = [
            {
              keyword: 'multipleOf',
              message: `must be a multiple of ${divisor}`,
              params: { multipleOf: divisor },
            },
          ];
        }
        return ok;
      },
    });
    // The `urn:<Action>.req` ids are not valid URNs for ajv's URI resolver: register each schema
    // as `<Action>.req`, without `$id` (the schemas only use local `#/definitions` refs).
    for (const { $id, ...schema } of schemas) this.ajv.addSchema(schema, $id.replace(/^urn:/, ''));
  }

  /** True when the version defines `action` in that direction. */
  knows(action: string, direction: MessageDirection): boolean {
    return this.validatorFor(action, direction) !== null;
  }

  /**
   * Throws an RpcError when `payload` violates the schema (NotImplemented when the action is not
   * defined by this version at all).
   */
  validate(action: string, direction: MessageDirection, payload: unknown): void {
    const validate = this.validatorFor(action, direction);
    if (!validate) throw new RpcError('NotImplemented', `unknown action "${action}"`);
    if (validate(payload)) return;
    const first = validate.errors?.[0];
    if (!first) throw new RpcError('FormatViolation', `${action} payload is invalid`);
    throw new RpcError(errorKindOfKeyword(first.keyword), describe(first), {
      keyword: first.keyword,
      path: first.instancePath,
    });
  }

  private validatorFor(action: string, direction: MessageDirection): ValidateFunction | null {
    const id = this.schemaId(action, direction);
    let fn = this.compiled.get(id);
    if (fn === undefined) {
      fn = this.ajv.getSchema(id) ?? null;
      this.compiled.set(id, fn);
    }
    return fn;
  }
}
