// Builds the dashboard into dist/renderer/: index.html, app.js, app.css, favicon.svg.
// Fixed file names (no content hash): the engine serves them with `cache-control: no-cache`.
// The page expects the server to fill <meta name="tillbridge-token" content=""> with the token.
//
//   node renderer/build.mjs          production build (minified)
//   node renderer/build.mjs --dev    readable build with a linked source map
//   node renderer/build.mjs --watch  dev build, rebuilt on every change
import { build, context } from 'esbuild';
import { copyFile, mkdir, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const outdir = join(here, '..', 'dist', 'renderer');
const watch = process.argv.includes('--watch');
const dev = watch || process.argv.includes('--dev');

/**
 * zod bundles ~260 KiB of error-message translations behind `z.locales`; the dashboard shows its
 * own words and zod's English default is all it needs, so `locales/index.js` inside zod becomes
 * a module with English alone.
 * @type {import('esbuild').Plugin}
 */
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) => {
      if (!/[\\/]node_modules[\\/]zod[\\/]/.test(args.importer)) return undefined;
      return { path: join(dirname(args.importer), '..', 'locales', 'en.js'), namespace: 'zod-locales' };
    });
    b.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(args.path)};`,
      resolveDir: dirname(args.path),
      loader: 'js',
    }));
  },
};

/** @type {import('esbuild').BuildOptions} */
const options = {
  entryPoints: { app: join(here, 'src', 'main.tsx') },
  outdir,
  entryNames: '[name]',
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: ['chrome120', 'firefox121', 'safari17'],
  jsx: 'automatic',
  minify: !dev,
  sourcemap: dev ? 'linked' : false,
  legalComments: 'none',
  charset: 'utf8',
  define: { 'process.env.NODE_ENV': JSON.stringify(dev ? 'development' : 'production') },
  logLevel: 'warning',
  plugins: [zodEnglishOnly],
};

await rm(outdir, { recursive: true, force: true });
await mkdir(outdir, { recursive: true });
await copyFile(join(here, 'static', 'index.html'), join(outdir, 'index.html'));
await copyFile(join(here, 'static', 'favicon.svg'), join(outdir, 'favicon.svg'));

if (watch) {
  const ctx = await context(options);
  await ctx.watch();
  console.log(`Watching renderer/ → ${outdir}`);
} else {
  await build(options);
  const sizes = [];
  for (const f of ['app.js', 'app.css']) sizes.push(`${f} ${((await stat(join(outdir, f))).size / 1024).toFixed(1)} KiB`);
  console.log(`Dashboard built in dist/renderer/: ${sizes.join(', ')}`);
}
