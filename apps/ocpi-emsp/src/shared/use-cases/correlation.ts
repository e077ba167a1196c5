import { randomUUID } from 'node:crypto';
import { currentContext } from '@voltlane/platform-core';

/** The request's correlation id (platform middleware), for events and pushes it causes. */
export const correlationIdNow = (): string => currentContext().correlationId ?? randomUUID();
