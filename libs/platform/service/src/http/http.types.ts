/** The parts of Express's request/response this library touches (no @types/express here). */
export interface HttpRequestLike {
  method: string;
  url: string;
  originalUrl?: string;
  baseUrl?: string;
  route?: { path?: unknown };
  headers: Record<string, string | string[] | undefined>;
}

export interface HttpResponseLike {
  statusCode: number;
  headersSent: boolean;
  setHeader(name: string, value: string | number): unknown;
  status(code: number): unknown;
  send(body?: unknown): unknown;
  end(body?: string): unknown;
  once(event: 'finish' | 'close', listener: () => void): unknown;
}

export type NextFunction = (err?: unknown) => void;
