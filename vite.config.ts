// Builds the renderer (renderer/ → dist/renderer/) as plain files: no inline scripts, nothing fetched from elsewhere.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('./renderer', import.meta.url));

export default defineConfig({
  root,
  base: './',
  publicDir: false,
  // React's automatic JSX runtime through Vite's built-in Oxc transform (no React plugin needed).
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: {
    outDir: fileURLToPath(new URL('./dist/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'es2024',
    // Assets stay files: the CSP allows 'self', and data: URLs for scripts or styles are not wanted.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
    reportCompressedSize: false,
  },
  server: { host: '127.0.0.1', strictPort: false },
});
