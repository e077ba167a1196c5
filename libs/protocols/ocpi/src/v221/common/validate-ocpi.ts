import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';

export type OcpiValidationResult<T> =
  { ok: true; value: T; violations: [] } | { ok: false; value?: undefined; violations: string[] };

/**
 * Validates a plain JSON value against an OCPI DTO class. Violations name the offending field with
 * its full path, arrays in brackets: `elements[0].price_components[0].step_size: must be ...`.
 * Unknown fields are ignored (OCPI receivers must tolerate additions).
 */
export function validateOcpi<T extends object>(
  cls: new () => T,
  plain: unknown,
  rootPath = '',
): OcpiValidationResult<T> {
  if (typeof plain !== 'object' || plain === null || Array.isArray(plain)) {
    return { ok: false, violations: [`${rootPath || '(body)'}: must be a JSON object`] };
  }
  const value = plainToInstance(cls, plain);
  const errors = validateSync(value, { forbidUnknownValues: false });
  if (errors.length === 0) return { ok: true, value, violations: [] };
  return { ok: false, violations: flattenOcpiErrors(errors, rootPath) };
}

export function flattenOcpiErrors(errors: readonly ValidationError[], parentPath = ''): string[] {
  const messages: string[] = [];
  for (const error of errors) {
    const path = joinPath(parentPath, error.property);
    for (const constraint of Object.values(error.constraints ?? {})) {
      const text = constraint.startsWith(`${error.property} `)
        ? constraint.slice(error.property.length + 1)
        : constraint;
      messages.push(`${path}: ${text}`);
    }
    if (error.children?.length) messages.push(...flattenOcpiErrors(error.children, path));
  }
  return messages;
}

function joinPath(parent: string, property: string): string {
  if (/^\d+$/.test(property)) return `${parent}[${property}]`;
  return parent ? `${parent}.${property}` : property;
}
