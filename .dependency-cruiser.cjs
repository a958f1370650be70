/**
 * Dependency rules the build enforces (`npm run lint:deps`): no import cycles, neither between modules nor
 * between folders (clone/ and jobs/ must not lean on each other: one owns planning and applying, the
 * other runs jobs). Which layer may import which is ESLint's job (eslint.config.js), where the message
 * can say why.
 */
module.exports = {
  forbidden: [
    {
      name: 'no-module-cycle',
      severity: 'error',
      comment: 'A module cycle makes load order matter and hides which module owns what.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-folder-cycle',
      severity: 'error',
      comment: 'Two folders importing each other are one room with two names: move the shared part to a third.',
      scope: 'folder',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    includeOnly: '^(electron|shared|renderer|sandbox)/',
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs'] },
  },
};
