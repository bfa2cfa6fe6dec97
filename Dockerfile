# One image for the API, the worker and the command-line tools; the command picks the process.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
# The build includes the portal (dist/web), which the API serves at /.
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production
# V8 otherwise grows its heap towards its default limit under load: 192 MB keeps the API near
# 175 MB resident at the same throughput (bench/, docs/PERFORMANCE.md).
ENV NODE_OPTIONS=--max-old-space-size=192
WORKDIR /app
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/standards ./standards
# Evidence files and certificate PDFs (disk driver); a volume shared by the API and the workers.
RUN mkdir -p /app/storage && chown node:node /app/storage
USER node
EXPOSE 3000
CMD ["node", "dist/apps/api/src/main.js"]
