import { createConnection } from 'node:net';

/**
 * A minimal Kafka protocol round trip without a client library: ApiVersions v0 (api key 18), which
 * every broker version answers (KIP-896 keeps it in 4.x). It proves that the port is a Kafka broker
 * that processes requests, not just an open socket. kafkajs stays confined to libs/platform/kafka.
 */

export const API_VERSIONS_KEY = 18;

export interface ApiVersionsResult {
  errorCode: number;
  /** api key -> [min version, max version] */
  apiKeys: Map<number, [number, number]>;
}

export function encodeApiVersionsRequest(correlationId: number, clientId: string): Buffer {
  const client = Buffer.from(clientId, 'utf8');
  const body = Buffer.alloc(2 + 2 + 4 + 2 + client.length);
  let offset = body.writeInt16BE(API_VERSIONS_KEY, 0);
  offset = body.writeInt16BE(0, offset); // api version 0
  offset = body.writeInt32BE(correlationId, offset);
  offset = body.writeInt16BE(client.length, offset);
  client.copy(body, offset);
  const size = Buffer.alloc(4);
  size.writeInt32BE(body.length, 0);
  return Buffer.concat([size, body]);
}

/** Decodes a complete ApiVersions v0 response frame (without its 4-byte size prefix). */
export function decodeApiVersionsResponse(
  frame: Buffer,
  expectedCorrelationId: number,
): ApiVersionsResult {
  if (frame.length < 10) throw new Error(`ApiVersions response too short (${frame.length} bytes)`);
  const correlationId = frame.readInt32BE(0);
  if (correlationId !== expectedCorrelationId) {
    throw new Error(`ApiVersions correlation id ${correlationId} != ${expectedCorrelationId}`);
  }
  const errorCode = frame.readInt16BE(4);
  const count = frame.readInt32BE(6);
  if (count < 0 || frame.length < 10 + count * 6) {
    throw new Error(`ApiVersions response truncated (${count} api keys, ${frame.length} bytes)`);
  }
  const apiKeys = new Map<number, [number, number]>();
  for (let i = 0; i < count; i++) {
    const at = 10 + i * 6;
    apiKeys.set(frame.readInt16BE(at), [frame.readInt16BE(at + 2), frame.readInt16BE(at + 4)]);
  }
  return { errorCode, apiKeys };
}

/** Sends ApiVersions v0 to `host:port` and returns the decoded answer; rejects on any failure. */
export function probeKafkaApiVersions(
  broker: string,
  timeoutMs = 3000,
): Promise<ApiVersionsResult> {
  const separator = broker.lastIndexOf(':');
  const host = broker.slice(0, separator).replace(/^\[(.*)\]$/, '$1');
  const port = Number(broker.slice(separator + 1));
  const correlationId = Math.floor(Math.random() * 0x7fffffff);
  return new Promise((resolve, reject) => {
    const socket = createConnection({ host, port });
    let received = Buffer.alloc(0);
    const fail = (error: Error) => {
      socket.destroy();
      reject(error);
    };
    socket.setTimeout(timeoutMs, () => fail(new Error(`No ApiVersions answer from ${broker}`)));
    socket.once('error', fail);
    socket.once('connect', () =>
      socket.write(encodeApiVersionsRequest(correlationId, 'voltlane-infra-probe')),
    );
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (received.length < 4) return;
      const size = received.readInt32BE(0);
      if (received.length < 4 + size) return;
      socket.destroy();
      try {
        resolve(decodeApiVersionsResponse(received.subarray(4, 4 + size), correlationId));
      } catch (error) {
        reject(error as Error);
      }
    });
    socket.once('end', () => fail(new Error(`${broker} closed the connection without answering`)));
  });
}
