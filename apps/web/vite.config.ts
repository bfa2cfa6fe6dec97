import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The API (npm run dev:api) answers /api; the dev server proxies to it so the portal and the API
// share one origin, as they do when the API serves the built portal.
const api = process.env.API_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root: __dirname,
  plugins: [react()],
  resolve: {
    // The server's own ИИН rule (a pure function, no imports), so the page and the API agree.
    alias: { '@qualcert/iin-rule': resolve(__dirname, '../../libs/candidates/src/iin/iin.ts') },
  },
  build: {
    outDir: resolve(__dirname, '../../dist/web'),
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: false,
    // The spreadsheet library (exceljs, ~940 kB) is its own chunk, loaded only when staff read or write a sheet.
    chunkSizeWarningLimit: 1000,
    manifest: true,
  },
  server: {
    port: Number(process.env.WEB_PORT ?? 5173),
    strictPort: true,
    fs: { allow: [resolve(__dirname, '../..')] },
    proxy: { '/api': api, '/health': api },
  },
});
