import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { base64ToBytes, bytesToBase64, decodeDataUrl } from '../../utils/base64';
import { RED_PNG, RED_PNG_BASE64 } from './helpers/wire-server';

const utf8 = (s: string) => new TextEncoder().encode(s);

describe('decodeDataUrl', () => {
  it('decodes a base64 data URL to the exact bytes and its MIME type', () => {
    const { mime, bytes } = decodeDataUrl(`data:image/png;base64,${RED_PNG_BASE64}`);
    expect(mime).toBe('image/png');
    expect(bytes).toEqual(RED_PNG);
  });

  it('ignores parameters before ;base64 and whitespace or percent-escapes inside the payload', () => {
    const b64 = Buffer.from('<svg/>').toString('base64'); // PHN2Zy8+
    expect(decodeDataUrl(`data:image/svg+xml;charset=utf-8;base64,${b64}`)).toEqual({ mime: 'image/svg+xml', bytes: utf8('<svg/>') });
    const spaced = `${RED_PNG_BASE64.slice(0, 20)}\n ${RED_PNG_BASE64.slice(20)}`;
    expect(decodeDataUrl(`data:image/png;base64,${spaced}`).bytes).toEqual(RED_PNG);
    expect(decodeDataUrl('data:image/svg+xml;base64,PHN2Zy8%2B').bytes).toEqual(utf8('<svg/>'));
  });

  it('decodes a percent-encoded (non-base64) data URL as UTF-8', () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"><text>✓ café</text></svg>';
    const { mime, bytes } = decodeDataUrl(`data:image/svg+xml,${encodeURIComponent(svg)}`);
    expect(mime).toBe('image/svg+xml');
    expect(bytes).toEqual(utf8(svg));
    expect(decodeDataUrl('data:image/svg+xml;utf8,%E2%9C%93').bytes).toEqual(new Uint8Array([0xe2, 0x9c, 0x93]));
  });

  it('defaults the MIME type to text/plain and keeps a comma in the payload', () => {
    expect(decodeDataUrl('data:,Hello%2C%20World,again')).toEqual({ mime: 'text/plain', bytes: utf8('Hello, World,again') });
  });

  it('refuses what is not a data: URL with a readable message', () => {
    expect(() => decodeDataUrl('https://example.com/cat.png')).toThrow(/data: URL is malformed/);
    expect(() => decodeDataUrl('data:image/png;base64')).toThrow(/malformed/);
    expect(() => decodeDataUrl('data:image/png;base64,@@@@')).toThrow();
  });
});

describe('bytesToBase64 / base64ToBytes', () => {
  it('round-trips 100 KB of random bytes and agrees with Node’s encoder', () => {
    const bytes = new Uint8Array(randomBytes(100 * 1024));
    const b64 = bytesToBase64(bytes);
    expect(b64).toBe(Buffer.from(bytes).toString('base64'));
    expect(base64ToBytes(b64)).toEqual(bytes);
  });

  it.each([0, 1, 2, 3, 32767, 32768, 32769, 65537])('round-trips %i bytes (padding and chunk boundaries)', (n) => {
    const bytes = new Uint8Array(n).map((_, i) => (i * 131 + 7) & 0xff);
    const b64 = bytesToBase64(bytes);
    expect(b64).toBe(Buffer.from(bytes).toString('base64'));
    expect(base64ToBytes(b64)).toEqual(bytes);
  });

  it('encodes a subarray view, not its whole buffer', () => {
    const whole = new Uint8Array([1, 2, 3, 4, 5, 6]);
    expect(bytesToBase64(whole.subarray(2, 4))).toBe(Buffer.from([3, 4]).toString('base64'));
  });
});

describe('bytesToBase64', () => {
  it('gives the same text with and without the native Uint8Array.prototype.toBase64', () => {
    const bytes = new Uint8Array(randomBytes(100_000));
    const expected = Buffer.from(bytes).toString('base64');
    const proto = Uint8Array.prototype as unknown as Record<string, unknown>;
    const had = Object.getOwnPropertyDescriptor(proto, 'toBase64');
    try {
      Reflect.deleteProperty(proto, 'toBase64');
      expect(bytesToBase64(bytes)).toBe(expected);
      proto.toBase64 = function (this: Uint8Array) {
        return Buffer.from(this).toString('base64');
      };
      expect(bytesToBase64(bytes)).toBe(expected);
    } finally {
      if (had) Object.defineProperty(proto, 'toBase64', had);
      else Reflect.deleteProperty(proto, 'toBase64');
    }
  });
});
