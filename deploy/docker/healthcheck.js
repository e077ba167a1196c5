// Docker HEALTHCHECK: 0 when the service answers /health/ready on its port, 1 otherwise.
// PORT defaults per SERVICE as in each service's env class (apps/<service>/src/config/*.env.ts).
'use strict';
const DEFAULT_PORTS = {
  'ocpp-gateway': 9000,
  'session-engine': 9001,
  'tariff-rating': 9002,
  'cdr-billing': 9003,
  'ocpi-cpo': 9100,
  'ocpi-emsp': 9200,
};
const port = process.env.PORT || DEFAULT_PORTS[process.env.SERVICE || ''];
if (!port) process.exit(1);
fetch(`http://127.0.0.1:${port}/health/ready`, { signal: AbortSignal.timeout(2500) }).then(
  (res) => process.exit(res.ok ? 0 : 1),
  () => process.exit(1),
);
