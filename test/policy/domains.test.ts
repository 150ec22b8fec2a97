import { describe, expect, it } from 'vitest';
import { matchesDomain, parseDestination } from '../../src/policy/domains.js';

describe('destinations', () => {
  it('extracts the real host of URLs, bare hosts and scp-style remotes', () => {
    expect(parseDestination('https://github.com/a/b')?.host).toBe('github.com');
    expect(parseDestination('https://github.com@evil.example.net/x')?.host).toBe('evil.example.net');
    expect(parseDestination('localhost:8001/services')?.place).toBe('loopback');
    expect(parseDestination('git@github.com:org/repo.git')?.host).toBe('github.com');
    expect(parseDestination('HTTPS://GitHub.COM./x')?.host).toBe('github.com');
    expect(parseDestination('s3://bucket/key')).toBeUndefined();
  });

  it('classifies loopback, metadata, local network and internet hosts', () => {
    expect(parseDestination('http://127.0.0.1:9200')?.place).toBe('loopback');
    expect(parseDestination('http://2130706433/')?.place).toBe('loopback');
    expect(parseDestination('http://[::1]:3000')?.place).toBe('loopback');
    expect(parseDestination('http://169.254.169.254/latest/meta-data/')?.place).toBe('metadata');
    expect(parseDestination('http://metadata.google.internal/')?.place).toBe('metadata');
    expect(parseDestination('http://jenkins.local/job')?.place).toBe('local-network');
    expect(parseDestination('http://192.168.1.4/')?.place).toBe('local-network');
    expect(parseDestination('https://evil.example.net')?.place).toBe('internet');
  });

  it('classifies IPv6 literals by address, not as dotless local names', () => {
    // IPv4-mapped IPv6 reaches the IPv4 host: the metadata endpoint must not pass as "local network".
    expect(parseDestination('http://[::ffff:169.254.169.254]/latest/meta-data/')?.place).toBe('metadata');
    expect(parseDestination('http://[::ffff:a9fe:a9fe]/')?.place).toBe('metadata');
    expect(parseDestination('http://[::ffff:127.0.0.1]/')?.place).toBe('loopback');
    expect(parseDestination('http://[::ffff:10.0.0.1]/')?.place).toBe('local-network');
    expect(parseDestination('http://[::ffff:8.8.8.8]/')?.place).toBe('internet');
    expect(parseDestination('http://[2606:4700:4700::1111]/x')?.place).toBe('internet');
    expect(parseDestination('http://[fe80::1]/')?.place).toBe('local-network');
    expect(parseDestination('http://[fd12:3456::1]/')?.place).toBe('local-network');
    expect(parseDestination('http://[::]/')?.place).toBe('loopback');
  });

  it('matches domains on dot boundaries only', () => {
    expect(matchesDomain('github.com', 'github.com')).toBe(true);
    expect(matchesDomain('api.github.com', 'github.com')).toBe(true);
    expect(matchesDomain('evil-github.com', 'github.com')).toBe(false);
    expect(matchesDomain('github.com.evil.net', 'github.com')).toBe(false);
    expect(matchesDomain('github.com', '*.github.com')).toBe(false);
    expect(matchesDomain('api.github.com', '=github.com')).toBe(false);
  });
});
