// The HTML report as a person sees it: rendered by a real headless chromium (Debian's, driven by
// playwright-core). The CLAUDE.md rules block users are meant to copy must keep its lines.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO, runCli } from '../helpers/cli.js';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = path.join(REPO, 'test-artifacts');
const hasChromium = fs.existsSync(CHROMIUM);
if (!hasChromium)
  console.warn(`html-browser.test: skipped, ${CHROMIUM} is missing (.ci/run installs Debian's chromium)`);

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'aw-html-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe.skipIf(!hasChromium)(`the HTML report in headless chromium (${CHROMIUM})`, () => {
  it('renders the CLAUDE.md rules block on several lines, and keeps a screenshot', async () => {
    const demo = path.join(REPO, 'examples/demo-home');
    const out = path.join(tmp, 'report.html');
    const r = runCli([
      'audit',
      '--home',
      demo,
      '--project',
      path.join(demo, 'work/app'),
      '--format',
      'html',
      '--output',
      out,
    ]);
    expect(r.code).toBe(0);
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
      ],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
      await page.goto(pathToFileURL(out).href);
      const block = page.locator('pre.fix', { hasText: '## Security Rules' }).first();
      await expect(block.count()).resolves.toBeGreaterThan(0);
      // biome-ignore lint/performance/useDomNodeTextContent: the rendered text (lines as laid out) is the point.
      const shown = await block.innerText();
      const lines = shown.split('\n').filter((l) => l.trim() !== '');
      expect(lines[0]).toBe('## Security Rules');
      expect(lines.filter((l) => /^\d\. \*\*/.test(l))).toHaveLength(7);
      // Laid out as lines, not only present as newlines in the DOM: the box is many lines tall.
      const { height, lineHeight } = await block.evaluate((el) => ({
        height: el.getBoundingClientRect().height,
        lineHeight: Number.parseFloat(getComputedStyle(el).lineHeight) || 16,
      }));
      expect(height).toBeGreaterThan(8 * lineHeight);
      // The grouped baseline finding lists its items.
      await expect(page.locator('ul.items li').count()).resolves.toBeGreaterThanOrEqual(4);
      fs.mkdirSync(ARTIFACTS, { recursive: true });
      await block.scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(ARTIFACTS, 'audit-report.png') });
      expect(fs.statSync(path.join(ARTIFACTS, 'audit-report.png')).size).toBeGreaterThan(10_000);
    } finally {
      await browser.close();
    }
  }, 60_000);
});
