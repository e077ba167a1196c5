import { buildMessage, ValidateBy, type ValidationOptions } from 'class-validator';

const HOST = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?)$/;

/** Splits a comma-separated env value, trimming items; empty items are kept (and so rejected). */
export function splitCsv(value: string): string[] {
  return value.split(',').map((item) => item.trim());
}

export function isHostPort(value: string): boolean {
  const colon = value.lastIndexOf(':');
  if (colon <= 0) {
    return false;
  }
  const host = value.slice(0, colon);
  const port = value.slice(colon + 1);
  if (!HOST.test(host) || !/^\d{1,5}$/.test(port)) {
    return false;
  }
  const portNumber = Number(port);
  return portNumber >= 1 && portNumber <= 65535;
}

/** `kafka-1:9092,kafka-2:9092`: a non-empty, comma-separated list of host:port. */
export function IsHostPortList(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isHostPortList',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && value.trim() !== '' && splitCsv(value).every(isHostPort),
        defaultMessage: buildMessage(
          (prefix) =>
            `${prefix}$property must be a comma-separated list of host:port (port 1-65535)`,
          options,
        ),
      },
    },
    options,
  );
}

export function isPostgresUrl(value: unknown): boolean {
  if (typeof value !== 'string') {
    return false;
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  const hasHost = url.hostname !== '' || url.searchParams.has('host');
  return (url.protocol === 'postgres:' || url.protocol === 'postgresql:') && hasHost;
}

/** `postgres://user:password@host:5432/db` (or `postgresql://`), with a host. */
export function IsPostgresUrl(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isPostgresUrl',
      validator: {
        validate: isPostgresUrl,
        defaultMessage: buildMessage(
          (prefix) => `${prefix}$property must be a postgres:// or postgresql:// URL with a host`,
          options,
        ),
      },
    },
    options,
  );
}
