// Lint: typescript-eslint's recommended rules, plus the boundary that keeps the engine and the
// connectors runnable in plain Node: only electron/shell/ may import 'electron' (or electron-store,
// which imports electron when loaded).
import tseslint from 'typescript-eslint';

const electronOnly = {
  paths: [
    { name: 'electron', message: 'Only electron/shell/ may import electron: the engine must run headless.' },
    { name: 'electron-store', message: 'electron-store loads electron: keep it in electron/shell/.' },
  ],
};

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', 'renderer/dist/**', '**/*.js', '**/*.cjs', '**/*.mjs'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', electronOnly],
    },
  },
  {
    files: ['electron/shell/**/*.ts', 'test/electron/shell/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
);
