import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/** Another live process holds the engine lock of this data folder. */
export class EngineBusyError extends Error {
  override readonly name = 'EngineBusyError';
  constructor(readonly pid: number, readonly dataDir: string) {
    super(`Another Tillbridge engine (process ${pid}) is already running on this data folder (${dataDir}). Stop it first, or use its dashboard.`);
  }
}

/**
 * One engine per data folder. Two engines on one state database would both export the same
 * order; the POS reference check would catch it, but two writers racing is not a design. The lock
 * is a file holding the owner's pid; a lock left by a dead process is taken over.
 */
export class InstanceLock {
  private held = false;

  constructor(private readonly file: string) {}

  /** Takes the lock or throws a message naming the process that holds it. */
  acquire(): void {
    mkdirSync(dirname(this.file), { recursive: true });
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const fd = openSync(this.file, 'wx');
        writeSync(fd, String(process.pid));
        closeSync(fd);
        this.held = true;
        return;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
        const owner = Number(readFileSync(this.file, 'utf8').trim());
        if (owner && isAlive(owner)) {
          throw new EngineBusyError(owner, dirname(this.file));
        }
        rmSync(this.file, { force: true }); // stale: its process is gone
      }
    }
    throw new Error(`Could not take the engine lock ${this.file}.`);
  }

  release(): void {
    if (!this.held) return;
    this.held = false;
    rmSync(this.file, { force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
