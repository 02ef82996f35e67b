/** This machine: `localhost`, `*.localhost`, 127.0.0.0/8 and `[::1]` (as `URL.hostname` writes them). */
export const isLoopback = (hostname: string): boolean => /^(localhost|.+\.localhost|127(\.\d{1,3}){3}|\[::1\])$/i.test(hostname);

/**
 * Loopback, private-network and link-local hosts (RFC 1918, 169.254/16, 0/8, IPv6 ULA and link-local, `.local`,
 * and IPv4 mapped into IPv6). `URL` has already turned other spellings of an address (decimal, hex) into
 * dotted form, so matching the hostname is enough.
 */
export function isPrivateHost(hostname: string): boolean {
  const h = hostname.toLowerCase();
  if (isLoopback(h) || h.endsWith('.local') || h.endsWith('.internal') || !h.includes('.') && !h.startsWith('[')) return true;
  const v4 = /^(\d+)\.(\d+)\.\d+\.\d+$/.exec(h);
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    return a === 0 || a === 10 || a === 127 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127);
  }
  const v6 = /^\[(.*)\]$/.exec(h)?.[1];
  if (v6 === undefined) return false;
  if (v6.startsWith('::ffff:')) return true; // mapped IPv4: refuse rather than decode the two spellings
  return v6 === '::' || v6 === '::1' || /^f[cd]/.test(v6) || /^fe[89ab]/.test(v6);
}
