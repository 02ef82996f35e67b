import { describe, expect, it } from 'vitest';
import { isPrivateHost } from '../../../utils/capture/hosts';

const host = (url: string) => new URL(url).hostname;

describe('private, loopback and link-local hosts', () => {
  it('are recognised in every spelling URL accepts', () => {
    for (const url of [
      'http://localhost/', 'http://app.localhost/', 'http://127.0.0.1/', 'http://2130706433/', 'http://0x7f.1/', 'http://10.1.2.3/',
      'http://172.16.0.1/', 'http://172.31.255.255/', 'http://192.168.1.1/', 'http://169.254.169.254/latest/meta-data', 'http://0.0.0.0/',
      'http://100.64.0.1/', 'http://[::1]/', 'http://[fd00::1]/', 'http://[fe80::1]/', 'http://[::ffff:127.0.0.1]/', 'http://printer.local/', 'http://router/',
    ]) expect(isPrivateHost(host(url)), url).toBe(true);
  });
  it('public hosts are not', () => {
    for (const url of ['https://example.com/', 'http://8.8.8.8/', 'http://172.32.0.1/', 'http://192.169.0.1/', 'http://[2001:db8::1]/', 'https://cdn.local-news.com/']) {
      expect(isPrivateHost(host(url)), url).toBe(false);
    }
  });
});
