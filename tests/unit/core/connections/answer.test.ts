import { describe, expect, it } from 'vitest';
import { Answer } from '../../../../electron/core/connections/answer.ts';

const bytesOf = (text: string) => new TextEncoder().encode(text).buffer as ArrayBuffer;
const answer = (text: string | null, status = 200) =>
  new Answer(text === null ? null : bytesOf(text), {
    status,
    statusText: 'OK',
    headers: { 'content-type': 'application/json', 'x-b': ['one', 'two'], 'x-a': '1' },
    url: 'http://server/v1/files',
  });

/** The Answer stands in for a Response: each read is checked against what a real Response gives. */
describe('Answer', () => {
  it('reads as a Response does: status, ok, headers by name and in order, text and json', async () => {
    const body = '{"id":"file-1","name":"ü"}';
    const light = answer(body);
    const real = new Response(body, {
      status: 200,
      headers: [
        ['content-type', 'application/json'],
        ['x-b', 'one'],
        ['x-b', 'two'],
        ['x-a', '1'],
      ],
    });
    expect(light.ok).toBe(real.ok);
    expect(light.headers.get('X-B')).toBe(real.headers.get('X-B'));
    expect(light.headers.get('missing')).toBe(real.headers.get('missing'));
    expect(light.headers.has('x-a')).toBe(true);
    expect([...light.headers.entries()]).toEqual([...real.headers.entries()]);
    expect(await light.json()).toEqual(await real.json());
    expect(light.bodyUsed).toBe(true);
    await expect(light.text()).rejects.toThrow(TypeError);
    expect(answer('', 404).ok).toBe(false);
  });

  it('gives its body as a stream, and no body when there is none', async () => {
    const light = answer('bytes');
    const read: Uint8Array[] = [];
    for await (const chunk of light.body!) read.push(chunk);
    expect(Buffer.concat(read).toString()).toBe('bytes');
    expect(answer(null, 204).body).toBeNull();
    expect(await answer(null, 204).text()).toBe('');
  });

  it('clones before it is read, refuses a change to its headers', async () => {
    const light = answer('{"a":1}');
    const copy = light.clone();
    expect(await light.text()).toBe('{"a":1}');
    expect(await copy.arrayBuffer()).toEqual(bytesOf('{"a":1}'));
    expect(() => light.headers.set('x', 'y')).toThrow(TypeError);
  });
});

describe('AnswerHeaders', () => {
  it('knows only the headers the server sent, whatever their spelling', () => {
    const headers = answer('{}').headers;
    expect(headers.get('Content-Type')).toBe('application/json');
    expect(headers.get('constructor')).toBeNull();
    expect(headers.has('toString')).toBe(false);
  });
});
