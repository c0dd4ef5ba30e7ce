import { read } from 'node:fs';

/**
 * The first line of stdin, without its line break (all of stdin when it has none), read from file
 * descriptor 0 directly: `process.stdin` would first build a socket and a stream for a pipe, which
 * costs more than reading the key (start-up time, SPEC §7). Reading stops at the first line break:
 * a pipe its writer keeps open (a secret manager, `yes`) does not hold the run, and the key's
 * check starts one read sooner. A descriptor left non-blocking by the parent (EAGAIN) is read
 * through `process.stdin` after all.
 */
export async function readStdinLine(): Promise<string> {
  const chunks: Buffer[] = [];
  const hasLineBreak = (chunk: Buffer) => chunk.includes(10); // '\n', also the end of '\r\n'
  for (;;) {
    const buffer = Buffer.allocUnsafe(64 * 1024);
    let bytes: number;
    try {
      bytes = await new Promise<number>((resolve, reject) => read(0, buffer, 0, buffer.length, null, (error, n) => (error ? reject(error) : resolve(n))));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EOF') break; // Windows: the end of a pipe
      if (code !== 'EAGAIN') throw error;
      for await (const chunk of process.stdin) {
        chunks.push(chunk as Buffer);
        if (hasLineBreak(chunk as Buffer)) break;
      }
      break;
    }
    if (bytes === 0) break;
    const chunk = buffer.subarray(0, bytes);
    chunks.push(chunk);
    if (hasLineBreak(chunk)) break;
  }
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
}
