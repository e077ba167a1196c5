import { isSensitiveKey } from '../logging/log.redaction';

export interface SensitiveOptions {
  /**
   * How `describeConfig` shows the value: `full` (default) prints `[REDACTED]`; `url` keeps a URL
   * readable and masks its password and sensitive query parameters
   * (`postgres://app:***@db:5432/voltlane`).
   */
  mask?: 'full' | 'url';
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type Constructor = Function;

const registry = new WeakMap<Constructor, Map<string, Required<SensitiveOptions>>>();

/**
 * Marks a config property as a secret: its value never appears in validation errors or in
 * `describeConfig` output. Properties whose names look secret (`*_PASSWORD`, `*_TOKEN`, `*API_KEY`,
 * ...) are treated as sensitive even without the decorator.
 */
export function Sensitive(options: SensitiveOptions = {}): PropertyDecorator {
  return (target, propertyKey) => {
    const ctor = target.constructor;
    let own = registry.get(ctor);
    if (!own) {
      own = new Map();
      registry.set(ctor, own);
    }
    own.set(String(propertyKey), { mask: options.mask ?? 'full' });
  };
}

/** The @Sensitive options of `property`, looked up through the class hierarchy. */
export function getSensitiveOptions(
  ctor: Constructor,
  property: string,
): Required<SensitiveOptions> | undefined {
  for (let c: unknown = ctor; typeof c === 'function'; c = Object.getPrototypeOf(c)) {
    const found = registry.get(c)?.get(property);
    if (found) {
      return found;
    }
  }
  return undefined;
}

/** Every property name marked @Sensitive on `ctor` or its ancestors. */
export function sensitivePropertiesOf(ctor: Constructor): string[] {
  const names = new Set<string>();
  for (let c: unknown = ctor; typeof c === 'function'; c = Object.getPrototypeOf(c)) {
    for (const name of registry.get(c)?.keys() ?? []) {
      names.add(name);
    }
  }
  return [...names];
}

export function isSensitiveProperty(ctor: Constructor, property: string): boolean {
  return getSensitiveOptions(ctor, property) !== undefined || isSensitiveKey(property);
}
