# syntax=docker/dockerfile:1.7
# One image for all six services; SERVICE picks the one to run (see docker-compose.yml).
# Build:  docker build -t voltlane .
# Run:    docker run -e SERVICE=session-engine -e KAFKA_BROKERS=... -e DATABASE_URL=... voltlane
#         docker run ... voltlane migrate      (applies the service's migrations, then exits)

FROM node:24-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.base.json tsconfig.json .swcrc nx.json ./
COPY tools ./tools
COPY libs ./libs
COPY apps ./apps
COPY bench ./bench
RUN node tools/build.mjs && npx tsc -p tsconfig.json --noEmit

FROM node:24-bookworm-slim AS prod-deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund --ignore-scripts

FROM node:24-bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends tini && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production SERVICE=session-engine
WORKDIR /app
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /src/dist/apps ./dist/apps
COPY --from=build /src/dist/libs ./dist/libs
COPY --from=build /src/dist/node_modules ./dist/node_modules
COPY package.json nx.json ./
COPY deploy/docker/entrypoint.sh /usr/local/bin/voltlane
USER node
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||9001)+'/health/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
ENTRYPOINT ["/usr/bin/tini", "--", "/usr/local/bin/voltlane"]
CMD ["serve"]
