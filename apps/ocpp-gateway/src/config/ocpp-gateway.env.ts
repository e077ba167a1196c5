import {
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
} from 'class-validator';
import { BaseServiceEnv, Sensitive } from '@voltlane/platform-core';
import { IsTlsFile } from './tls.config';

/** Environment of ocpp-gateway, validated at start-up: a bad or missing variable exits 78 listing all of them. */
export class OcppGatewayEnv extends BaseServiceEnv {
  override PORT: number = 9000;

  /** Operator API key (`Authorization: Bearer <ADMIN_API_KEY>`); at least 24 characters. */
  @Sensitive()
  @IsString()
  @MinLength(24)
  ADMIN_API_KEY: string;

  /** Accept stations that are not in the registry (registered on first connect, no password). */
  @IsBoolean()
  OCPP_AUTO_REGISTER: boolean = false;

  /** Heartbeat interval given to Accepted stations in BootNotification.conf, seconds. */
  @IsInt()
  @Min(10)
  @Max(86_400)
  OCPP_HEARTBEAT_INTERVAL_SECONDS: number = 300;

  /** Interval after which a Pending/Rejected station may boot again, seconds. */
  @IsInt()
  @Min(1)
  @Max(86_400)
  OCPP_BOOT_RETRY_INTERVAL_SECONDS: number = 60;

  /** Largest WebSocket message accepted; a larger one closes that connection with 1009. */
  @IsInt()
  @Min(1024)
  @Max(16 * 1024 * 1024)
  OCPP_MAX_FRAME_BYTES: number = 65_536;

  /** WebSocket ping interval; a connection that missed the previous pong is terminated. */
  @IsInt()
  @Min(1)
  @Max(3_600)
  OCPP_PING_INTERVAL_SECONDS: number = 30;

  /**
   * Base URL other replicas reach this one at, to forward operator commands for stations whose
   * socket it holds (e.g. `http://10.1.2.3:9000`); defaults to `http://127.0.0.1:<PORT>`
   * (`https://` with TLS in process; the other replicas must trust its certificate, e.g. through
   * NODE_EXTRA_CA_CERTS).
   */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s/]+$/, { message: '$property must be http(s)://host[:port]' })
  GATEWAY_INTERNAL_URL?: string;

  /**
   * Ask the token's eMSP in real time (ocpp.authorization.requested → ocpp.authorization.decided,
   * answered by ocpi-cpo) for unknown tokens and whitelist `NEVER` / `ALLOWED_OFFLINE` (ADR 0014).
   */
  @IsBoolean()
  OCPP_REALTIME_AUTHORIZATION: boolean = true;

  /** How long Authorize/StartTransaction wait for the real-time decision before the fallback. */
  @IsInt()
  @Min(100)
  @Max(60_000)
  OCPP_REALTIME_AUTHORIZATION_TIMEOUT_MS: number = 3_000;

  /**
   * TLS in process (ADR 0015): with a PEM certificate (chain) and key the port speaks only TLS —
   * `wss://host:PORT/ocpp/{stationId}` (security profile 2 with a station password) and HTTPS for
   * the registry, commands, health and metrics. Unset: plain `ws://` (profiles 0/1, or TLS
   * terminated in front of the gateway). A bad file exits 78 at start-up.
   */
  @IsTlsFile('cert')
  OCPP_TLS_CERT_FILE?: string;

  /** PEM private key of OCPP_TLS_CERT_FILE (set both or neither). */
  @IsTlsFile('key')
  OCPP_TLS_KEY_FILE?: string;

  /** Passphrase of an encrypted OCPP_TLS_KEY_FILE. */
  @Sensitive()
  @IsOptional()
  @IsString()
  OCPP_TLS_KEY_PASSPHRASE?: string;

  /**
   * Optional PEM CA / intermediate certificates: completes the chain the gateway presents when
   * OCPP_TLS_CERT_FILE holds only the leaf certificate.
   */
  @IsTlsFile('ca')
  OCPP_TLS_CA_FILE?: string;

  /** This replica's id in station.connected events (defaults to `<hostname>-<pid>`). */
  @IsOptional()
  @Matches(/^[A-Za-z0-9._:-]{1,100}$/)
  GATEWAY_INSTANCE_ID?: string;
}
