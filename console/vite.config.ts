import { fileURLToPath, URL } from 'node:url';
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

// The console is built into the API's dist (served by src/console/console-static.ts): one
// origin, so the browser calls /api/v1 with no CORS. Forms validate with the API's own zod
// schemas, imported through the @contracts alias.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  plugins: [vue()],
  resolve: { alias: { '@contracts': fileURLToPath(new URL('../src/core/contracts', import.meta.url)) } },
  build: {
    outDir: fileURLToPath(new URL('../dist/console', import.meta.url)),
    emptyOutDir: true,
    // The budget is checked by the browser test (initial JS ≤ 500 KB gzipped); silence Vite's raw-size warning.
    chunkSizeWarningLimit: 1500,
  },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
