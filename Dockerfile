# syntax=docker/dockerfile:1.7
# One image for all six services; SERVICE picks the one to run (see docker-compose.yml and the Helm
# chart in deploy/helm/voltlane). Decisions: docs/adr/0040-container-image.md.
#   docker build -t voltlane .
#   docker run -e SERVICE=session-engine -e KAFKA_BROKERS=... -e DATABASE_URL=... voltlane
#   docker run -e SERVICE=session-engine -e DATABASE_URL=... voltlane migrate   (then exits)
# Release builds pin the base image by digest: --build-arg NODE_IMAGE=node:24-bookworm-slim@sha256:…
# (tools/deploy-checks lints this file: pinned LTS base, non-root numeric USER, tini, HEALTHCHECK.)

ARG NODE_IMAGE=node:24-bookworm-slim

# --- build: every project compiled with SWC, then type-checked -------------------------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.base.json tsconfig.json .swcrc nx.json ./
COPY tools ./tools
COPY libs ./libs
COPY apps ./apps
COPY bench ./bench
RUN node tools/build.mjs && npx tsc -p tsconfig.json --noEmit

# --- prod-deps: production dependencies only, no install scripts ------------------------------------
FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund --ignore-scripts && npm cache clean --force

# --- runtime ------------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
LABEL org.opencontainers.image.title="voltlane" \
      org.opencontainers.image.description="Voltlane EV charging platform services (SERVICE selects one)" \
      org.opencontainers.image.licenses="Apache-2.0"
RUN apt-get update \
 && apt-get install -y --no-install-recommends tini \
 && rm -rf /var/lib/apt/lists/* \
 && rm -rf /usr/local/lib/node_modules/npm /usr/local/bin/npm /usr/local/bin/npx /opt/yarn* /usr/local/bin/yarn*
ENV NODE_ENV=production \
    SERVICE=session-engine \
    NODE_OPTIONS=--enable-source-maps
WORKDIR /app
# Everything the process reads is owned by root and read-only for the runtime user.
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /src/dist/apps ./dist/apps
COPY --from=build /src/dist/libs ./dist/libs
COPY --from=build /src/dist/node_modules ./dist/node_modules
COPY package.json ./
COPY --chmod=0755 deploy/docker/entrypoint.sh /usr/local/bin/voltlane
COPY --chmod=0644 deploy/docker/healthcheck.js /usr/local/lib/voltlane/healthcheck.js
EXPOSE 9000 9001 9002 9003 9100 9200
# The image's `node` user, by number so Kubernetes can verify runAsNonRoot.
USER 1000:1000
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "/usr/local/lib/voltlane/healthcheck.js"]
ENTRYPOINT ["/usr/bin/tini", "--", "/usr/local/bin/voltlane"]
CMD ["serve"]
