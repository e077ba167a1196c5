import { type ArgumentsHost, Catch, type ExceptionFilter, Injectable } from '@nestjs/common';
import { currentContext } from '@voltlane/platform-core';
import { PROBLEM_JSON, ProblemDetailsFilter } from '@voltlane/platform-service';
import { PeerRegistrationFailedError } from './partner-registration.errors';

interface Res {
  status(code: number): unknown;
  setHeader(name: string, value: string): unknown;
  send(body: string): unknown;
  headersSent: boolean;
}

/** problem+json as everywhere, plus HTTP 502 with the reason for a failed peer registration. */
@Catch()
@Injectable()
export class PartnerAdminFilter implements ExceptionFilter {
  constructor(private readonly problems: ProblemDetailsFilter) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    if (!(exception instanceof PeerRegistrationFailedError)) {
      this.problems.catch(exception, host);
      return;
    }
    const req = host.switchToHttp().getRequest<{ originalUrl?: string; url: string }>();
    const res = host.switchToHttp().getResponse<Res>();
    if (res.headersSent) return;
    const correlationId = currentContext().correlationId;
    res.status(502);
    res.setHeader('Content-Type', `${PROBLEM_JSON}; charset=utf-8`);
    res.send(
      JSON.stringify({
        type: `urn:voltlane:problem:${exception.code}`,
        title: 'Bad Gateway',
        status: 502,
        detail: exception.message,
        code: exception.code,
        instance: (req.originalUrl ?? req.url).split('?')[0],
        ...(correlationId ? { correlationId } : {}),
      }),
    );
  }
}
