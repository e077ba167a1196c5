// class-transformer's @Type() reads design-time types through the Reflect metadata API.
import 'reflect-metadata';
import {
  IsISO31661Alpha2,
  IsISO4217CurrencyCode,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateBy,
  ValidateIf,
  buildMessage,
  type ValidationArguments,
  type ValidationOptions,
} from 'class-validator';

/**
 * Reusable property decorators for event data classes. Each one is built only from class-validator
 * primitives so that the AsyncAPI generator can turn it into JSON Schema (see `SchemaConverters`).
 */

/** Applies several property decorators as one. */
export function composeDecorators(...decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, propertyKey) => {
    for (const decorator of decorators) decorator(target, propertyKey);
  };
}

/**
 * The property may be left out (undefined); when it is present it must pass the other rules.
 * Unlike `@IsOptional()`, `null` is rejected: our TypeScript types say `field?: T`, never `T | null`.
 */
export function IsOptionalField(): PropertyDecorator {
  return ValidateIf((_object: unknown, value: unknown) => value !== undefined);
}

// ---------------------------------------------------------------------------------------------
// Timestamps
// ---------------------------------------------------------------------------------------------

/** ISO-8601 date-time in UTC with a `Z` suffix, e.g. `2025-03-14T09:26:53.589Z`. */
export const UTC_DATE_TIME_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?Z$/;
export const IS_UTC_DATE_TIME = 'isUtcDateTime';

export function isUtcDateTime(value: unknown): value is string {
  if (typeof value !== 'string' || !UTC_DATE_TIME_PATTERN.test(value)) return false;
  const millis = Date.parse(value);
  if (Number.isNaN(millis)) return false;
  // Date.parse rolls impossible dates over (2025-02-30 → March 2); the round trip catches that.
  return new Date(millis).toISOString().slice(0, 19) === value.slice(0, 19);
}

/** All timestamps in events are UTC (`...Z`); producers normalise station clocks and offsets. */
export function IsUtcDateTime(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: IS_UTC_DATE_TIME,
      validator: {
        validate: (value: unknown) => isUtcDateTime(value),
        defaultMessage: buildMessage(
          (each) =>
            `${each}$property must be an ISO-8601 UTC date-time such as 2025-01-31T12:00:00Z`,
          options,
        ),
      },
    },
    options,
  );
}

// ---------------------------------------------------------------------------------------------
// Identifiers
// ---------------------------------------------------------------------------------------------

/**
 * OCPP charging station identity: the last path segment of `/ocpp/{stationId}`. OCPP 2.0.1
 * `identifierString` characters, at most 48 (OCPP 2.0.1 part 4, 3.1.1).
 */
export const STATION_ID_PATTERN = /^[A-Za-z0-9*\-_=:+|@.]{1,48}$/;

export function IsStationId(options?: ValidationOptions): PropertyDecorator {
  return composeDecorators(
    IsString(options),
    Matches(STATION_ID_PATTERN, {
      message:
        '$property must be a charging station identity (1-48 of A-Z a-z 0-9 * - _ = : + | @ .)',
      ...options,
    }),
  );
}

/** Printable ASCII (OCPI `CiString`, OCPP `CiString`), between 1 and `max` characters. */
export function IsPrintableAscii(max: number, options?: ValidationOptions): PropertyDecorator {
  return composeDecorators(
    IsString(options),
    Matches(new RegExp(`^[\\x20-\\x7E]{1,${max}}$`), {
      message: `$property must be 1-${max} printable ASCII characters`,
      ...options,
    }),
  );
}

/** OCPI object id (`CiString(36)`): location, EVSE uid, connector, session, CDR, tariff, token uid. */
export function IsOcpiId(options?: ValidationOptions): PropertyDecorator {
  return IsPrintableAscii(36, options);
}

/** OCPI `country_code`: ISO 3166-1 alpha-2, upper case. */
export function IsOcpiCountryCode(options?: ValidationOptions): PropertyDecorator {
  return composeDecorators(
    Matches(/^[A-Z]{2}$/, {
      message: '$property must be an upper-case ISO 3166-1 alpha-2 code',
      ...options,
    }),
    IsISO31661Alpha2(options),
  );
}

/** OCPI `party_id`: ISO 15118 party id, three upper-case letters or digits. */
export function IsOcpiPartyId(options?: ValidationOptions): PropertyDecorator {
  return Matches(/^[A-Z0-9]{3}$/, {
    message: '$property must be 3 upper-case letters or digits (OCPI party_id)',
    ...options,
  });
}

/** OCPP `idTag` (1.6, ≤20) or `idToken.idToken` (2.0.1, ≤36): printable ASCII. */
export function IsIdTag(options?: ValidationOptions): PropertyDecorator {
  return IsPrintableAscii(36, options);
}

/**
 * OCPP transaction id as a string: OCPP 1.6 integer ids in decimal, OCPP 2.0.1 ids as sent
 * (`identifierString`, at most 36 characters).
 */
export const TRANSACTION_ID_PATTERN = /^[A-Za-z0-9*\-_=:+|@.]{1,36}$/;

export function IsTransactionId(options?: ValidationOptions): PropertyDecorator {
  return composeDecorators(
    IsString(options),
    Matches(TRANSACTION_ID_PATTERN, {
      message: '$property must be an OCPP transaction id (1-36 identifier characters)',
      ...options,
    }),
  );
}

/** A Voltlane service or component name in kebab-case, e.g. `session-engine`. */
export const SERVICE_NAME_PATTERN = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

export function IsServiceName(options?: ValidationOptions): PropertyDecorator {
  return composeDecorators(
    IsString(options),
    MaxLength(100, options),
    Matches(SERVICE_NAME_PATTERN, {
      message: '$property must be a kebab-case service name',
      ...options,
    }),
  );
}

/** ISO 4217 currency code (officially assigned, upper case). */
export function IsCurrencyCode(options?: ValidationOptions): PropertyDecorator {
  return composeDecorators(
    Matches(/^[A-Z]{3}$/, { message: '$property must be an ISO 4217 currency code', ...options }),
    IsISO4217CurrencyCode(options),
  );
}

/** A non-empty string of at most `max` characters (free text such as descriptions). */
export function IsBoundedString(max: number, options?: ValidationOptions): PropertyDecorator {
  return composeDecorators(IsString(options), MinLength(1, options), MaxLength(max, options));
}

// ---------------------------------------------------------------------------------------------
// OCPI payloads carried as open objects
// ---------------------------------------------------------------------------------------------

export const IS_CONSISTENT_OCPI_OBJECT = 'isConsistentOcpiObject';

/**
 * The OCPI object travels as an open object until the OCPI protocol library provides its DTOs,
 * but its identifying fields must agree with the validated fields beside it. `mapping` maps the
 * OCPI field name (`id`, `country_code`, ...) to the sibling property that must hold the same value.
 */
export function IsConsistentOcpiObject(
  mapping: Readonly<Record<string, string>>,
  options?: ValidationOptions,
): PropertyDecorator {
  const describe = Object.entries(mapping)
    .map(([ocpiField, property]) => `${ocpiField} = ${property}`)
    .join(', ');
  return ValidateBy(
    {
      name: IS_CONSISTENT_OCPI_OBJECT,
      constraints: [mapping],
      validator: {
        validate: (value: unknown, args?: ValidationArguments) => {
          if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
          const sibling = (args?.object ?? {}) as Record<string, unknown>;
          const payload = value as Record<string, unknown>;
          return Object.entries(mapping).every(
            ([ocpiField, property]) => payload[ocpiField] === sibling[property],
          );
        },
        defaultMessage: buildMessage(
          (each) => `${each}$property must be an OCPI object whose ${describe}`,
          options,
        ),
      },
    },
    options,
  );
}
