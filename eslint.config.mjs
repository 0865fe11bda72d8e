// Lint: typescript-eslint's recommended rules, plus the directions imports may take.
//
//   connectors/core      the ports: imports nothing outside itself
//   connectors/*         implement the ports: never import electron/ (the engine, the app)
//   electron/engine      uses the ports: from connectors/ only connectors/core, and never the
//                        composition root, the CLI or the shell above it
//   electron/server      the engine API over HTTP on 127.0.0.1 (CLI while an engine runs, headless dashboard)
//   electron/compose     the composition root: may import everything but the shell
//   electron/shell       the only code that imports electron (or electron-store, which loads it)
//   renderer/            the dashboard (browser code): from electron/ only the contract, channels.ts
//
// ESLint replaces (does not merge) a rule set again for the same files, so each block below
// repeats the electron restriction.
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const electronPaths = [
  { name: 'electron', message: 'Only electron/shell/ may import electron: the engine must run headless.' },
  { name: 'electron-store', message: 'electron-store loads electron: keep it in electron/shell/.' },
];
const restrict = (...patterns) => ['error', { paths: electronPaths, patterns }];

const intoElectron = { regex: '(^|/)electron/', message: 'Connectors implement the ports in connectors/core; they never import the engine or the app.' };
const outOfCore = { regex: '^(?!\\./)', message: 'connectors/core holds the ports only and imports nothing outside itself.' };
const connectorInternals = { regex: '(^|/)connectors/(?!core/)', message: 'The engine uses only the ports in connectors/core; build concrete connectors in electron/compose/.' };
const appLayers = { regex: '^(\\.\\./)+(compose|server|cli|shell)(/|$)', message: 'The engine sits below the composition root, its HTTP server, the CLI and the shell: it may not import them.' };
const pageToEngine = { regex: '(^|/)electron/(?!engine/api/channels$)', message: 'The dashboard reaches the engine only through the contract, electron/engine/api/channels.ts; the rest of electron/ runs in Node.' };
const pageToConnectors = { regex: '(^|/)connectors/', message: 'The dashboard never imports connectors: it asks the engine through the channels.' };
const rawIpc = 'Raw IPC only in electron/shell/ipc-main.ts and preload.ts: add a channel to the bridge instead.';
const pageToNode = { regex: '^node:', message: 'The dashboard runs in a browser: no Node built-ins.' };

export default tseslint.config(
  { ignores: ['dist/**', 'dist-bench/**', 'out/**', 'node_modules/**', 'renderer/dist/**', '**/*.js', '**/*.cjs', '**/*.mjs'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': restrict(),
    },
  },
  { files: ['connectors/**/*.ts'], rules: { 'no-restricted-imports': restrict(intoElectron) } },
  { files: ['connectors/core/**/*.ts'], rules: { 'no-restricted-imports': restrict(outOfCore) } },
  { files: ['electron/engine/**/*.ts'], rules: { 'no-restricted-imports': restrict(connectorInternals, appLayers) } },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      'no-restricted-imports': restrict(pageToEngine, pageToConnectors, pageToNode),
    },
  },
  {
    files: ['electron/shell/**/*.ts', 'test/electron/shell/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  // One IPC bridge (GitHub Desktop's rule): only ipc-main.ts (sender check, payload check) and
  // preload.ts touch ipcMain/ipcRenderer; the rest of the shell goes through them.
  {
    files: ['electron/shell/**/*.ts'],
    ignores: ['electron/shell/ipc-main.ts', 'electron/shell/preload.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', importNames: ['ipcMain', 'ipcRenderer'], message: rawIpc }] }],
      'no-restricted-syntax': ['error',
        { selector: 'MemberExpression[property.name=/^ipc(Main|Renderer)$/]', message: rawIpc },
        { selector: 'VariableDeclarator > ObjectPattern > Property[key.name=/^ipc(Main|Renderer)$/]', message: rawIpc },
      ],
    },
  },
);
