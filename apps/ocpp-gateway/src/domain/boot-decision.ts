import type { RegistrationStatus } from '@voltlane/contracts-events';

export interface BootIntervals {
  heartbeatIntervalSeconds: number;
  bootRetryIntervalSeconds: number;
}

export interface BootAnswer {
  status: RegistrationStatus;
  /** Accepted: the heartbeat interval; Pending/Rejected: when to send BootNotification again. */
  interval: number;
}

/** BootNotification.conf from the station's registration state in the registry. */
export function decideBoot(registration: RegistrationStatus, intervals: BootIntervals): BootAnswer {
  return registration === 'Accepted'
    ? { status: 'Accepted', interval: intervals.heartbeatIntervalSeconds }
    : { status: registration, interval: intervals.bootRetryIntervalSeconds };
}
