import { execFileSync } from 'node:child_process';

/**
 * The project's own test hosts: one Linux network namespace per host, each joined to this
 * machine's root namespace by its own veth pair (host i: 10.<octet>.<i>.2, its link's far end
 * 10.<octet>.<i>.1). A host has routes to the link addresses only (no default route), so hosts
 * cannot reach each other directly, even where the machine forwards packets: everything that
 * goes from one host to another goes to an address on the root side, where a user-space link
 * (DelayingProxy) carries it — with the wide-area delay and loss of that link — to the other
 * host, and nothing a host sends can leave the machine. A blackhole route for the whole
 * 10.<octet>.0.0/16 in the root namespace keeps a stray packet to an address that is no
 * host's there too.
 */
export interface NetHost {
  /** Short name, e.g. 'gw-a', 'leader', 'sejin-heat'. */
  name: string;
  /** Network namespace (`ip netns exec <netns> …`). */
  netns: string;
  /** The host's own address (services listen here, in its namespace). */
  address: string;
  /** The root side of its link: where the host reaches the rest of the network (links, databases). */
  linkAddress: string;
}

export interface HostNetwork {
  prefix: string;
  octet: number;
  hosts: Map<string, NetHost>;
  host(name: string): NetHost;
  remove(): void;
}

function ip(args: string[], options: { netns?: string; ignoreErrors?: boolean } = {}): string {
  const argv = options.netns ? ['netns', 'exec', options.netns, 'ip', ...args] : args;
  try {
    return execFileSync('ip', argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    if (options.ignoreErrors) return '';
    const stderr = (error as { stderr?: string }).stderr ?? '';
    throw new Error(`ip ${argv.join(' ')}: ${stderr.trim() || (error as Error).message}`, { cause: error });
  }
}

/** Interface names are at most 15 characters: `<prefix><index>` on the root side. */
function linkName(prefix: string, index: number): string {
  const name = `${prefix}${index}`;
  if (name.length > 15) throw new Error(`interface name ${name} is longer than 15 characters: use a shorter prefix`);
  return name;
}

/** Creates the hosts (namespace, veth pair, addresses, routes). Throws when run without root. */
export function createHosts(prefix: string, octet: number, names: string[]): HostNetwork {
  if (process.getuid?.() !== 0) throw new Error('the multi-host network needs root (ip netns, veth)');
  if (!/^[a-z][a-z0-9]{1,9}$/.test(prefix)) throw new Error(`bad host prefix ${prefix}`);
  if (!Number.isInteger(octet) || octet < 1 || octet > 254) throw new Error(`bad octet ${octet}`);
  if (names.length > 250) throw new Error('at most 250 hosts');
  removeHosts(prefix, octet); // what a killed run left behind
  const hosts = new Map<string, NetHost>();
  const network: HostNetwork = {
    prefix,
    octet,
    hosts,
    host(name) {
      const host = hosts.get(name);
      if (!host) throw new Error(`no host ${name}`);
      return host;
    },
    remove: () => removeHosts(prefix, octet),
  };
  try {
    ip(['route', 'add', 'blackhole', `10.${octet}.0.0/16`]);
    names.forEach((name, i) => {
      const index = i + 1;
      const netns = `${prefix}-${name}`;
      const outer = linkName(prefix, index);
      const linkAddress = `10.${octet}.${index}.1`;
      const address = `10.${octet}.${index}.2`;
      ip(['netns', 'add', netns]);
      ip(['link', 'add', outer, 'type', 'veth', 'peer', 'name', `${outer}p`]);
      ip(['link', 'set', `${outer}p`, 'netns', netns]);
      ip(['addr', 'add', `${linkAddress}/24`, 'dev', outer]);
      ip(['link', 'set', outer, 'up']);
      ip(['link', 'set', 'lo', 'up'], { netns });
      ip(['link', 'set', `${outer}p`, 'name', 'eth0'], { netns });
      ip(['addr', 'add', `${address}/24`, 'dev', 'eth0'], { netns });
      ip(['link', 'set', 'eth0', 'up'], { netns });
      hosts.set(name, { name, netns, address, linkAddress });
    });
    // No default route: a host reaches the other hosts' link addresses (on the machine's side)
    // and nothing else — not another host's own address, whatever the machine's ip_forward
    // (podman turns it on), and no address outside the machine.
    for (const host of hosts.values()) {
      for (const other of hosts.values()) {
        if (other !== host) ip(['route', 'add', `${other.linkAddress}/32`, 'via', host.linkAddress], { netns: host.netns });
      }
    }
  } catch (error) {
    removeHosts(prefix, octet);
    throw error;
  }
  return network;
}

/** Removes every namespace and link with this prefix, and the blackhole route (idempotent). */
export function removeHosts(prefix: string, octet: number): void {
  for (const line of ip(['netns', 'list'], { ignoreErrors: true }).split('\n')) {
    const netns = line.split(' ')[0];
    if (!netns?.startsWith(`${prefix}-`)) continue;
    // A process still in it (its starter was killed) would keep running with no network.
    for (const pid of ip(['netns', 'pids', netns], { ignoreErrors: true }).split('\n').filter(Boolean)) {
      try {
        process.kill(Number(pid), 'SIGKILL');
      } catch {
        // gone already
      }
    }
    ip(['netns', 'delete', netns], { ignoreErrors: true });
  }
  // Deleting a namespace deletes its end of each veth pair, and so the pair; this is for a half-made one.
  for (const line of ip(['-o', 'link', 'show'], { ignoreErrors: true }).split('\n')) {
    const name = /^\d+: ([^:@]+)/.exec(line)?.[1];
    if (name && new RegExp(`^${prefix}\\d+p?$`).test(name)) ip(['link', 'delete', name], { ignoreErrors: true });
  }
  ip(['route', 'del', 'blackhole', `10.${octet}.0.0/16`], { ignoreErrors: true });
}
