import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { guardWritable } from '../../../../main/cli/guardWritable';

/** A pipe whose reader takes each chunk a tick later: every write over 4 bytes hits backpressure. */
function slowPipe(): { stream: Writable; received: string[] } {
  const received: string[] = [];
  const stream = new Writable({
    highWaterMark: 4,
    write(chunk: Buffer, _enc, callback) {
      received.push(chunk.toString());
      setImmediate(callback);
    },
  });
  return { stream, received };
}

/** A pipe whose reader never reads: writes wait until it goes away. */
function stuckPipe(): Writable {
  return new Writable({ highWaterMark: 4, write() {} });
}

function errorsSink(): { write(text: string): void; text: string[] } {
  const text: string[] = [];
  return { text, write: (t) => void text.push(t) };
}

describe('guardWritable', () => {
  it('keeps nothing behind after many backpressured writes (a pager left open for hours)', async () => {
    const { stream, received } = slowPipe();
    const out = guardWritable(stream, errorsSink());
    for (let i = 0; i < 2000; i++) await out.write(`line ${i}\n`);
    expect(received).toHaveLength(2000);
    expect(received.at(-1)).toBe('line 1999\n');
    expect(out.waiting).toBe(0);
    expect(stream.listenerCount('drain')).toBe(0);
  });

  it('waits on one drain listener however many writes are in flight, in order', async () => {
    const { stream, received } = slowPipe();
    const out = guardWritable(stream, errorsSink());
    const writes = Array.from({ length: 300 }, (_, i) => out.write(`${i}\n`));
    expect(out.waiting).toBeGreaterThan(0);
    expect(stream.listenerCount('drain')).toBeLessThanOrEqual(1);
    await Promise.all(writes);
    expect(received.join('')).toBe(Array.from({ length: 300 }, (_, i) => `${i}\n`).join(''));
    expect(out.waiting).toBe(0);
  });

  it('lets waiting writes go and tells onClosed once when the reader goes away (EPIPE), quietly', async () => {
    const stream = stuckPipe();
    const errors = errorsSink();
    const out = guardWritable(stream, errors);
    let told = 0;
    out.onClosed(() => told++);
    const pending = [out.write('first chunk\n'), out.write('second chunk\n')];
    expect(out.waiting).toBe(2);
    stream.emit('error', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
    await Promise.all(pending);
    expect(out.closed).toBe(true);
    expect(out.waiting).toBe(0);
    expect(told).toBe(1);
    expect(errors.text).toEqual([]);
    await out.write('after close\n');
    let lateTold = 0;
    out.onClosed(() => lateTold++);
    expect(lateTold).toBe(1);
  });

  it('says once on stderr why it stopped for any other write error', () => {
    const stream = stuckPipe();
    const errors = errorsSink();
    guardWritable(stream, errors);
    stream.emit('error', Object.assign(new Error('no space'), { code: 'ENOSPC' }));
    stream.emit('error', Object.assign(new Error('no space'), { code: 'ENOSPC' }));
    expect(errors.text).toEqual(['cannot write to standard output (ENOSPC); stopping\n']);
  });
});
