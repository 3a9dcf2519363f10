import { defineConfig } from 'vite';
import { resolve } from 'node:path';

// Three pages, three entries: the viewer page (what phones load) does not carry the studio's code.
// hls.js is imported on demand, only when a room has a stream URL and the browser cannot play HLS itself.
export default defineConfig({
  root: resolve(__dirname, 'pages'),
  base: '/',
  publicDir: false,
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    outDir: resolve(__dirname, '../wwwroot'),
    emptyOutDir: true,
    target: 'es2020',
    assetsDir: 'assets',
    reportCompressedSize: false,
    chunkSizeWarningLimit: 1024,
    rollupOptions: {
      // @microsoft/signalr's misplaced /*#__PURE__*/ comments are harmless; keep the host's build log clean.
      onwarn(warning, warn) {
        if (warning.code === 'INVALID_ANNOTATION') return;
        warn(warning);
      },
      input: {
        home: resolve(__dirname, 'pages/index.html'),
        viewer: resolve(__dirname, 'pages/viewer.html'),
        studio: resolve(__dirname, 'pages/studio.html'),
      },
    },
  },
  server: {
    proxy: { '/api': 'http://localhost:5000', '/hubs': { target: 'http://localhost:5000', ws: true } },
  },
});
