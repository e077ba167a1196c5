import type { OcpiPartyOptions } from '../party/ocpi-party.options';
import { type ResponseLike, writeOcpiError } from './ocpi-envelope';
import { bodyParserAnswer, isBodyParserError } from './ocpi-exception.filter';
import type { HeaderBag } from './ocpi-headers';
import { OcpiStatus } from '@voltlane/protocols-ocpi';

type Req = HeaderBag & { originalUrl?: string; url: string; method: string };
type Next = (err?: unknown) => void;

interface ExpressLike {
  use(...handlers: unknown[]): unknown;
}

function onOcpiPath(req: Req, basePath: string): boolean {
  const path = (req.originalUrl ?? req.url).split('?')[0];
  return path === basePath || path.startsWith(`${basePath}/`);
}

/**
 * Express hooks for what happens before (or instead of) a route: body-parser errors (invalid JSON
 * → HTTP 400 + 2001) and unknown routes under the OCPI base path (HTTP 404 envelope). Installed
 * after the routes and before Nest's own not-found / error handlers (which answer problem+json).
 */
export function installOcpiRouteHooks(app: ExpressLike, party: Pick<OcpiPartyOptions, 'basePath'>) {
  const basePath = `/${party.basePath.replace(/^\/+|\/+$/g, '')}`;
  app.use((req: Req, res: ResponseLike, next: Next) => {
    if (!onOcpiPath(req, basePath)) return next();
    writeOcpiError(req, res, 404, OcpiStatus.GenericClientError, 'Unknown OCPI endpoint');
  });
  app.use((err: unknown, req: Req, res: ResponseLike, next: Next) => {
    if (!onOcpiPath(req, basePath)) return next(err);
    if (err instanceof SyntaxError || isBodyParserError(err)) {
      const a = bodyParserAnswer(err);
      return writeOcpiError(req, res, a.httpStatus, a.ocpiStatus, a.message);
    }
    writeOcpiError(req, res, 500, OcpiStatus.GenericServerError, 'Internal error');
  });
}
