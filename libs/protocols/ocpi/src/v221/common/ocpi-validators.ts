// class-transformer's @Type() reads design-time types through the Reflect metadata API.
import 'reflect-metadata';
import {
  buildMessage,
  IsNumber,
  Matches,
  MaxLength,
  ValidateBy,
  ValidateIf,
  type ValidationOptions,
} from 'class-validator';

/** Applies several property decorators as one. */
export function composeOcpi(...decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, propertyKey) => {
    for (const decorator of decorators) decorator(target, propertyKey);
  };
}

/**
 * OCPI cardinality `?` and `*`: the field may be omitted or `null` (terminology, Cardinality);
 * when it has a value, the other rules apply.
 */
export function IsOcpiOptional(): PropertyDecorator {
  return ValidateIf((_object: unknown, value: unknown) => value !== undefined && value !== null);
}

/** OCPI `CiString(n)`: printable ASCII only, at most `n` characters (types, CiString). */
export function IsOcpiCiString(maxLength: number): PropertyDecorator {
  return composeOcpi(
    Matches(/^[\x20-\x7E]*$/, { message: '$property must be printable ASCII (OCPI CiString)' }),
    MaxLength(maxLength),
  );
}

/** OCPI `string(n)`: printable UTF-8 without CR, LF or TAB, at most `n` characters. */
export function IsOcpiString(maxLength: number): PropertyDecorator {
  return composeOcpi(
    // eslint-disable-next-line no-control-regex
    Matches(/^[^\x00-\x1F\x7F]*$/, {
      message: '$property must not contain control characters (OCPI string)',
    }),
    MaxLength(maxLength),
  );
}

/** OCPI `number`: a finite JSON number. */
export function IsOcpiNumber(options?: ValidationOptions): PropertyDecorator {
  return IsNumber({ allowNaN: false, allowInfinity: false }, options);
}

/**
 * OCPI `DateTime`: RFC 3339 in UTC; the `Z` may be absent (absent = UTC) and fractional seconds
 * may be used (types, DateTime). Impossible dates (2025-02-30) are rejected.
 */
const OCPI_DATE_TIME_REGEX = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?Z?$/;

export function isOcpiUtcDateTime(value: unknown): value is string {
  if (typeof value !== 'string' || !OCPI_DATE_TIME_REGEX.test(value)) return false;
  const millis = ocpiDateTimeToMillis(value);
  if (Number.isNaN(millis)) return false;
  return new Date(millis).toISOString().slice(0, 19) === value.slice(0, 19);
}

/** Epoch milliseconds of an OCPI DateTime (UTC, with or without `Z`); NaN when unparseable. */
export function ocpiDateTimeToMillis(value: string): number {
  return Date.parse(value.endsWith('Z') ? value : `${value}Z`);
}

export function IsOcpiDateTime(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isOcpiDateTime',
      validator: {
        validate: (value: unknown) => isOcpiUtcDateTime(value),
        defaultMessage: buildMessage(
          (each) => `${each}$property must be an OCPI DateTime in UTC, e.g. 2015-06-29T20:39:09Z`,
          options,
        ),
      },
    },
    options,
  );
}
