/** CSS is bundled by esbuild (renderer/build.mjs) into app.css; importing it only marks it as part of the page. */
declare module '*.css';
