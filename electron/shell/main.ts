/** The desktop app's entry (package.json "main"): everything Electron runs starts in boot.ts. */
import { boot } from './boot';

boot(process.argv);
