import { describe, expect, it } from 'vitest';
import { findSecrets } from '../../../src/scanners/secrets/detect.js';

/**
 * Mechanisms of 2026-12-06 round 5 (misses of the retired independent sets, grouped by cause): each case written
 * for the mechanism, not taken from a row; values are random characters.
 */
const spans = (text: string) => findSecrets(text).map((h) => text.slice(h.start, h.end));

describe('URL credentials at a documentation host', () => {
  it('reports a random password of 16+ characters even at an example host', () => {
    expect(spans('MQ_URL=amqp://worker:Hq7ZtW2mKc9RvXb4Lp@queue.staging.example:5672/jobs')).toEqual([
      'Hq7ZtW2mKc9RvXb4Lp',
    ]);
    expect(spans('git clone https://bot:u4NcX9qTz2WmLr8KvB3s@git.example.com/team/app.git')).toHaveLength(1);
  });
  it('keeps sample passwords at example hosts quiet', () => {
    expect(spans('redis://default:s3cret99@cache.example.com:6379')).toEqual([]);
    expect(spans('postgres://app:hunter2hunter2@db.example.org/app')).toEqual([]);
  });
});
