import { maskUrl, redact, REDACTED } from '../logging/log.redaction';
import { getSensitiveOptions, isSensitiveProperty } from './sensitive.decorator';

/**
 * A copy of a validated config object that is safe to log: @Sensitive values (and values of
 * secret-looking names) are replaced, URLs lose their passwords.
 */
export function describeConfig(config: object): Record<string, unknown> {
  const ctor = config.constructor;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) {
    out[key] = isSensitiveProperty(ctor, key)
      ? redactSensitiveValue(value, getSensitiveOptions(ctor, key)?.mask ?? 'full')
      : redact(value);
  }
  return out;
}

function redactSensitiveValue(value: unknown, mask: 'full' | 'url'): unknown {
  if (value === undefined || value === null) {
    return value;
  }
  return mask === 'url' && typeof value === 'string' ? maskUrl(value) : REDACTED;
}
