import { createPrivateKey, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createSecureContext } from 'node:tls';
import { registerDecorator, ValidateIf, type ValidationArguments } from 'class-validator';

/** The TLS part of the gateway's environment (see OcppGatewayEnv). */
export interface TlsEnv {
  OCPP_TLS_CERT_FILE?: string;
  OCPP_TLS_KEY_FILE?: string;
  OCPP_TLS_CA_FILE?: string;
  OCPP_TLS_KEY_PASSPHRASE?: string;
}

export type TlsFileRole = 'cert' | 'key' | 'ca';

const VARIABLE: Record<TlsFileRole, keyof TlsEnv> = {
  cert: 'OCPP_TLS_CERT_FILE',
  key: 'OCPP_TLS_KEY_FILE',
  ca: 'OCPP_TLS_CA_FILE',
};

/** The PEM files of a TLS configuration, read; null when TLS is not configured. */
export interface TlsMaterial {
  cert: string;
  key: string;
  ca?: string;
  passphrase?: string;
}

function read(path: string): { text: string } | { problem: string } {
  try {
    return { text: readFileSync(path, 'utf8') };
  } catch (err) {
    return { problem: `cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})` };
  }
}

function certificateProblem(pem: string): string | null {
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) return 'is not a PEM certificate file';
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(pem);
  } catch (err) {
    return `holds no readable certificate (${(err as Error).message})`;
  }
  if (Date.parse(cert.validTo) <= Date.now())
    return `holds a certificate that expired ${cert.validTo}`;
  return null;
}

/**
 * What is wrong with one TLS variable, or null. Certificate and key must be set together and be
 * readable PEM; the key must open (with OCPP_TLS_KEY_PASSPHRASE) and match the certificate; the CA
 * file needs the other two. The messages name files, never key material or the passphrase.
 */
export function tlsProblem(env: TlsEnv, role: TlsFileRole): string | null {
  const path = env[VARIABLE[role]];
  const certPath = env.OCPP_TLS_CERT_FILE;
  const keyPath = env.OCPP_TLS_KEY_FILE;
  if (role === 'ca') {
    if (path === undefined) return null;
    if (certPath === undefined || keyPath === undefined) {
      return 'needs OCPP_TLS_CERT_FILE and OCPP_TLS_KEY_FILE';
    }
  } else if (path === undefined) {
    const other = role === 'cert' ? keyPath : certPath;
    return other === undefined
      ? null
      : `must be set together with ${VARIABLE[role === 'cert' ? 'key' : 'cert']}`;
  }
  if (typeof path !== 'string' || path === '') return 'must be a file path';
  const file = read(path);
  if ('problem' in file) return `${file.problem}: ${path}`;
  if (role === 'cert' || role === 'ca') {
    const problem = certificateProblem(file.text);
    return problem ? `${problem}: ${path}` : null;
  }
  let key;
  try {
    key = createPrivateKey({ key: file.text, passphrase: env.OCPP_TLS_KEY_PASSPHRASE });
  } catch {
    return `holds no private key that opens (PEM; encrypted keys need OCPP_TLS_KEY_PASSPHRASE): ${path}`;
  }
  const cert = certPath ? read(certPath) : null;
  if (!cert || 'problem' in cert || certificateProblem(cert.text)) return null; // reported there
  if (!new X509Certificate(cert.text).checkPrivateKey(key)) {
    return `does not match the certificate in OCPP_TLS_CERT_FILE: ${path}`;
  }
  const material = loadTlsMaterial(env);
  try {
    if (material) createSecureContext(material);
  } catch (err) {
    return `cannot be used for TLS with the certificate (${(err as Error).message})`;
  }
  return null;
}

/** Reads the TLS files (validated already by the env class); null when TLS is not configured. */
export function loadTlsMaterial(env: TlsEnv): TlsMaterial | null {
  if (!env.OCPP_TLS_CERT_FILE || !env.OCPP_TLS_KEY_FILE) return null;
  return {
    cert: readFileSync(env.OCPP_TLS_CERT_FILE, 'utf8'),
    key: readFileSync(env.OCPP_TLS_KEY_FILE, 'utf8'),
    ...(env.OCPP_TLS_CA_FILE ? { ca: readFileSync(env.OCPP_TLS_CA_FILE, 'utf8') } : {}),
    ...(env.OCPP_TLS_KEY_PASSPHRASE ? { passphrase: env.OCPP_TLS_KEY_PASSPHRASE } : {}),
  };
}

/** Env-class decorator: the variable is a usable TLS file of that role (see `tlsProblem`). */
export function IsTlsFile(role: TlsFileRole): PropertyDecorator {
  // Optional as a whole (no TLS when none is set), checked together as soon as one is set: the
  // conditional also tells the deployment checks that these variables are not required.
  const whenTlsConfigured = ValidateIf(
    (env: Partial<TlsEnv>) =>
      env.OCPP_TLS_CERT_FILE !== undefined ||
      env.OCPP_TLS_KEY_FILE !== undefined ||
      env.OCPP_TLS_CA_FILE !== undefined,
  );
  return (target, propertyName) => {
    whenTlsConfigured(target, propertyName as string);
    registerDecorator({
      name: 'isTlsFile',
      target: target.constructor,
      propertyName: propertyName as string,
      validator: {
        validate: (_value: unknown, args: ValidationArguments) =>
          tlsProblem(args.object as TlsEnv, role) === null,
        defaultMessage: (args: ValidationArguments) =>
          `$property ${tlsProblem(args.object as TlsEnv, role) ?? 'is invalid'}`,
      },
    });
  };
}
