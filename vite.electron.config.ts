import { builtinModules } from 'node:module';
import { defineConfig, type EnvironmentOptions } from 'vite';

/*
 * Builds the Electron shell into out/electron: main.cjs (the main process, with the core bundled in) and
 * preload.cjs (the sandboxed preload). Two Vite environments, built one after the other by `vite build -c
 * vite.electron.config.ts`; they are separate builds on purpose, so code both import (shared/api.ts) is
 * inlined into each rather than split into a chunk the sandboxed preload could not require.
 *
 * main.cjs keeps external only what cannot be bundled: electron itself, Node's builtins, and the native
 * keychain binding (@napi-rs/keyring and its per-platform packages, which electron-builder unpacks from
 * the asar). preload.cjs keeps only 'electron' external: a sandboxed preload can require nothing else.
 */

const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];
const native = [/^@napi-rs\/keyring(-.+)?(\/.*)?$/];

/** Electron 45 runs Node 22 in the main process and a current Chromium in the renderer. */
const MAIN_TARGET = 'node22';
const PRELOAD_TARGET = 'chrome140';

const common = {
  outDir: 'out/electron',
  emptyOutDir: false,
  minify: false,
  reportCompressedSize: false,
  copyPublicDir: false,
} as const;

const main: EnvironmentOptions = {
  consumer: 'server',
  resolve: { noExternal: true, external: ['electron'], conditions: ['node', 'import', 'module', 'default'] },
  build: {
    ...common,
    target: MAIN_TARGET,
    rollupOptions: {
      input: { main: 'electron/desktop/main.ts' },
      external: ['electron', ...nodeBuiltins, ...native],
      output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
    },
  },
};

const preload: EnvironmentOptions = {
  consumer: 'client',
  build: {
    ...common,
    target: PRELOAD_TARGET,
    rollupOptions: {
      input: { preload: 'electron/desktop/preload.ts' },
      external: ['electron'],
      output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
    },
  },
};

export default defineConfig({
  // The renderer has its own config (vite.config.ts); nothing here serves or copies public files.
  publicDir: false,
  environments: { main, preload },
  builder: {
    async buildApp(builder) {
      const { main: mainEnvironment, preload: preloadEnvironment } = builder.environments;
      if (!mainEnvironment || !preloadEnvironment) throw new Error('vite.electron.config.ts: missing environments.');
      await builder.build(mainEnvironment);
      await builder.build(preloadEnvironment);
    },
  },
});
