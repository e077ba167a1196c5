import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { WebSocketServer, type WebSocket } from 'ws';
import { STATION_ID_PATTERN, type DisconnectReason } from '@voltlane/contracts-events';
import { createLogger } from '@voltlane/platform-core';
import { MetricsService } from '@voltlane/platform-service';
import { negotiateSubprotocol, type OcppSubprotocol } from '@voltlane/protocols-ocpp';
import { gatewayInstanceId } from '../config/gateway-instance-id';
import { OcppGatewayEnv } from '../config/ocpp-gateway.env';
import { SERVICE } from '../ocpp-gateway.service';
import { StationDirectory } from '../persistence/station.directory';
import { StationRepository, type StationRecord } from '../persistence/station.repository';
import { CallDispatcher } from './call-dispatcher';
import { ConnectionStateWriter } from './connection-state.writer';
import { ConnectionRegistry } from './connection.registry';
import { StationAuthenticator } from './station-authenticator';
import { StationConnection } from './station-connection';

/** Subprotocols this gateway speaks (OCPP 2.0.1 gets added here with its handlers). */
export const SUPPORTED_SUBPROTOCOLS: readonly OcppSubprotocol[] = ['ocpp1.6'];

/** Close codes the gateway uses (4000-4999 are application codes, RFC 6455 7.4.2). */
export const CloseCodes = {
  UnsupportedSubprotocol: 1002,
  ShuttingDown: 1001,
  Replaced: 4000,
  StationRemoved: 4001,
} as const;

const PATH = /^\/ocpp\/([^/?#]+)\/?$/;

/**
 * The OCPP WebSocket endpoint `ws://host:PORT/ocpp/{stationId}` on the Nest HTTP server: handshake
 * (station id, HTTP Basic auth, subprotocol), one StationConnection per socket, keepalive pings,
 * connected/disconnected events.
 */
@Injectable()
export class OcppWebSocketServer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly instanceId: string;
  private readonly logger = createLogger(SERVICE.serviceName, 'OcppWebSocketServer');
  private readonly wss: WebSocketServer;
  private pingTimer: NodeJS.Timeout | null = null;
  private shuttingDown = false;
  private readonly metrics;

  constructor(
    private readonly env: OcppGatewayEnv,
    private readonly adapterHost: HttpAdapterHost,
    private readonly stations: StationRepository,
    private readonly directory: StationDirectory,
    private readonly authenticator: StationAuthenticator,
    private readonly dispatcher: CallDispatcher,
    private readonly connections: ConnectionRegistry,
    private readonly connectionState: ConnectionStateWriter,
    metrics: MetricsService,
  ) {
    this.instanceId = gatewayInstanceId(env);
    this.wss = new WebSocketServer({
      noServer: true,
      maxPayload: env.OCPP_MAX_FRAME_BYTES,
      perMessageDeflate: false,
      clientTracking: false,
      handleProtocols: (offered) => negotiateSubprotocol(offered, SUPPORTED_SUBPROTOCOLS) ?? false,
    });
    this.metrics = {
      connected: metrics.gauge({ name: 'ocpp_connected_stations', help: 'Stations connected' }),
      handshakes: metrics.counter<'result'>({
        name: 'ocpp_handshakes_total',
        help: 'WebSocket handshakes by result',
        labelNames: ['result'],
      }),
      rejectedFrames: metrics.counter<'reason'>({
        name: 'ocpp_rejected_frames_total',
        help: 'Frames that could not be parsed',
        labelNames: ['reason'],
      }),
    };
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.stations.clearConnectionsOf(this.instanceId);
    const server = this.adapterHost.httpAdapter.getHttpServer() as Server;
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      socket.on('error', () => socket.destroy());
      this.handleUpgrade(req, socket, head).catch((err: unknown) => {
        this.logger.error('handshake failed', { error: (err as Error).message });
        this.refuse(socket, 500, 'Internal Server Error');
      });
    });
    // Keepalive in slices: every second one slot of the connections is pinged, so each socket is
    // pinged once per interval without a burst of 10,000 pings (and pongs) in one event-loop turn.
    const slots = this.env.OCPP_PING_INTERVAL_SECONDS;
    let tick = 0;
    this.pingTimer = setInterval(() => this.pingSlot(tick++ % slots, slots), 1_000);
    this.pingTimer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.shuttingDown = true;
    if (this.pingTimer) clearInterval(this.pingTimer);
    const closing = [...this.connections.all()].map(
      (c) =>
        new Promise<void>((resolve) => {
          c.socket.once('close', () => resolve());
          c.socket.close(CloseCodes.ShuttingDown, 'gateway shutting down');
          setTimeout(() => {
            c.socket.terminate();
            resolve();
          }, 2_000).unref();
        }),
    );
    await Promise.all(closing);
    this.wss.close();
    await this.connectionState.drain(5_000);
  }

  /** Closes the station's socket on this replica, if it is connected here. */
  disconnect(stationId: string, code: number, reason: string): boolean {
    const connection = this.connections.get(stationId);
    if (!connection) return false;
    this.closeWithReason(connection, 'closed-by-gateway', code, reason);
    return true;
  }

  private async handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    if (this.shuttingDown) return this.refuse(socket, 503, 'Service Unavailable');
    const path = new URL(req.url ?? '/', 'http://gateway').pathname;
    const match = PATH.exec(path);
    let stationId: string | null = null;
    try {
      stationId = match ? decodeURIComponent(match[1]) : null;
    } catch {
      stationId = null;
    }
    if (!stationId || !STATION_ID_PATTERN.test(stationId)) {
      this.metrics.handshakes.inc({ result: 'not-found' });
      return this.refuse(socket, 404, 'Not Found');
    }
    let station: StationRecord | null = await this.directory.find(stationId);
    if (!station) {
      if (!this.env.OCPP_AUTO_REGISTER) {
        this.metrics.handshakes.inc({ result: 'unauthorized' });
        this.logger.warn('unknown station refused', { stationId });
        return this.refuse(socket, 401, 'Unauthorized', true);
      }
      await this.stations.upsert(stationId, { autoRegistered: true });
      station = await this.directory.find(stationId);
      if (!station) return this.refuse(socket, 500, 'Internal Server Error');
      this.logger.log('station auto-registered', { stationId });
    }
    const auth = await this.authenticator.authenticate(station, req.headers.authorization);
    if (!auth.ok) {
      this.metrics.handshakes.inc({ result: 'unauthorized' });
      this.logger.warn('station authentication failed', { stationId, reason: auth.reason });
      return this.refuse(socket, 401, 'Unauthorized', true);
    }
    const registered = station;
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      void this.onConnection(ws, registered).catch((err: unknown) => {
        this.logger.error('connection setup failed', {
          stationId: registered.stationId,
          error: (err as Error).message,
        });
        ws.terminate();
      });
    });
  }

  private async onConnection(ws: WebSocket, station: StationRecord): Promise<void> {
    const stationId = station.stationId;
    if (!ws.protocol) {
      // OCPP-J 3.1.2: complete the handshake without a subprotocol, then close.
      this.metrics.handshakes.inc({ result: 'unsupported-subprotocol' });
      this.logger.warn('no supported subprotocol offered', { stationId });
      ws.close(CloseCodes.UnsupportedSubprotocol, `supported: ${SUPPORTED_SUBPROTOCOLS.join(',')}`);
      return;
    }
    const protocol = ws.protocol as OcppSubprotocol;
    const connectionId = randomUUID();
    const connection = new StationConnection(
      ws,
      { stationId, connectionId, protocol, registrationStatus: station.registrationStatus },
      this.dispatcher,
      this.logger,
      { onFrameRejected: (reason) => this.metrics.rejectedFrames.inc({ reason }) },
    );
    let reason: DisconnectReason = 'closed-by-station';
    ws.on('error', (err) => {
      reason = 'protocol-error';
      this.logger.warn('socket error', { stationId, error: err.message });
    });
    const previous = this.connections.replace(connection);
    if (previous) {
      this.closeWithReason(
        previous,
        'replaced-by-new-connection',
        CloseCodes.Replaced,
        'replaced by a new connection',
      );
    }
    this.metrics.handshakes.inc({ result: 'accepted' });
    this.metrics.connected.set(this.connections.size);
    const connectedAt = new Date();
    ws.once('close', (code) => {
      this.connections.remove(connection);
      this.metrics.connected.set(this.connections.size);
      const why: DisconnectReason = this.shuttingDown
        ? 'gateway-shutdown'
        : (connection.closeReason ?? reason);
      this.recordDisconnect(stationId, connectionId, why, code).catch((err: unknown) =>
        this.logger.error('disconnect not recorded', {
          stationId,
          error: (err as Error).message,
        }),
      );
    });
    await this.connectionState.connected({
      stationId,
      connectionId,
      gatewayInstanceId: this.instanceId,
      ocppProtocol: protocol,
      connectedAt: connectedAt.toISOString(),
    });
    this.logger.log('station connected', { stationId, connectionId, protocol });
  }

  /** Marks a connection's close reason before closing it from the gateway side. */
  closeWithReason(
    connection: StationConnection,
    reason: DisconnectReason,
    code: number,
    text: string,
  ) {
    connection.closeReason = reason;
    connection.socket.close(code, text);
  }

  private async recordDisconnect(
    stationId: string,
    connectionId: string,
    reason: DisconnectReason,
    code: number,
  ): Promise<void> {
    await this.connectionState.disconnected({
      stationId,
      connectionId,
      gatewayInstanceId: this.instanceId,
      reason,
      ...(code >= 1000 && code <= 4999 ? { closeCode: code } : {}),
      disconnectedAt: new Date().toISOString(),
    });
    this.logger.log('station disconnected', { stationId, connectionId, reason, code });
  }

  /** Pings the connections of one keepalive slot; one that missed its previous pong is dropped. */
  private pingSlot(slot: number, slots: number): void {
    for (const c of this.connections.all()) {
      if (c.keepaliveSlot % slots !== slot) continue;
      if (!c.alive) {
        c.closeReason = 'heartbeat-timeout';
        c.socket.terminate();
        continue;
      }
      c.alive = false;
      try {
        c.socket.ping();
      } catch {
        c.socket.terminate();
      }
    }
  }

  private refuse(socket: Duplex, status: number, text: string, basicChallenge = false): void {
    if (socket.destroyed) return;
    const headers = [
      `HTTP/1.1 ${status} ${text}`,
      'Connection: close',
      'Content-Length: 0',
      ...(basicChallenge ? ['WWW-Authenticate: Basic realm="OCPP", charset="UTF-8"'] : []),
    ];
    socket.end(`${headers.join('\r\n')}\r\n\r\n`);
  }
}
