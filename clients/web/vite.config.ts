import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The gateway serves the built console at /console and the API at /graphql on the
// same origin. In development, Vite proxies the API to a running gateway.
const gateway = process.env['CLUSTERGRAPH_GATEWAY'] ?? 'http://localhost:4000';

export default defineConfig({
  base: '/console/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    proxy: {
      '/graphql': { target: gateway, ws: true, changeOrigin: true },
      '/auth': { target: gateway, changeOrigin: true },
    },
  },
});
