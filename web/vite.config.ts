import { defineConfig } from 'vite';

// JSX is compiled by Vite's esbuild (tsconfig "jsx": "react-jsx"); no React plugin is needed.
export default defineConfig({
  root: import.meta.dirname,
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1000,
    // react-router marks its modules "use client" for server components, which a client bundle ignores.
    rollupOptions: { onwarn: (warning, warn) => (warning.code === 'MODULE_LEVEL_DIRECTIVE' ? undefined : warn(warning)) },
  },
  esbuild: { jsx: 'automatic' },
  server: { proxy: { '/api': 'http://127.0.0.1:3000', '/akn': 'http://127.0.0.1:3000' } },
});
