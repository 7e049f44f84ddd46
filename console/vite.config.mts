import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The console is built into console/dist and served by the gateway at /console
 * (gateway/routes/serveConsole.ts). Everything it needs is in the bundle: no CDN, no web font,
 * no inline script (the page's Content-Security-Policy allows only its own files).
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/console/',
  publicDir: false,
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Keep assets as files: an inlined data: URL would need a looser policy.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    target: 'es2022',
    reportCompressedSize: false,
  },
});
