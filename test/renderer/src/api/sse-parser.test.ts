import { describe, expect, it } from 'vitest';
import { SseParser, type SseMessage } from '../../../../renderer/src/api/sse-parser';

function feed(chunks: string[]): SseMessage[] {
  const p = new SseParser();
  return chunks.flatMap((c) => p.push(c));
}

const stream = ': connected\n\nevent: status\ndata: {"state":"ok"}\n\nevent: progress\ndata: null\n\n';

describe('SseParser', () => {
  it('reads named events and skips comments', () => {
    expect(feed([stream])).toEqual([
      { event: 'status', data: '{"state":"ok"}', id: null },
      { event: 'progress', data: 'null', id: null },
    ]);
  });

  it('gives the same messages however the stream is cut, one character at a time included', () => {
    const whole = feed([stream]);
    for (let cut = 1; cut < stream.length; cut++) {
      expect(feed([stream.slice(0, cut), stream.slice(cut)])).toEqual(whole);
    }
    expect(feed([...stream])).toEqual(whole);
  });

  it('handles CRLF and lone CR line ends, also when CR and LF arrive in different chunks', () => {
    const crlf = stream.replaceAll('\n', '\r\n');
    const whole = feed([stream]);
    expect(feed([crlf])).toEqual(whole);
    expect(feed([stream.replaceAll('\n', '\r')])).toEqual(whole);
    for (let cut = 1; cut < crlf.length; cut++) {
      expect(feed([crlf.slice(0, cut), crlf.slice(cut)])).toEqual(whole);
    }
  });

  it('joins multi-line data with newlines, defaults the event name, keeps the id', () => {
    expect(feed(['id: 7\ndata: a\ndata:b\ndata\n\n'])).toEqual([{ event: 'message', data: 'a\nb\n', id: '7' }]);
  });

  it('dispatches nothing for an event without data, and nothing before the blank line', () => {
    const p = new SseParser();
    expect(p.push('event: status\n\n')).toEqual([]);
    expect(p.push('event: status\ndata: 1\n')).toEqual([]);
    expect(p.push('\n')).toEqual([{ event: 'status', data: '1', id: null }]);
  });

  it('keeps a colon inside the value and strips only one leading space', () => {
    expect(feed(['data:  {"a":"b:c"}\n\n'])).toEqual([{ event: 'message', data: ' {"a":"b:c"}', id: null }]);
  });
});
