/** The platform's services (apps/), the only producers and in-platform consumers of events. */
export const VoltlaneServices = [
  'ocpp-gateway',
  'session-engine',
  'tariff-rating',
  'cdr-billing',
  'ocpi-cpo',
  'ocpi-emsp',
] as const;
export type VoltlaneService = (typeof VoltlaneServices)[number];

/**
 * Who may appear as producer or consumer in an event definition: a service, the platform's own
 * probe (backbone integration test and benchmark), or subscribers outside this repository
 * (invoicing, CRM, analytics, energy management) that rely on the published contract.
 */
export type EventParticipant = VoltlaneService | 'platform-probe' | 'internal-subscribers';
