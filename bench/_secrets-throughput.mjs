// Secrets engine throughput on a generated Claude Code transcript (AW_TRANSCRIPT_MB, 200 MB by default),
// streamed as the audit reads it (MB/s, peak RSS), against secretlint (recommended preset) on the same file
// in the same run, fed the same blocks of whole lines. Standalone: node bench/_secrets-throughput.mjs
// AW_SECRETS_BASELINE=DIR also streams the file with the engine under DIR/src (another commit's tree, e.g. from
// `git archive <commit> src | tar -x -C DIR`), after this one, for the ratio against the previous engine in one run.
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadTs, sourceText } from './_detector-bench.mjs';

/** Writes about `mb` MB of transcript lines (prose from node_modules, a fake key every 500 lines). */
async function writeTranscript(file, mb, prose) {
  const lines = prose.split('\n');
  const fake = ['sk_live_xWFsyMYQPn3CLccmCOoQKP2T', 'AKIAEEARJ6ENXFWB4VFX'];
  const out = createWriteStream(file);
  let written = 0;
  let i = 0;
  await new Promise((resolve) => {
    const write = () => {
      let ok = true;
      while (ok && written < mb * 1e6) {
        const text = lines.slice(i % lines.length, (i % lines.length) + 20).join('\n');
        const secret = i % 500 === 0 ? ` ${fake[i % 2]}` : '';
        const line = `${JSON.stringify({ type: i % 2 ? 'assistant' : 'user', uuid: `u${i}`, message: { role: 'user', content: [{ type: 'text', text: text + secret }] } })}\n`;
        written += line.length;
        i++;
        ok = out.write(line);
      }
      if (written >= mb * 1e6) out.end(resolve);
      else out.once('drain', write);
    };
    write();
  });
}

/**
 * CPU seconds this process used since `since` (process.cpuUsage()). On the shared machine other sessions keep
 * the load far above its two cores, so wall-clock MB/s measures the queue as much as the engine; the engine is
 * single-threaded, so MB per CPU-second is what one free core would do.
 */
function cpuSeconds(since) {
  const { user, system } = process.cpuUsage(since);
  return (user + system) / 1e6;
}

/** Calls `visit` on each block of whole lines of `file`, read 1 MB at a time (as the engine's stream does). */
async function forEachBlock(file, visit) {
  let pending = '';
  for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
    const cut = chunk.lastIndexOf('\n');
    if (cut === -1) {
      pending += chunk;
      continue;
    }
    await visit(pending + chunk.slice(0, cut));
    pending = chunk.slice(cut + 1);
  }
  if (pending) await visit(pending);
}

/** Runs the transcript benchmark; returns { awMBs, awCpuMBs, secretlintMBs, secretlintCpuMBs }. */
export async function transcriptThroughput({ mb = Number(process.env.AW_TRANSCRIPT_MB ?? 200), prose } = {}) {
  const { scanFileLines } = await loadTs(
    new URL('../src/scanners/secrets/stream.ts', import.meta.url).pathname,
  );
  const dir = mkdtempSync(join(tmpdir(), 'aw-transcript-'));
  const transcript = join(dir, 'session.jsonl');
  try {
    await writeTranscript(transcript, mb, (prose ?? sourceText()).slice(0, 2_000_000));
    const size = statSync(transcript).size / 1e6;
    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }, 20);
    const rssBefore = process.memoryUsage().rss;
    let started = performance.now();
    let cpu = process.cpuUsage();
    const { hits, linesWithSecrets } = await scanFileLines(transcript, { limit: 1e9 });
    const awSeconds = (performance.now() - started) / 1000;
    const awCpuSeconds = cpuSeconds(cpu);
    clearInterval(sampler);
    const awMBs = size / awSeconds;
    const awCpuMBs = size / awCpuSeconds;
    console.log(
      `transcript ${size.toFixed(0)} MB streamed: agentwarden ${awMBs.toFixed(1)} MB/s wall, ${awCpuMBs.toFixed(1)} MB per CPU-second, ` +
        `${hits.length} hits on ${linesWithSecrets} lines, load ${loadavg()[0].toFixed(1)}, ` +
        `RSS before ${(rssBefore / 1e6).toFixed(0)} MB, peak ${(peakRss / 1e6).toFixed(0)} MB (target >= 50 MB/s, flat memory)`,
    );
    const baseline = process.env.AW_SECRETS_BASELINE;
    if (baseline) {
      const previous = await loadTs(join(baseline, 'src/scanners/secrets/stream.ts'));
      started = performance.now();
      cpu = process.cpuUsage();
      const before = await previous.scanFileLines(transcript, { limit: 1e9 });
      const cpuMBs = size / cpuSeconds(cpu);
      console.log(
        `transcript ${size.toFixed(0)} MB, same file: engine at ${baseline} ${(size / ((performance.now() - started) / 1000)).toFixed(1)} MB/s wall, ` +
          `${cpuMBs.toFixed(1)} MB per CPU-second (${before.hits.length} hits); this engine / that one ${(awCpuMBs / cpuMBs).toFixed(2)}x CPU`,
      );
    }
    let lintSource;
    let preset;
    try {
      ({ lintSource } = await import('@secretlint/core'));
      preset = (await import('@secretlint/secretlint-rule-preset-recommend')).creator;
    } catch {
      console.log(
        'secretlint: not installed (devDependencies @secretlint/core, @secretlint/secretlint-rule-preset-recommend)',
      );
      return { awMBs };
    }
    const config = { rules: [{ id: '@secretlint/secretlint-rule-preset-recommend', rule: preset }] };
    let slMessages = 0;
    started = performance.now();
    cpu = process.cpuUsage();
    await forEachBlock(transcript, async (content) => {
      const r = await lintSource({
        source: { filePath: transcript, content, ext: '.jsonl', contentType: 'text' },
        options: { config },
      });
      slMessages += r.messages.length;
    });
    const secretlintMBs = size / ((performance.now() - started) / 1000);
    const secretlintCpuMBs = size / cpuSeconds(cpu);
    console.log(
      `transcript ${size.toFixed(0)} MB, same file and blocks: secretlint ${secretlintMBs.toFixed(1)} MB/s wall, ` +
        `${secretlintCpuMBs.toFixed(1)} MB per CPU-second (${slMessages} messages); agentwarden/secretlint ratio ` +
        `${(awMBs / secretlintMBs).toFixed(2)}x wall, ${(awCpuMBs / secretlintCpuMBs).toFixed(2)}x CPU`,
    );
    return { awMBs, awCpuMBs, secretlintMBs, secretlintCpuMBs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await transcriptThroughput();
