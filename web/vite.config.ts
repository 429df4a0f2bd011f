import { defineConfig } from 'vite';

// JSX is compiled by Vite's esbuild (tsconfig "jsx": "react-jsx"); no React plugin is needed.
export default defineConfig({
  root: import.meta.dirname,
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1000 },
  esbuild: { jsx: 'automatic' },
  server: { proxy: { '/api': 'http://127.0.0.1:3000', '/akn': 'http://127.0.0.1:3000' } },
});
