import { createConnection } from 'node:net';

/** Throws a plain-words error when nothing listens on a database server's port (POS tests need a real server). */
export async function requireServer(name: string, host: string, port: number, startScript: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const socket = createConnection({ host, port });
    const fail = (why: string) => {
      socket.destroy();
      reject(new Error(`The ${name} server is not reachable at ${host}:${port} (${why}). ` +
        `Start it with \`bash ${startScript}\` (install it first with \`bash .ci/install-system.sh\`); POS tests need a real server.`));
    };
    socket.setTimeout(3000, () => fail('timeout'));
    socket.once('error', (e: NodeJS.ErrnoException) => fail(e.code ?? e.message));
    socket.once('connect', () => { socket.destroy(); resolve(); });
  });
}
