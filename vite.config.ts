import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The renderer build. Electron loads it from file://, and browser mode serves it from the web host's
// root, so every asset URL is relative (base './') and the same bundle works in both shells.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../out/renderer',
    emptyOutDir: true,
    // Electron 45 ships a current Chromium; no need to transpile for older browsers.
    target: 'es2023',
  },
});
