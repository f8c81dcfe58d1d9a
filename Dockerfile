# One image for the gateway and the four subgraphs; the command picks which (docker-compose.yml,
# deploy/k8s). It runs compiled JavaScript (npm run build) on Node 24 LTS with production
# dependencies only: no TypeScript loader, no embedded PostgreSQL, as a non-root user.

# Build: the full toolchain compiles to dist/.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY packages ./packages
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json .swcrc ./
COPY gateway ./gateway
COPY subgraphs ./subgraphs
COPY schema ./schema
COPY scripts ./scripts
RUN npm run -s build

# Run: production dependencies and the compiled code.
FROM node:24-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
# The workspace packages' manifests (npm ci links them); at run time dist/node_modules/@kepuri wins.
COPY --from=build /app/packages ./packages
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
USER node
EXPOSE 4000 4001 4002 4003 4004
# Liveness of whichever process runs: the gateway listens on GATEWAY_PORT, a subgraph on PORT.
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.GATEWAY_PORT || process.env.PORT || 4000}/health`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Telemetry is preloaded (it must load before what it instruments); it exports only with OTEL_EXPORTER_OTLP_ENDPOINT set.
CMD ["node", "-r", "./dist/packages/platform/src/telemetry.js", "dist/gateway/src/index.js"]
