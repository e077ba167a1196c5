import { validateOcpi } from './validate-ocpi';

export interface OcpiListValidation<T> {
  /** The valid objects, in their original order. */
  valid: T[];
  /** One entry per invalid object: its index in the list and its violations (`[3].id: …`). */
  invalid: { index: number; violations: string[] }[];
}

/**
 * Validates every element of a list (e.g. the `data` of a paginated GET). The spec advises a client
 * to process the valid objects of a list and log the others (transport_and_format, GET), so one bad
 * object does not reject the page. A non-array value is reported as one invalid entry (index -1).
 */
export function validateOcpiList<T extends object>(
  cls: new () => T,
  list: unknown,
): OcpiListValidation<T> {
  if (!Array.isArray(list)) {
    return { valid: [], invalid: [{ index: -1, violations: ['(body): must be a JSON array'] }] };
  }
  const result: OcpiListValidation<T> = { valid: [], invalid: [] };
  list.forEach((item, index) => {
    const validation = validateOcpi(cls, item, `[${index}]`);
    if (validation.ok) result.valid.push(validation.value);
    else result.invalid.push({ index, violations: validation.violations });
  });
  return result;
}
