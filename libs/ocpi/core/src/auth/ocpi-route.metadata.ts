export const OCPI_ROUTE = 'voltlane:ocpi-route';

export interface OcpiRouteMetadata {
  kind: 'configuration' | 'functional';
  module?: string;
}
