/**
 * Quitting waits for the engine: the run in progress ends and is recorded (app.close()) before
 * Electron is allowed to quit. Whoever asks — the tray's Quit, the OS logging out, Cmd+Q — goes
 * through here once; a second ask while closing waits for the same close.
 */
import { app } from 'electron';

export interface QuitSteps {
  /** Before closing: let the window really close. */
  beforeClose(): void;
  /** Closes the app's parts (the engine waits for its run). */
  close(): Promise<void>;
  log(line: string): void;
}

export class QuitFlow {
  private closing: Promise<void> | null = null;
  private closed = false;

  constructor(private readonly steps: QuitSteps) {
    app.on('before-quit', (event) => {
      if (this.closed) return;
      event.preventDefault();
      void this.quit();
    });
  }

  quit(): Promise<void> {
    this.closing ??= (async () => {
      this.steps.log('Quitting: waiting for the run in progress to end…');
      this.steps.beforeClose();
      try {
        await this.steps.close();
      } catch (e) {
        this.steps.log(`Closing: ${(e as Error).message}`);
      }
      this.closed = true;
      app.quit();
    })();
    return this.closing;
  }
}
