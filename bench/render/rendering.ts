// Scenario: opening a conversation of 100,000 stored messages in Chromium and scrolling up through 2,000 of them,
// against a conversation of 50 (opening) and a plain list of 2,000 rows without virtualization (scrolling).
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { renderGoals, renderTable, type Row } from '../table.ts';
import { buildRenderer, openBrowserHost, type BrowserHost } from './browser.ts';
import { openMarks, scrollUp, watchFirstRow, type ScrollResult } from './probes.ts';
import { seedProfile } from './seed.ts';
import { staticListHtml } from './static-list.ts';

export interface RenderingOptions {
  readonly runs: number;
  /** Messages in the big conversation. */
  readonly stored: number;
  /** Messages to scroll up through. */
  readonly scroll: number;
}

interface OpenResult {
  readonly firstRow: number;
  readonly painted: number;
  /** Before the click, with the conversation list shown. */
  readonly heapBeforeMiB: number;
  readonly heapMiB: number;
  readonly nodes: number;
  /** CPU time of the page's main thread from the click until the list settled (see openConversation). */
  readonly cpuMs: number;
}

interface FrameStats {
  readonly frames: number;
  readonly dropped: number;
  readonly over33: number;
  readonly p95: number;
  readonly durationMs: number;
  readonly passed: number;
  readonly stuck: number;
  readonly distancePx: number;
  /** The two sides scroll different distances past different rows: these compare per distance. */
  readonly droppedPer1000Px: number;
  readonly droppedPer100Messages: number;
  readonly over33Per1000Px: number;
}

const smallConversation = 50;
/**
 * Openings measured per run and side (the first one before the scroll): an opening takes a second or two and a scroll
 * half a minute, while one opening's time moves by tens of milliseconds with the machine's other work.
 */
const opensPerRun = 8;
/** Messages the warm-up scrolls through: enough to load older pages and run every code path once. */
const warmUpScroll = 300;
/** Which side goes first alternates from run to run, so neither always inherits the other's leftovers. */
const sides = (run: number): readonly ('causette' | 'baseline')[] => (run % 2 === 1 ? ['baseline', 'causette'] : ['causette', 'baseline']);
const viewport = { width: 1100, height: 720 };
/** 6,000 px/s at 60 frames per second: a brisk flick of the wheel. */
const scrollStep = 100;
const vsyncMs = 1000 / 60;
const mib = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function frameStats(result: ScrollResult): FrameStats {
  const frames = result.frames.slice(1);
  const sorted = [...frames].sort((a, b) => a - b);
  // Vsync intervals that produced no frame.
  const dropped = frames.reduce((sum, delta) => sum + Math.max(0, Math.round(delta / vsyncMs) - 1), 0);
  const over33 = frames.filter((delta) => delta > 2 * vsyncMs + 0.5).length;
  const per = (count: number, of: number, unit: number) => (of > 0 ? (count * unit) / of : Number.NaN);
  return {
    frames: frames.length,
    dropped,
    over33,
    p95: sorted[Math.floor(sorted.length * 0.95)] ?? Number.NaN,
    durationMs: result.durationMs,
    passed: result.passed,
    stuck: result.stuck,
    distancePx: result.distancePx,
    droppedPer1000Px: per(dropped, result.distancePx, 1_000),
    droppedPer100Messages: per(dropped, result.passed, 100),
    over33Per1000Px: per(over33, result.distancePx, 1_000),
  };
}

/** A fresh browser context (its own renderer process and heap) on the app, with page errors collected. */
async function freshPage(host: BrowserHost, errors: string[]): Promise<Page> {
  const context = await host.browser.newContext({ viewport });
  const page = await context.newPage();
  page.on('pageerror', (error) => errors.push(error.message));
  return page;
}

async function heap(page: Page): Promise<{ heapMiB: number; nodes: number }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const metric = (name: string) => metrics.find((entry) => entry.name === name)?.value ?? Number.NaN;
  return { heapMiB: mib(metric('JSHeapUsedSize')), nodes: metric('Nodes') };
}

/** Chromium's ThreadTime: CPU seconds the page's main thread has used since the session enabled its metrics. */
async function mainThreadSeconds(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find((entry) => entry.name === 'ThreadTime')?.value ?? Number.NaN;
}

/**
 * Opens the app, clicks the conversation and times its first row; then waits for the list to settle, reads the CPU
 * time the page's main thread spent since the click (before any GC of ours) and weighs the heap.
 */
async function openConversation(page: Page, url: string, peer: string): Promise<OpenResult> {
  await page.goto(url);
  const button = page.getByRole('button', { name: new RegExp(`^${escapeRegExp(peer)}`) });
  await button.waitFor({ timeout: 30_000 });
  const before = await heap(page);
  await page.evaluate(watchFirstRow);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const cpuBefore = await mainThreadSeconds(cdp);
  const clicked = await button.evaluate((element) => {
    const at = performance.now();
    (element as HTMLElement).click();
    return at;
  });
  await page.waitForFunction(openMarks, undefined, { timeout: 60_000, polling: 50 });
  const marks = await page.evaluate(openMarks);
  if (!marks) throw new Error(`the conversation with ${peer} showed no message row`);
  await page.waitForFunction(() => document.querySelector('[role="list"][aria-label="Messages"]')?.getAttribute('aria-busy') === 'false', undefined, { timeout: 60_000, polling: 100 });
  await page.waitForTimeout(500);
  const cpuMs = ((await mainThreadSeconds(cdp)) - cpuBefore) * 1000;
  await cdp.detach();
  return { firstRow: marks.found - clicked, painted: marks.painted - clicked, cpuMs, heapBeforeMiB: before.heapMiB, ...(await heap(page)) };
}

async function scrollConversation(page: Page, messages: number): Promise<FrameStats> {
  const result = await page.evaluate(scrollUp, { messages, until: 'rows' as const, step: scrollStep, maxFrames: Math.ceil((messages * 400) / scrollStep) });
  if (result.passed < messages) throw new Error(`scrolling passed ${String(result.passed)} messages of ${String(messages)} before the frame limit`);
  return frameStats(result);
}

async function scrollStaticList(page: Page, rows: number): Promise<FrameStats> {
  // about:blank first: the app's Content-Security-Policy would refuse the page's inline style.
  await page.goto('about:blank');
  await page.setContent(staticListHtml(rows));
  await page.evaluate(() => {
    const scroller = document.querySelector('.scroll');
    if (scroller) scroller.scrollTop = scroller.scrollHeight;
  });
  await page.waitForTimeout(300);
  return frameStats(await page.evaluate(scrollUp, { messages: rows, until: 'top' as const, step: scrollStep, maxFrames: Math.ceil((rows * 400) / scrollStep) }));
}

interface RunResult {
  readonly open: OpenResult;
  readonly scroll: FrameStats;
  /** Once the scroll is over (heap after GC). */
  readonly scrolled: { readonly heapMiB: number; readonly nodes: number };
}

interface Results {
  readonly causette: RunResult[];
  readonly baseline: RunResult[];
  /** Every opening measured: the one before each scroll, then the ones on their own. */
  readonly opens: { readonly causette: OpenResult[]; readonly baseline: OpenResult[] };
}

export async function rendering(options: RenderingOptions, log: (line: string) => void): Promise<string> {
  buildRenderer();
  const dir = mkdtempSync(join(tmpdir(), 'causette-bench-render-'));
  try {
    const profile = join(dir, 'profile');
    mkdirSync(profile, { mode: 0o700 });
    const seeding = Date.now();
    const seeded = seedProfile(profile, options.stored, smallConversation);
    log(`render: seeded ${String(options.stored)} + ${String(smallConversation)} messages in ${String(Date.now() - seeding)} ms`);
    const host = await openBrowserHost(profile);
    const errors: string[] = [];
    const results: Results = { causette: [], baseline: [], opens: { causette: [], baseline: [] } };
    const peerOf = (side: 'causette' | 'baseline') => (side === 'causette' ? seeded.bigPeer : seeded.smallPeer);
    /** One side in a fresh context: open its conversation, scroll, weigh the heap. */
    const measure = async (side: 'causette' | 'baseline', scroll: number): Promise<RunResult> => {
      const page = await freshPage(host, errors);
      try {
        const open = await openConversation(page, host.url, peerOf(side));
        const frames = side === 'causette' ? await scrollConversation(page, scroll) : await scrollStaticList(page, scroll);
        return { open, scroll: frames, scrolled: await heap(page) };
      } finally {
        await page.context().close();
      }
    };
    /** One side in a fresh context: open its conversation only. */
    const openOnly = async (side: 'causette' | 'baseline'): Promise<OpenResult> => {
      const page = await freshPage(host, errors);
      try {
        return await openConversation(page, host.url, peerOf(side));
      } finally {
        await page.context().close();
      }
    };
    try {
      // Unmeasured, so that the first measured side does not pay alone for cold caches (browser, host, store, JIT).
      for (const side of sides(0)) await measure(side, Math.min(options.scroll, warmUpScroll));
      log('render: warmed up');
      for (let run = 1; run <= options.runs; run += 1) {
        for (const side of sides(run)) {
          const result = await measure(side, options.scroll);
          results[side].push(result);
          results.opens[side].push(result.open);
          log(`render run ${String(run)}/${String(options.runs)} ${side} ${JSON.stringify(result)}`);
        }
        // The order keeps alternating over the openings, so that neither side always follows a scroll.
        for (let open = 1; open < opensPerRun; open += 1) {
          for (const side of sides(run + open)) {
            const result = await openOnly(side);
            results.opens[side].push(result);
            log(`render run ${String(run)}/${String(options.runs)} opening ${String(open + 1)}/${String(opensPerRun)} ${side} ${JSON.stringify(result)}`);
          }
        }
      }
    } finally {
      await host.close();
    }
    if (errors.length > 0) throw new Error(`the page threw: ${errors.join('; ')}`);
    return report(options, results);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function report(options: RenderingOptions, results: Results): string {
  const c = results.causette;
  const b = results.baseline;
  const open = (list: OpenResult[], key: keyof OpenResult) => list.map((result) => Math.round(result[key] * 10) / 10);
  const oc = results.opens.causette;
  const ob = results.opens.baseline;
  const scroll = (list: RunResult[], key: keyof FrameStats) => list.map((result) => Math.round(result.scroll[key] * 10) / 10);
  const stored = options.stored.toLocaleString('en');
  const paintedRow: Row = { metric: 'click → first message row painted', unit: 'ms', causette: open(oc, 'painted'), baseline: open(ob, 'painted') };
  const rows: Row[] = [
    { metric: 'click → first message row in the DOM', unit: 'ms', causette: open(oc, 'firstRow'), baseline: open(ob, 'firstRow') },
    paintedRow,
    { metric: 'page main-thread CPU, click → settled', unit: 'ms', causette: open(oc, 'cpuMs'), baseline: open(ob, 'cpuMs') },
    { metric: 'JS heap used before the click (after GC)', unit: 'MiB', causette: open(oc, 'heapBeforeMiB'), baseline: open(ob, 'heapBeforeMiB') },
    { metric: 'JS heap used once open (after GC)', unit: 'MiB', causette: open(oc, 'heapMiB'), baseline: open(ob, 'heapMiB') },
    { metric: 'DOM nodes once open', unit: 'count', causette: open(oc, 'nodes'), baseline: open(ob, 'nodes') },
    { metric: `scroll up ${options.scroll.toLocaleString('en')} messages: frames`, unit: 'count', causette: scroll(c, 'frames'), baseline: scroll(b, 'frames') },
    { metric: '  dropped frames (vsyncs without a frame)', unit: 'count', causette: scroll(c, 'dropped'), baseline: scroll(b, 'dropped') },
    { metric: '  frames longer than 33 ms', unit: 'count', causette: scroll(c, 'over33'), baseline: scroll(b, 'over33') },
    { metric: '  distance scrolled', unit: 'px', causette: scroll(c, 'distancePx'), baseline: scroll(b, 'distancePx') },
    { metric: '  dropped frames per 1,000 px', unit: 'count', causette: scroll(c, 'droppedPer1000Px'), baseline: scroll(b, 'droppedPer1000Px') },
    { metric: '  dropped frames per 100 messages', unit: 'count', causette: scroll(c, 'droppedPer100Messages'), baseline: scroll(b, 'droppedPer100Messages') },
    { metric: '  frames longer than 33 ms per 1,000 px', unit: 'count', causette: scroll(c, 'over33Per1000Px'), baseline: scroll(b, 'over33Per1000Px') },
    { metric: '  95th percentile frame time', unit: 'ms', causette: scroll(c, 'p95'), baseline: scroll(b, 'p95') },
    { metric: '  duration', unit: 'ms', causette: scroll(c, 'durationMs'), baseline: scroll(b, 'durationMs') },
    { metric: '  frames stuck at the top (older page loading)', unit: 'count', causette: scroll(c, 'stuck'), baseline: [] },
    { metric: 'DOM nodes after the scroll', unit: 'count', causette: c.map((r) => r.scrolled.nodes), baseline: b.map((r) => r.scrolled.nodes) },
    { metric: 'JS heap used after the scroll (after GC)', unit: 'MiB', causette: c.map((r) => r.scrolled.heapMiB), baseline: [] },
  ];
  return [
    `rendering: a conversation of ${stored} stored messages in Chromium (headless, ${String(viewport.width)}×${String(viewport.height)}, software rendering), ${String(options.runs)} runs`,
    `  after an unmeasured warm-up of both sides; the side that goes first alternates (baseline first in odd runs).`,
    `  Each run opens each side ${String(opensPerRun)} times (the first before its scroll, the order alternating), so the opening rows hold ${String(options.runs * opensPerRun)} openings a side.`,
    '',
    renderTable(rows),
    renderGoals([{ row: paintedRow, max: 1.1 }]),
    '',
    `Causette: the browser mode on a profile seeded with ${stored} messages with one peer (mixed directions, 4% long paragraphs, 10% links)`,
    `  whose newest ${String(smallConversation)} are those of the baseline's conversation: both openings show the same first screen.`,
    '  and the account disabled; each run opens the app in a fresh browser context and clicks the conversation in the list.',
    `  "painted" = the first row of the list named "Messages" appeared (MutationObserver), then one animation frame and a task.`,
    '  "main-thread CPU" = Chromium\'s ThreadTime of the page from just before the click until the list is no longer busy and',
    '  500 ms more have passed: the work opening costs the page, which the machine\'s other work does not lengthen as it does the times.',
    `  Scrolling: ${String(scrollStep)} px up per animation frame (6,000 px/s at 60 Hz) until ${options.scroll.toLocaleString('en')} rows not shown at the start`,
    '  have entered the list; older pages load from the store on the way.',
    `baseline, opening: the same app opening a conversation of ${String(smallConversation)} messages (same profile, same steps).`,
    `baseline, scrolling: a static page (about:blank) with the same ${options.scroll.toLocaleString('en')} texts as plain rows, all in the DOM,`,
    '  no framework, scrolled the same way from its bottom to its top (its DOM nodes are that page\'s; it has no heap to compare).',
    'Dropped frames = Σ(round(Δ / 16.7 ms) − 1) over requestAnimationFrame intervals Δ. The machine runs other work: compare within a run.',
    'The two sides scroll different distances past rows of different heights: compare the per-1,000 px and per-100-message rows.',
  ].join('\n');
}
