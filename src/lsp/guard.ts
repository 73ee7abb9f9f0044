// In front of the JSON-RPC reader: a message that is not JSON, or not a
// JSON-RPC message, gets the error response JSON-RPC 2.0 prescribes
// (-32700 parse error, -32600 invalid request) and is dropped; the server
// carries on with the next one. Everything else passes through untouched.

import { PassThrough, type Readable, type Writable } from 'node:stream';

const SEPARATOR = Buffer.from('\r\n\r\n');

function reply(output: Writable, id: unknown, code: number, message: string): void {
  const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', id: id ?? null, error: { code, message } }), 'utf8');
  output.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]));
}

/** Why a parsed message is not one JSON-RPC can take, or undefined. */
function invalid(message: unknown): string | undefined {
  if (typeof message !== 'object' || message === null || Array.isArray(message)) return 'a message must be a JSON object';
  const m = message as Record<string, unknown>;
  if (m['jsonrpc'] !== '2.0') return 'a message must say "jsonrpc": "2.0"';
  if (!('method' in m) && !('id' in m)) return 'a message must have a method (a request or notification) or an id (a response)';
  if ('method' in m && typeof m['method'] !== 'string') return 'the method must be a string';
  return undefined;
}

export function guardMessages(input: Readable, output: Writable): Readable {
  const out = new PassThrough();
  let buffer = Buffer.alloc(0);
  input.on('data', (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (;;) {
      const end = buffer.indexOf(SEPARATOR);
      if (end < 0) return;
      const header = buffer.subarray(0, end).toString('ascii');
      const length = /(?:^|\r\n)Content-Length:\s*(\d+)\s*(?:\r\n|$)/i.exec(header)?.[1];
      if (length === undefined) {
        reply(output, null, -32700, 'Parse error: a message header must give its Content-Length');
        buffer = buffer.subarray(end + SEPARATOR.length);
        continue;
      }
      const total = end + SEPARATOR.length + Number(length);
      if (buffer.length < total) return;
      const frame = buffer.subarray(0, total);
      const body = buffer.subarray(end + SEPARATOR.length, total).toString('utf8');
      buffer = buffer.subarray(total);
      let message: unknown;
      try {
        message = JSON.parse(body);
      } catch (error) {
        reply(output, null, -32700, `Parse error: ${(error as Error).message}`);
        continue;
      }
      const why = invalid(message);
      if (why) {
        reply(output, (message as { id?: unknown } | null)?.id, -32600, `Invalid request: ${why}`);
        continue;
      }
      out.write(frame);
    }
  });
  input.on('end', () => out.end());
  input.on('error', (error) => out.destroy(error));
  return out;
}
