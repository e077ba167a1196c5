import {
  buildMessage,
  IsString,
  Matches,
  ValidateBy,
  ValidateIf,
  type ValidationOptions,
} from 'class-validator';
import { composeOcpi, IsOcpiCiString, IsOcpiString } from './ocpi-validators';

/**
 * Field-level building blocks shared by the OCPI 2.2.1 object classes: identifiers, codes, URLs and
 * cross-field rules ("required when", "at most one of"), so that a PUT class and its PATCH variant
 * declare each field once.
 */

/** `country_code`: CiString(2), ISO-3166 alpha-2 (case-insensitive like every CiString). */
export function IsOcpiCountryCode(): PropertyDecorator {
  return composeOcpi(
    IsString(),
    IsOcpiCiString(2),
    Matches(/^[A-Za-z]{2}$/, { message: '$property must be an ISO-3166 alpha-2 country code' }),
  );
}

/** `party_id`: CiString(3), ISO-15118 party id (3 letters or digits). */
export function IsOcpiPartyId(): PropertyDecorator {
  return composeOcpi(
    IsString(),
    IsOcpiCiString(3),
    Matches(/^[A-Za-z0-9]{3}$/, { message: '$property must be 3 letters or digits' }),
  );
}

/** A required identifier: CiString(n), printable ASCII, not empty or blank. */
export function IsOcpiId(maxLength = 36): PropertyDecorator {
  return composeOcpi(
    IsString(),
    IsOcpiCiString(maxLength),
    Matches(/\S/, { message: '$property must not be empty' }),
  );
}

/** OCPI `URL` type: string(255), an absolute http(s) URL. */
export function IsOcpiUrl(maxLength = 255): PropertyDecorator {
  return composeOcpi(
    IsString(),
    IsOcpiString(maxLength),
    Matches(/^https?:\/\/\S+$/, { message: '$property must be an http(s) URL' }),
  );
}

/** ISO-4217 currency code (string(3)), upper case. */
export function IsOcpiCurrency(): PropertyDecorator {
  return composeOcpi(
    IsString(),
    Matches(/^[A-Z]{3}$/, { message: '$property must be an ISO-4217 currency code such as EUR' }),
  );
}

/** ISO 3166-1 alpha-3 country code (string(3)), upper case, as in Location.country. */
export function IsOcpiCountryAlpha3(): PropertyDecorator {
  return composeOcpi(
    IsString(),
    Matches(/^[A-Z]{3}$/, { message: '$property must be an ISO 3166-1 alpha-3 code such as BEL' }),
  );
}

/** ISO 639-1 language code (string(2)). */
export function IsOcpiLanguage(): PropertyDecorator {
  return composeOcpi(
    IsString(),
    Matches(/^[A-Za-z]{2}$/, { message: '$property must be an ISO 639-1 language code' }),
  );
}

/** An IANA tz database name (e.g. Europe/Oslo), as understood by the runtime's ICU data. */
export function isIanaTimeZone(value: unknown): boolean {
  if (typeof value !== 'string' || value.length === 0 || value.length > 255) return false;
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(value)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export function IsIanaTimeZone(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isIanaTimeZone',
      validator: {
        validate: (value: unknown) => isIanaTimeZone(value),
        defaultMessage: buildMessage(
          (each) => `${each}$property must be an IANA time zone such as Europe/Oslo`,
          options,
        ),
      },
    },
    options,
  );
}

/**
 * A rule over the whole object, reported on this property: `rule(value, object)` must hold.
 * Combine with `IsOcpiOptional()` only when the rule is about a present value.
 */
export function OcpiRule(
  name: string,
  rule: (value: unknown, object: Record<string, unknown>) => boolean,
  message: string,
): PropertyDecorator {
  return ValidateBy({
    name,
    validator: {
      validate: (value: unknown, args) => rule(value, args?.object as Record<string, unknown>),
      defaultMessage: () => message,
    },
  });
}

/**
 * Cardinality `?` that becomes required when `condition(object)` holds (e.g. PublishTokenType:
 * `uid` set ⇒ `type` required). Use instead of `IsOcpiOptional()`; when the value is absent and the
 * condition holds, `message` is reported and the field's other validators run as for a required field.
 */
export function IsOcpiRequiredIf(
  condition: (object: Record<string, unknown>) => boolean,
  message: string,
): PropertyDecorator {
  return composeOcpi(
    ValidateIf(
      (object: Record<string, unknown>, value: unknown) => isPresent(value) || condition(object),
    ),
    OcpiRule(
      'isOcpiRequiredIf',
      (value, object) => isPresent(value) || !condition(object),
      message,
    ),
  );
}

/** OCPI "has a value": neither omitted nor `null`. */
export function isPresent(value: unknown): boolean {
  return value !== undefined && value !== null;
}
