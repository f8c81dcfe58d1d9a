# One image for the gateway and the four subgraphs; docker-compose.yml picks the entry point.
FROM node:24-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
COPY packages ./packages
RUN npm ci --omit=dev --ignore-scripts && npm rebuild @swc/core
COPY tsconfig.json .swcrc ./
COPY gateway ./gateway
COPY subgraphs ./subgraphs
COPY schema ./schema
COPY scripts ./scripts
USER node
EXPOSE 4000
CMD ["node", "-r", "@swc-node/register", "gateway/src/index.ts"]
