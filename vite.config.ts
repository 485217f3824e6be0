import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { precacheServiceWorker } from './scripts/precacheServiceWorker';

// `base: './'` keeps the built site working from any static host, also under a sub-path.
// The service worker (offline after the first visit) is generated from the bundle's file list.
export default defineConfig({
  base: './',
  plugins: [react(), precacheServiceWorker()],
  build: { target: 'es2022', sourcemap: false },
  worker: { format: 'es' },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
});
