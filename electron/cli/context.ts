import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { defaultDataDir, loadConfigFile, type TillbridgeConfig } from '../engine/settings/config';

/** The config file the CLI uses: --config, then $TILLBRIDGE_CONFIG, then config.json in the data folder. */
export function configPath(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string | null {
  if (flag) return flag;
  if (env.TILLBRIDGE_CONFIG) return env.TILLBRIDGE_CONFIG;
  const fallback = join(defaultDataDir(env), 'config.json');
  return existsSync(fallback) ? fallback : null;
}

/** Loads the config or explains how to get one. */
export function requireConfig(flag: string | undefined): TillbridgeConfig {
  const file = configPath(flag);
  if (!file) {
    throw new Error('No configuration found. Give --config FILE (see README "Configuration"), set TILLBRIDGE_CONFIG, ' +
      `or put config.json in ${defaultDataDir()}. To try Tillbridge without any setup: tillbridge demo`);
  }
  return loadConfigFile(file);
}
