import { validateOcpi } from '@voltlane/protocols-ocpi';

/** Validates an object we send (outbound objects are checked like inbound ones). */
export function checkedOutbound<T extends object>(dto: new () => T, value: object): T {
  const result = validateOcpi(dto, value);
  if (!result.ok) {
    throw new Error(`outbound ${dto.name} is invalid: ${result.violations.join('; ')}`);
  }
  return value as T;
}

export const message = (text: string) => [{ language: 'en', text: text.slice(0, 512) }];
