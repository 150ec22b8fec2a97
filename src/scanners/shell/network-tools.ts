/**
 * Tools that fetch from, send to or probe other hosts: the network rules judge their hosts and uploads, and
 * the capability table gives them the network power. One list, so the two cannot drift apart.
 * (A leaf module: capabilities.ts builds its table from it at load time, and rules/network.ts imports
 * capabilities.ts indirectly.)
 */
export const NETWORK_TOOLS: ReadonlySet<string> = new Set([
  'curl',
  'wget',
  'nc',
  'ncat',
  'netcat',
  'socat',
  'telnet',
  'ftp',
  'sftp',
  'ssh',
  'scp',
  'rsync',
  'http',
  'https',
  'xh',
  'aria2c',
  'httpie',
  'lftp',
  'tftp',
  'openssl',
  'dig',
  'nslookup',
  'host',
  'drill',
  'ping',
  'traceroute',
  'rclone',
  'nmap',
  'masscan',
]);

/** Name resolvers and probes: data they leak travels in the query itself (the DNS-channel rule's domain). */
export const DNS_TOOLS = /^(dig|nslookup|host|drill|ping|ping6|resolvectl|getent|traceroute|kdig|delv)$/;
