#!/bin/sh
# voltlane serve | migrate — runs $SERVICE's main.js or migrate.js (no migrations on serve: ADR 0004/README).
# tini (PID 1) forwards SIGTERM to node, which drains and exits within SHUTDOWN_TIMEOUT_MS.
set -eu
case "${SERVICE:-}" in
  ocpp-gateway | session-engine | tariff-rating | cdr-billing | ocpi-cpo | ocpi-emsp) ;;
  *) echo "SERVICE must be one of ocpp-gateway session-engine tariff-rating cdr-billing ocpi-cpo ocpi-emsp (got '${SERVICE:-}')" >&2; exit 64 ;;
esac
case "${1:-serve}" in
  serve) exec node "dist/apps/${SERVICE}/src/main.js" ;;
  migrate) exec node "dist/apps/${SERVICE}/src/migrate.js" ;;
  *) echo "usage: voltlane serve|migrate (SERVICE=${SERVICE})" >&2; exit 64 ;;
esac
