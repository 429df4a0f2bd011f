/**
 * Where webhooks may be sent. An administrator's URL is fetched by the server, from inside the
 * network: a URL naming a loopback, private, link-local (cloud metadata at 169.254.169.254) or
 * otherwise internal address would let it reach services that are not public (SSRF). Such
 * targets are refused, when subscribing and again before each delivery (DNS may have changed),
 * unless SECRETARIAT_WEBHOOK_ALLOW_PRIVATE=true (a closed network, tests).
 */
import dns from 'node:dns/promises';
import net from 'node:net';

// Two lists: a BlockList also matches IPv4 addresses against IPv4-mapped IPv6 rules.
const internal4 = new net.BlockList();
const internal6 = new net.BlockList();
// IPv4: this network, private, CGNAT, loopback, link-local, IETF, TEST-NETs, benchmarking, multicast, reserved, broadcast.
for (const [prefix, bits] of [['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24], ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4]] as const) {
  internal4.addSubnet(prefix, bits, 'ipv4');
}
// IPv6: unspecified, loopback, NAT64 local, unique-local, link-local, site-local, multicast, documentation;
// IPv4-mapped ones written as dotted quads are checked as the IPv4 address, any other form is refused.
for (const [prefix, bits] of [['::', 128], ['::1', 128], ['::ffff:0:0', 96], ['64:ff9b:1::', 48], ['fc00::', 7], ['fe80::', 10], ['fec0::', 10], ['ff00::', 8], ['2001:db8::', 32]] as const) {
  internal6.addSubnet(prefix, bits, 'ipv6');
}

/** Whether an IP address (v4 or v6) is not a public unicast address. */
export function isInternalAddress(address: string): boolean {
  const family = net.isIP(address);
  if (family === 0) return true;
  if (family === 4) return internal4.check(address, 'ipv4');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  return mapped ? isInternalAddress(mapped) : internal6.check(address, 'ipv6');
}

let allowInternal = false;

/** Sets whether webhooks may target internal addresses in this process (config: SECRETARIAT_WEBHOOK_ALLOW_PRIVATE). */
export function allowInternalWebhookTargets(allow: boolean): void {
  allowInternal = allow;
}

/**
 * Why `url` may not receive webhooks, or undefined when it may: an http(s) URL whose host
 * resolves only to public addresses. `lookup` is injectable for tests.
 */
export async function webhookTargetProblem(url: string, lookup: (host: string) => Promise<{ address: string }[]> = (host) => dns.lookup(host, { all: true })): Promise<string | undefined> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'is not a URL';
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return 'must be an http or https URL';
  if (allowInternal) return undefined;
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  try {
    addresses = net.isIP(host) ? [host] : (await lookup(host)).map((a) => a.address);
  } catch {
    return `its host "${host}" does not resolve`;
  }
  const bad = addresses.find(isInternalAddress);
  if (bad) return `its host "${host}" is an internal address (${bad}); set SECRETARIAT_WEBHOOK_ALLOW_PRIVATE=true to allow internal targets`;
  return undefined;
}
