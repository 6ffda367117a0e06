import { fileURLToPath } from 'node:url';
import { defineConfig, Plugin } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * `src/prefetch.ts` as its own small entry, named first in index.html's head, so that it runs (and asks the
 * overview's figures) while the app's script is still loading: Vite would bundle a second script tag of
 * index.html into the app's entry, which runs only once all of it is in.
 */
function prefetchFirst(): Plugin {
  return {
    name: 'dvc-prefetch-first',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, context) {
        const entry = Object.values(context.bundle ?? {}).find(
          (output) => output.type === 'chunk' && output.isEntry && output.name === 'prefetch',
        );
        if (!entry) throw new Error('the prefetch entry is missing from the bundle');
        return [
          {
            tag: 'script',
            attrs: { type: 'module', crossorigin: true, src: `/${entry.fileName}` },
            injectTo: 'head-prepend',
          },
        ];
      },
    },
  };
}

// Static files into dist/web, served by the API at / (apps/api/src/web/serve-web-app.ts).
// Vite 8 (Rolldown + Oxc) compiles TSX itself; dev: `npx vite apps/web` proxies the API on :3000.
export default defineConfig({
  root,
  base: '/',
  oxc: { jsx: { runtime: 'automatic' } },
  plugins: [prefetchFirst()],
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    sourcemap: false,
    reportCompressedSize: false,
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      input: {
        index: fileURLToPath(new URL('index.html', import.meta.url)),
        prefetch: fileURLToPath(new URL('src/prefetch.ts', import.meta.url)),
      },
      // React Query marks its hooks "use client" for server-component bundlers; meaningless in a browser bundle.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: { proxy: { '/v1': 'http://127.0.0.1:3000' } },
});
