#!/bin/sh
# voltlane serve | migrate — runs $SERVICE's main.js or migrate.js (no migrations on serve: ADR 0004/README).
set -eu
case "${1:-serve}" in
  serve) exec node --enable-source-maps "dist/apps/${SERVICE}/src/main.js" ;;
  migrate) exec node --enable-source-maps "dist/apps/${SERVICE}/src/migrate.js" ;;
  *) echo "usage: voltlane serve|migrate (SERVICE=${SERVICE})" >&2; exit 64 ;;
esac
